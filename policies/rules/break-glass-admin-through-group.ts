import { breakGlassUsers, describeUser } from "../iam";
import { Rule } from "../rule";

export const breakGlassAdminThroughGroup: Rule = {
  id: "break-glass-admin-through-group",
  title: "The break-glass user gets its permissions only through its group",
  severity: "deny",
  rationale:
    "AWS's procedure attaches AdministratorAccess to EmergencyAccessGroup, not to the user; policies on the user itself are easy to miss in a review and outlive a change to the group.",
  check: ({ accounts }) =>
    breakGlassUsers(accounts).flatMap(({ account, user }) =>
      (account.userGrants.get(user.key) ?? []).map((grant) => ({
        stack: grant.via.stack,
        address: grant.via.address,
        message: `${grant.via.address} puts ${grant.policy} on ${describeUser(user)} itself: remove it and grant access through the break-glass group.`,
      })),
    ),
};
