import * as fs from "node:fs";
import * as path from "node:path";
import { motoEnv } from "../tools/moto";

/** Where the local demo keeps its moto server's address, the Terraform CLI config, synth output and state. */
export const LOCAL_DIR = path.resolve(process.env.BREAK_GLASS_LOCAL_DIR || ".local");
export const LOCAL_OUTDIR = path.join(LOCAL_DIR, "cdktf.out");
const SERVER_FILE = path.join(LOCAL_DIR, "moto.json");

export interface LocalServer {
  readonly pid: number;
  readonly endpoint: string;
  readonly cliConfig: string;
}

export function saveServer(server: LocalServer): void {
  fs.writeFileSync(SERVER_FILE, `${JSON.stringify(server, null, 2)}\n`);
}

export function loadServer(): LocalServer | undefined {
  return fs.existsSync(SERVER_FILE) ? (JSON.parse(fs.readFileSync(SERVER_FILE, "utf8")) as LocalServer) : undefined;
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
    "break-glass",
    "--auto-approve",
    "--skip-provider-lock",
    "--output",
    LOCAL_OUTDIR,
  ];
}
