import * as fs from "node:fs";
import * as path from "node:path";
import { runNode, tempDir } from "./helpers/run";

const CONFIGS = path.join(__dirname, "fixtures", "configs");

/** Runs `npm run synth`'s app with a config file; returns the run and the synthesized stacks. */
function synthWith(dir: string, config: string | object, env: NodeJS.ProcessEnv = {}) {
  const file = typeof config === "string" ? path.join(CONFIGS, config) : path.join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
  if (typeof config !== "string") fs.writeFileSync(file, JSON.stringify(config));
  const outdir = path.join(dir, `out-${path.basename(file, ".json")}`, "cdktf.out");
  const run = runNode("main.js", [], { env: { BREAK_GLASS_CONFIG: file, CDKTF_OUTDIR: outdir, ...env } });
  const stacksDir = path.join(outdir, "stacks");
  const stacks = fs.existsSync(stacksDir)
    ? Object.fromEntries(
        fs.readdirSync(stacksDir).map((s) => [s, JSON.parse(fs.readFileSync(path.join(stacksDir, s, "cdk.tf.json"), "utf8"))]),
      )
    : {};
  return { run, outdir, stacks, file };
}

describe("break-glass.config.json", () => {
  const dir = tempDir();

  describe("three accounts", () => {
    const { run, outdir, stacks } = synthWith(dir, "three-accounts.json");

    it("synthesizes one stack per account, named break-glass-<name>", () => {
      expect(run.status).toBe(0);
      expect(Object.keys(stacks).sort()).toEqual(["break-glass-management", "break-glass-prod", "break-glass-staging"]);
    });

    it("pins each stack's provider to its account, assuming the role only where one is given", () => {
      expect(stacks["break-glass-prod"].provider.aws).toEqual([
        { allowed_account_ids: ["111111111111"], region: "eu-central-1", assume_role: [{ role_arn: "arn:aws:iam::111111111111:role/OrganizationAccountAccessRole" }] },
      ]);
      expect(stacks["break-glass-staging"].provider.aws[0]).toMatchObject({ allowed_account_ids: ["222222222222"], region: "eu-west-1" });
      expect(stacks["break-glass-management"].provider.aws).toEqual([{ allowed_account_ids: ["123456789012"], region: "eu-central-1" }]);
    });

    it("applies the construct's options to every account, with local state per stack", () => {
      for (const [name, tf] of Object.entries<any>(stacks)) {
        expect(Object.values<any>(tf.resource.aws_iam_user_login_profile)[0].password_length).toBe(40);
        expect(Object.values<any>(tf.resource.aws_iam_user)[0].tags).toEqual({ Owner: "security", BreakGlass: "emergency-access" });
        expect(tf.terraform.backend).toEqual({ local: { path: `../../../terraform.${name}.tfstate` } });
      }
    });

    it("passes the policy CLI across all stacks: one admin break-glass user per account", () => {
      const policy = runNode("bin/policy.js", [outdir, "--format", "json"]);
      expect(policy.status).toBe(0);
      const result = JSON.parse(policy.stdout);
      expect(result.violations.map((v: { rule: string; stack: string }) => `${v.rule} ${v.stack}`).sort()).toEqual([
        "break-glass-mfa break-glass-management",
        "break-glass-mfa break-glass-prod",
        "break-glass-mfa break-glass-staging",
      ]);
    });
  });

  it("uses a Terraform Cloud workspace per stack: <prefix><name>, or the account's own", () => {
    const { run, stacks } = synthWith(dir, "three-accounts-cloud.json");
    expect(run.status).toBe(0);
    expect(stacks["break-glass-prod"].terraform.cloud).toEqual({ organization: "example-org", workspaces: { name: "bg-prod" } });
    expect(stacks["break-glass-staging"].terraform.cloud.workspaces).toEqual({ name: "staging-break-glass" });
    expect(stacks["break-glass-prod"].terraform.backend).toBeUndefined();
  });

  it("keeps state in S3, encrypted and locked, one key per stack", () => {
    const { run, stacks } = synthWith(dir, "s3-backend.json");
    expect(run.status).toBe(0);
    expect(stacks["break-glass-prod"].terraform.backend).toEqual({
      s3: { bucket: "example-terraform-state", key: "break-glass/break-glass-prod.tfstate", region: "us-east-1", encrypt: true, use_lockfile: true },
    });
  });

  describe("bad configs", () => {
    const good = { accounts: [{ name: "prod", id: "111111111111" }] };
    it.each<[string, object | string, RegExp[]]>([
      ["a short account id", { accounts: [{ name: "prod", id: "12345" }] }, [/: accounts\[0\]\.id: must be exactly 12 digits$/]],
      [
        "a duplicate account id",
        { accounts: [{ name: "prod", id: "111111111111" }, { name: "dev", id: "111111111111" }] },
        [/: accounts\[1\]\.id: duplicates accounts\[0\]\.id$/],
      ],
      [
        "a duplicate account name",
        { accounts: [{ name: "prod", id: "111111111111" }, { name: "prod", id: "222222222222" }] },
        [/: accounts\[1\]\.name: duplicates accounts\[0\]\.name$/],
      ],
      ["an unknown key", { ...good, colour: "red" }, [/: unknown key "colour"$/]],
      ["an unknown account key", { accounts: [{ name: "prod", id: "111111111111", acount: 1 }] }, [/: accounts\[0\]: unknown key "acount"$/]],
      ["a 65-character user name", { ...good, userName: "u".repeat(65) }, [/: userName: must be 1-64 characters of letters, digits and \+=,\.@_-$/]],
      ["a bad group name", { ...good, groupName: "Emergency Access" }, [/: groupName: must be 1-128 characters/]],
      ["no accounts", { accounts: [] }, [/: accounts: must list at least one account$/]],
      ["a bad role ARN", { accounts: [{ name: "prod", id: "111111111111", roleArn: "admin" }] }, [/: accounts\[0\]\.roleArn: must be an IAM role ARN/]],
      ["an unknown backend", { ...good, backend: { type: "gcs" } }, [/: backend\.type: /]],
      [
        "a role in another account than the account's id",
        { accounts: [{ name: "prod", id: "111111111111", roleArn: "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole" }] },
        [/: accounts\[0\]\.roleArn: is in account 222222222222, not this account's id 111111111111$/],
      ],
      [
        "two accounts with the same explicit workspace",
        { accounts: [{ name: "prod", id: "111111111111", workspace: "shared" }, { name: "dev", id: "222222222222", workspace: "shared" }], backend: { type: "cloud", organization: "o" } },
        [/: accounts\[1\]\.workspace: gives the Terraform Cloud workspace shared, which accounts\[0\] uses too$/],
      ],
      [
        "an explicit workspace equal to another account's derived one",
        { accounts: [{ name: "prod", id: "111111111111" }, { name: "dev", id: "222222222222", workspace: "break-glass-prod" }], backend: { type: "cloud", organization: "o" } },
        [/: accounts\[1\]\.workspace: gives the Terraform Cloud workspace break-glass-prod, which accounts\[0\] uses too$/],
      ],
      [
        "a workspace with the s3 backend",
        { accounts: [{ name: "prod", id: "111111111111", workspace: "prod" }], backend: { type: "s3", bucket: "state-bucket", region: "us-east-1" } },
        [/: accounts\[0\]\.workspace: only the cloud backend has workspaces; the s3 backend keeps one state per stack$/],
      ],
      ["a pgpKey that is no PGP key", { ...good, pgpKey: "bm90IGEga2V5IGF0IGFsbCwganVzdCBzb21lIHRleHQ=" }, [/: pgpKey: must be a PGP public key able to encrypt .*; this one cannot be read \(.*\)$/]],
      ["malformed JSON", "{ \"accounts\": [", [/: is not valid JSON: Unexpected end of JSON input$/]],
      ["a JSON array", "[]", [/: must be a JSON object listing the accounts: \{"accounts": \[\{"name": "prod", "id": "111111111111"\}\]\}$/]],
      [
        "several problems at once",
        { userName: "u".repeat(65), accounts: [{ name: "prod", id: "1" }], extra: true },
        [/: accounts\[0\]\.id: /, /: unknown key "extra"$/, /: userName: /],
      ],
    ])("rejects %s, naming the field, one line each, and writes nothing", (_, config, lines) => {
      const file = path.join(dir, "bad.json");
      fs.writeFileSync(file, typeof config === "string" ? config : JSON.stringify(config));
      const outdir = path.join(dir, "bad-out", "cdktf.out");
      const run = runNode("main.js", [], { env: { BREAK_GLASS_CONFIG: file, CDKTF_OUTDIR: outdir } });
      expect(run.status).toBe(1);
      expect(run.stdout).toBe("");
      const got = run.stderr.trim().split("\n");
      expect(got).toHaveLength(lines.length);
      for (const line of got) expect(line.startsWith(`break-glass synth: ${file}: `)).toBe(true);
      for (const line of lines) expect(got.some((g) => line.test(g))).toBe(true);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(fs.existsSync(path.dirname(outdir)) ? fs.readdirSync(path.dirname(outdir)) : []).toEqual([]);
    });

    it("says so when BREAK_GLASS_CONFIG names a missing file", () => {
      const run = runNode("main.js", [], { env: { BREAK_GLASS_CONFIG: path.join(dir, "missing.json"), CDKTF_OUTDIR: path.join(dir, "x") } });
      expect(run.status).toBe(1);
      expect(run.stderr).toBe(`break-glass synth: ${path.join(dir, "missing.json")}: cannot be read (ENOENT)\n`);
    });
  });

  it("reads break-glass.config.json from the working folder when BREAK_GLASS_CONFIG is unset", () => {
    const project = path.join(dir, "project");
    fs.mkdirSync(project);
    fs.copyFileSync(path.join(CONFIGS, "s3-backend.json"), path.join(project, "break-glass.config.json"));
    const run = runNode("main.js", [], { cwd: project, env: { BREAK_GLASS_CONFIG: "", CDKTF_OUTDIR: "" } });
    expect(run.status).toBe(0);
    expect(fs.readdirSync(path.join(project, "cdktf.out", "stacks"))).toEqual(["break-glass-prod"]);
  });
});
