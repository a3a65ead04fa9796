import { DrillCheck } from "../snapshot";

export const mfaDevice: DrillCheck = {
  id: "drill-mfa-device",
  title: "An MFA device is registered when the group requires MFA",
  rationale: "With requireMfa the group denies everything but MFA setup until the user signs in with MFA: without a device the password alone gives no administrator.",
  severity: "deny",
  check(s) {
    if (!s.user || !s.groupRequiresMfa || s.mfaDevices > 0) return [];
    return [
      {
        severity: "deny",
        address: `iam:user/${s.userName}`,
        message: `${s.groupName} requires MFA but ${s.userName} has no MFA device: register one (README, requireMfa) and keep it with the person who holds it`,
      },
    ];
  },
};
