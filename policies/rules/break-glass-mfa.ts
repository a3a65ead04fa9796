import { describeUser, groupsOf } from "../iam";
import { Finding, Rule } from "../rule";

export const breakGlassMfa: Rule = {
  id: "break-glass-mfa",
  title: "The break-glass user must sign in with MFA before it can act as administrator",
  severity: "warn",
  rationale:
    "A password alone is one factor; AWS recommends MFA for the break-glass user. A policy that denies everything unless signed in with MFA makes a leaked password insufficient.",
  check({ accounts }) {
    const findings: Finding[] = [];
    for (const account of accounts) {
      for (const user of account.users.values()) {
        if (!user.breakGlass || !user.resource) continue;
        const grants = [...(account.userGrants.get(user.key) ?? []), ...groupsOf(account, user).flatMap((g) => g.grants)];
        if (grants.some((g) => g.mfaRequired)) continue;
        findings.push({
          stack: user.resource.stack,
          address: user.resource.address,
          message: `${describeUser(user)} can act as administrator without MFA: add a policy to its group that denies all but MFA self-service unless aws:MultiFactorAuthPresent.`,
        });
      }
    }
    return findings;
  },
};
