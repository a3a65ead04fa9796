// Writes __tests__/fixtures/plans-iam/<setup>.json: the plan JSON that real
// Terraform makes from each IAM setup's Terraform JSON, planned against moto.
// Run with `npm run fixtures:iam-plans` after changing __tests__/fixtures/iam-setups.ts.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { IAM_SETUPS } from "../__tests__/fixtures/iam-setups";
import { iamSetupSlug, terraformJson } from "../__tests__/helpers/iam-setup";
import { startMoto } from "../tools/moto";
import { findProviderMirror, terraformMissing, terraformOk, writeCliConfig } from "../tools/terraform";

const OUT = path.resolve(__dirname, "../../__tests__/fixtures/plans-iam");

async function main(): Promise<void> {
  const mirror = findProviderMirror();
  const missing = terraformMissing(mirror);
  if (missing) throw new Error(missing);
  const moto = await startMoto();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "iam-plans-"));
  const env = { ...moto.env, TF_CLI_CONFIG_FILE: writeCliConfig(mirror!, work) };
  try {
    fs.rmSync(OUT, { recursive: true, force: true });
    fs.mkdirSync(OUT, { recursive: true });
    for (const setup of IAM_SETUPS) {
      const dir = path.join(work, iamSetupSlug(setup));
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(terraformJson(setup), null, 1));
      terraformOk(["init", "-input=false", "-no-color"], dir, env);
      terraformOk(["plan", "-input=false", "-no-color", "-lock=false", "-refresh=false", "-out=plan.bin"], dir, env);
      const json = JSON.parse(terraformOk(["show", "-json", "plan.bin"], dir, env).stdout);
      delete json.timestamp;
      fs.writeFileSync(path.join(OUT, `${iamSetupSlug(setup)}.json`), `${JSON.stringify(json, null, 1)}\n`);
      process.stdout.write(`${iamSetupSlug(setup)}.json\n`);
    }
  } finally {
    await moto.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`iam-setup-plans: ${(error as Error).message}\n`);
  process.exit(1);
});
