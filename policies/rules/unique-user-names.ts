import { accountLabel } from "../model";
import { Finding, Rule } from "../rule";

export const uniqueUserNames: Rule = {
  id: "unique-user-names",
  // Stryker disable next-line StringLiteral: the title is prose for reports, not what the rule decides
  title: "IAM user names are unique per account, ignoring case",
  severity: "deny",
  // Stryker disable StringLiteral: the rationale is prose for reports, not what the rule decides
  rationale:
    "IAM user names are unique within an account and compared without regard to case (IAM User Guide, \"IAM identifiers\", \"Friendly names and paths\"): a second user whose name differs only in case cannot be created, and the apply fails halfway.",
  // Stryker restore StringLiteral
  check({ accounts }) {
    const findings: Finding[] = [];
    for (const account of accounts) {
      const first = new Map<string, string>();
      for (const user of account.users) {
        if (!user.origin || user.origin.input !== "terraform" || user.name.includes("${")) continue;
        const key = user.name.toLowerCase();
        const earlier = first.get(key);
        if (earlier === undefined) {
          first.set(key, `${user.origin.stack}/${user.origin.address}`);
          continue;
        }
        findings.push({
          stack: user.origin.stack,
          address: user.origin.address,
          message: `IAM user ${user.name} (${user.origin.address}) has the same name, ignoring case, as ${earlier} in ${accountLabel(account.key)}: rename one of them.`,
        });
      }
    }
    return findings;
  },
};
