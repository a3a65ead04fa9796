import fc from "fast-check";
import * as fs from "node:fs";
import * as path from "node:path";
import { duplicateKey, hasDuplicateKeys } from "../../policies/terraform/duplicate-keys";
import { runNode, tempDir } from "../helpers/run";

// Terraform reads both of two equal keys in one object; JSON.parse keeps the
// last. A second "resource" key could hide an administrator, so such a file is refused.

describe("duplicate keys in Terraform JSON", () => {
  const dir = tempDir();

  it("finds none in JSON that JSON.stringify wrote, whatever its strings hold", () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => expect(duplicateKey(JSON.stringify(value))).toBeUndefined()), { numRuns: 500 });
  });

  it("finds a key written twice at any depth, even behind escapes", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1 }), fc.string(), fc.nat(3), (object, key, depth) => {
        let text = `{${JSON.stringify(key)}:1,${JSON.stringify(object).slice(1, -1)},${JSON.stringify(key)}:2}`;
        for (let d = 0; d < depth; d++) text = `{"resource":[${text}]}`;
        expect(duplicateKey(text)?.key).toBe(key);
      }),
      { numRuns: 300 },
    );
  });

  /** A second administrator in the first "resource" key, which JSON.parse drops for the second. */
  const HIDDEN =
    '{\n  "resource": {"aws_iam_user": {"mallory": {"name": "Mallory"}}, "aws_iam_user_policy_attachment": {"m": {"user": "${aws_iam_user.mallory.name}", "policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess"}}},\n  "resource": {"aws_iam_group": {"g": {"name": "G"}}}\n}\n';

  /** The policy CLI on `input` exits 2, naming `file` and the key written twice. */
  function expectRefused(input: string, file: string): void {
    const run = runNode("bin/policy.js", [input]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`break-glass-policy: ${file}: the key "resource" appears twice in one object; Terraform reads both and JSON readers keep one, so the checks cannot: write it once\n`);
  }

  it("makes the policy CLI refuse the file, exit 2, naming the key", () => {
    const file = path.join(dir, "main.tf.json");
    fs.writeFileSync(file, HIDDEN);
    expectRefused(file, file);
  });

  it("makes the policy CLI refuse a cdktf.out stack whose cdk.tf.json was edited to write a key twice", () => {
    // cdktf never writes a key twice, but the file may be edited after synth: Terraform would apply both.
    const out = path.join(dir, "edited", "cdktf.out");
    const stack = path.join(out, "stacks", "main");
    fs.mkdirSync(stack, { recursive: true });
    fs.writeFileSync(path.join(out, "manifest.json"), JSON.stringify({ stacks: { main: { name: "main", synthesizedStackPath: "stacks/main/cdk.tf.json", workingDirectory: "stacks/main" } } }));
    fs.writeFileSync(path.join(stack, "cdk.tf.json"), HIDDEN);
    expectRefused(out, path.join(stack, "cdk.tf.json"));
  });
});

/** JSON text as a hand may write it: any JSON whitespace around every colon, comma and bracket. */
function spaced(value: unknown, ws: () => string): string {
  if (Array.isArray(value)) return `[${ws()}${value.map((v) => spaced(v, ws)).join(`${ws()},${ws()}`)}${ws()}]`;
  if (typeof value === "object" && value !== null) {
    return `{${ws()}${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}${ws()}:${ws()}${spaced(v, ws)}`).join(`${ws()},${ws()}`)}${ws()}}`;
  }
  return JSON.stringify(value);
}

describe("the quick count of written keys", () => {
  it("agrees with the full scan whatever whitespace surrounds the colons", () => {
    const whitespace = fc.array(fc.constantFrom(" ", "\n", "\t", "\r"), { maxLength: 3 }).map((w) => w.join(""));
    fc.assert(
      fc.property(fc.jsonValue(), fc.option(fc.string()), fc.infiniteStream(whitespace), (value, twice, spaces) => {
        const ws = () => spaces.next().value as string;
        const body = spaced({ v: value }, ws);
        const text = twice === null ? body : `{${JSON.stringify(twice)}${ws()}:1,${JSON.stringify(twice)}${ws()}:${ws()}2,${body.slice(1)}`;
        expect(hasDuplicateKeys(text, JSON.parse(text))).toBe(duplicateKey(text) !== undefined);
        expect(hasDuplicateKeys(text, JSON.parse(text))).toBe(twice !== null);
      }),
      { numRuns: 500 },
    );
  });


  it("agrees with the full scan on any JSON text, with or without a key written twice", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.option(fc.string()), (value, twice) => {
        let text = JSON.stringify({ v: value });
        if (twice !== null) text = `{${JSON.stringify(twice)}:1,${JSON.stringify(twice)}:2,"v":${JSON.stringify(value)}}`;
        expect(hasDuplicateKeys(text, JSON.parse(text))).toBe(duplicateKey(text) !== undefined);
      }),
      { numRuns: 500 },
    );
  });
});
