import { describeUser } from "../iam";
import { Finding, Rule } from "../rule";

export const breakGlassAdminThroughGroup: Rule = {
  id: "break-glass-admin-through-group",
  title: "The break-glass user gets its permissions only through its group",
  severity: "deny",
  rationale:
    "AWS's procedure attaches AdministratorAccess to EmergencyAccessGroup, not to the user; policies on the user itself are easy to miss in a review and outlive a change to the group.",
  check({ accounts }) {
    const findings: Finding[] = [];
    for (const account of accounts) {
      for (const user of account.users.values()) {
        if (!user.breakGlass) continue;
        for (const grant of account.userGrants.get(user.key) ?? []) {
          findings.push({
            stack: grant.via.stack,
            address: grant.via.address,
            message: `${grant.via.address} puts ${grant.policy} on ${describeUser(user)} itself: remove it and grant access through the break-glass group.`,
          });
        }
      }
    }
    return findings;
  },
};
