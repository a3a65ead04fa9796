import { passwordPolicyProblems } from "../../../policies";
import { DrillCheck } from "../snapshot";

export const passwordPolicy: DrillCheck = {
  id: "drill-password-policy",
  title: "The account password policy accepts the generated password",
  rationale: "AWS rejects CreateLoginProfile with PasswordPolicyViolation when the generated password breaks the account policy, so the next rotation or redeploy would leave no password.",
  severity: "deny",
  check(s, o) {
    return passwordPolicyProblems(s.passwordPolicy, o.passwordLength).map((p) => ({
      severity: "deny" as const,
      address: `iam:account-password-policy/${p.rule}`,
      message: p.message,
    }));
  },
};
