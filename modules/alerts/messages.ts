// The text the topic sends: an EventBridge input transformer per home rule,
// saying who, what, where and when in one sentence instead of raw JSON.
// A field some events lack (errorCode on a success, CheckMfa on a ConsoleLogin)
// is shown empty or as its placeholder; the sentence reads either way.

export interface InputTransformer {
  /** Placeholder name -> JSON path into the event. */
  readonly inputPaths: Record<string, string>;
  /** A quoted string: EventBridge then delivers plain text, which e-mail shows as it is. */
  readonly inputTemplate: string;
}

// The Region is CloudTrail's `awsRegion`, not the event's `region`: it stays the
// Region where the call or sign-in happened when the event is forwarded.
const COMMON = {
  account: "$.account",
  region: "$.detail.awsRegion",
  time: "$.detail.eventTime",
  ip: "$.detail.sourceIPAddress",
};

function quoted(text: string): string {
  return JSON.stringify(text);
}

/** "EmergencyAccess console sign-in (ConsoleLogin: Success) to account 123456789012 from 203.0.113.5, MFA used: Yes, in eu-west-1 at 2026-...Z." */
export const SIGN_IN_MESSAGE: InputTransformer = {
  inputPaths: {
    ...COMMON,
    user: "$.detail.userIdentity.userName",
    event: "$.detail.eventName",
    login: "$.detail.responseElements.ConsoleLogin",
    mfacheck: "$.detail.responseElements.CheckMfa",
    mfa: "$.detail.additionalEventData.MFAUsed",
    error: "$.detail.errorMessage",
  },
  inputTemplate: quoted(
    "BREAK-GLASS SIGN-IN: <user> console sign-in (<event>: <login><mfacheck>) to account <account> from <ip>, MFA used: <mfa>, in <region> at <time>. <error>",
  ),
};

/** "EmergencyAccess called iam:ListUsers in account 123456789012, us-east-1, from 203.0.113.5 at ... Error: " */
export const ACTIVITY_MESSAGE: InputTransformer = {
  inputPaths: {
    ...COMMON,
    user: "$.detail.userIdentity.userName",
    service: "$.detail.eventSource",
    event: "$.detail.eventName",
    error: "$.detail.errorCode",
  },
  inputTemplate: quoted("BREAK-GLASS USE: <user> called <event> (<service>) in account <account>, <region>, from <ip> at <time>. <error>"),
};

/** "arn:aws:iam::123456789012:user/alice called CreateAccessKey on user EmergencyAccess / group  in account ..." */
export const TAMPER_MESSAGE: InputTransformer = {
  inputPaths: {
    ...COMMON,
    actor: "$.detail.userIdentity.arn",
    event: "$.detail.eventName",
    user: "$.detail.requestParameters.userName",
    group: "$.detail.requestParameters.groupName",
    error: "$.detail.errorCode",
  },
  inputTemplate: quoted(
    "BREAK-GLASS IDENTITY CHANGED: <actor> called <event> on user <user> group <group> in account <account> from <ip> at <time>. <error>",
  ),
};
