import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { ROOT, tempDir } from "./helpers/run";

const run = (command: string, args: string[], cwd: string) => {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", timeout: 300_000 });
  return { status: result.status, stdout: result.stdout ?? "", stderr: result.stderr ?? "" };
};

// The README's install: the package is private, so another app installs it
// from the tarball `npm pack` makes (or a git URL, which builds the same
// files). Offline: npm takes every dependency from its cache.
describe("break-glass installed from its tarball into another app", () => {
  const dir = tempDir();
  const app = path.join(dir, "app");
  let install: ReturnType<typeof run>;

  beforeAll(() => {
    // dist/ is built by `npm test`; packing without scripts packs that build.
    const pack = run("npm", ["pack", "--ignore-scripts", "--pack-destination", dir], ROOT);
    if (pack.status !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
    const tarball = path.join(dir, pack.stdout.trim().split("\n").pop()!);
    fs.mkdirSync(app);
    fs.writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: "account-baseline", version: "1.0.0", private: true }));
    install = run("npm", ["install", "--offline", "--no-audit", "--no-fund", "--save-exact", tarball], app);
  }, 300_000);

  it("installs offline, with its commands", () => {
    expect(install.stderr).not.toMatch(/npm error/);
    expect(install.status).toBe(0);
    const version = run(path.join(app, "node_modules", ".bin", "break-glass-policy"), ["--version"], app);
    expect(version.stdout).toBe(`break-glass-policy ${JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version}\n`);
  });

  it("gives the app a construct that synthesizes, and a policy CLI that passes the result", () => {
    fs.writeFileSync(
      path.join(app, "main.js"),
      `const { App, TerraformStack } = require("cdktf");
const { AwsProvider } = require("@cdktf/provider-aws/lib/provider");
const { BreakGlassUser } = require("break-glass");
const app = new App({ outdir: "cdktf.out" });
const stack = new TerraformStack(app, "baseline");
new AwsProvider(stack, "aws", { region: "eu-west-1" });
new BreakGlassUser(stack, "break_glass", { passwordLength: 40 });
app.synth();
`,
    );
    const synth = run(process.execPath, ["main.js"], app);
    expect(synth.stderr).toBe("");
    expect(synth.status).toBe(0);
    // The app resolved break-glass from its own node_modules, not this checkout.
    expect(fs.realpathSync(path.join(app, "node_modules", "break-glass"))).toBe(path.join(app, "node_modules", "break-glass"));
    const tf = JSON.parse(fs.readFileSync(path.join(app, "cdktf.out", "stacks", "baseline", "cdk.tf.json"), "utf8"));
    expect(Object.values(tf.resource.aws_iam_user)).toEqual([expect.objectContaining({ name: "EmergencyAccess" })]);
    expect(Object.values(tf.resource.aws_iam_user_login_profile)).toEqual([expect.objectContaining({ password_length: 40 })]);
    const policy = run(path.join(app, "node_modules", ".bin", "break-glass-policy"), ["cdktf.out"], app);
    expect(policy.status).toBe(0);
    expect(policy.stdout).toMatch(/^PASS: 0 denied/m);
  }, 120_000);
});
