import { administrators, describePolicy, describeUser, IamAccount, IamUser, remedy } from "../iam";
import { accountLabel, DEFAULT_ACCOUNT } from "../model";
import { accountFinding, Finding, Rule } from "../rule";

export const oneAdminUser: Rule = {
  id: "one-admin-user",
  // Stryker disable next-line StringLiteral: the title is prose for reports, not what the rule decides
  title: "Exactly one IAM user per account is an administrator, and it is the break-glass user",
  severity: "deny",
  // Stryker disable StringLiteral: the rationale is prose for reports, not what the rule decides
  rationale:
    "Every administrator user is a standing credential that can do anything; the break-glass user is the one that must exist for when the identity provider is down (IAM User Guide, \"Create an IAM user for emergency access\"), and no other user should hold that power. A user is an administrator when its identity-based policies allow every action on every resource, as IAM evaluates them (IAM User Guide, \"Policy evaluation logic\"): Action or NotAction, Resource or NotResource, wildcards, minus unconditional explicit denies, within its permissions boundary. " +
    "A provider that names no account uses the default credentials, which may reach an account another provider names: a break-glass administrator on each may be two in one account.",
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
    return [...findings, ...mayShareAnAccount(accounts)];
  },
};

/**
 * A break-glass administrator on the default credentials beside one in an
 * account a provider names: those credentials may reach that same account,
 * which would then hold two. The checks cannot tell, so they fail closed.
 */
function mayShareAnAccount(accounts: IamAccount[]): Finding[] {
  const onDefault = accounts.find((a) => a.key === DEFAULT_ACCOUNT);
  const defaultAdmins = onDefault ? administrators(onDefault).filter((a) => a.user.breakGlass && a.user.origin) : [];
  if (defaultAdmins.length === 0) return [];
  const named = accounts.filter((a) => a.id).flatMap((a) => administrators(a).filter((x) => x.user.breakGlass).map((x) => ({ account: a, user: x.user })));
  if (named.length === 0) return [];
  return defaultAdmins.map(({ user }) => ({
    stack: user.origin!.stack,
    address: user.origin!.address,
    message:
      `${describeUser(user)} is a break-glass administrator on the default credentials, which may reach ${accountLabel(named[0].account.key)}, ` +
      `where ${describeUser(named[0].user)} is one: pin its provider to one account (allowed_account_ids), so the checks can tell whether it is a second one.`,
  }));
}
