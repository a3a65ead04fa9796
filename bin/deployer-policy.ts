#!/usr/bin/env node
// npm run --silent deployer-policy -- [--stack <name>] [--outdir cdktf.out]
// Prints the least-privilege IAM policy a CI role needs to deploy, update and
// destroy one synthesized break-glass stack, scoped to its user and group ARNs.
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { answerHelpAndVersion, HELP_AND_VERSION } from "../app/cli";
import { deployerPolicy } from "../app/deployer-policy";
import { fail } from "../app/fail";

const COMMAND = "break-glass-deployer-policy";
const USAGE = "usage: npm run --silent deployer-policy -- [--stack <name>] [--outdir cdktf.out]";

function main(): void {
  let values;
  try {
    ({ values } = parseArgs({ options: { stack: { type: "string" }, outdir: { type: "string", default: process.env.CDKTF_OUTDIR || "cdktf.out" }, ...HELP_AND_VERSION } }));
  } catch (error) {
    fail(COMMAND, `${(error as Error).message}; ${USAGE}`, 2);
  }
  answerHelpAndVersion(COMMAND, USAGE, values);
  const stacksDir = path.join(values.outdir, "stacks");
  if (!fs.existsSync(stacksDir)) fail(COMMAND, `${stacksDir} does not exist: run \`npm run synth\` first`, 2);
  const stacks = fs.readdirSync(stacksDir);
  const stack = values.stack ?? (stacks.length === 1 ? stacks[0] : undefined);
  if (!stack) fail(COMMAND, `--stack: name one of ${stacks.join(", ")}`, 2);
  const file = path.join(stacksDir, stack, "cdk.tf.json");
  if (!fs.existsSync(file)) fail(COMMAND, `--stack: no synthesized JSON stack ${stack} in ${stacksDir} (stacks: ${stacks.join(", ")})`, 2);
  try {
    process.stdout.write(`${JSON.stringify(deployerPolicy(JSON.parse(fs.readFileSync(file, "utf8"))), null, 2)}\n`);
  } catch (error) {
    fail(COMMAND, `${file}: ${(error as Error).message}`, 2);
  }
}

main();
