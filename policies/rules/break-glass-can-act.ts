import { breakGlassUsers, describePolicy, describeUser, limitingDenies, remedy, strictAdministratorGrant, userPermissions } from "../iam";
import { Finding, Rule } from "../rule";

export const breakGlassCanAct: Rule = {
  id: "break-glass-can-act",
  // Stryker disable next-line StringLiteral: the title is prose for reports, not what the rule decides
  title: "Nothing takes administrator power away from the break-glass user",
  severity: "deny",
  // Stryker disable StringLiteral: the rationale is prose for reports, not what the rule decides
  rationale:
    "An explicit Deny overrides every Allow, and a permissions boundary caps what identity policies grant (IAM User Guide, \"Policy evaluation logic\"; \"Permissions boundaries for IAM entities\"): either one leaves the break-glass user unable to act on the day it is needed. Only the deny-unless-MFA pattern is kept, as it removes nothing once the user signs in with MFA.",
  // Stryker restore StringLiteral
  check: ({ accounts }) =>
    breakGlassUsers(accounts).flatMap(({ user }): Finding[] => {
      const permissions = userPermissions(user);
      const findings: Finding[] = limitingDenies(permissions).map(({ policy }) => ({
        stack: policy.via.stack,
        address: policy.via.address,
        message: `${describePolicy(policy)} denies actions to the break-glass ${describeUser(user)}, so it cannot act as administrator: ${remedy(policy.via)}.`,
      }));
      if (user.boundary && !strictAdministratorGrant({ identity: permissions.boundary ?? [] })) {
        findings.push({
          stack: user.boundary.via.stack,
          address: user.boundary.via.address,
          message: `the permissions boundary ${describePolicy(user.boundary)} of the break-glass ${describeUser(user)} does not allow every action on every resource, so it caps its power: remove the boundary (${remedy(user.boundary.via, "change")}).`,
        });
      }
      return findings;
    }),
};
