import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { fail } from "./fail";

/** The options every command answers; spread into each parseArgs call. */
export const HELP_AND_VERSION = {
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
} as const;

/**
 * Answers --help (the usage line) and --version (the package's version) on
 * stdout and ends the process with 0; does nothing for other options.
 */
export function answerHelpAndVersion(command: string, usage: string, values: { help?: boolean; version?: boolean }): void {
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  if (values.version) {
    process.stdout.write(`${command} ${packageVersion()}\n`);
    process.exit(0);
  }
}

/**
 * The version in this package's package.json, found from this file upwards:
 * compiled code runs from dist/cli/ (or build/cli/), tests from cli/.
 */
export function packageVersion(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "break-glass" && pkg.version) return pkg.version;
    }
    if (path.dirname(dir) === dir) throw new Error("package.json of break-glass not found");
  }
}

/** For commands that take no options: answers --help and --version, refuses anything else. */
export function takeNoOptions(command: string, usage: string): void {
  let values;
  try {
    ({ values } = parseArgs({ options: HELP_AND_VERSION }));
  } catch (error) {
    fail(command, `${(error as Error).message}; ${usage}`, 2);
  }
  answerHelpAndVersion(command, usage, values);
}
