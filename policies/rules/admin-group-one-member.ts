import { breakGlassUsers, groupGrantsAdministrator, IamGroup } from "../iam";
import { Finding, Rule } from "../rule";

export const adminGroupOneMember: Rule = {
  id: "admin-group-one-member",
  // Stryker disable next-line StringLiteral: the title is prose for reports, not what the rule decides
  title: "The break-glass administrators' group has exactly one member",
  severity: "deny",
  // Stryker disable StringLiteral: the rationale is prose for reports, not what the rule decides
  rationale:
    "Every member of the group is an administrator; after AWS's procedure, `aws iam get-group` on it shows the break-glass user and no one else (IAM User Guide, \"Create an IAM user for emergency access\").",
  // Stryker restore StringLiteral
  check({ accounts }) {
    const findings: Finding[] = [];
    const groups = new Map<IamGroup, string[]>();
    for (const { account, user } of breakGlassUsers(accounts)) {
      for (const { group } of user.memberships) {
        if (!groupGrantsAdministrator(group)) continue;
        groups.set(group, [...group.members.keys()].map((key) => account.users.find((u) => u.key === key)?.name ?? key));
      }
    }
    for (const [group, members] of groups) {
      if (members.length === 1) continue;
      const at = group.origin ?? [...group.members.values()][0][0];
      findings.push({
        stack: at.stack,
        address: at.address,
        message: `group ${group.name} grants administrator and has ${members.length} members (${members.join(", ")}): keep only the break-glass user in it.`,
      });
    }
    return findings;
  },
};
