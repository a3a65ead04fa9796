import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { CASES } from "../fixtures/cases";
import { casePlanFiles } from "../helpers/cases";
import { ROOT, runNode, tempDir } from "../helpers/run";

const policy = (...args: string[]) => runNode("bin/policy.js", args);

function expectInputError(run: ReturnType<typeof policy>, text: RegExp) {
  expect(run.status).toBe(2);
  expect(run.stdout).toBe("");
  const lines = run.stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^break-glass-policy: /);
  expect(lines[0]).toMatch(text);
}

describe("break-glass-policy", () => {
  const dir = tempDir();
  const outdir = path.join(dir, "cdktf.out");

  beforeAll(() => {
    const synth = runNode("main.js", [], { env: { CDKTF_OUTDIR: outdir, AWS_REGION: "" } });
    expect(synth.status).toBe(0);
  });

  it("passes the default synth with exit 0", () => {
    const run = policy(outdir);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^WARN \[break-glass-mfa\] break-glass aws_iam_user\./m);
    expect(run.stdout.trim().split("\n").pop()).toBe("PASS: 0 denied, 1 warned, 0 suppressed");
  });

  it("reads one stack folder and one *.tf.json file as well as cdktf.out", () => {
    const stackDir = path.join(outdir, "stacks", "break-glass");
    expect(policy(stackDir).status).toBe(0);
    expect(policy(path.join(stackDir, "cdk.tf.json")).status).toBe(0);
  });

  it("prints { passed, violations } with --format json", () => {
    const run = policy(outdir, "--format", "json");
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.passed).toBe(true);
    expect(result.violations).toEqual([
      {
        rule: "break-glass-mfa",
        severity: "warn",
        message: expect.stringContaining("EmergencyAccess"),
        stack: "break-glass",
        address: expect.stringMatching(/^aws_iam_user\./),
      },
    ]);
  });

  it.each(CASES.filter((c) => c.denies.length > 0 && !c.noPlan && !c.suppressions).map((c) => [c.name, c] as const))(
    "exits 1 on the %s plan, naming the offending resource",
    (_, c) => {
      const run = policy(...casePlanFiles(c), "--format", "json");
      expect(run.status).toBe(1);
      const result = JSON.parse(run.stdout);
      expect(result.passed).toBe(false);
      for (const v of result.violations.filter((v: { severity: string }) => v.severity === "deny")) {
        if (v.address) expect(run.stdout).toContain(v.address);
        expect(v.message).toMatch(/IAM user|group|output|account|aws_iam/);
      }
    },
  );

  it("reports a suppressed finding but passes, when the suppression has a reason", () => {
    const c = CASES.find((c) => c.name === "suppressed")!;
    const file = path.join(dir, "suppressions.json");
    fs.writeFileSync(file, JSON.stringify({ suppressions: c.suppressions }));
    const run = policy(...casePlanFiles(c), "--suppressions", file);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("SUPPRESSED [one-admin-user] main aws_iam_user.mallory:");
    expect(run.stdout).toContain("(suppressed: migration user, removed in the next release)");
    expect(policy(...casePlanFiles(c)).status).toBe(1);
  });

  it("refuses a suppression without a written reason", () => {
    const file = path.join(dir, "no-reason.json");
    fs.writeFileSync(file, JSON.stringify({ suppressions: [{ rule: "one-admin-user", address: "aws_iam_user.x", reason: " " }] }));
    expectInputError(policy(outdir, "--suppressions", file), /suppressions\[0\]\.reason: must give a written reason$/);
  });

  it.each([
    ["a missing file", (d: string) => path.join(d, "missing.json"), /missing\.json: no such file or folder$/],
    ["an empty folder", (d: string) => fs.mkdirSync(path.join(d, "empty"), { recursive: true }) ?? path.join(d, "empty"), /empty: holds no cdktf manifest\.json and no \*\.tf\.json file$/],
    ["truncated JSON", (d: string) => write(d, "truncated.tf.json", '{"resource": {"aws_iam_user": '), /truncated\.tf\.json: is not valid JSON/],
    ["JSON that is not Terraform", (d: string) => write(d, "package.json", '{"name": "x", "version": "1.0.0"}'), /package\.json: is neither Terraform JSON configuration nor Terraform plan JSON$/],
    ["an empty JSON object", (d: string) => write(d, "empty.tf.json", "{}"), /is neither Terraform/],
    ["an HCL stack", (d: string) => write(d, "cdk.tf", 'resource "aws_iam_user" "u" {}'), /cdk\.tf: is not JSON/],
  ])("exits 2 with one line on %s", (_, make, message) => {
    expectInputError(policy(make(dir)), message);
  });

  it("exits 2 with one line naming the file when a later stack of a cdktf.out is broken", () => {
    // Stacks are read one at a time as the checks reach them; a broken one still stops the run before any verdict.
    const broken = path.join(dir, "broken.out");
    fs.cpSync(outdir, broken, { recursive: true });
    const manifestFile = path.join(broken, "manifest.json");
    const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8"));
    const [first] = Object.values(manifest.stacks) as { synthesizedStackPath: string }[];
    manifest.stacks.zz = { ...first, name: "zz", synthesizedStackPath: "stacks/zz/cdk.tf.json", workingDirectory: "stacks/zz" };
    fs.writeFileSync(manifestFile, JSON.stringify(manifest));
    const zz = path.join(broken, "stacks", "zz");
    fs.mkdirSync(zz, { recursive: true });
    write(zz, "cdk.tf.json", '{"resource": ');
    expectInputError(policy(broken), /stacks\/zz\/cdk\.tf\.json: is not valid JSON/);
  });

  it("reads every *.tf.json in a cdktf.out stack's folder, as Terraform applies them all", () => {
    const extra = path.join(dir, "extra.out");
    fs.cpSync(outdir, extra, { recursive: true });
    const admin = { resource: { aws_iam_user: { m: { name: "Mallory" } }, aws_iam_user_policy_attachment: { m: { user: "${aws_iam_user.m.name}", policy_arn: "arn:aws:iam::aws:policy/AdministratorAccess" } } } };
    write(path.join(extra, "stacks", "break-glass"), "extra.tf.json", JSON.stringify(admin));
    const run = policy(extra, "--format", "json");
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout).violations).toContainEqual(expect.objectContaining({ rule: "one-admin-user", stack: "break-glass", address: "aws_iam_user.m", message: expect.stringContaining("Mallory") }));
  });

  it("exits 2 on a manifest whose stack runs in another folder than the one it names, and on override files", () => {
    const moved = path.join(dir, "moved.out");
    fs.cpSync(outdir, moved, { recursive: true });
    const manifestFile = path.join(moved, "manifest.json");
    const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8"));
    manifest.stacks["break-glass"].workingDirectory = "stacks/elsewhere";
    fs.writeFileSync(manifestFile, JSON.stringify(manifest));
    expectInputError(policy(moved), /manifest\.json: stack break-glass is run in stacks\/elsewhere but synthesized to stacks\/break-glass\/cdk\.tf\.json/);

    const overridden = path.join(dir, "override.out");
    fs.cpSync(outdir, overridden, { recursive: true });
    write(path.join(overridden, "stacks", "break-glass"), "main_override.tf.json", JSON.stringify({ resource: {} }));
    expectInputError(policy(overridden), /holds Terraform override files \(main_override\.tf\.json\), which this checker does not merge/);
  });

  it("exits 2 on a bad --format, an unknown option, or no input", () => {
    expectInputError(policy(outdir, "--format", "xml"), /--format: must be one of text, json, sarif, junit$/);
    expectInputError(policy(outdir, "--bogus"), /Unknown option '--bogus'/);
    expectInputError(policy(), /no input given/);
  });

  it("runs as `npm run --silent policy -- <path>`", () => {
    const run = spawnSync("npm", ["run", "--silent", "policy", "--", outdir, "--format", "json"], { cwd: ROOT, encoding: "utf8" });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).passed).toBe(true);
  });
});

function write(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}
