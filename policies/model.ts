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
  /** Terraform address within its stack: `aws_iam_user.x`, `data.aws_partition.p`. */
  readonly address: string;
  /**
   * Arguments and attributes. A value that is not known before apply holds
   * the reference it comes from, as synthesized JSON writes it: `${aws_iam_group.g.name}`.
   */
  readonly values: Record<string, unknown>;
  /** The provider configuration's key in its stack: `aws` or `aws.<alias>`. */
  readonly provider: string;
  readonly account: AccountKey;
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
  readonly outputs: Output[];
  /** Documents that are neither Terraform JSON nor plan JSON: source and reason. */
  readonly unreadable: { stack: string; reason: string }[];
}

/** One input document: a stack's synthesized JSON or a plan's JSON. */
export interface TerraformDocument {
  readonly stack: string;
  readonly json: unknown;
  /** Where it was read from, for messages. */
  readonly source?: string;
}

export function accountLabel(account: AccountKey): string {
  return account === DEFAULT_ACCOUNT ? "the default credentials' account" : `account ${account}`;
}
