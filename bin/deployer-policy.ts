#!/usr/bin/env node
// npm run --silent deployer-policy -- [--stack <name>] [--outdir cdktf.out]
// Prints the least-privilege IAM policy a CI role needs to deploy, update and
// destroy one synthesized break-glass stack, scoped to its user and group ARNs.
import * as fs from "node:fs";
import { parseArgs } from "node:util";
import { answerHelpAndVersion, HELP_AND_VERSION } from "../cli/help";
import { deployerPolicy } from "../operator/deployer-policy";
import { fail } from "../cli/fail";
import { SynthesizedStack, synthesizedStacks } from "../policies";
import { jsonSyntaxError } from "../policies/json";

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
  let stacks: SynthesizedStack[] = [];
  try {
    stacks = synthesizedStacks(values.outdir);
  } catch (error) {
    fail(COMMAND, error, 2);
  }
  const names = stacks.map((s) => s.name).join(", ");
  if (!values.stack && stacks.length > 1) fail(COMMAND, `--stack: name one of ${names}`, 2);
  const stack = values.stack ? stacks.find((s) => s.name === values.stack) : stacks[0];
  if (!stack) fail(COMMAND, `--stack: no stack ${values.stack} in ${values.outdir} (stacks: ${names})`, 2);
  const file = stack.file;
  let text = "";
  try {
    text = fs.readFileSync(file, "utf8");
    process.stdout.write(`${JSON.stringify(deployerPolicy(JSON.parse(text)), null, 2)}\n`);
  } catch (error) {
    fail(COMMAND, `${file}: ${error instanceof SyntaxError ? `is not valid JSON (${jsonSyntaxError(error, text)})` : (error as Error).message}`, 2);
  }
}

main();
