import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { IamGroup } from "@cdktf/provider-aws/lib/iam-group";
import { IamGroupMembership } from "@cdktf/provider-aws/lib/iam-group-membership";
import { IamGroupPolicy } from "@cdktf/provider-aws/lib/iam-group-policy";
import { IamGroupPoliciesExclusive } from "@cdktf/provider-aws/lib/iam-group-policies-exclusive";
import { IamGroupPolicyAttachment } from "@cdktf/provider-aws/lib/iam-group-policy-attachment";
import { IamGroupPolicyAttachmentsExclusive } from "@cdktf/provider-aws/lib/iam-group-policy-attachments-exclusive";
import { IamUser } from "@cdktf/provider-aws/lib/iam-user";
import { IamUserLoginProfile } from "@cdktf/provider-aws/lib/iam-user-login-profile";
import { IamUserPoliciesExclusive } from "@cdktf/provider-aws/lib/iam-user-policies-exclusive";
import { IamUserPolicyAttachmentsExclusive } from "@cdktf/provider-aws/lib/iam-user-policy-attachments-exclusive";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { StringResource } from "@cdktf/provider-random/lib/string-resource";
import { DataResource, Fn, TerraformProvider, TerraformStack, Token } from "cdktf";
import { Construct } from "constructs";
import { BREAK_GLASS_TAG_KEY, BREAK_GLASS_TAG_VALUE, DEFAULT_GROUP_NAME, DEFAULT_USER_NAME } from "./defaults";
import { literal, literalTags } from "./literal";
import { requireMfaPolicyJson } from "./mfa-policy";
import * as rules from "./rules";
import { AlertsOptions, BreakGlassAlerts } from "./alerts/break-glass-alerts";

export const DEFAULT_PASSWORD_LENGTH = 32;
/** Characters of the opt-in random suffix, e.g. EmergencyAccess-x7k2q9. */
export const RANDOM_SUFFIX_LENGTH = 6;

/**
 * Console domains by partition. `aws_partition.dns_suffix` is the API domain
 * (amazonaws.com), not the console's, so the sign-in host needs its own map.
 */
export const CONSOLE_DOMAINS: Readonly<Record<string, string>> = {
  aws: "aws.amazon.com",
  "aws-us-gov": "amazonaws-us-gov.com",
  "aws-cn": "amazonaws.cn",
};

export interface BreakGlassUserProps {
  /**
   * Name of the IAM user: 1-64 of letters, digits and +=,.@_-.
   * With `randomSuffix`, at most 57, since "-" and the suffix are appended.
   * @default "EmergencyAccess"
   */
  readonly userName?: string;

  /**
   * Name of the IAM group that holds AdministratorAccess: 1-128 of letters, digits and +=,.@_-.
   * @default "EmergencyAccessGroup"
   */
  readonly groupName?: string;

  /**
   * IAM path of the user and the group: "/" or "/a/b/".
   * @default "/"
   */
  readonly path?: string;

  /**
   * Tags on the user (IAM groups take none): at most 49, since the user also carries
   * the marker tag `BreakGlass = emergency-access`, whose key is reserved.
   * @default - no tags
   */
  readonly tags?: Record<string, string>;

  /**
   * Length of the generated console password, 14-128. It applies when the
   * login profile is created: a change takes effect at the next rotation
   * (`passwordRotationToken`), never by replacing a password someone holds.
   * @default 32
   */
  readonly passwordLength?: number;

  /**
   * Appends "-" and 6 random lowercase letters and digits to the user name, for
   * accounts that do not want the well-known name. The suffix is kept in state,
   * so it stays the same across applies. Needs the hashicorp/random provider.
   * @default false
   */
  readonly randomSuffix?: boolean;

  /**
   * Any string, taken literally; changing it replaces the login profile, which
   * makes the AWS provider generate a new console password. Uses Terraform's built-in terraform_data,
   * so it needs no extra provider.
   * @default - no rotation: the password lives as long as the login profile
   */
  readonly passwordRotationToken?: string;

  /**
   * Puts AWS's "deny everything else unless signed in with MFA" policy on the
   * group: with the password alone the user can only change its password and
   * register an MFA device; it acts as administrator only once signed in with MFA.
   * @default false
   */
  readonly requireMfa?: boolean;

