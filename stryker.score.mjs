// Runs Stryker (arguments pass through, e.g. `--mutate policies/rules/one-admin-user.ts`)
// and prints the mutation score from its JSON report as the last line, so that a
// log's tail or a terminal's last line is the answer.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";

const REPORT = "reports/mutation/mutation.json";
const SCOPE = "policies/iam, policies/terraform, policies/rules";

// Two suites run the built CLI from dist/; build it from the unmutated source first.
const build = spawnSync("npx", ["tsc", "-p", "."], { stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);

fs.rmSync(REPORT, { force: true });
const stryker = spawnSync("npx", ["stryker", "run", "stryker.config.mjs", ...process.argv.slice(2)], { stdio: "inherit" });
if (!fs.existsSync(REPORT)) {
  console.log(`mutation score: none, Stryker exited ${stryker.status} without a report`);
  process.exit(stryker.status || 1);
}

const count = {};
for (const file of Object.values(JSON.parse(fs.readFileSync(REPORT, "utf8")).files)) {
  for (const m of file.mutants) count[m.status] = (count[m.status] ?? 0) + 1;
}
const n = (status) => count[status] ?? 0;
// Stryker's own definition: detected (killed, timed out) over valid (detected, survived, not covered).
const detected = n("Killed") + n("Timeout");
const valid = detected + n("Survived") + n("NoCoverage");
const score = valid === 0 ? 0 : (100 * detected) / valid;
const narrowed = process.argv.includes("--mutate") || process.argv.includes("-m");
console.log(
  `mutation score: ${score.toFixed(2)}% (scope: ${narrowed ? "narrowed by --mutate" : SCOPE}; ` +
    `${detected} detected of ${valid}: ${n("Killed")} killed, ${n("Timeout")} timed out, ` +
    `${n("Survived")} survived, ${n("NoCoverage")} not covered; ${n("Ignored")} ignored, ${n("CompileError")} not compiling)`,
);
process.exit(stryker.status ?? 1);
