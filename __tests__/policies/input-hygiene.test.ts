import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { PLANS } from "../helpers/cases";
import { runNode, tempDir } from "../helpers/run";
import { ADMIN_ARN, adminUser, breakGlass, config } from "./terraform/configs";

// What the policy CLI accepts as input, and how it names what it refuses.

const policy = (cwd: string, ...args: string[]) => runNode("bin/policy.js", args, { cwd });

function write(file: string, json: unknown): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(json));
  return file;
}

function expectInputError(run: ReturnType<typeof policy>, text: RegExp) {
  expect(run.status).toBe(2);
  expect(run.stdout).toBe("");
  expect(run.stderr.trim().split("\n")).toEqual([expect.stringMatching(text)]);
}

describe("policy CLI input", () => {
  const dir = tempDir();
  const defaultPlan = JSON.parse(fs.readFileSync(path.join(PLANS, "default", "main.json"), "utf8"));

  it.each([
    ["past 2^53", "9007199254740993"],
    ["too small for a double", "1e-400"],
    ["of 17 significant digits", "0.10000000000000001"],
  ])("refuses a configuration holding a JSON number %s, which JSON.parse would round", (_, number) => {
    const file = path.join(dir, `numbers-${number}`, "main.tf.json");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `{"locals": {"n": ${number}}, "resource": {"aws_iam_user": {"u": {"name": "u", "count": 1}}}}`);
    expectInputError(policy(dir, path.dirname(file)), new RegExp(`main\\.tf\\.json: holds the number ${number.replace(/[.+-]/g, "\\$&")}, which Terraform reads exactly and the checks cannot`));
  });

  it("reads ordinary JSON numbers, and numbers inside strings, as they are", () => {
    const file = write(path.join(dir, "ordinary", "main.tf.json"), { ...config(breakGlass()), locals: { n: 1.5, big: 123456789012, text: "9007199254740993 1e-400" } });
    expect(policy(dir, path.dirname(file)).status).toBe(0);
  });

  it("refuses a plan whose format_version major is not 1", () => {
    const file = write(path.join(dir, "v2", "plan.json"), { ...defaultPlan, format_version: "2.0" });
    expectInputError(policy(dir, file), /plan\.json: unsupported plan format 2\.0; this checker reads 1\.x$/);
  });

  it("names Terraform state JSON and state files instead of reading them as plans", () => {
    const shown = write(path.join(dir, "state", "show.json"), { format_version: "1.0", terraform_version: "1.11.0", values: { root_module: { resources: [] } } });
    expectInputError(policy(dir, shown), /show\.json: is Terraform state JSON .*not a plan/);
    const tfstate = write(path.join(dir, "state", "terraform.tfstate.json"), { version: 4, terraform_version: "1.11.0", serial: 3, lineage: "x", outputs: {}, resources: [] });
    expectInputError(policy(dir, tfstate), /terraform\.tfstate\.json: is a Terraform state file/);
  });

  it("refuses a path that is not a regular file, without blocking on it", () => {
    const fifo = path.join(dir, "pipe.json");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    expectInputError(policy(dir, fifo), /pipe\.json: is not a regular file or folder$/);
  });

  it("refuses a pipe or a folder among a stack folder's *.tf.json files, without blocking on the pipe", () => {
    const stack = path.join(dir, "odd");
    write(path.join(stack, "main.tf.json"), config(breakGlass()));
    const fifo = path.join(stack, "pipe.tf.json");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    expectInputError(policy(dir, stack), /odd\/pipe\.tf\.json: is not a regular file or folder$/);
    fs.rmSync(fifo);
    fs.mkdirSync(path.join(stack, "extra.tf.json"));
    expectInputError(policy(dir, stack), /odd\/extra\.tf\.json: cannot be read \(EISDIR\)$/);
  });

  it("refuses a file over the size cap before reading it", () => {
    const big = path.join(dir, "big.json");
    fs.writeFileSync(big, "");
    fs.truncateSync(big, 256 * 1024 * 1024 + 1);
    expectInputError(policy(dir, big), /big\.json: is larger than 256 MiB$/);
    fs.rmSync(big);
  });

  it("keeps two plan files of the same name apart, named by their paths", () => {
    write(path.join(dir, "a", "main.json"), defaultPlan);
    write(path.join(dir, "b", "main.json"), defaultPlan);
    const run = policy(dir, "a/main.json", "b/main.json", "--format", "json");
    const result = JSON.parse(run.stdout);
    expect(new Set(result.violations.map((v: { stack: string }) => v.stack))).toEqual(new Set(["a/main.json", "b/main.json"]));
    // Both use the default credentials: one account, two break-glass administrators.
    expect(run.status).toBe(1);
    expect(result.violations).toContainEqual(expect.objectContaining({ rule: "one-admin-user", message: expect.stringContaining("second break-glass administrator") }));
  });

  it("reads a folder of stack folders (cdktf.out/stacks) as the stacks it holds", () => {
    const stacks = path.join(dir, "out", "stacks");
    write(path.join(stacks, "prod", "cdk.tf.json"), config({ provider: { aws: { allowed_account_ids: ["111111111111"] } } }, breakGlass()));
    write(path.join(stacks, "dev", "cdk.tf.json"), config({ provider: { aws: { allowed_account_ids: ["222222222222"] } } }, breakGlass(), adminUser("ops")));
    const run = policy(dir, stacks, "--format", "json");
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout).violations).toEqual([
      expect.objectContaining({ rule: "one-admin-user", stack: "dev", address: "aws_iam_user.ops" }),
      expect.objectContaining({ rule: "break-glass-mfa", stack: "dev" }),
      expect.objectContaining({ rule: "break-glass-mfa", stack: "prod" }),
    ]);
  });

  it("reads a stack folder's files together, as one module", () => {
    const stack = path.join(dir, "split");
    write(path.join(stack, "main.tf.json"), config(breakGlass(), { locals: { arn: ADMIN_ARN } }));
    write(path.join(stack, "extra.tf.json"), adminUser("ops", "${local.arn}"));
    const run = policy(dir, stack, "--format", "json");
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout).violations).toContainEqual(expect.objectContaining({ rule: "one-admin-user", address: "aws_iam_user.ops" }));
  });

  it("refuses a stack folder that holds HCL beside JSON", () => {
    const stack = path.join(dir, "mixed");
    write(path.join(stack, "main.tf.json"), breakGlass());
    fs.writeFileSync(path.join(stack, "admin.tf"), 'resource "aws_iam_user" "x" {}');
    expectInputError(policy(dir, stack), /mixed: holds HCL files \(admin\.tf\), which this checker cannot read/);
  });

  it("reads local modules from disk, and fails closed on one written in HCL", () => {
    const stack = path.join(dir, "with-modules");
    write(path.join(stack, "main.tf.json"), config(breakGlass(), { module: { extra: { source: "./modules/extra" }, hcl: { source: "./modules/hcl" } } }));
    write(path.join(stack, "modules", "extra", "main.tf.json"), adminUser("ops"));
    write(path.join(stack, "modules", "hcl", "main.tf.json"), {});
    fs.writeFileSync(path.join(stack, "modules", "hcl", "admin.tf"), 'resource "aws_iam_user" "x" {}');
    const run = policy(dir, path.join(stack, "main.tf.json"), "--format", "json");
    expect(run.status).toBe(1);
    const denies = JSON.parse(run.stdout).violations.filter((v: { severity: string }) => v.severity === "deny");
    expect(denies).toEqual([
      expect.objectContaining({ rule: "unresolved", address: "module.hcl", message: expect.stringContaining("modules/hcl") }),
      expect.objectContaining({ rule: "one-admin-user", address: "module.extra.aws_iam_user.ops" }),
    ]);
  });

  it("applies terraform.tfvars.json and *.auto.tfvars.json over variable defaults, and refuses HCL variable files", () => {
    const stack = path.join(dir, "tfvars");
    write(path.join(stack, "main.tf.json"), config(breakGlass(), { variable: { arn: { default: "arn:aws:iam::aws:policy/ReadOnlyAccess" } } }, adminUser("ops", "${var.arn}")));
    expect(policy(dir, stack).status).toBe(0);
    write(path.join(stack, "terraform.tfvars.json"), { arn: "arn:aws:iam::aws:policy/ReadOnlyAccess" });
    write(path.join(stack, "z.auto.tfvars.json"), { arn: ADMIN_ARN });
    const run = policy(dir, stack, "--format", "json");
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout).violations).toContainEqual(expect.objectContaining({ rule: "one-admin-user", address: "aws_iam_user.ops" }));
    fs.writeFileSync(path.join(stack, "terraform.tfvars"), 'arn = "x"');
    expectInputError(policy(dir, stack), /tfvars: holds HCL variable files \(terraform\.tfvars\), which this checker cannot read/);
  });

  it("does not read variable files beside a configuration that declares no variables: their values could change nothing", () => {
    const stack = path.join(dir, "no-variables");
    write(path.join(stack, "main.tf.json"), config(breakGlass(), adminUser("ops")));
    fs.writeFileSync(path.join(stack, "terraform.tfvars"), 'arn = "x"');
    write(path.join(stack, "z.auto.tfvars.json"), { arn: ADMIN_ARN });
    const run = policy(dir, stack, "--format", "json");
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout).violations).toContainEqual(expect.objectContaining({ rule: "one-admin-user", address: "aws_iam_user.ops" }));
  });
});
