import { AccountKey } from "./model";

// The partition an ARN starts with (`arn:aws:`, `arn:aws-us-gov:`, ...) is the
// partition of the Region the provider talks to (AWS General Reference,
// "Amazon Resource Names (ARNs)": partition). Regions map to partitions by
// name, as the AWS SDKs and the Terraform AWS provider resolve them: the
// regionRegex of each partition in the SDKs' partitions.json
// (https://github.com/aws/aws-sdk-js-v3/blob/main/packages/util-endpoints/src/lib/aws/partitions.json).
// The SDKs fall back to `aws` for a name none matches; here it stays unknown.

const PARTITIONS: readonly [string, RegExp][] = [
  ["aws", /^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$/],
  ["aws-cn", /^cn-\w+-\d+$/],
  ["aws-eusc", /^eusc-(de)-\w+-\d+$/],
  ["aws-iso", /^us-iso-\w+-\d+$/],
  ["aws-iso-b", /^us-isob-\w+-\d+$/],
  ["aws-iso-e", /^eu-isoe-\w+-\d+$/],
  ["aws-iso-f", /^us-isof-\w+-\d+$/],
  ["aws-us-gov", /^us-gov-\w+-\d+$/],
];

/** The partition of a Region given as a literal name; undefined for anything else. */
export function partitionOfRegion(region: unknown): string | undefined {
  if (typeof region !== "string") return undefined;
  const matching = PARTITIONS.filter(([, pattern]) => pattern.test(region));
  return matching.length === 1 ? matching[0][0] : undefined;
}

/**
 * Records that an AWS resource reaches `account` through a provider of
 * `partition` (undefined: not known). An account keeps a partition only while
 * every provider that reaches it agrees on one.
 */
export function reach(accounts: Map<AccountKey, string | undefined>, account: AccountKey, partition: string | undefined): void {
  if (!accounts.has(account)) accounts.set(account, partition);
  else if (accounts.get(account) !== partition) accounts.set(account, undefined);
}
