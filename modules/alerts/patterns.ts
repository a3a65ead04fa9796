// EventBridge event patterns for the break-glass user's CloudTrail events.
// Pure functions of names and ARNs; free of cdktf imports so tests and the
// drill can use them as they are.
//
// None depends on "detail-type": the patterns match the CloudTrail record
// itself (source, eventName, userIdentity, requestParameters).

/** The identity whose use is watched. */
export interface WatchedIdentity {
  /** The account the events must come from (a forwarded event from another account must not match). */
  readonly accountId: string;
  readonly userName: string;
  readonly userArn: string;
  readonly groupName: string;
}

/**
 * IAM user and group names are unique ignoring case, and IAM resolves a name
 * in any case, so `emergencyaccess` in a request or a failed sign-in is the
 * same user: names are matched ignoring case.
 */
function name(value: string): object[] {
  return [{ "equals-ignore-case": value }];
}

/** The sign-in rule's events; the activity rule takes every other event of the user. */
export const SIGN_IN_EVENT_NAMES = ["ConsoleLogin", "CheckMfa"] as const;

/**
 * Console sign-ins and MFA checks, successful or failed. A failed sign-in by
 * an IAM user carries `userIdentity.userName` but no ARN (CloudTrail User
 * Guide, "AWS Management Console sign-in events"), so either matches. CloudTrail
 * records it in the Region of the sign-in endpoint: the rule must be in every Region.
 */
export function signInPattern(who: WatchedIdentity): object {
  return {
    source: ["aws.signin"],
    account: [who.accountId],
    detail: {
      eventName: [...SIGN_IN_EVENT_NAMES],
      userIdentity: { type: ["IAMUser"], $or: [{ userName: name(who.userName) }, { arn: [who.userArn] }] },
    },
  };
}

/**
 * Everything else the user does, read-only calls included (the rule's state
 * lets those in), and its other sign-in events such as SwitchRole.
 */
export function activityPattern(who: WatchedIdentity): object {
  return {
    account: [who.accountId],
    detail: { eventName: [{ "anything-but": [...SIGN_IN_EVENT_NAMES] }], userIdentity: { arn: [who.userArn] } },
  };
}

/**
 * IAM calls, by anyone, that change what the break-glass user can do or who
 * can act as it. The list, plus the inverse calls (detach, delete,
 * untag: removing the BreakGlass tag hides the user from the policy checks).
 */
export const TAMPER_EVENT_NAMES = [
  "CreateAccessKey",
  "UpdateAccessKey",
  "CreateLoginProfile",
  "UpdateLoginProfile",
  "DeleteLoginProfile",
  "EnableMFADevice",
  "DeactivateMFADevice",
  "ResyncMFADevice",
  "AddUserToGroup",
  "RemoveUserFromGroup",
  "AttachUserPolicy",
  "DetachUserPolicy",
  "PutUserPolicy",
  "DeleteUserPolicy",
  "PutUserPermissionsBoundary",
  "DeleteUserPermissionsBoundary",
  "TagUser",
  "UntagUser",
  "AttachGroupPolicy",
  "DetachGroupPolicy",
  "PutGroupPolicy",
  "DeleteGroupPolicy",
  "UpdateGroup",
  "DeleteGroup",
  "UpdateUser",
  "DeleteUser",
] as const;

/** IAM calls on the user or its group. IAM's events reach EventBridge in us-east-1 only (in the aws partition). */
export function tamperPattern(who: WatchedIdentity): object {
  return {
    source: ["aws.iam"],
    account: [who.accountId],
    detail: {
      eventSource: ["iam.amazonaws.com"],
      eventName: [...TAMPER_EVENT_NAMES],
      requestParameters: { $or: [{ userName: name(who.userName) }, { groupName: name(who.groupName) }] },
    },
  };
}

/** What a Region other than the home Region forwards: its sign-ins and the user's calls, and IAM's tamper events where they arrive. */
export function forwardPattern(who: WatchedIdentity, withTamper: boolean): object {
  const patterns = [signInPattern(who), activityPattern(who), ...(withTamper ? [tamperPattern(who)] : [])];
  return { $or: patterns };
}
