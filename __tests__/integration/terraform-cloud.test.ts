import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { terraformOk } from "../../operator/terraform";
import { describeIntegration } from "../helpers/integration";
import { ROOT, tempDir } from "../helpers/run";

const CONFIG = path.join(__dirname, "..", "fixtures", "configs", "three-accounts-cloud.json");

// What Terraform Cloud runs: the per-account stacks with their `cloud` blocks,
// as JSON and as `cdktf synth --hcl` writes them, both valid to Terraform.
describeIntegration("Terraform Cloud stacks from a three-account config", () => {
  const dir = tempDir();

  it.each([
    ["JSON", [], "cdk.tf.json"],
    ["HCL", ["--hcl"], "cdk.tf"],
  ])("cdktf synth %s output passes terraform validate in every stack", (_, flags, file) => {
    const outdir = path.join(dir, file);
    const synth = spawnSync(process.execPath, [require.resolve("cdktf-cli/bundle/bin/cdktf"), "synth", ...flags, "--output", outdir], {
      cwd: ROOT,
      env: { ...process.env, BREAK_GLASS_CONFIG: CONFIG, CHECKPOINT_DISABLE: "1" },
      encoding: "utf8",
    });
    expect(synth.status).toBe(0);
    const stacks = fs.readdirSync(path.join(outdir, "stacks")).sort();
    expect(stacks).toEqual(["break-glass-management", "break-glass-prod", "break-glass-staging"]);
    for (const stack of stacks) {
      const stackDir = path.join(outdir, "stacks", stack);
      expect(fs.readFileSync(path.join(stackDir, file), "utf8")).toContain("example-org");
      // -backend=false: the cloud block is checked, not contacted.
      terraformOk(["init", "-backend=false", "-input=false", "-no-color"], stackDir);
      expect(terraformOk(["validate", "-json", "-no-color"], stackDir).stdout).toContain('"valid": true');
    }
  }, 180_000);
});
