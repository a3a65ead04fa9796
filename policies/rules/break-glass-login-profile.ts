import { breakGlassUsers, describeUser, remedy } from "../iam";
import { Finding, Rule } from "../rule";

export const breakGlassLoginProfile: Rule = {
  id: "break-glass-login-profile",
  // Stryker disable next-line StringLiteral: the title is prose for reports, not what the rule decides
  title: "The break-glass user can sign in to the console without changing its password",
  severity: "deny",
  // Stryker disable StringLiteral: the rationale is prose for reports, not what the rule decides
  rationale:
    "AWS's procedure gives the user console access with the 'must create a new password at next sign-in' box cleared (IAM User Guide, \"Create an IAM user for emergency access\"): in an emergency the saved password must simply work.",
  // Stryker restore StringLiteral
  check: ({ accounts }) =>
    breakGlassUsers(accounts).flatMap(({ user }): Finding[] => {
      const origin = user.origin!;
      if (user.loginProfiles.length === 0) {
        const fix = origin.input === "terraform" ? "add an aws_iam_user_login_profile for it" : `aws iam create-login-profile --user-name ${user.name} --no-password-reset-required`;
        return [{ stack: origin.stack, address: origin.address, message: `${describeUser(user)} has no console access: ${fix}.` }];
      }
      // The provider's default is to require a reset, so only an explicit false passes.
      return user.loginProfiles
        .filter((profile) => profile.passwordResetRequired !== false)
        .map(({ via }) => ({
          stack: via.stack,
          address: via.address,
          message: `${via.address} makes ${user.name} create a new password at first sign-in: ${via.input === "terraform" ? "set password_reset_required = false" : remedy(via)} so the saved password works in an emergency.`,
        }));
    }),
};
