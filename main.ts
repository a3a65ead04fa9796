#!/usr/bin/env node
// The cdktf app. `npm run synth` runs it directly; `cdktf synth` and
// `cdktf deploy` run it through cdktf.json (with --cdktf-cli). It reads the
// config (if any), synthesizes every stack, runs the policy checks on the
// result, and only then moves the stacks into cdktf.out.
import * as path from "node:path";
import { parseArgs } from "node:util";
import { answerHelpAndVersion, HELP_AND_VERSION } from "./cli/help";
import { fail } from "./cli/fail";
import { checkPolicies, gateMode } from "./synth/policy-gate";
import { defineStacks } from "./synth/stacks";
import { synthesize } from "./synth/synth";
import { configPath, loadConfig } from "./config/load";

const COMMAND = "break-glass synth";
const USAGE =
  "usage: npm run synth (or: node dist/main.js [--cdktf-cli]); reads break-glass.config.json or BREAK_GLASS_CONFIG, writes CDKTF_OUTDIR (default cdktf.out)";

let values;
try {
  ({ values } = parseArgs({ options: { ...HELP_AND_VERSION, "cdktf-cli": { type: "boolean", default: false } } }));
} catch (error) {
  fail(COMMAND, `${(error as Error).message}; ${USAGE}`, 2);
}
answerHelpAndVersion(COMMAND, USAGE, values);

// The cdktf CLI shows everything the app writes to stderr as [ERROR], and
// removes, after the app, the stack folders it saw before that the app no
// longer has: under it, warnings go to stdout and stale folders are its job.
const underCdktf = values["cdktf-cli"];
const say = (stream: NodeJS.WriteStream) => (line: string) => stream.write(`${COMMAND}: ${line}\n`);

/** A path as the user would type it: relative below the working folder, else absolute. */
function shown(dir: string): string {
  const relative = path.relative(process.cwd(), dir);
  return relative.startsWith("..") || path.isAbsolute(relative) ? path.resolve(dir) : relative;
}

try {
  const mode = gateMode();
  const file = configPath();
  const config = file ? loadConfig(file) : undefined;
  const stackDirs = synthesize((app) => defineStacks(app, config), undefined, {
    check: (dir) => checkPolicies(dir, say(underCdktf ? process.stdout : process.stderr), mode),
    pruneStacks: !underCdktf,
  });
  for (const dir of stackDirs) say(process.stdout)(`${path.basename(dir)}: ${shown(dir)}`);
} catch (error) {
  fail(COMMAND, error);
}
