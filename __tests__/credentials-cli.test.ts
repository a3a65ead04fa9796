import * as fs from "node:fs";
import * as path from "node:path";
import { describeIntegration } from "./helpers/integration";
import { runNode, tempDir } from "./helpers/run";

// The credentials CLI's answers to paths and Terraform failures it cannot use:
// one line naming the option or Terraform's own error, never a raw errno.
describe("break-glass-credentials --out", () => {
  const dir = tempDir();
  const aFile = (file: string) => {
    fs.writeFileSync(file, "");
    return file;
  };
  const credentials = (...args: string[]) => runNode("bin/credentials.js", ["--outdir", path.join(dir, "cdktf.out"), ...args]);

  it.each([
    ["a folder", () => dir, /^break-glass-credentials: --out: .* is a folder: name a file to write, such as .*EmergencyAccess_credentials\.csv$/],
    ["in a missing folder", () => path.join(dir, "missing", "creds.csv"), /^break-glass-credentials: --out: .*creds\.csv: the folder .*missing does not exist: name a file in an existing folder$/],
    ["below a file", () => path.join(aFile(path.join(dir, "plain")), "creds.csv"), /^break-glass-credentials: --out: .*: .*plain is not a folder: name a file in an existing folder$/],
  ])("refuses %s with one line before running Terraform", (_, out, message) => {
    const run = credentials("--out", out());
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr.trim().split("\n")).toEqual([expect.stringMatching(message)]);
    expect(run.stderr).not.toMatch(/EISDIR|ENOENT|ENOTDIR|    at /);
  });
});

describeIntegration("break-glass-credentials on a Terraform failure", () => {
  const dir = tempDir();

  it("reports Terraform's Error: line, not the warnings before it", () => {
    // A backend that was never initialized: Terraform refuses `output`. The
    // unreadable CLI config makes it print a warning first.
    const stackDir = path.join(dir, "cdktf.out", "stacks", "break-glass");
    fs.mkdirSync(stackDir, { recursive: true });
    fs.writeFileSync(path.join(stackDir, "cdk.tf.json"), JSON.stringify({ terraform: { backend: { local: { path: "x.tfstate" } } } }));
    const stack = { name: "break-glass", synthesizedStackPath: "stacks/break-glass/cdk.tf.json", workingDirectory: "stacks/break-glass" };
    fs.writeFileSync(path.join(dir, "cdktf.out", "manifest.json"), JSON.stringify({ version: "0.20.0", stacks: { "break-glass": stack } }));
    const run = runNode("bin/credentials.js", ["--outdir", path.join(dir, "cdktf.out"), "--out", path.join(dir, "creds.csv")], {
      env: { TF_CLI_CONFIG_FILE: path.join(dir, "missing.tfrc") },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^break-glass-credentials: terraform output failed in .*break-glass: Error: Backend initialization required, please run "terraform init"\n$/);
    expect(fs.existsSync(path.join(dir, "creds.csv"))).toBe(false);
  });
});
