// AWS's documented policy "Allows MFA-authenticated IAM users to manage their
// own MFA device" (IAM User Guide, example policies): without MFA, the user can
// only see the account's password policy, change its own password and set up
// its own MFA device; with MFA, the group's AdministratorAccess applies.

const SELF = "arn:aws:iam::*:user/${aws:username}";

export const REQUIRE_MFA_POLICY = {
  Version: "2012-10-17",
  Statement: [
    { Sid: "AllowViewAccountInfo", Effect: "Allow", Action: ["iam:GetAccountPasswordPolicy", "iam:ListVirtualMFADevices"], Resource: "*" },
    { Sid: "AllowManageOwnPasswords", Effect: "Allow", Action: ["iam:ChangePassword", "iam:GetUser"], Resource: SELF },
    { Sid: "AllowManageOwnVirtualMFADevice", Effect: "Allow", Action: ["iam:CreateVirtualMFADevice"], Resource: "arn:aws:iam::*:mfa/*" },
    {
      Sid: "AllowManageOwnUserMFA",
      Effect: "Allow",
      Action: ["iam:DeactivateMFADevice", "iam:EnableMFADevice", "iam:ListMFADevices", "iam:ResyncMFADevice"],
      Resource: SELF,
    },
    {
      Sid: "DenyAllExceptListedIfNoMFA",
      Effect: "Deny",
      NotAction: [
        "iam:CreateVirtualMFADevice",
        "iam:EnableMFADevice",
        "iam:GetUser",
        "iam:ChangePassword",
        "iam:ListMFADevices",
        "iam:ListVirtualMFADevices",
        "iam:ResyncMFADevice",
        "sts:GetSessionToken",
      ],
      Resource: "*",
      Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
    },
  ],
};

/**
 * The policy as a Terraform string. `${aws:username}` is an IAM policy
 * variable, not a Terraform interpolation, so its `$` is doubled.
 */
export function requireMfaPolicyJson(): string {
  return JSON.stringify(REQUIRE_MFA_POLICY).replace(/\$\{/g, () => "$${");
}
