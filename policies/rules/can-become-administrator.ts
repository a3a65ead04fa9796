import { administratorGrant, breakGlassOf, describePolicy, describeUser, escalationPaths, remedy } from "../iam";
import { Finding, Rule } from "../rule";

export const canBecomeAdministrator: Rule = {
  id: "can-become-administrator",
  // Stryker disable next-line StringLiteral: the title is prose for reports, not what the rule decides
  title: "No user but the break-glass user can make itself administrator",
  severity: "deny",
  // Stryker disable StringLiteral: the rationale is prose for reports, not what the rule decides
  rationale:
    "A user who may put or attach a policy on itself or its group, write a new version of a policy it has, join an administrators' group, set the break-glass user's password or create its access key, or assume an administrator role that trusts it, is an administrator one call away; one who may take another user's credentials and give that user power, join a group and give it power, or rewrite a role's trust and give the role power, is two calls away. The paths are principalmapper's and cloudsplaining's privilege-escalation lists, cut to IAM and STS (IAM User Guide, \"Policy evaluation logic\"; \"IAM JSON policy elements: Principal\").",
  // Stryker restore StringLiteral
  check({ accounts }) {
    const findings: Finding[] = [];
    for (const account of accounts) {
      const breakGlass = breakGlassOf(account);
      for (const user of account.users.filter((u) => u !== breakGlass && !administratorGrant(u))) {
        const byPolicy = new Map<string, ReturnType<typeof escalationPaths>>();
        for (const path of escalationPaths(account, user)) {
          const key = `${path.policy.via.stack}\0${path.policy.via.address}\0${path.policy.name}`;
          byPolicy.set(key, [...(byPolicy.get(key) ?? []), path]);
        }
        for (const paths of byPolicy.values()) {
          const policy = paths[0].policy;
          const shown = paths.slice(0, 3).map((p) => `${p.action} on ${p.target}`);
          const more = paths.length > 3 ? `; and ${paths.length - 3} more` : "";
          const at = user.origin ?? policy.via;
          findings.push({
            stack: at.stack,
            address: at.address,
            message: `${describeUser(user)} can make itself administrator: ${shown.join("; ")}${more}, allowed by ${describePolicy(policy)}: ${remedy(policy.via, "narrow or remove")}.`,
          });
        }
      }
    }
    return findings;
  },
};
