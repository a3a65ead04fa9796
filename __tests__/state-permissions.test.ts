import * as fs from "node:fs";
import * as path from "node:path";
import { localStatePath, readableStateWarnings, restrictSecretFiles, stackDirsOf } from "../operator/state-permissions";
import { spawnSync } from "node:child_process";
import { ROOT, tempDir } from "./helpers/run";

const withPassword = (password: string) =>
  JSON.stringify({ resources: [{ type: "aws_iam_user_login_profile", instances: [{ attributes: { password, encrypted_password: password ? "" : "wcBMA" } }] }] });

/** A project folder: cdktf.out/stacks/<stack>/cdk.tf.json with the given backend, and local state beside cdktf.json. */
function project(root: string, stack: string, backend: object, state?: { text: string; mode: number }): string {
  const stackDir = path.join(root, "cdktf.out", "stacks", stack);
  fs.mkdirSync(stackDir, { recursive: true });
  fs.writeFileSync(path.join(stackDir, "cdk.tf.json"), JSON.stringify({ terraform: { backend } }));
  if (state) fs.writeFileSync(path.join(root, `terraform.${stack}.tfstate`), state.text, { mode: state.mode });
  if (state) fs.chmodSync(path.join(root, `terraform.${stack}.tfstate`), state.mode);
  return stackDir;
}

describe("local state permissions", () => {
  const root = tempDir();
  const local = (stack: string) => ({ local: { path: `../../../terraform.${stack}.tfstate` } });

  it("finds the local state a stack's backend names, and none for remote backends", () => {
    expect(localStatePath(project(root, "a", local("a")))).toBe(path.join(root, "terraform.a.tfstate"));
    expect(localStatePath(project(root, "b", { s3: { bucket: "x", key: "k", region: "us-east-1" } }))).toBeUndefined();
  });

  it("warns about readable state that holds the password, and only that", () => {
    const readable = project(root, "readable", local("readable"), { text: withPassword("p4ss"), mode: 0o644 });
    const groupOnly = project(root, "group", local("group"), { text: withPassword("p4ss"), mode: 0o640 });
    const privateState = project(root, "private", local("private"), { text: withPassword("p4ss"), mode: 0o600 });
    const encrypted = project(root, "encrypted", local("encrypted"), { text: withPassword(""), mode: 0o644 });
    const warnings = readableStateWarnings([readable, groupOnly, privateState, encrypted]);
    expect(warnings).toEqual([
      `${path.join(root, "terraform.readable.tfstate")} holds the console password and is readable by everyone (mode 0644)`,
      `${path.join(root, "terraform.group.tfstate")} holds the console password and is readable by its group (mode 0640)`,
    ]);
    expect(warnings.join("")).not.toContain("p4ss");
  });

  it("sets 0600 on state, backups and plans, and leaves other files alone", () => {
    const stackDir = project(root, "fix", local("fix"), { text: withPassword("p4ss"), mode: 0o644 });
    const files = ["plan.bin", "plan.json", "x.tfplan", "terraform.tfstate", "terraform.tfstate.backup", "cdk.tf.json"].map((f) => path.join(stackDir, f));
    for (const f of files) if (!fs.existsSync(f)) fs.writeFileSync(f, "{}", { mode: 0o644 });
    fs.writeFileSync(path.join(root, "terraform.fix.tfstate.backup"), "{}", { mode: 0o644 });
    restrictSecretFiles(stackDir);
    const modes = Object.fromEntries([...files, path.join(root, "terraform.fix.tfstate"), path.join(root, "terraform.fix.tfstate.backup")].map((f) => [path.basename(f), fs.statSync(f).mode & 0o777]));
    expect(modes).toEqual({
      "plan.bin": 0o600,
      "plan.json": 0o600,
      "x.tfplan": 0o600,
      "terraform.tfstate": 0o600,
      "terraform.tfstate.backup": 0o600,
      "cdk.tf.json": 0o644,
      "terraform.fix.tfstate": 0o600,
      "terraform.fix.tfstate.backup": 0o600,
    });
  });

  it("lists a cdktf.out's stack folders", () => {
    expect(stackDirsOf(path.join(root, "cdktf.out")).map((d) => path.basename(d)).sort()).toEqual(["a", "b", "encrypted", "fix", "group", "private", "readable"]);
    expect(stackDirsOf(path.join(root, "missing"))).toEqual([]);
  });
});

describe(".gitignore", () => {
  it("keeps every file that can hold the password out of git", () => {
    const files = ["terraform.break-glass.tfstate", "terraform.break-glass.tfstate.backup", "cdktf.out/stacks/break-glass/plan.bin", "plan.json", "x.tfplan", "EmergencyAccess_credentials.csv", ".local/credentials.csv"];
    const checked = spawnSync("git", ["check-ignore", "--no-index", ...files], { cwd: ROOT, encoding: "utf8" });
    expect(checked.stdout.trim().split("\n").sort()).toEqual([...files].sort());
  });
});
