import { AccountPasswordPolicy } from "../../policies";

// What the drill reads from the live account: everything the emergency path
// depends on, in one value, so that every check is a pure function of it.

export interface RuleState {
  readonly region: string;
  readonly name: string;
  /** False when DescribeRule answers ResourceNotFound. */
  readonly found: boolean;
  /** DISABLED, ENABLED or ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS. */
  readonly state?: string;
  /** The ARNs the rule targets. */
  readonly targets: readonly string[];
  /** What it must target: the topic (home Region) or the home Region's default event bus. */
  readonly expectedTarget: string;
}

export interface TrailState {
  readonly name: string;
  readonly homeRegion: string;
  readonly multiRegion: boolean;
  readonly logging: boolean;
  /** False when its event selectors leave management events out; undefined when unknown. */
  readonly managementEvents?: boolean;
}

export interface SubscriptionState {
  readonly protocol: string;
  readonly endpoint: string;
  /** ListSubscriptionsByTopic shows an unconfirmed subscription's ARN as "PendingConfirmation". */
  readonly confirmed: boolean;
}

export interface DrillSnapshot {
  /** The account id, or a label when it cannot be told. */
  readonly account: string;
  readonly now: Date;
  readonly userName: string;
  readonly groupName: string;
  /** Undefined when the user does not exist. */
  readonly user?: { readonly passwordLastUsed?: Date };
  /** Undefined when the user has no console password. */
  readonly loginProfile?: { readonly createDate: Date; readonly passwordResetRequired: boolean };
  readonly mfaDevices: number;
  /** A Deny on the group unless aws:MultiFactorAuthPresent (the requireMfa policy). */
  readonly groupRequiresMfa: boolean;
  readonly passwordPolicy?: AccountPasswordPolicy;
  readonly homeRegion: string;
  readonly rules: readonly RuleState[];
  readonly topicArn?: string;
  /** Undefined when there is no topic to read. */
  readonly subscriptions?: readonly SubscriptionState[];
  readonly trails: readonly TrailState[];
}

export interface DrillOptions {
  /** The passwordLength the stack is configured with. */
  readonly passwordLength: number;
  /** Days between drills: the password must have been used or set within them, and must not expire within them. */
  readonly maxAgeDays: number;
}

/** A drill check: one thing the emergency path depends on, as a pure function of the snapshot. */
export interface DrillCheck {
  readonly id: string;
  readonly title: string;
  readonly rationale: string;
  /** Its usual level, for reports: what most of its findings are. */
  readonly severity: "deny" | "warn";
  check(snapshot: DrillSnapshot, options: DrillOptions): DrillFinding[];
}

export interface DrillFinding {
  readonly severity: "deny" | "warn";
  /** What the finding points at, e.g. `iam:user/EmergencyAccess` or `events:eu-west-1:rule/X-forward`. */
  readonly address: string;
  readonly message: string;
}

export const DAY_MS = 24 * 60 * 60 * 1000;

/** A date as the findings print it: 2026-11-29. */
export function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}
