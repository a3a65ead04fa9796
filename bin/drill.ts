#!/usr/bin/env node
// The break-glass drill: break-glass-drill (or `npm run --silent audit -- --drill`)
//   [--format text|json|sarif|junit] [--profile NAME] [--user-name NAME] [--group-name NAME]
//   [--regions us-east-1,eu-west-1] [--topic-arn ARN] [--password-length N] [--max-age-days N]
// Checks against the live account everything the emergency path depends on.
// Exit 0: nothing denied. 1: a deny. 2: bad input, or the account could not be read.
import { parseArgs } from "node:util";
import { answerHelpAndVersion, HELP_AND_VERSION } from "../cli/help";
import { fail } from "../cli/fail";
import { DRILL_CHECKS } from "../audit/drill/checks";
import { runDrill } from "../audit/drill/drill";
import { readDrillSnapshot } from "../audit/drill/read";
import { DEFAULT_REGIONS } from "../modules/alerts/regions";
import { DEFAULT_GROUP_NAME, DEFAULT_USER_NAME } from "../modules/defaults";
import { Format, formatResult, FORMATS } from "../policies";

const COMMAND = "break-glass-drill";
const USAGE =
  "usage: npm run --silent drill -- [--format text|json|sarif|junit] [--profile NAME] [--user-name NAME] [--group-name NAME] [--regions R1,R2] [--topic-arn ARN] [--password-length N] [--max-age-days N]";
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
// The construct's default (modules/break-glass-user.ts), kept here so the CLI starts without cdktf.
const DEFAULT_PASSWORD_LENGTH = 32;

function wholeNumber(flag: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) fail(COMMAND, `${flag}: must be a whole number from ${min} to ${max}`, 2);
  return n;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        format: { type: "string", default: "text" },
        profile: { type: "string" },
        "user-name": { type: "string", default: DEFAULT_USER_NAME },
        "group-name": { type: "string", default: DEFAULT_GROUP_NAME },
        regions: { type: "string" },
        "topic-arn": { type: "string" },
        "password-length": { type: "string" },
        "max-age-days": { type: "string" },
        ...HELP_AND_VERSION,
      },
    }));
  } catch (error) {
    fail(COMMAND, `${(error as Error).message}; ${USAGE}`, 2);
  }
  answerHelpAndVersion(COMMAND, USAGE, values);
  const format = values.format as Format;
  if (!FORMATS.includes(format)) fail(COMMAND, `--format: must be one of ${FORMATS.join(", ")}`, 2);
  const regions = values.regions === undefined ? DEFAULT_REGIONS.aws : values.regions.split(",").map((r) => r.trim());
  const badRegion = regions.find((r) => !REGION.test(r));
  if (badRegion !== undefined) fail(COMMAND, `--regions: ${JSON.stringify(badRegion)} is not an AWS region name such as us-east-1`, 2);
  const topicArn = values["topic-arn"];
  if (topicArn !== undefined && !/^arn:aws(-[a-z]+)*:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}$/.test(topicArn)) fail(COMMAND, "--topic-arn: must be an SNS topic ARN", 2);
  const options = {
    passwordLength: wholeNumber("--password-length", values["password-length"], DEFAULT_PASSWORD_LENGTH, 14, 128),
    maxAgeDays: wholeNumber("--max-age-days", values["max-age-days"], 90, 0, 3650),
  };

  let snapshot;
  try {
    snapshot = await readDrillSnapshot({ userName: values["user-name"]!, groupName: values["group-name"]!, regions, topicArn, profile: values.profile });
  } catch (error) {
    const e = error as Error & { code?: string };
    fail(COMMAND, `could not inspect the account: ${e.name}${e.code ? ` (${e.code})` : ""}: ${e.message}`, 2);
  }
  const result = runDrill(snapshot, options);
  process.stdout.write(formatResult(result, format, { tool: COMMAND, stacks: [snapshot.account], rules: DRILL_CHECKS }));
  process.exitCode = result.passed ? 0 : 1;
}

void main();