  /**
   * Encrypts the generated password with this PGP public key (base64 of
   * `gpg --export`, its ASCII armor, or keybase:<user>): state and outputs then
   * hold only the encrypted password, which the key's holder decrypts. The key
   * is parsed when the construct is created and must be able to encrypt.
   * @default - the password is in state in plain text (and a sensitive output)
   */
  readonly pgpKey?: string;

  /**
   * `prevent_destroy` on the user, its login profile, the group, the membership
   * and the AdministratorAccess attachment: Terraform refuses any plan that
   * would delete one of them. It also blocks password rotation,
   * which replaces the login profile.
   * @default false
   */
  readonly protect?: boolean;

  /**
   * Alerts on every console sign-in and API call by the user in every Region of
   * `alerts.regions`, and on IAM changes to the user or its group by anyone:
   * EventBridge rules publishing to a new SNS topic (mailing `email`, posting
   * to `httpsEndpoint`) or to `topicArn`. See BreakGlassAlerts.
   * @default - no alerts
   */
  readonly alerts?: AlertsOptions;

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

/**
 * The IAM user for emergency access, as AWS's procedure "Create an IAM user for
 * emergency access" creates it: a user with console access and an autogenerated
 * password that need not be changed at first sign-in, in a group that holds the
 * AWS managed policy AdministratorAccess.
 */
export class BreakGlassUser extends Construct {
  /** The user's name (with the random suffix, when one is asked for). */
  readonly userName: string;
  readonly userArn: string;
  readonly groupName: string;
  readonly groupArn: string;
  /** `https://<account id>.signin.<console domain>/console` */
  readonly signInUrl: string;
  /** The generated console password (sensitive: it is in state); undefined with `pgpKey`. */
  readonly password?: string;
  /** The password encrypted with `pgpKey`, base64; undefined without it. */
  readonly encryptedPassword?: string;
  /** The SNS topic alerts go to, when `alerts` is set. */
  readonly alertsTopicArn?: string;

