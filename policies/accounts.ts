import { AccountKey, DEFAULT_ACCOUNT } from "./model";
import { blocks, isObject, JsonObject } from "./json";

const ROLE_ARN_ACCOUNT = /^arn:[^:]+:iam::(\d{12}):role\//;

/**
 * The account an AWS provider configuration reaches. `allowed_account_ids`
 * names it; otherwise the account of the last role it assumes (the provider
 * takes web identity credentials first, then each `assume_role` in turn);
 * otherwise it uses whatever account the default credentials belong to.
 */
export function accountOf(provider: { allowedAccountIds: string[]; roleArns: string[] }): AccountKey {
  const allowed = [...new Set(provider.allowedAccountIds)].sort();
  if (allowed.length === 1) return allowed[0];
  const lastRole = provider.roleArns[provider.roleArns.length - 1];
  const roleAccount = lastRole === undefined ? undefined : ROLE_ARN_ACCOUNT.exec(lastRole)?.[1];
  if (roleAccount) return roleAccount;
  if (allowed.length > 1) return allowed.join(" or ");
  return DEFAULT_ACCOUNT;
}

/** A provider argument that decides the account but is not known: the checks cannot tell the account. */
export interface UnknownAccountArgument {
  readonly attribute: string;
  readonly expression: string;
  /** Why it is not known, when not because it is not known before apply. */
  readonly reason?: string;
}

const NONE: readonly UnknownAccountArgument[] = Object.freeze([]);

export interface ProviderAccount {
  readonly account: AccountKey;
  readonly unknown: readonly UnknownAccountArgument[];
}

/**
 * Whether a provider configuration is AWS's: named `aws`, or of type `aws`, the last
 * part of its source address (`hashicorp/aws`), whatever its local name.
 * Terraform folds a type name by IDNA mapping (`ＡＷＳ` is `aws`); only a plain
 * ASCII type other than `aws` is taken as another provider's.
 */
export function isAwsProvider(name: string, source: string | undefined): boolean {
  if (name === "aws" || source === undefined) return name === "aws";
  const type = source.split("/").pop()!;
  return !/^[a-z0-9_-]+$/i.test(type) || type.toLowerCase() === "aws";
}

/** The arguments of an `aws` provider that decide its account; accountOfProvider reads no others. */
export const ACCOUNT_ARGUMENTS = ["allowed_account_ids", "assume_role", "assume_role_with_web_identity"] as const;

/**
 * Reads an `aws` provider's account from its arguments, as the model holds
 * them (a value not known before apply is a `${...}` string). The arguments
 * that decide the account are `allowed_account_ids`, `assume_role[].role_arn`
 * and `assume_role_with_web_identity.role_arn`.
 */
export function accountOfProvider(values: JsonObject): ProviderAccount {
  // The usual provider, pinned to one account and assuming no role: read without building lists.
  const pinned = values.allowed_account_ids;
  if (Array.isArray(pinned) && pinned.length === 1 && values.assume_role == null && values.assume_role_with_web_identity == null) {
    const [id] = pinned;
    if (typeof id === "string" && !id.includes("${")) return { account: id, unknown: NONE };
  }
  const unknown: UnknownAccountArgument[] = [];
  const strings = (value: unknown, attribute: string): string[] => {
    if (value === undefined || value === null) return [];
    const list = typeof value === "string" ? [value] : Array.isArray(value) ? value : undefined;
    if (!list || list.some((v) => typeof v !== "string" || v.includes("${"))) {
      unknown.push({ attribute, expression: describe(value) });
      return [];
    }
    return list as string[];
  };
  const roleBlocks = (value: unknown, attribute: string): JsonObject[] => {
    if (value === undefined || value === null) return [];
    if (!isObject(value) && !Array.isArray(value)) {
      unknown.push({ attribute, expression: describe(value) });
      return [];
    }
    return blocks(value);
  };
  const allowed = strings(values.allowed_account_ids, "allowed_account_ids");
  const roles = [
    ...roleBlocks(values.assume_role_with_web_identity, "assume_role_with_web_identity").flatMap((b) =>
      strings(b.role_arn, "assume_role_with_web_identity.role_arn"),
    ),
    ...roleBlocks(values.assume_role, "assume_role").flatMap((b) => strings(b.role_arn, "assume_role.role_arn")),
  ];
  return { account: accountOf({ allowedAccountIds: allowed, roleArns: roles }), unknown };
}

function describe(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}
