// Names from AWS's procedure and this project's defaults. Kept free of imports
// so the CLIs and the policy checks can read them without loading cdktf.

export const DEFAULT_USER_NAME = "EmergencyAccess";
export const DEFAULT_GROUP_NAME = "EmergencyAccessGroup";
export const DEFAULT_STACK_NAME = "break-glass";
export const DEFAULT_REGION = "us-east-1";

/**
 * The tag that marks an IAM user as the account's break-glass user. The policy
 * checks recognize the user by it, whatever its name (a random suffix makes
 * the name unknown until apply).
 */
export const BREAK_GLASS_TAG_KEY = "BreakGlass";
export const BREAK_GLASS_TAG_VALUE = "emergency-access";
