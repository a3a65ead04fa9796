import { spawnSync } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { ROOT, tempDir } from "./helpers/run";

const run = (command: string, args: string[], cwd: string) => {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", timeout: 300_000 });
  return { status: result.status, stdout: result.stdout ?? "", stderr: result.stderr ?? "" };
};

/**
 * The app's lockfile: break-glass from the tarball, and its dependencies at
 * the versions this project's lockfile pins (its entries that are not dev
 * dependencies). With it npm takes each package from its cache by integrity
 * and needs no registry metadata, so the install works offline.
 */
function appLockfile(tarball: string): object {
  const ours = JSON.parse(fs.readFileSync(path.join(ROOT, "package-lock.json"), "utf8"));
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  const spec = `file:${path.basename(tarball)}`;
  const integrity = `sha512-${crypto.createHash("sha512").update(fs.readFileSync(tarball)).digest("base64")}`;
  const dependencies = Object.entries(ours.packages as Record<string, { dev?: boolean }>).filter(([key, entry]) => key !== "" && !entry.dev);
  return {
    name: "account-baseline",
    version: "1.0.0",
    lockfileVersion: 3,
    requires: true,
    packages: {
      "": { name: "account-baseline", version: "1.0.0", dependencies: { "break-glass": spec } },
      "node_modules/break-glass": { version: pkg.version, resolved: spec, integrity, license: pkg.license, dependencies: pkg.dependencies, bin: pkg.bin, engines: pkg.engines },
      ...Object.fromEntries(dependencies),
    },
  };
}

// The README's install: the package is private, so another app installs it
// from the tarball `npm pack` makes (or a git URL, which builds the same
// files). This machine reaches no registry metadata, so the app gets a
// lockfile and npm installs offline from its cache.
describe("break-glass installed from its tarball into another app", () => {
  const dir = tempDir();
  const app = path.join(dir, "app");
  let install: ReturnType<typeof run>;

  beforeAll(() => {
    // dist/ is built by `npm test`; packing without scripts packs that build.
    const pack = run("npm", ["pack", "--ignore-scripts", "--pack-destination", dir], ROOT);
    if (pack.status !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
    fs.mkdirSync(app);
    const tarball = path.join(app, pack.stdout.trim().split("\n").pop()!);
    fs.renameSync(path.join(dir, path.basename(tarball)), tarball);
    fs.writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: "account-baseline", version: "1.0.0", private: true }));
    fs.writeFileSync(path.join(app, "package-lock.json"), JSON.stringify(appLockfile(tarball), null, 2));
    install = run("npm", ["install", "--offline", "--no-audit", "--no-fund", "--save-exact", `./${path.basename(tarball)}`], app);
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
