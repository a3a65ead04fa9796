// The one model every rule reads, whichever input it came from: synthesized
// Terraform JSON (cdktf.out) or Terraform plan JSON (`terraform show -json`).

/** Which AWS account a provider configuration reaches: a 12-digit id, or DEFAULT_ACCOUNT. */
export type AccountKey = string;

/** Providers that name no account all use the default credentials, so they count as one account. */
export const DEFAULT_ACCOUNT: AccountKey = "default credentials";

export interface Resource {
  /** The stack (synthesized folder, or plan file) the resource is in. */
  readonly stack: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  /**
   * Terraform address within its stack, as plan JSON writes it: `aws_iam_user.x`,
   * `data.aws_partition.p`, `aws_iam_user.x[0]`, `aws_iam_user.x["k"]`,
   * `module.m.aws_iam_user.x`; `aws_iam_user.x[*]` for a resource whose
   * instances are not known before apply.
   */
  readonly address: string;
  /**
   * Arguments and attributes. What is known before apply is its plain JSON
   * value (`Fn.jsonencode` of known values is the JSON text). A value that is
   * one reference to an attribute not known before apply holds that reference:
   * `${aws_iam_group.g.name}`, `${aws_iam_user.x[0].arn}`. Any other value not
   * known, or not evaluable, holds its expression as a `${...}` string at the
   * deepest level it occurs; a string with `${` is never a literal.
   */
  readonly values: Record<string, unknown>;
  /**
   * The provider configuration's key in its stack: `aws` or `aws.<alias>`; for a
   * configuration declared inside a module, `module.<name>.aws[.<alias>]`.
   */
  readonly provider: string;
  readonly account: AccountKey;
}

/** How the input reaches an account: the stack that first does, and the partition all its providers agree on. */
export interface AccountReach {
  readonly stack: string;
  /** `aws`, `aws-us-gov`, ...; undefined when a provider's Region is not known, or providers disagree. */
  readonly partition?: string;
}

export interface Output {
  readonly stack: string;
  readonly name: string;
  readonly sensitive: boolean;
  /** Addresses with attribute that the value reads: `aws_iam_user_login_profile.p.password`. */
  readonly references: string[];
}

export interface Model {
  readonly resources: Resource[];
  /**
   * Every account an AWS resource of the input reaches, in the order first
   * reached, with the stack that first reaches it and its partition: also those whose resources
   * the model does not hold (see `NormalizeOptions.resourcesOf`), since an
   * account without a break-glass administrator is a finding. Absent, the
   * accounts are those of `resources`.
   */
  readonly accounts?: ReadonlyMap<AccountKey, AccountReach>;
  readonly outputs: Output[];
  /** Documents that are neither Terraform JSON nor plan JSON: source and reason. */
  readonly unreadable: { stack: string; reason: string }[];
  /**
   * What decides who is administrator but could not be read before apply: a
   * `count` or `for_each` of an IAM resource, a module that is not a local
   * folder, a provider's account, a decisive value that is not a literal.
   * Each is a deny of the `unresolved` rule. Optional so that models built by
   * other means (the live audit) need not carry it.
   */
  readonly unresolved?: Unresolved[];
}

/** One thing the checks could not read: where, which attribute, and the expression as written. */
export interface Unresolved {
  readonly stack: string;
  /** `aws_iam_user.x[*]`, `module.m`, `provider.aws.dev` */
  readonly address: string;
  readonly attribute: string;
  readonly expression: string;
  readonly reason?: string;
}

/** One input document: a stack's synthesized JSON or a plan's JSON. */
export interface TerraformDocument {
  readonly stack: string;
  readonly json: unknown;
  /** Where it was read from, for messages. */
  readonly source?: string;
  /**
   * Local modules the document calls, by folder relative to the document's
   * folder (`modules/user`, `../shared`): the JSON of the folder's `*.tf.json`
   * files. `loadDocuments` fills it from disk.
   */
  readonly modules?: Record<string, unknown[]>;
  /**
   * Values of the root module's variables from the stack folder's
   * `terraform.tfvars.json` and `*.auto.tfvars.json`, which Terraform applies
   * over the defaults. `loadDocuments` fills it from disk.
   */
  readonly variables?: Record<string, unknown>;
}

export function accountLabel(account: AccountKey): string {
  return account === DEFAULT_ACCOUNT ? "the default credentials' account" : `account ${account}`;
}
