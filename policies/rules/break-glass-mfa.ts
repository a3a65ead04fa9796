import { breakGlassUsers, describeUser, groupsOf } from "../iam";
import { Finding, Rule } from "../rule";

export const breakGlassMfa: Rule = {
  id: "break-glass-mfa",
  title: "The break-glass user must sign in with MFA before it can act as administrator",
  severity: "warn",
  rationale:
    "A password alone is one factor; AWS recommends MFA for the break-glass user. A policy that denies everything unless signed in with MFA makes a leaked password insufficient.",
  check: ({ accounts }) =>
    breakGlassUsers(accounts).flatMap(({ account, user }): Finding[] => {
      if (!user.resource) return [];
      const grants = [...(account.userGrants.get(user.key) ?? []), ...groupsOf(account, user).flatMap((g) => g.grants)];
      if (grants.some((g) => g.mfaRequired)) return [];
      return [
        {
          stack: user.resource.stack,
          address: user.resource.address,
          message: `${describeUser(user)} can act as administrator without MFA: add a policy to its group that denies all but MFA self-service unless aws:MultiFactorAuthPresent.`,
        },
      ];
    }),
};
