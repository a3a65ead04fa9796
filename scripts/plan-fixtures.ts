// Writes __tests__/fixtures/plans/<case>/<stack>.json: the plan JSON that real
// Terraform makes from each policy fixture, planned against a moto server.
// Run with `npm run fixtures:plans` after changing __tests__/fixtures/cases.ts.
import { App } from "cdktf";
import * as fs from "node:fs";
import * as path from "node:path";
import { CASES } from "../__tests__/fixtures/cases";
import { takeNoOptions } from "../cli/help";
import { withOfflinePlans, writeFixture } from "./offline-plans";

const OUT = path.resolve(__dirname, "../../__tests__/fixtures/plans");

takeNoOptions("plan-fixtures", "usage: npm run fixtures:plans (rewrites __tests__/fixtures/plans/ with Terraform and moto)");

withOfflinePlans((plan, work) => {
  fs.rmSync(OUT, { recursive: true, force: true });
  for (const c of CASES.filter((c) => !c.noPlan)) {
    const outdir = path.join(work, c.name);
    // cdktf's default local backend keeps state in the working folder: keep it out of the project.
    process.chdir(work);
    const app = new App({ outdir, stackTraces: false });
    c.build(app);
    app.synth();
    for (const stack of fs.readdirSync(path.join(outdir, "stacks"))) {
      writeFixture(path.join(OUT, c.name, `${stack}.json`), plan(path.join(outdir, "stacks", stack)));
      process.stdout.write(`${c.name}/${stack}.json\n`);
    }
  }
}).catch((error) => {
  process.stderr.write(`plan-fixtures: ${(error as Error).message}\n`);
  process.exit(1);
});
