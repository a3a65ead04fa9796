import { Fn, Op, Precondition, TerraformProvider, Token } from "cdktf";
import { z } from "zod";
import { DEFAULT_GROUP_NAME, DEFAULT_USER_NAME } from "./defaults";
import * as validation from "./validation";

// The construct's props, written once: this schema is what BreakGlassUser
// checks, what BreakGlassUserProps is made from, and what the config file's
// schema extends. The README's props table is tested against its keys.

export const DEFAULT_PASSWORD_LENGTH = 32;

const synthFlag = () => z.boolean({ error: "must be true or false" });

export const breakGlassUserPropsSchema = z
  .strictObject({
    /**
     * Name of the IAM user: 1-64 of letters, digits and +=,.@_-.
     * With `randomSuffix`, at most 57, since "-" and the suffix are appended.
     * @default "EmergencyAccess"
     */
    userName: validation.userName.default(DEFAULT_USER_NAME),

    /**
     * Name of the IAM group that holds AdministratorAccess: 1-128 of letters, digits and +=,.@_-.
     * @default "EmergencyAccessGroup"
     */
    groupName: validation.groupName.default(DEFAULT_GROUP_NAME),

    /**
     * IAM path of the user and the group: "/" or "/a/b/".
     * @default "/"
     */
    path: validation.iamPath.default("/"),

    /**
     * Tags on the user (IAM groups take none): at most 49, since the user also carries
     * the marker tag `BreakGlass = emergency-access`, whose key is reserved.
     * @default - no tags
     */
    tags: validation.tags.optional(),

    /**
     * Length of the generated console password, 14-128. It applies when the
     * login profile is created: a change takes effect at the next rotation
     * (`passwordRotationToken`), never by replacing a password someone holds.
     * @default 32
     */
    passwordLength: validation.passwordLength.default(DEFAULT_PASSWORD_LENGTH),

    /**
     * Appends "-" and 6 random lowercase letters and digits to the user name, for
     * accounts that do not want the well-known name. The suffix is kept in state,
     * so it stays the same across applies. Needs the hashicorp/random provider.
     * @default false
     */
    randomSuffix: synthFlag().default(false),

    /**
     * Any string, taken literally; changing it replaces the login profile, which
     * makes the AWS provider generate a new console password. Uses Terraform's built-in terraform_data,
     * so it needs no extra provider.
     * @default - no rotation: the password lives as long as the login profile
     */
    passwordRotationToken: validation.passwordRotationToken.optional(),

    /**
     * Puts AWS's "deny everything else unless signed in with MFA" policy on the
     * group: with the password alone the user can only change its password and
     * register an MFA device; it acts as administrator only once signed in with MFA.
     * @default false
     */
    requireMfa: synthFlag().default(false),

    /**
     * Encrypts the generated password with this PGP public key (base64 of
     * `gpg --export`, its ASCII armor, or keybase:<user>): state and outputs then
     * hold only the encrypted password, which the key's holder decrypts. The key
     * is parsed when the construct is created and must be able to encrypt.
     * @default - the password is in state in plain text (and a sensitive output)
     */
    pgpKey: validation.pgpKey.optional(),

    /**
     * `prevent_destroy` on the user, its login profile, the group, the membership
     * and the AdministratorAccess attachment: Terraform refuses any plan that
     * would delete one of them. It also blocks password rotation,
     * which replaces the login profile.
     * @default false
     */
    protect: synthFlag().default(false),

    /**
     * Alerts on every console sign-in and API call by the user in every Region of
     * `alerts.regions`, and on IAM changes to the user or its group by anyone:
     * EventBridge rules publishing to a new SNS topic (mailing `email`, posting
     * to `httpsEndpoint`) or to `topicArn`. See BreakGlassAlerts.
     * @default - no alerts
     */
    alerts: validation.alerts.optional(),
  })
  .superRefine((props, ctx) => {
    // The suffix makes the name 7 characters longer, and IAM's limit is on the whole name.
    // A name that breaks the plain rule is reported once, by that rule.
    if (!props.randomSuffix || !validation.userName.safeParse(props.userName).success) return;
    const withSuffix = validation.userNameWithSuffix.safeParse(props.userName);
    if (!withSuffix.success) ctx.addIssue({ code: "custom", path: ["userName"], message: withSuffix.error.issues[0].message });
  });

/** The props a JSON file can give (all but the providers), as checked: defaults filled in, the PGP key in base64. */
export type CheckedUserProps = z.output<typeof breakGlassUserPropsSchema>;

/** Props that are Terraform objects, not values: they cannot come from a config file, so they are not in the schema. */
export interface BreakGlassUserProviders {
  /**
   * An AWS provider for each Region of `alerts.regions`, by Region name
   * (`alertsRegionProviders()` makes them). BreakGlassStack passes them.
   * @default - none: `alerts` then needs `alerts.regions` and a provider for each
   */
  readonly alertsProviders?: Readonly<Record<string, TerraformProvider>>;

  /**
   * AWS provider for every resource and data source of the construct.
   * @default - the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** BreakGlassUser's props, every one optional; each prop's doc comment, rule and default are the schema's above. */
export interface BreakGlassUserProps extends Readonly<z.input<typeof breakGlassUserPropsSchema>>, BreakGlassUserProviders {}

/**
 * Props that may be cdktf tokens (a TerraformVariable, a reference, a function
 * call): their value is known only at plan, so they are passed through
 * unchecked, as aws-cdk-lib does. The others decide at synth which resources
 * exist, so a token there is an error.
 */
const TOKEN_PROPS: ReadonlySet<string> = new Set(["userName", "groupName", "path", "passwordLength", "passwordRotationToken", "pgpKey"]);

/**
 * The props checked against the schema, with defaults filled in; a token is
 * passed through as given. Throws InvalidPropError naming the first bad prop.
 */
export function checkUserProps(props: BreakGlassUserProps): CheckedUserProps {
  const values: Record<string, unknown> = {};
  const tokens: Record<string, unknown> = {};
  for (const key of Object.keys(breakGlassUserPropsSchema.shape)) {
    const value = (props as Record<string, unknown>)[key];
    if (!Token.isUnresolved(value)) values[key] = value;
    else if (TOKEN_PROPS.has(key)) tokens[key] = value;
    else throw new validation.InvalidPropError(key, "must be known at synth, not a token (it decides which resources exist)");
  }
  const result = breakGlassUserPropsSchema.safeParse(values);
  if (!result.success) {
    // The prop, not the path inside it: a tag's key or an alerts Region is the user's data, and the rule says which part is wrong.
    const issue = result.error.issues[0];
    throw new validation.InvalidPropError(String(issue.path[0]), issue.message);
  }
  return { ...result.data, ...tokens };
}

/**
 * The password length's rule as a Terraform precondition, for a length known
 * only at plan. The names and the path break AWS's rules at the provider or at
 * IAM at the latest; the floor of 14 is this project's, so without this a
 * variable could bring the password under it.
 */
export function passwordLengthPrecondition(length: number): Precondition {
  const { PASSWORD_LENGTH_MIN: min, PASSWORD_LENGTH_MAX: max } = validation;
  return {
    condition: Op.and(Op.and(Op.gte(length, min), Op.lte(length, max)), Op.eq(Fn.floor(length), length)),
    errorMessage: `passwordLength: must be a whole number from ${min} to ${max}.`,
  };
}
