import { DrillCheck } from "../snapshot";

export const loginProfile: DrillCheck = {
  id: "drill-login-profile",
  title: "The break-glass user has a console password that needs no reset",
  rationale: "Without a login profile there is no console sign-in; a required reset is one more step that can fail in an emergency.",
  severity: "deny",
  check(s) {
    const address = `iam:user/${s.userName}`;
    if (!s.user) return [{ severity: "deny", address, message: `the user ${s.userName} does not exist: deploy the stack (or pass --user-name)` }];
    if (!s.loginProfile) {
      return [{ severity: "deny", address, message: `${s.userName} has no login profile, so no console password: deploy the stack to create one` }];
    }
    if (s.loginProfile.passwordResetRequired) {
      return [{ severity: "deny", address, message: `${s.userName}'s login profile requires a password reset at next sign-in: deploy the stack (password_reset_required = false)` }];
    }
    return [];
  },
};
