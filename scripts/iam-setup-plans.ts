// Writes __tests__/fixtures/plans-iam/<setup>.json: the plan JSON that real
// Terraform makes from each IAM setup's Terraform JSON, planned against moto.
// Run with `npm run fixtures:iam-plans` after changing __tests__/fixtures/iam-setups.ts.
import * as fs from "node:fs";
import * as path from "node:path";
import { IAM_SETUPS } from "../__tests__/fixtures/iam-setups";
import { iamSetupSlug, terraformJson } from "../__tests__/helpers/iam-setup";
import { takeNoOptions } from "../cli/help";
import { withOfflinePlans, writeFixture } from "./offline-plans";

const OUT = path.resolve(__dirname, "../../__tests__/fixtures/plans-iam");

takeNoOptions("iam-setup-plans", "usage: npm run fixtures:iam-plans (rewrites __tests__/fixtures/plans-iam/ with Terraform and moto)");

withOfflinePlans((plan, work) => {
  fs.rmSync(OUT, { recursive: true, force: true });
  for (const setup of IAM_SETUPS) {
    const dir = path.join(work, iamSetupSlug(setup));
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(terraformJson(setup), null, 1));
    writeFixture(path.join(OUT, `${iamSetupSlug(setup)}.json`), plan(dir));
    process.stdout.write(`${iamSetupSlug(setup)}.json\n`);
  }
}).catch((error) => {
  process.stderr.write(`iam-setup-plans: ${(error as Error).message}\n`);
  process.exit(1);
});
