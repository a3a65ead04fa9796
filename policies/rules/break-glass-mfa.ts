import { breakGlassUsers, describeUser, isDenyUnlessMfa, userPermissions } from "../iam";
import { Finding, Rule } from "../rule";

export const breakGlassMfa: Rule = {
  id: "break-glass-mfa",
  // Stryker disable next-line StringLiteral: the title is prose for reports, not what the rule decides
  title: "The break-glass user must sign in with MFA before it can act as administrator",
  severity: "warn",
  // Stryker disable StringLiteral: the rationale is prose for reports, not what the rule decides
  rationale:
    "A password alone is one factor; AWS recommends MFA for the break-glass user (IAM User Guide, \"Create an IAM user for emergency access\"). A policy that denies everything unless signed in with MFA (IAM User Guide, \"AWS: Allows MFA-authenticated IAM users to manage their own credentials\") makes a leaked password insufficient.",
  // Stryker restore StringLiteral
  check: ({ accounts }) =>
    breakGlassUsers(accounts).flatMap(({ user }): Finding[] => {
      if (userPermissions(user).identity.some(({ statement }) => isDenyUnlessMfa(statement))) return [];
      return [
        {
          stack: user.origin!.stack,
          address: user.origin!.address,
          message: `${describeUser(user)} can act as administrator without MFA: add a policy to its group that denies all but MFA self-service unless aws:MultiFactorAuthPresent.`,
        },
      ];
    }),
};
