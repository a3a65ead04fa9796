import { z } from "zod";
import { BREAK_GLASS_TAG_KEY } from "./defaults";
import { checkPgpKey } from "./pgp-key";

// AWS IAM's own limits (IAM User Guide, "IAM and AWS STS quotas" and the
// CreateUser/CreateGroup API references), written once: the construct's props
// schema and the config file's schema are built from these validators.

/** IAM user names: 1-64 of letters, digits and +=,.@_- (unique per account, ignoring case). */
export const userName = z
  .string()
  .regex(/^[\w+=,.@-]{1,64}$/, "must be 1-64 characters of letters, digits and +=,.@_-");

/** IAM group names: 1-128 of letters, digits and +=,.@_-. */
export const groupName = z
  .string()
  .regex(/^[\w+=,.@-]{1,128}$/, "must be 1-128 characters of letters, digits and +=,.@_-");

/** IAM paths: "/" or "/" + printable ASCII + "/", at most 512 characters. */
export const iamPath = z
  .string()
  .max(512, "must be at most 512 characters")
  .regex(/^\/([\x21-\x7e]*\/)?$/, 'must be "/" or begin and end with "/" and hold only printable ASCII');

/**
 * Console password length. 128 is AWS's maximum; 14 is the CIS AWS Foundations
 * Benchmark's minimum, which is a floor, not a recommendation, for an administrator.
 */
export const PASSWORD_LENGTH_MIN = 14;
export const PASSWORD_LENGTH_MAX = 128;
export const passwordLength = z
  .number()
  .int("must be a whole number")
  .min(PASSWORD_LENGTH_MIN, `must be from ${PASSWORD_LENGTH_MIN} to ${PASSWORD_LENGTH_MAX}`)
  .max(PASSWORD_LENGTH_MAX, `must be from ${PASSWORD_LENGTH_MIN} to ${PASSWORD_LENGTH_MAX}`);

/** IAM tags: at most 50 (one is the break-glass marker); keys 1-128 and values 0-256 characters. */
export const tags = z
  .record(z.string(), z.string().max(256, "values must be at most 256 characters"))
  .refine((t) => Object.keys(t).length <= 49, "must hold at most 49 tags (IAM allows 50; one is the BreakGlass marker)")
  .refine((t) => !Object.keys(t).some((k) => k.toLowerCase() === BREAK_GLASS_TAG_KEY.toLowerCase()), `must not use the reserved key ${BREAK_GLASS_TAG_KEY}`)
  .refine((t) => Object.keys(t).every((k) => k.length >= 1 && k.length <= 128), "keys must be 1-128 characters");

/** A value that forces a new console password whenever it changes. */
export const passwordRotationToken = z.string().min(1, "must not be empty");

/** Thrown for a construct prop that breaks one of AWS's rules; the message names the prop and the rule. */
export class InvalidPropError extends Error {
  constructor(
    readonly prop: string,
    readonly rule: string,
  ) {
    super(`${prop}: ${rule}`);
    this.name = "InvalidPropError";
  }
}

/** A field's path as a user would write it: `accounts[1].id`. */
export function fieldPath(segments: readonly PropertyKey[]): string {
  return segments.map((s, i) => (typeof s === "number" ? `[${s}]` : `${i === 0 ? "" : "."}${String(s)}`)).join("");
}

/** Checks one prop against its rule and returns it, or throws InvalidPropError. */
export function checkProp<T>(prop: string, schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new InvalidPropError(prop, result.error.issues[0].message);
  }
  return result.data;
}

/** A user name that gets "-" and a 6-character random suffix appended must leave room for them. */
export const userNameWithSuffix = z
  .string()
  .regex(/^[\w+=,.@-]{1,57}$/, "must be 1-57 characters of letters, digits and +=,.@_- when randomSuffix is on");

/** AWS account ids are exactly 12 digits. */
export const accountId = z.string().regex(/^\d{12}$/, "must be exactly 12 digits");

/** An IAM role ARN in any partition. */
export const roleArn = z
  .string()
  .regex(/^arn:aws(-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@\/-]{1,512}$/, "must be an IAM role ARN (arn:<partition>:iam::<12-digit account>:role/<name>)");

/** AWS region names such as us-east-1, us-gov-west-1, cn-north-1. */
export const region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, "must be an AWS region name such as us-east-1");

/**
 * A PGP public key that can encrypt, parsed with OpenPGP.js (see pgp-key.ts):
 * base64 of the binary key, its ASCII armor (turned into base64, which the
 * provider takes), or keybase:<user>.
 */
export const pgpKey = z.string().transform((value, ctx) => {
  const checked = checkPgpKey(value);
  if ("error" in checked) {
    ctx.addIssue({ code: "custom", message: checked.error });
    return z.NEVER;
  }
  return checked.value;
});

/** An e-mail address for alerts. */
export const email = z.email("must be an e-mail address");

/** An SNS topic ARN. */
export const topicArn = z.string().regex(/^arn:aws(-[a-z]+)*:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}$/, "must be an SNS topic ARN");

/** An HTTPS endpoint for alerts (a chat or paging webhook). */
export const httpsEndpoint = z.url({ protocol: /^https$/, error: "must be an https:// URL" });

/** Where alerts about the break-glass user go (a new topic, mailing or posting to someone, or an existing one), and which Regions are watched. */
export const alerts = z.strictObject({
  email: email.optional(),
  httpsEndpoint: httpsEndpoint.optional(),
  topicArn: topicArn.optional(),
  regions: z.array(region).min(1, "must name at least one Region").readonly().optional(),
});
