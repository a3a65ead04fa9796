import * as fs from "node:fs";
import * as path from "node:path";
import { terraform, terraformOk } from "../../operator/terraform";
import { describeIntegration } from "../helpers/integration";
import { runNode, tempDir } from "../helpers/run";

// Users run `npm run synth`, `terraform init` once, then edit, synth and plan
// again: a second synth must not take the stack folder's init away.
describeIntegration("npm run synth after terraform init", () => {
  const dir = tempDir();
  const outdir = path.join(dir, "cdktf.out");
  const stackDir = path.join(outdir, "stacks", "break-glass");
  const synth = (env: NodeJS.ProcessEnv = {}) => {
    const run = runNode("main.js", [], { env: { CDKTF_OUTDIR: outdir, AWS_REGION: "", ...env } });
    expect(run.stderr).not.toMatch(/break-glass synth: (?!warning)/);
    expect(run.status).toBe(0);
  };

  it("keeps .terraform/ and the lock file, so terraform validate needs no new init", () => {
    synth();
    terraformOk(["init", "-backend=false", "-input=false", "-no-color"], stackDir);
    const lock = fs.readFileSync(path.join(stackDir, ".terraform.lock.hcl"), "utf8");

    // A change that reaches the configuration, so the new cdk.tf.json is really new.
    synth({ AWS_REGION: "eu-west-2" });
    expect(JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8")).provider.aws[0].region).toBe("eu-west-2");
    expect(fs.readFileSync(path.join(stackDir, ".terraform.lock.hcl"), "utf8")).toBe(lock);
    expect(fs.existsSync(path.join(stackDir, ".terraform", "providers"))).toBe(true);
    const validate = terraform(["validate", "-json", "-no-color"], stackDir);
    expect(validate.stdout).toContain('"valid": true');
    expect(validate.status).toBe(0);
    expect(fs.readdirSync(dir)).toEqual(["cdktf.out"]);
  }, 120_000);
});
