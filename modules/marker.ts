/**
 * The tag that marks an IAM user as the account's break-glass user. The policy
 * checks and the live audit recognize the user by it, whatever its name (a
 * random suffix makes the name unknown until apply). Kept free of imports so
 * the policy CLI can read it without loading cdktf.
 */
export const BREAK_GLASS_TAG_KEY = "BreakGlass";
export const BREAK_GLASS_TAG_VALUE = "emergency-access";
