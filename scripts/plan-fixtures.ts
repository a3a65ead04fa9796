// Writes __tests__/fixtures/plans/<case>/<stack>.json: the plan JSON that real
// Terraform makes from each policy fixture, planned against a moto server.
// Run with `npm run fixtures:plans` after changing __tests__/fixtures/cases.ts.
import { App } from "cdktf";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CASES } from "../__tests__/fixtures/cases";
import { startMoto } from "../tools/moto";
import { findProviderMirror, terraformMissing, terraformOk, writeCliConfig } from "../tools/terraform";

const OUT = path.resolve(__dirname, "../../__tests__/fixtures/plans");

async function main(): Promise<void> {
  const mirror = findProviderMirror();
  const missing = terraformMissing(mirror);
  if (missing) throw new Error(missing);
  const moto = await startMoto();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "plan-fixtures-"));
  const env = { ...moto.env, TF_CLI_CONFIG_FILE: writeCliConfig(mirror!, work) };
  try {
    fs.rmSync(OUT, { recursive: true, force: true });
    for (const c of CASES.filter((c) => !c.noPlan)) {
      const outdir = path.join(work, c.name);
      // cdktf's default local backend keeps state in the working folder: keep it out of the project.
      process.chdir(work);
      const app = new App({ outdir, stackTraces: false });
      c.build(app);
      app.synth();
      for (const stack of fs.readdirSync(path.join(outdir, "stacks"))) {
        const dir = path.join(outdir, "stacks", stack);
        terraformOk(["init", "-input=false", "-no-color"], dir, env);
        terraformOk(["plan", "-input=false", "-no-color", "-lock=false", "-refresh=false", "-out=plan.bin"], dir, env);
        const json = JSON.parse(terraformOk(["show", "-json", "plan.bin"], dir, env).stdout);
        delete json.timestamp;
        fs.mkdirSync(path.join(OUT, c.name), { recursive: true });
        fs.writeFileSync(path.join(OUT, c.name, `${stack}.json`), `${JSON.stringify(json, null, 1)}\n`);
        process.stdout.write(`${c.name}/${stack}.json\n`);
      }
    }
  } finally {
    await moto.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`plan-fixtures: ${(error as Error).message}\n`);
  process.exit(1);
});
