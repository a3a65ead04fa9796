import { Account, adminPaths, breakGlassUsers, IamGroup } from "../iam";
import { Finding, Rule } from "../rule";

export const adminGroupOneMember: Rule = {
  id: "admin-group-one-member",
  title: "The break-glass administrators' group has exactly one member",
  severity: "deny",
  rationale:
    "Every member of the group is an administrator; `aws iam get-group` on it must show the break-glass user and no one else.",
  check({ accounts }) {
    const findings: Finding[] = [];
    const groups = new Map<IamGroup, Account>();
    for (const { account, user } of breakGlassUsers(accounts)) {
      for (const path of adminPaths(account, user)) if (path.group) groups.set(path.group, account);
    }
    for (const [group, account] of groups) {
      if (group.members.size === 1) continue;
      const members = [...group.members.keys()].map((key) => account.users.get(key)?.name ?? key);
      const at = group.resource ?? [...group.members.values()][0]?.[0];
      findings.push({
        stack: at?.stack ?? "",
        address: at?.address ?? "",
        message: `group ${group.name} has ${members.length} members (${members.join(", ")}): keep only the break-glass user in it.`,
      });
    }
    return findings;
  },
};
