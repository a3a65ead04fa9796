import { describeUser } from "../iam";
import { Finding, Rule } from "../rule";

export const breakGlassNoAccessKeys: Rule = {
  id: "break-glass-no-access-keys",
  title: "The break-glass user has no access keys",
  severity: "deny",
  rationale:
    "The break-glass user signs in to the console with a password kept offline; a long-lived access key for an administrator is a credential that can leak and be used at any time.",
  check({ accounts }) {
    const findings: Finding[] = [];
    for (const account of accounts) {
      for (const user of account.users.values()) {
        if (!user.breakGlass) continue;
        for (const key of account.accessKeys.get(user.key) ?? []) {
          findings.push({
            stack: key.stack,
            address: key.address,
            message: `${key.address} gives ${describeUser(user)} an access key: remove it; the break-glass user signs in to the console only.`,
          });
        }
      }
    }
    return findings;
  },
};