  constructor(scope: Construct, id: string, props: BreakGlassUserProps = {}) {
    super(scope, id);
    const randomSuffix = props.randomSuffix ?? false;
    const baseName = rules.checkProp(
      "userName",
      randomSuffix ? rules.userNameWithSuffix : rules.userName,
      props.userName ?? DEFAULT_USER_NAME,
    );
    const groupName = rules.checkProp("groupName", rules.groupName, props.groupName ?? DEFAULT_GROUP_NAME);
    const path = rules.checkProp("path", rules.iamPath, props.path ?? "/");
    const tags = rules.checkProp("tags", rules.tags.optional(), props.tags);
    const passwordLength = rules.checkProp(
      "passwordLength",
      rules.passwordLength,
      props.passwordLength ?? DEFAULT_PASSWORD_LENGTH,
    );
    const rotationToken = rules.checkProp(
      "passwordRotationToken",
      rules.passwordRotationToken.optional(),
      props.passwordRotationToken,
    );
    // A token (a variable, a file read at plan) cannot be parsed now; the provider checks it at apply.
    const pgpKey = props.pgpKey !== undefined && Token.isUnresolved(props.pgpKey) ? props.pgpKey : rules.checkProp("pgpKey", rules.pgpKey.optional(), props.pgpKey);
    const alerts = rules.checkProp("alerts", rules.alerts.optional(), props.alerts);
    const protect = props.protect ?? false;
    const provider = props.provider;
    const guard = () => (protect ? { preventDestroy: true } : undefined);

    const partition = new DataAwsPartition(this, "partition", { provider });
    const callerIdentity = new DataAwsCallerIdentity(this, "caller_identity", { provider });

    const suffix = randomSuffix
      ? new StringResource(this, "user_name_suffix", {
          provider: randomProviderOf(TerraformStack.of(this)),
          length: RANDOM_SUFFIX_LENGTH,
          upper: false,
          special: false,
        })
      : undefined;

    const user = new IamUser(this, "user", {
      provider,
      name: suffix ? `${baseName}-${suffix.result}` : baseName,
      path: literal(path),
      tags: { ...literalTags(tags ?? {}), [BREAK_GLASS_TAG_KEY]: BREAK_GLASS_TAG_VALUE },
      lifecycle: guard(),
    });

    const rotation = rotationToken
      ? new DataResource(this, "password_rotation", { input: { token: literal(rotationToken) } })
      : undefined;

    const loginProfile = new IamUserLoginProfile(this, "login_profile", {
      provider,
      user: user.name,
      passwordLength,
      pgpKey,
      // Cleared on purpose: a trusted administrator keeps this password until
      // an emergency, and a forced change at that moment is one more thing to fail.
      passwordResetRequired: false,
      lifecycle: {
        // A bare address: cdktf renders a resource object here as "${...}", which
        // Terraform rejects in replace_triggered_by.
        replaceTriggeredBy: rotation ? [`${DataResource.tfResourceType}.${rotation.friendlyUniqueId}`] : undefined,
        // The provider replaces the login profile when password_length changes:
        // a new password at once, and every saved credentials file wrong. The
        // length applies when the profile is next created, at a rotation.
        ignoreChanges: ["password_length"],
        preventDestroy: protect || undefined,
      },
    });

    const group = new IamGroup(this, "group", {
      provider,
      name: groupName,
      path: literal(path),
      lifecycle: guard(),
    });

    const requireMfa = props.requireMfa
      ? new IamGroupPolicy(this, "require_mfa", { provider, group: group.name, name: "RequireMfa", policy: requireMfaPolicyJson() })
      : undefined;

    const administratorAccess = `arn:${partition.partition}:iam::aws:policy/AdministratorAccess`;
    const attachment = new IamGroupPolicyAttachment(this, "administrator_access", {
      provider,
      group: group.name,
      policyArn: administratorAccess,
      lifecycle: guard(),
    });

    // What grants or withholds administrator rights is owned whole: a policy
    // attached to or put on the group or the user outside Terraform (an extra
    // Deny, a second admin path) shows up as drift and the next apply removes it.
    new IamGroupPolicyAttachmentsExclusive(this, "group_attachments", {
      provider,
      groupName: group.name,
      policyArns: [administratorAccess],
      dependsOn: [attachment],
    });
    new IamGroupPoliciesExclusive(this, "group_inline_policies", {
      provider,
      groupName: group.name,
      policyNames: requireMfa ? [requireMfa.name] : [],
      dependsOn: requireMfa ? [requireMfa] : undefined,
    });
    new IamUserPolicyAttachmentsExclusive(this, "user_attachments", { provider, userName: user.name, policyArns: [] });
    new IamUserPoliciesExclusive(this, "user_inline_policies", { provider, userName: user.name, policyNames: [] });

    // aws_iam_group_membership is exclusive: it owns the group's whole member
    // list, so a second user added outside Terraform shows up as drift in the
    // next plan and is removed by the next apply. The group must have one member.
    new IamGroupMembership(this, "membership", {
      provider,
      name: `${groupName}-membership`,
      group: group.name,
      users: [user.name],
      lifecycle: guard(),
    });

    this.userName = user.name;
    this.userArn = user.arn;
    this.groupName = group.name;
    this.groupArn = group.arn;
    this.password = pgpKey ? undefined : loginProfile.password;
    this.encryptedPassword = pgpKey ? loginProfile.encryptedPassword : undefined;
    if (alerts) {
      const alertsProviders = props.alertsProviders ?? {};
      this.alertsTopicArn = new BreakGlassAlerts(this, "alerts", {
        ...alerts,
        userName: user.name,
        userArn: user.arn,
        groupName,
        regions: alerts.regions ?? Object.keys(alertsProviders),
        providers: alertsProviders,
        provider,
      }).topicArn;
    }
    this.signInUrl = `https://${callerIdentity.accountId}.signin.${Fn.lookup(
      CONSOLE_DOMAINS,
      partition.partition,
    )}/console`;
  }
}

/** The stack's random provider; the random provider takes no settings, so one per stack serves every construct. */
function randomProviderOf(stack: TerraformStack): RandomProvider {
  const existing = stack.node.children.find((c): c is RandomProvider => c instanceof RandomProvider);
  return existing ?? new RandomProvider(stack, "random");
}
