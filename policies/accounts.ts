import { AccountKey, DEFAULT_ACCOUNT } from "./model";
import { asStrings, blocks, JsonObject } from "./json";

const ROLE_ARN_ACCOUNT = /^arn:[^:]+:iam::(\d{12}):role\//;

/**
 * The account an AWS provider configuration reaches. `allowed_account_ids`
 * names it; otherwise the account of the role it assumes; otherwise it uses
 * whatever account the default credentials belong to.
 */
export function accountOf(provider: { allowedAccountIds: string[]; roleArns: string[] }): AccountKey {
  if (provider.allowedAccountIds.length === 1) return provider.allowedAccountIds[0];
  const roleAccount = provider.roleArns.map((arn) => ROLE_ARN_ACCOUNT.exec(arn)?.[1]).find(Boolean);
  if (roleAccount) return roleAccount;
  if (provider.allowedAccountIds.length > 1) return [...provider.allowedAccountIds].sort().join(" or ");
  return DEFAULT_ACCOUNT;
}

/** Reads an `aws` provider block of synthesized JSON. */
export function accountOfConfigBlock(block: JsonObject): AccountKey {
  return accountOf({
    allowedAccountIds: asStrings(block.allowed_account_ids),
    roleArns: blocks(block.assume_role).flatMap((r) => asStrings(r.role_arn)),
  });
}
