// The names of the alert resources, shared by the construct and the drill,
// which looks the rules up by name in every Region. Free of cdktf imports.

/** EventBridge rule names allow [.-_A-Za-z0-9]{1,64}; the longest suffix below is 9 characters. */
function base(groupName: string): string {
  return groupName.replace(/[^\w.-]/g, "-").slice(0, 55);
}

export interface AlertNames {
  /** Home Region: console sign-ins (ConsoleLogin, CheckMfa) of the user, to the topic. */
  readonly signIn: string;
  /** Home Region: every other API call by the user, to the topic. */
  readonly activity: string;
  /** Home Region: IAM calls by anyone on the user or its group, to the topic. */
  readonly tamper: string;
  /** Every other Region: the same events, forwarded to the home Region's default event bus. */
  readonly forward: string;
  /**
   * The topic. It keeps the name the single-Region alerts gave it, so an
   * upgrade does not replace it and no one has to confirm the e-mail again.
   */
  readonly topic: string;
  /** The IAM role EventBridge uses to forward events to the home Region (at most 64 characters). */
  readonly forwardRole: string;
}

export function alertNames(groupName: string): AlertNames {
  const b = base(groupName);
  return {
    signIn: `${b}-sign-in`,
    activity: `${b}-activity`,
    tamper: `${b}-tamper`,
    forward: `${b}-forward`,
    topic: `${b}-activity`,
    forwardRole: `${b.slice(0, 48)}-alerts-forward`,
  };
}
