import { accountLabel } from "../model";
import { adminPaths, describePath, describeUser, IamUser } from "../iam";
import { accountFinding, Finding, Rule } from "../rule";

export const oneAdminUser: Rule = {
  id: "one-admin-user",
  title: "Exactly one IAM user per account is an administrator, and it is the break-glass user",
  severity: "deny",
  rationale:
    "Every administrator user is a standing credential that can do anything; the break-glass user is the one that must exist for when the identity provider is down, and no other user should hold that power.",
  check({ accounts }) {
    const findings: Finding[] = [];
    for (const account of accounts) {
      const admins = [...account.users.values()]
        .map((user) => ({ user, paths: adminPaths(account, user) }))
        .filter((a) => a.paths.length > 0);
      // A user not managed here (only attached to by name) is reported account-wide.
      const where = (user: IamUser, message: string): Finding =>
        user.resource ? { stack: user.resource.stack, address: user.resource.address, message } : accountFinding(account, message);

      for (const { user, paths } of admins.filter((a) => !a.user.breakGlass)) {
        findings.push(
          where(user, `${describeUser(user)} has administrator access through ${describePath(paths[0])}, but only the break-glass user may: remove that access.`),
        );
      }
      const breakGlassAdmins = admins.filter((a) => a.user.breakGlass);
      for (const { user } of breakGlassAdmins.slice(1)) {
        findings.push(where(user, `${describeUser(user)} is a second break-glass administrator in ${accountLabel(account.key)}: keep exactly one.`));
      }
      if (breakGlassAdmins.length === 0) {
        const breakGlass = [...account.users.values()].find((u) => u.breakGlass);
        findings.push(
          breakGlass
            ? where(breakGlass, `${describeUser(breakGlass)} has no administrator access: attach AdministratorAccess to its group.`)
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
