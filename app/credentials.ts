import { stringify } from "csv-stringify/sync";
import * as fs from "node:fs";
import * as path from "node:path";
import { terraform } from "../tools/terraform";

/** What the console's "Download .csv file" gives for a new user with a console password. */
export const CREDENTIALS_COLUMNS = ["User name", "Password", "Console sign-in URL"] as const;

export interface Credentials {
  readonly userName: string;
  readonly password: string;
  readonly signInUrl: string;
}

/** A problem the user can fix (no deployed stack, file exists): one line, exit 1. */
export class CredentialsError extends Error {}

/**
 * Reads the break-glass outputs of a deployed stack with `terraform output -json`
 * in its synthesized folder, so it works with whatever backend holds the state.
 */
export function readCredentials(stackDir: string, env: NodeJS.ProcessEnv = {}): Credentials {
  if (!fs.existsSync(stackDir)) throw new CredentialsError(`${stackDir} does not exist: synthesize and deploy the stack first`);
  const run = terraform(["output", "-json", "-no-color"], stackDir, env);
  if (run.status !== 0) {
    throw new CredentialsError(`terraform output failed in ${stackDir}: ${run.stderr.trim().split("\n").find((l) => l.trim()) ?? "no output"}`);
  }
  const outputs = JSON.parse(run.stdout || "{}") as Record<string, { value?: unknown }>;
  const value = (name: string): string => {
    const v = outputs[name]?.value;
    if (typeof v !== "string" || v === "") {
      throw new CredentialsError(`stack in ${stackDir} has no ${name} output: deploy it first (cdktf deploy)`);
    }
    return v;
  };
  return { userName: value("user_name"), password: value("password"), signInUrl: value("sign_in_url") };
}

/**
 * Writes the credentials file with mode 0600, quoting as RFC 4180 says
 * (generated passwords hold commas and quotes). Without `force` an existing
 * file is left alone; with it, the file is replaced in one rename, so no
 * reader ever sees half a file.
 */
export function writeCredentialsFile(file: string, credentials: Credentials, force = false): void {
  const csv = stringify([[...CREDENTIALS_COLUMNS], [credentials.userName, credentials.password, credentials.signInUrl]], {
    record_delimiter: "windows",
    quoted_match: /[",\r\n]/,
  });
  if (!force) {
    try {
      fs.writeFileSync(file, csv, { flag: "wx", mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") {
        throw new CredentialsError(`${file} exists: pass --force to replace it`);
      }
      throw error;
    }
    return;
  }
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(temporary, csv, { flag: "wx", mode: 0o600 });
    fs.renameSync(temporary, file);
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}
