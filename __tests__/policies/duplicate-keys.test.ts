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

  it("makes the policy CLI refuse the file, exit 2, naming the key", () => {
    const file = path.join(dir, "main.tf.json");
    fs.writeFileSync(
      file,
      '{"resource": {"aws_iam_user": {"mallory": {"name": "Mallory"}}, "aws_iam_user_policy_attachment": {"m": {"user": "${aws_iam_user.mallory.name}", "policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess"}}},\n "resource": {"aws_iam_group": {"g": {"name": "G"}}}}',
    );
    const run = runNode("bin/policy.js", [file]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`break-glass-policy: ${file}: the key "resource" appears twice in one object; Terraform reads both and JSON readers keep one, so the checks cannot: write it once\n`);
  });
});

describe("the quick count of written keys", () => {
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
