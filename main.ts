#!/usr/bin/env node
// The cdktf app. `npm run synth` runs it directly; `cdktf synth` and
// `cdktf deploy` run it through cdktf.json. It reads the config (if any),
// synthesizes every stack, runs the policy checks on the result, and only
// then writes cdktf.out.
import { fail } from "./app/fail";
import { checkPolicies } from "./app/policy-gate";
import { defineStacks } from "./app/stacks";
import { synthesize } from "./app/synth";
import { configPath, loadConfig } from "./config/load";

const COMMAND = "break-glass synth";

try {
  const file = configPath();
  const config = file ? loadConfig(file) : undefined;
  synthesize(
    (app) => defineStacks(app, config),
    undefined,
    (dir) => checkPolicies(dir, (line) => process.stderr.write(`${COMMAND}: ${line}\n`)),
  );
} catch (error) {
  fail(COMMAND, error);
}
