#!/usr/bin/env node
// npm run credentials -- --stack <name> --out <file> [--force] [--outdir cdktf.out]
// Writes the credentials file (User name, Password, Console sign-in URL) from a
// deployed stack's outputs. Prints the file's path, never the password.
import * as path from "node:path";
import { parseArgs } from "node:util";
import { answerHelpAndVersion, HELP_AND_VERSION } from "../cli/help";
import { credentialsFileProblem, readCredentials, writeCredentialsFile } from "../operator/credentials";
import { fail } from "../cli/fail";
import { readableStateWarnings } from "../operator/state-permissions";
import { DEFAULT_STACK_NAME } from "../modules/defaults";
import { synthesizedStacks } from "../policies";

const COMMAND = "break-glass-credentials";
const USAGE = "usage: npm run credentials -- --out <file> [--stack <name>] [--force] [--outdir cdktf.out]";

function main(): void {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        stack: { type: "string", default: DEFAULT_STACK_NAME },
        out: { type: "string" },
        outdir: { type: "string", default: process.env.CDKTF_OUTDIR || "cdktf.out" },
        force: { type: "boolean", default: false },
        ...HELP_AND_VERSION,
      },
    }));
  } catch (error) {
    fail(COMMAND, `${(error as Error).message}; ${USAGE}`, 2);
  }
  answerHelpAndVersion(COMMAND, USAGE, values);
  if (!values.out) fail(COMMAND, `--out: a file to write is required; ${USAGE}`, 2);
  const problem = credentialsFileProblem(values.out, values.force);
  if (problem) fail(COMMAND, `--out: ${problem}`);
  let encrypted = false;
  let stackDir = "";
  try {
    const stacks = synthesizedStacks(values.outdir);
    const stack = stacks.find((s) => s.name === values.stack);
    if (!stack) throw new Error(`--stack: no stack ${values.stack} in ${values.outdir} (stacks: ${stacks.map((s) => s.name).join(", ")})`);
    stackDir = stack.dir;
  } catch (error) {
    fail(COMMAND, error, 2);
  }
  // Before Terraform runs: it sets the state's mode to 0600 (operator/terraform.ts), which would hide that others could read it.
  for (const warning of readableStateWarnings([stackDir])) {
    process.stderr.write(`${COMMAND}: warning: ${warning}; now set to 0600. Whoever could read it may hold the password: rotate it (passwordRotationToken) if that matters\n`);
  }
  try {
    const credentials = readCredentials(stackDir);
    writeCredentialsFile(values.out, credentials, values.force);
    encrypted = credentials.encrypted;
  } catch (error) {
    fail(COMMAND, error);
  }
  process.stdout.write(`wrote ${path.resolve(values.out)} (mode 0600): keep it with the trusted administrator\n`);
  if (encrypted) {
    process.stdout.write(
      "the password is encrypted with the stack's pgpKey and this gpg could not decrypt it: its Password field holds the PGP message; " +
        "decrypt it where the private key is, with `gpg --decrypt` on that field, or run this command there\n",
    );
  }
}

main();
