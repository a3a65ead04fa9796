import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";

// AWS managed policies' default documents, by ARN. The data file is generated
// from moto's copy of AWS's documents by scripts/aws-managed-policies.py (it
// records its source and date); it is read once, on first use.

const DATA_FILE = path.join("policies", "iam", "data", "aws-managed-policies.jsonl");

/** `arn:<partition>:iam::aws:policy/<path><name>`: every partition has the same AWS managed policies. */
const AWS_MANAGED_ARN = /^arn:(aws|aws-[a-z-]+):iam::aws:policy(\/(?:[^/]+\/)*)([^/]+)$/;

export interface AwsManagedPolicy {
  readonly name: string;
  readonly path: string;
  readonly version: string;
  readonly document: unknown;
}

let data: Buffer | undefined;
const parsed = new Map<string, AwsManagedPolicy | null>();

/** The package root holds the data file whether this runs from source or from dist/. */
function load(): Buffer {
  if (data !== undefined) return data;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, DATA_FILE);
    // Kept as bytes: decoding all ~3 MB to a string costs more than the checks' whole run on a stack.
    if (existsSync(file)) return (data = readFileSync(file));
    if (path.dirname(dir) === dir) throw new Error(`${DATA_FILE} is missing: run python3 scripts/aws-managed-policies.py`);
  }
}

/**
 * An AWS managed policy by its name alone, whatever its path (`data.aws_iam_policy`
 * with `name`). The file is JSON Lines, so only its line is parsed.
 */
export function awsManagedPolicyByName(name: string): AwsManagedPolicy | undefined {
  const known = parsed.get(name);
  if (known !== undefined) return known ?? undefined;
  const lines = load();
  const start = lines.indexOf(`\n{"name":${JSON.stringify(name)},`);
  const end = start === -1 ? -1 : lines.indexOf("\n", start + 1);
  const policy = start === -1 ? null : (JSON.parse(lines.toString("utf8", start + 1, end === -1 ? undefined : end)) as AwsManagedPolicy);
  parsed.set(name, policy);
  return policy ?? undefined;
}

/** Whether an ARN is an AWS managed policy's (`arn:aws:iam::aws:policy/...`), known or not. */
export function isAwsManagedPolicyArn(arn: string): boolean {
  return AWS_MANAGED_ARN.test(arn);
}

/**
 * The AWS managed policy an ARN names, with its default version's document;
 * undefined when the ARN is not an AWS managed policy's or the data does not
 * know it (a policy newer than the data, or a mistyped name).
 */
export function awsManagedPolicy(arn: string): AwsManagedPolicy | undefined {
  const m = AWS_MANAGED_ARN.exec(arn);
  if (!m) return undefined;
  const [, , policyPath, name] = m;
  const policy = awsManagedPolicyByName(name);
  return policy && policy.path === policyPath ? policy : undefined;
}

/**
 * Synthesized JSON often leaves the partition to Terraform:
 * `arn:${data.aws_partition.p.partition}:iam::aws:policy/X`. Every partition
 * has the same AWS managed policies, so the partition does not change which.
 */
export function withKnownPartition(arn: string): string {
  return arn.replace(/^arn:\$\{[^{}]+\}:iam::aws:policy\//, "arn:aws:iam::aws:policy/");
}
