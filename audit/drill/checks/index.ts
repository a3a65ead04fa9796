import { DrillCheck } from "../snapshot";
import { alertRules } from "./alert-rules";
import { alertSubscription } from "./alert-subscription";
import { cloudTrail } from "./cloudtrail";
import { drillOverdue } from "./drill-overdue";
import { loginProfile } from "./login-profile";
import { mfaDevice } from "./mfa-device";
import { passwordExpiry } from "./password-expiry";
import { passwordPolicy } from "./password-policy";

/** Every drill check, in the order the README's runbook lists them. */
export const DRILL_CHECKS: readonly DrillCheck[] = [loginProfile, passwordPolicy, passwordExpiry, mfaDevice, drillOverdue, alertRules, alertSubscription, cloudTrail];
