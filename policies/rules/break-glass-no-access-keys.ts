import { breakGlassUsers, describeUser } from "../iam";
import { Rule } from "../rule";

export const breakGlassNoAccessKeys: Rule = {
  id: "break-glass-no-access-keys",
  title: "The break-glass user has no access keys",
  severity: "deny",
  rationale:
    "The break-glass user signs in to the console with a password kept offline; a long-lived access key for an administrator is a credential that can leak and be used at any time.",
  check: ({ accounts }) =>
    breakGlassUsers(accounts).flatMap(({ account, user }) =>
      (account.accessKeys.get(user.key) ?? []).map((key) => ({
        stack: key.stack,
        address: key.address,
        message: `${key.address} gives ${describeUser(user)} an access key: remove it; the break-glass user signs in to the console only.`,
      })),
    ),
};
