import { breakGlassUsers, describeUser, IamAccount, IamUser, remedy } from "../iam";
import { passwordPolicyProblems } from "../iam/password-policy";
import { Finding, Rule } from "../rule";

export const breakGlassLoginProfile: Rule = {
  id: "break-glass-login-profile",
  // Stryker disable next-line StringLiteral: the title is prose for reports, not what the rule decides
  title: "The break-glass user can sign in to the console without changing its password",
  severity: "deny",
  // Stryker disable StringLiteral: the rationale is prose for reports, not what the rule decides
  rationale:
    "AWS's procedure gives the user console access with the 'must create a new password at next sign-in' box cleared (IAM User Guide, \"Create an IAM user for emergency access\"): in an emergency the saved password must simply work. " +
    "An account password policy the generated password cannot meet makes CreateLoginProfile fail with PasswordPolicyViolation, so the password is never set; " +
    "with MaxPasswordAge and HardExpiry the password expires and \"the IAM user cannot access the console until an administrator resets the password\" (IAM API Reference, PasswordPolicy), " +
    "and in an emergency there may be no other administrator.",
  // Stryker restore StringLiteral
  check: ({ accounts }) =>
    breakGlassUsers(accounts).flatMap(({ account, user }): Finding[] => {
      const origin = user.origin!;
      if (user.loginProfiles.length === 0) {
        const fix = origin.input === "terraform" ? "add an aws_iam_user_login_profile for it" : `aws iam create-login-profile --user-name ${user.name} --no-password-reset-required`;
        return [{ stack: origin.stack, address: origin.address, message: `${describeUser(user)} has no console access: ${fix}.` }];
      }
      // The provider's default is to require a reset, so only an explicit false passes.
      const resets = user.loginProfiles
        .filter((profile) => profile.passwordResetRequired !== false)
        .map(({ via }) => ({
          stack: via.stack,
          address: via.address,
          message: `${via.address} makes ${user.name} create a new password at first sign-in: ${via.input === "terraform" ? "set password_reset_required = false" : remedy(via)} so the saved password works in an emergency.`,
        }));
      return [...resets, ...passwordPolicyFindings(account, user)];
    }),
};

/** What the account password policy Terraform sets does to the break-glass password: refuse it, or let it expire for good. */
function passwordPolicyFindings(account: IamAccount, user: IamUser): Finding[] {
  if (!account.passwordPolicy) return [];
  const { via, policy } = account.passwordPolicy;
  const at = (message: string): Finding => ({ stack: via.stack, address: via.address, message: `${via.address}: ${message}` });
  const findings: Finding[] = [];
  for (const profile of user.loginProfiles) {
    const length = profile.passwordLength;
    if (typeof length !== "number") {
      if (policy.MinimumPasswordLength !== undefined) {
        findings.push(at(`the length of ${user.name}'s password (${profile.via.address} password_length) is not known before apply, so the checks cannot tell whether it meets minimum_password_length ${policy.MinimumPasswordLength}: give it as a number.`));
      }
      continue;
    }
    for (const problem of passwordPolicyProblems(policy, length)) {
      findings.push(at(`${problem.message}; otherwise ${profile.via.address} cannot set ${user.name}'s password (AWS answers PasswordPolicyViolation).`));
    }
  }
  if (policy.HardExpiry === true && (policy.MaxPasswordAge ?? 0) > 0) {
    findings.push(
      at(`passwords expire after ${policy.MaxPasswordAge} days and hard_expiry stops ${user.name} from choosing a new one at sign-in: only another administrator could reset it, and in an emergency there may be none; set hard_expiry = false or max_password_age = 0.`),
    );
  }
  return findings;
}
