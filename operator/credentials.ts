import { stringify } from "csv-stringify/sync";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { jsonSyntaxError } from "../policies/json";
import { terraform, terraformErrorLine } from "./terraform";

/** What the console's "Download .csv file" gives for a new user with a console password. */
export const CREDENTIALS_COLUMNS = ["User name", "Password", "Console sign-in URL"] as const;

export interface Credentials {
  readonly userName: string;
  /** The password, or, when gpg could not decrypt it, the ASCII-armored PGP message holding it. */
  readonly password: string;
  readonly signInUrl: string;
  /** True when `password` is still the encrypted PGP message. */
  readonly encrypted: boolean;
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
    throw new CredentialsError(`terraform output failed in ${stackDir}: ${terraformErrorLine(run.stderr)}`);
  }
  let outputs: Record<string, { value?: unknown }>;
  try {
    outputs = JSON.parse(run.stdout || "{}");
  } catch (error) {
    // The output holds the password: say where it broke, never what it holds.
    throw new CredentialsError(`terraform output -json in ${stackDir} is not JSON (${jsonSyntaxError(error, run.stdout)})`);
  }
  const value = (name: string): string => {
    const v = outputs[name]?.value;
    if (typeof v !== "string" || v === "") {
      throw new CredentialsError(`stack in ${stackDir} has no ${name} output: deploy it first (cdktf deploy)`);
    }
    return v;
  };
  const base = { userName: value("user_name"), signInUrl: value("sign_in_url") };
  if (outputs.encrypted_password === undefined) return { ...base, password: value("password"), encrypted: false };
  const ciphertext = Buffer.from(value("encrypted_password"), "base64");
  const password = decryptWithGpg(ciphertext, env);
  return password === undefined ? { ...base, password: armor(ciphertext), encrypted: true } : { ...base, password, encrypted: false };
}

/** The password pgpKey encrypted, decrypted by the local gpg; undefined when gpg is missing or has not the private key. */
export function decryptWithGpg(ciphertext: Buffer, env: NodeJS.ProcessEnv = {}): string | undefined {
  const run = spawnSync("gpg", ["--batch", "--quiet", "--decrypt"], { input: ciphertext, env: { ...process.env, ...env }, maxBuffer: 1024 * 1024 });
  return run.status === 0 && run.stdout.length > 0 ? run.stdout.toString("utf8") : undefined;
}

/**
 * The message as OpenPGP ASCII armor (RFC 4880 section 6.2), which
 * `gpg --decrypt` reads. The checksum line is optional in the RFC, but gpg
 * needs it to find the end of a body that has no base64 padding.
 */
export function armor(message: Buffer): string {
  const lines = message.toString("base64").match(/.{1,64}/g) ?? [];
  const crc = crc24(message);
  const checksum = Buffer.from([crc >> 16, (crc >> 8) & 0xff, crc & 0xff]).toString("base64");
  return ["-----BEGIN PGP MESSAGE-----", "", ...lines, `=${checksum}`, "-----END PGP MESSAGE-----", ""].join("\n");
}

/** The CRC-24 of RFC 4880 section 6.1. */
function crc24(data: Buffer): number {
  let crc = 0xb704ce;
  for (const byte of data) {
    crc ^= byte << 16;
    for (let i = 0; i < 8; i++) {
      crc <<= 1;
      if (crc & 0x1000000) crc ^= 0x1864cfb;
    }
  }
  return crc & 0xffffff;
}

/**
 * Why `file` cannot be the credentials file, or undefined when it can: it must
 * be a file (not a folder) in a folder that exists, and new unless `force`.
 * Checked before Terraform runs, so a mistyped path costs nothing.
 */
export function credentialsFileProblem(file: string, force: boolean): string | undefined {
  const parent = path.dirname(path.resolve(file));
  if (!fs.existsSync(parent)) return `${file}: the folder ${parent} does not exist: name a file in an existing folder`;
  if (!fs.statSync(parent).isDirectory()) return `${file}: ${parent} is not a folder: name a file in an existing folder`;
  if (!fs.existsSync(file)) return undefined;
  if (fs.statSync(file).isDirectory()) return `${file} is a folder: name a file to write, such as ${path.join(file, "EmergencyAccess_credentials.csv")}`;
  if (!force) return `${file} exists: pass --force to replace it`;
  return undefined;
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
      throw new CredentialsError(credentialsFileProblem(file, force) ?? `${file}: cannot be written (${(error as NodeJS.ErrnoException).code ?? "error"})`);
    }
    return;
  }
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(temporary, csv, { flag: "wx", mode: 0o600 });
    fs.renameSync(temporary, file);
  } catch (error) {
    throw new CredentialsError(credentialsFileProblem(file, force) ?? `${file}: cannot be written (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}
