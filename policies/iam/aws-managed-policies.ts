import { closeSync, existsSync, fstatSync, openSync, readSync } from "node:fs";
import * as path from "node:path";

// AWS managed policies' default documents, by ARN. The data file is generated
// from moto's copy of AWS's documents by scripts/aws-managed-policies.py (it
// records its source and date), one policy a line, sorted by name.

const DATA_FILE = path.join("policies", "iam", "data", "aws-managed-policies.jsonl");

/** `arn:<partition>:iam::aws:policy/<path><name>`: every partition has the same AWS managed policies. */
const AWS_MANAGED_ARN = /^arn:(aws|aws-[a-z-]+):iam::aws:policy(\/(?:[^/]+\/)*)([^/]+)$/;

export interface AwsManagedPolicy {
  readonly name: string;
  readonly path: string;
  readonly version: string;
  readonly document: unknown;
}

const parsed = new Map<string, AwsManagedPolicy | null>();
let dataFile: string | undefined;

/** The package root holds the data file whether this runs from source or from dist/. */
function locate(): string {
  if (dataFile !== undefined) return dataFile;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, DATA_FILE);
    if (existsSync(file)) return (dataFile = file);
    if (path.dirname(dir) === dir) throw new Error(`${DATA_FILE} is missing: run python3 scripts/aws-managed-policies.py`);
  }
}

/** How much of the file one read takes: most lines are shorter. */
const CHUNK = 4096;
const NEWLINE = 0x0a;
const NAME = /^\{"name":("(?:[^"\\]|\\.)*")/;

/**
 * Finds one policy's line in the data file, whose lines after the header are
 * sorted by name: a binary search that reads only the lines it visits, not
 * the ~3 MB file (reading it all costs more than the checks' whole run on a stack).
 */
function findLine(name: string): string | undefined {
  const fd = openSync(locate(), "r");
  try {
    const size = fstatSync(fd).size;
    const read = (start: number, length: number): Buffer => {
      const buffer = Buffer.allocUnsafe(Math.max(0, Math.min(length, size - start)));
      return buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, start));
    };
    /** The position of the first newline at or after `from`, or the file's size. */
    const newlineFrom = (from: number): number => {
      for (let at = from; at < size; at += CHUNK) {
        const i = read(at, CHUNK).indexOf(NEWLINE);
        if (i !== -1) return at + i;
      }
      return size;
    };
    // The first line is the header; each line starts after a newline.
    let lo = newlineFrom(0) + 1;
    let hi = size;
    while (lo < hi) {
      const mid = lo + ((hi - lo) >> 1);
      const start = mid === lo ? lo : newlineFrom(mid - 1) + 1;
      if (start >= hi) {
        hi = mid;
        continue;
      }
      const end = newlineFrom(start);
      const found = NAME.exec(read(start, Math.min(end - start, CHUNK)).toString("utf8"));
      // A line the generator did not write: no answer is better than a wrong one.
      if (!found) return undefined;
      const lineName = JSON.parse(found[1]) as string;
      if (lineName === name) return read(start, end - start).toString("utf8");
      if (lineName < name) lo = end + 1;
      else hi = start;
    }
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** An AWS managed policy by its name alone, whatever its path (`data.aws_iam_policy` with `name`). */
export function awsManagedPolicyByName(name: string): AwsManagedPolicy | undefined {
  const known = parsed.get(name);
  if (known !== undefined) return known ?? undefined;
  const line = findLine(name);
  const policy = line === undefined ? null : (JSON.parse(line) as AwsManagedPolicy);
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
