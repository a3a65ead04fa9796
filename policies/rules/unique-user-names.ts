import { accountLabel } from "../model";
import { isLiteral } from "../references";
import { Finding, Rule } from "../rule";

export const uniqueUserNames: Rule = {
  id: "unique-user-names",
  title: "IAM user names are unique per account, ignoring case",
  severity: "deny",
  rationale: "IAM compares user names without regard to case: a second user whose name differs only in case cannot be created, and the apply fails halfway.",
  check({ accounts }) {
    const findings: Finding[] = [];
    for (const account of accounts) {
      const first = new Map<string, string>();
      for (const user of account.users.values()) {
        if (!user.resource || !isLiteral(user.name)) continue;
        const key = user.name.toLowerCase();
        const earlier = first.get(key);
        if (earlier === undefined) {
          first.set(key, `${user.resource.stack}/${user.resource.address}`);
          continue;
        }
        findings.push({
          stack: user.resource.stack,
          address: user.resource.address,
          message: `IAM user ${user.name} (${user.resource.address}) has the same name, ignoring case, as ${earlier} in ${accountLabel(account.key)}: rename one of them.`,
        });
      }
    }
    return findings;
  },
};
