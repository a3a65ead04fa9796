import { breakGlassUsers, describeUser, remedy } from "../iam";
import { Rule } from "../rule";

export const breakGlassNoAccessKeys: Rule = {
  id: "break-glass-no-access-keys",
  // Stryker disable next-line StringLiteral: the title is prose for reports, not what the rule decides
  title: "The break-glass user has no access keys",
  severity: "deny",
  // Stryker disable StringLiteral: the rationale is prose for reports, not what the rule decides
  rationale:
    "The break-glass user signs in to the console with a password kept offline; a long-lived access key for an administrator is a credential that can leak and be used at any time (IAM User Guide, \"Security best practices in IAM\": require workloads to use temporary credentials).",
  // Stryker restore StringLiteral
  check: ({ accounts }) =>
    breakGlassUsers(accounts).flatMap(({ user }) =>
      user.accessKeys.map((key) => ({
        stack: key.stack,
        address: key.address,
        message: `${key.address} gives ${describeUser(user)} an access key: ${remedy(key)}; the break-glass user signs in to the console only.`,
      })),
    ),
};
