import * as fs from "node:fs";
import * as path from "node:path";
import { DEFAULT_STACK_NAME } from "../modules/defaults";
import { motoEnv } from "../testing/moto";

/** Where the local demo keeps its moto server's address, the Terraform CLI config, synth output and state. */
export const LOCAL_DIR = path.resolve(process.env.BREAK_GLASS_LOCAL_DIR || ".local");
export const LOCAL_OUTDIR = path.join(LOCAL_DIR, "cdktf.out");
const SERVER_FILE = path.join(LOCAL_DIR, "moto.json");

/**
 * Everything deploy:local writes in LOCAL_DIR, and so all destroy:local may
 * delete. State lands here because the stack's local backend path is
 * ../../../terraform.<stack>.tfstate from cdktf.out/stacks/<stack>.
 */
export const LOCAL_FILES = {
  server: SERVER_FILE,
  cliConfig: path.join(LOCAL_DIR, "terraform.rc"),
  outdir: LOCAL_OUTDIR,
  state: path.join(LOCAL_DIR, `terraform.${DEFAULT_STACK_NAME}.tfstate`),
  stateBackup: path.join(LOCAL_DIR, `terraform.${DEFAULT_STACK_NAME}.tfstate.backup`),
  credentials: path.join(LOCAL_DIR, "credentials.csv"),
} as const;

export interface LocalServer {
  readonly pid: number;
  readonly endpoint: string;
  readonly cliConfig: string;
  /** True when deploy:local made LOCAL_DIR, which destroy:local then removes if it is empty. */
  readonly createdDir: boolean;
}

export function saveServer(server: LocalServer): void {
  fs.writeFileSync(SERVER_FILE, `${JSON.stringify(server, null, 2)}\n`, { mode: 0o600 });
}

export function loadServer(): LocalServer | undefined {
  return fs.existsSync(SERVER_FILE) ? (JSON.parse(fs.readFileSync(SERVER_FILE, "utf8")) as LocalServer) : undefined;
}

/**
 * True when `pid` is still the moto server deploy:local started for `endpoint`:
 * its command line runs moto.server on that port. A pid in a stale file may
 * since belong to any process, which must not be signalled.
 */
export function isOurMoto(pid: number, endpoint: string): boolean {
  let argv: string[];
  try {
    argv = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
  } catch {
    return false;
  }
  const port = new URL(endpoint).port;
  const portAt = argv.indexOf("-p");
  return argv.includes("moto.server") && portAt >= 0 && argv[portAt + 1] === port;
}

/** The environment that points Terraform and the AWS SDK at the local moto server. */
export function localEnv(server: LocalServer): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...motoEnv(server.endpoint),
    TF_CLI_CONFIG_FILE: server.cliConfig,
    CHECKPOINT_DISABLE: "1",
    CDKTF_DISABLE_PLUGIN_CACHE_ENV: "true",
  };
}

/** Runs the cdktf CLI from this project, as `npx cdktf` would. */
export function cdktfArgs(command: "deploy" | "destroy"): string[] {
  return [
    require.resolve("cdktf-cli/bundle/bin/cdktf"),
    command,
    DEFAULT_STACK_NAME,
    "--auto-approve",
    "--skip-provider-lock",
    "--output",
    LOCAL_OUTDIR,
  ];
}
