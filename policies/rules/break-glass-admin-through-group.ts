import { breakGlassUsers, describeUser, remedy } from "../iam";
import { Rule } from "../rule";

export const breakGlassAdminThroughGroup: Rule = {
  id: "break-glass-admin-through-group",
  // Stryker disable next-line StringLiteral: the title is prose for reports, not what the rule decides
  title: "The break-glass user gets its permissions only through its group",
  severity: "deny",
  // Stryker disable StringLiteral: the rationale is prose for reports, not what the rule decides
  rationale:
    "AWS's procedure attaches AdministratorAccess to EmergencyAccessGroup, not to the user (IAM User Guide, \"Create an IAM user for emergency access\"); policies on the user itself are easy to miss in a review and outlive a change to the group.",
  // Stryker restore StringLiteral
  check: ({ accounts }) =>
    breakGlassUsers(accounts).flatMap(({ user }) =>
      user.policies.map((policy) => ({
        stack: policy.via.stack,
        address: policy.via.address,
        message: `${policy.via.address} puts ${policy.name} on ${describeUser(user)} itself: ${remedy(policy.via)} and grant access through the break-glass group.`,
      })),
    ),
};
