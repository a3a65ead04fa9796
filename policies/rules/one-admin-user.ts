import { administrators, describePolicy, describeUser, IamUser, remedy } from "../iam";
import { accountLabel } from "../model";
import { accountFinding, Finding, Rule } from "../rule";

export const oneAdminUser: Rule = {
  id: "one-admin-user",
  // Stryker disable next-line StringLiteral: the title is prose for reports, not what the rule decides
  title: "Exactly one IAM user per account is an administrator, and it is the break-glass user",
  severity: "deny",
  // Stryker disable StringLiteral: the rationale is prose for reports, not what the rule decides
  rationale:
    "Every administrator user is a standing credential that can do anything; the break-glass user is the one that must exist for when the identity provider is down (IAM User Guide, \"Create an IAM user for emergency access\"), and no other user should hold that power. A user is an administrator when its identity-based policies allow every action on every resource, as IAM evaluates them (IAM User Guide, \"Policy evaluation logic\"): Action or NotAction, Resource or NotResource, wildcards, minus unconditional explicit denies, within its permissions boundary.",
  // Stryker restore StringLiteral
  check({ accounts }) {
    const findings: Finding[] = [];
    for (const account of accounts) {
      const where = (user: IamUser, message: string): Finding =>
        user.origin ? { stack: user.origin.stack, address: user.origin.address, message } : accountFinding(account, message);
      const admins = administrators(account);
      for (const { user, grant } of admins.filter((a) => !a.user.breakGlass)) {
        findings.push(
          where(user, `${describeUser(user)} is an administrator through ${describePolicy(grant.policy)}, but only the break-glass user may be: ${remedy(grant.policy.via)}.`),
        );
      }
      const breakGlassAdmins = admins.filter((a) => a.user.breakGlass);
      for (const { user } of breakGlassAdmins.slice(1)) {
        findings.push(where(user, `${describeUser(user)} is a second break-glass administrator in ${accountLabel(account.key)}: keep exactly one.`));
      }
      if (breakGlassAdmins.length === 0) {
        const breakGlass = account.users.filter((u) => u.breakGlass);
        const user = breakGlass.find((u) => u.origin) ?? breakGlass[0];
        findings.push(
          user
            ? where(user, `${describeUser(user)} has no administrator access (an Allow of every action on every resource): attach AdministratorAccess to its group.`)
            : accountFinding(
                account,
                `${accountLabel(account.key)} has no break-glass administrator: add the BreakGlassUser construct (user EmergencyAccess in EmergencyAccessGroup with AdministratorAccess).`,
              ),
        );
      }
    }
    return findings;
  },
};
