import { asObject } from "../json";
import { breakGlassUsers, describeUser } from "../iam";
import { Finding, Rule } from "../rule";

export const breakGlassLoginProfile: Rule = {
  id: "break-glass-login-profile",
  title: "The break-glass user can sign in to the console without changing its password",
  severity: "deny",
  rationale:
    "AWS's procedure gives the user console access with the 'must create a new password at next sign-in' box cleared: in an emergency the saved password must simply work.",
  check: ({ accounts }) =>
    breakGlassUsers(accounts).flatMap(({ account, user }): Finding[] => {
      if (!user.resource) return [];
      const profiles = account.loginProfiles.get(user.key) ?? [];
      if (profiles.length === 0) {
        return [
          {
            stack: user.resource.stack,
            address: user.resource.address,
            message: `${describeUser(user)} has no console access: add an aws_iam_user_login_profile for it.`,
          },
        ];
      }
      // The provider's default is to require a reset, so only an explicit false passes.
      return profiles
        .filter((profile) => asObject(profile.values).password_reset_required !== false)
        .map((profile) => ({
          stack: profile.stack,
          address: profile.address,
          message: `${profile.address} makes ${user.name} create a new password at first sign-in: set password_reset_required = false so the saved password works in an emergency.`,
        }));
    }),
};
