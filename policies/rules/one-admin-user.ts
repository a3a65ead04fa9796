import { administrators, breakGlassOf, describePolicy, describeUser, IamAccount, IamUser, remedy } from "../iam";
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
    const adminsOf = new Map(accounts.map((account) => [account, administrators(account)]));
    for (const account of accounts) {
      const where = (user: IamUser, message: string): Finding =>
        user.origin ? { stack: user.origin.stack, address: user.origin.address, message } : accountFinding(account, message);
      const admins = adminsOf.get(account)!;
      for (const { user, grant } of admins.filter((a) => !a.user.breakGlass)) {
        findings.push(
          where(user, `${describeUser(user)} is an administrator through ${describePolicy(grant.policy)}, but only the break-glass user may be: ${remedy(grant.policy.via)}.`),
        );
      }
      // The account's break-glass user first: any other marked administrator is the second.
      const first = breakGlassOf(account);
      const breakGlassAdmins = admins.filter((a) => a.user.breakGlass).sort((a, b) => Number(b.user === first) - Number(a.user === first));
      for (const { user } of breakGlassAdmins.slice(1)) {
        // Providers that name no account (by profile, say) all count as the default credentials: say how to tell them apart.
        const pin = account.key === DEFAULT_ACCOUNT ? " (if its provider reaches another account, pin it there with allowed_account_ids)" : "";
        findings.push(where(user, `${describeUser(user)} is a second break-glass administrator in ${accountLabel(account.key)}: keep exactly one${pin}.`));
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
    return [...findings, ...mayShareAnAccount(adminsOf)];
  },
};

/** The accounts a key may stand for: one, several (a provider allowing several), or any (the default credentials). */
function mayBe(key: string): string[] | "any" | undefined {
  if (key === DEFAULT_ACCOUNT) return "any";
  if (/^\d{12}( or \d{12})*$/.test(key)) return key.split(" or ");
  // An account not known before apply is the unresolved rule's.
  return undefined;
}

/**
 * A break-glass administrator on the default credentials, or on a provider
 * that allows several accounts, beside one in an account those may be: they
 * may be two in one account. The checks cannot tell, so they fail closed.
 */
function mayShareAnAccount(adminsOf: Map<IamAccount, ReturnType<typeof administrators>>): Finding[] {
  const candidates = [...adminsOf]
    .map(([account, admins]) => ({ account, may: mayBe(account.key), admins: admins.filter((a) => a.user.breakGlass && a.user.origin) }))
    .filter((c) => c.may !== undefined && c.admins.length > 0);
  const findings: Finding[] = [];
  for (const c of candidates) {
    if (c.may !== "any" && c.may!.length === 1) continue;
    const other = candidates.find((o) => o !== c && (c.may === "any" || o.may === "any" || o.may!.some((id) => (c.may as string[]).includes(id))));
    if (!other) continue;
    const on = c.may === "any" ? "on the default credentials, which may reach" : `on a provider allowed in ${c.account.key}, which may be`;
    for (const { user } of c.admins) {
      findings.push({
        stack: user.origin!.stack,
        address: user.origin!.address,
        message:
          `${describeUser(user)} is a break-glass administrator ${on} ${accountLabel(other.account.key)}, where ${describeUser(other.admins[0].user)} is one: ` +
          "pin its provider to one account (one allowed_account_ids entry), so the checks can tell whether it is a second one.",
      });
    }
  }
  return findings;
}
