import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startMoto } from "../testing/moto";
import { terraformOk } from "../operator/terraform";
import { findProviderMirror, terraformMissing, writeCliConfig } from "../testing/provider-mirror";

// For the fixture scripts: real Terraform plans, offline, against a moto
// server, as `terraform show -json` gives them (without the timestamp, so
// that rewriting a fixture changes it only when the plan changes).

export type Plan = (dir: string) => unknown;

/** Runs `write` with a `plan` function and a scratch folder, then stops moto and removes the folder. */
export async function withOfflinePlans(write: (plan: Plan, work: string) => void): Promise<void> {
  const mirror = findProviderMirror();
  const missing = terraformMissing(mirror);
  if (missing) throw new Error(missing);
  const moto = await startMoto();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "plans-"));
  const env = { ...moto.env, TF_CLI_CONFIG_FILE: writeCliConfig(mirror!, work) };
  try {
    write((dir) => {
      terraformOk(["init", "-input=false", "-no-color"], dir, env);
      terraformOk(["plan", "-input=false", "-no-color", "-lock=false", "-refresh=false", "-out=plan.bin"], dir, env);
      const json = JSON.parse(terraformOk(["show", "-json", "plan.bin"], dir, env).stdout);
      delete json.timestamp;
      return json;
    }, work);
  } finally {
    await moto.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

export function writeFixture(file: string, json: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(json, null, 1)}\n`);
}
