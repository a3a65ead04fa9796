import { DAY_MS, day, DrillCheck } from "../snapshot";

export const passwordExpiry: DrillCheck = {
  id: "drill-password-expiry",
  title: "The password does not expire before the next drill",
  rationale: "With MaxPasswordAge, IAM expires a password that many days after it was set; with HardExpiry an expired password cannot sign in until an administrator resets it.",
  severity: "deny",
  check(s, o) {
    const policy = s.passwordPolicy;
    const maxAge = policy?.MaxPasswordAge;
    if (!s.loginProfile || typeof maxAge !== "number" || maxAge <= 0) return [];
    // The login profile's creation is when the password was last set by this
    // project (rotation replaces it); a later change only moves expiry later.
    const expires = new Date(s.loginProfile.createDate.getTime() + maxAge * DAY_MS);
    const address = "iam:account-password-policy/MaxPasswordAge";
    const hard = policy?.HardExpiry
      ? "HardExpiry is on: an expired password cannot sign in at all until an administrator resets it"
      : "HardExpiry is off: the first sign-in after expiry must choose a new password before anything else";
    if (expires <= s.now) {
      return [{ severity: "deny", address, message: `${s.userName}'s password expired on ${day(expires)} (MaxPasswordAge ${maxAge} days); ${hard}: rotate it now (passwordRotationToken)` }];
    }
    if (expires.getTime() - s.now.getTime() <= o.maxAgeDays * DAY_MS) {
      return [{ severity: "warn", address, message: `${s.userName}'s password expires on ${day(expires)} (MaxPasswordAge ${maxAge} days), before the next drill is due; ${hard}: rotate it (passwordRotationToken)` }];
    }
    return [];
  },
};
