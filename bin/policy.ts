#!/usr/bin/env node
// The policy CLI: break-glass-policy <path>... [--format text|json] [--suppressions FILE]
// Exit 0: no deny. 1: a deny. 2: the input could not be read as Terraform.
import * as path from "node:path";
import { parseArgs } from "node:util";
import { evaluateDocuments, findDocuments, Format, formatResult, FORMATS, readEach } from "../policies";
import { answerHelpAndVersion, HELP_AND_VERSION } from "../cli/help";
import { fail } from "../cli/fail";

const USAGE = "usage: break-glass-policy <cdktf.out | stack folder | *.tf.json | plan.json>... [--format text|json|sarif|junit] [--suppressions FILE]";

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      allowPositionals: true,
      options: {
        format: { type: "string", default: "text" },
        suppressions: { type: "string" },
        ...HELP_AND_VERSION,
      },
    });
  } catch (error) {
    fail("break-glass-policy", `${(error as Error).message}; ${USAGE}`, 2);
  }
  answerHelpAndVersion("break-glass-policy", USAGE, args.values);
  const format = args.values.format as Format;
  if (!FORMATS.includes(format)) fail("break-glass-policy", `--format: must be one of ${FORMATS.join(", ")}`, 2);
  if (args.positionals.length === 0) fail("break-glass-policy", `no input given; ${USAGE}`, 2);

  let result;
  let documents;
  try {
    // Loaded only when asked for: the schema library costs ~90 ms of start-up.
    const suppressions = args.values.suppressions
      ? (await import("../policies/suppressions")).loadSuppressions(args.values.suppressions)
      : [];
    documents = findDocuments(args.positionals);
    result = evaluateDocuments(readEach(documents), { suppressions });
  } catch (error) {
    fail("break-glass-policy", error, 2);
  }
  const sources = new Map(documents.map((d) => [d.stack, path.relative(process.cwd(), d.source ?? "") || d.stack]));
  process.stdout.write(formatResult(result, format, { tool: "break-glass-policy", stacks: documents.map((d) => d.stack), sources }));
  process.exitCode = result.passed ? 0 : 1;
}

void main();
