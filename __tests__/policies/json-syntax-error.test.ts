import fc from "fast-check";
import * as fs from "node:fs";
import * as path from "node:path";
import { jsonSyntaxError } from "../../policies/json";
import { runNode, tempDir } from "../helpers/run";

// JSON.parse's messages quote the text around the error; the text may be a
// plan with sensitive values or Terraform's output with the password in it.

/** No two of its characters in a row appear in any of V8's messages. */
const SECRET = "Zq8#vX2!kW7$mP4";

/** JSON.parse's error for text that is not JSON. */
function parseError(text: string): unknown {
  try {
    JSON.parse(text);
  } catch (error) {
    return error;
  }
  throw new Error(`${JSON.stringify(text)} is JSON`);
}

describe("jsonSyntaxError", () => {
  it.each([
    ["a stray token after a secret", `{"password": "${SECRET}" x}`, "Expected ',' or '}' after property value at line 1, column 32"],
    ["a token V8 quotes its surroundings for", `{"password": "${SECRET}", "a": tru}`, 'Unexpected token "}"'],
    ["a short text V8 quotes whole", "not json\n", 'Unexpected token "o"'],
    ["an error on a later line", '{"a": 1,\n  "b": 2,\n}', "Expected double-quoted property name at line 3, column 1"],
    ["text after the value", '{"a": 1} {}', "Unexpected non-whitespace character after JSON at line 1, column 10"],
    ["text that ends early", '{"a": ', "Unexpected end of JSON input"],
  ])("says where %s is, without quoting the text", (_, text, expected) => {
    expect(jsonSyntaxError(parseError(text), text)).toBe(expected);
  });

  it("never quotes more than the one character it stopped at, and stays on one line", () => {
    // A secret anywhere in broken JSON: at most one of its characters (the unexpected token) is named.
    const brokenAround = fc
      .tuple(fc.string({ minLength: 0, maxLength: 20 }), fc.constantFrom('"', "", "{", '{"p": "', "[", ": "), fc.constantFrom("", "x", "}", ",,", '"', "\n", "tru"))
      .map(([prefix, open, close]) => `${prefix}${open}${SECRET}${close}`)
      .filter((text) => {
        try {
          JSON.parse(text);
          return false;
        } catch {
          return true;
        }
      });
    fc.assert(
      fc.property(brokenAround, (text) => {
        const said = jsonSyntaxError(parseError(text), text);
        expect(said).not.toMatch(/\n/);
        for (let i = 0; i + 2 <= SECRET.length; i++) expect(said).not.toContain(SECRET.slice(i, i + 2));
      }),
      { numRuns: 500 },
    );
  });
});

describe("commands given broken JSON", () => {
  const dir = tempDir();

  it("the policy CLI names the line and column of a broken stack and none of its text", () => {
    const stack = path.join(dir, "stack");
    fs.mkdirSync(stack);
    fs.writeFileSync(path.join(stack, "main.tf.json"), `{"output": {"p": {"value": "${SECRET}"}}\n "x": 1}`);
    const run = runNode("bin/policy.js", [stack]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(`break-glass-policy: ${path.join(stack, "main.tf.json")}: is not valid JSON (Expected ',' or '}' after property value at line 2, column 2)\n`);
  });

  it("synth says what is wrong with a config file on one line", () => {
    const file = path.join(dir, "break-glass.config.json");
    fs.writeFileSync(file, "not json\n");
    const run = runNode("main.js", [], { env: { BREAK_GLASS_CONFIG: file, CDKTF_OUTDIR: path.join(dir, "out") } });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`break-glass synth: ${file}: is not valid JSON: Unexpected token "o"\n`);
    expect(fs.existsSync(path.join(dir, "out"))).toBe(false);
  });
});
