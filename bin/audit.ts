#!/usr/bin/env node
// The live audit: break-glass-audit [--format text|json] [--profile NAME] [--region REGION] [--user-name NAME]
// Exit 0: exactly one admin user, the break-glass user, with a login profile
// and no access keys. 1: a violation. 2: the account could not be inspected.
import { parseArgs } from "node:util";
import { answerHelpAndVersion, HELP_AND_VERSION } from "../cli/help";
import { auditAccount } from "../audit/audit";
import { fail } from "../cli/fail";
import { readableStateWarnings, stackDirsOf } from "../operator/state-permissions";
import { DEFAULT_USER_NAME } from "../modules/defaults";
import { Format, formatResult, FORMATS } from "../policies";
import { defaultIamClient } from "../audit/iam-client";

const COMMAND = "break-glass-audit";
const USAGE = "usage: npm run --silent audit -- [--format text|json|sarif|junit] [--profile NAME] [--region REGION] [--user-name NAME]";

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        format: { type: "string", default: "text" },
        profile: { type: "string" },
        region: { type: "string" },
        "user-name": { type: "string", multiple: true },
        ...HELP_AND_VERSION,
      },
    }));
  } catch (error) {
    fail(COMMAND, `${(error as Error).message}; ${USAGE}`, 2);
  }
  answerHelpAndVersion(COMMAND, USAGE, values);
  const format = values.format as Format;
  if (!FORMATS.includes(format)) fail(COMMAND, `--format: must be one of ${FORMATS.join(", ")}`, 2);

  let audited;
  try {
    audited = await auditAccount(defaultIamClient({ profile: values.profile, region: values.region }), {
      breakGlassUserNames: [DEFAULT_USER_NAME, ...(values["user-name"] ?? [])],
    });
  } catch (error) {
    const e = error as Error & { code?: string };
    fail(COMMAND, `could not inspect the account: ${e.name}${e.code ? ` (${e.code})` : ""}: ${e.message}`, 2);
  }
  const { account, result } = audited;
  // The account is not the only place the password lives: say so when a local state file lets others read it.
  for (const warning of readableStateWarnings(stackDirsOf(process.env.CDKTF_OUTDIR || "cdktf.out"))) {
    process.stderr.write(`${COMMAND}: warning: ${warning}: chmod 600 it, and run Terraform under umask 077\n`);
  }
  process.stdout.write(formatResult(result, format, { tool: "break-glass-audit", stacks: [account] }));
  process.exitCode = result.passed ? 0 : 1;
}

// `audit --drill` runs the break-glass drill instead (bin/drill.ts), with the other options as it takes them.
if (process.argv.includes("--drill")) {
  process.argv.splice(process.argv.indexOf("--drill"), 1);
  require("./drill");
} else {
  void main();
}
