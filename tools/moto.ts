import { ChildProcess, spawn, spawnSync } from "node:child_process";
import * as net from "node:net";

// moto: a real AWS IAM (and STS, SNS, EventBridge) API on loopback, for
// deploying the unmodified stacks without an AWS account.

export interface MotoServer {
  /** http://127.0.0.1:<port>, for AWS_ENDPOINT_URL */
  readonly endpoint: string;
  readonly pid: number;
  /** The environment that points Terraform and the AWS SDK at this server, with dummy credentials. */
  readonly env: Record<string, string>;
  stop(): Promise<void>;
}

export const MOTO_ACCOUNT_ID = "123456789012";

const PYTHON = process.env.BREAK_GLASS_PYTHON || "python3";

/** Why moto cannot run here, or undefined when it can. */
export function motoMissing(): string | undefined {
  const probe = spawnSync(PYTHON, ["-c", "import moto.server, flask"], { encoding: "utf8" });
  if (probe.error) return `${PYTHON} is not on PATH`;
  if (probe.status !== 0) return `moto's server is not installed for ${PYTHON} (pip install 'moto[server]')`;
  return undefined;
}

/** The environment that points Terraform and the AWS SDK at a moto server, with dummy credentials. */
export function motoEnv(endpoint: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    AWS_REGION: "us-east-1",
    AWS_DEFAULT_REGION: "us-east-1",
    AWS_EC2_METADATA_DISABLED: "true",
  };
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a moto server on a free loopback port with AWS's managed policies
 * loaded (without them, attaching AdministratorAccess fails with NoSuchEntity).
 * `extraEnv` passes moto settings such as INITIAL_NO_AUTH_ACTION_COUNT.
 */
export async function startMoto(extraEnv: Record<string, string> = {}, options: { detached?: boolean } = {}): Promise<MotoServer> {
  const port = await freePort();
  // A detached server outlives this process (the local demo); it is stopped by its pid.
  const child: ChildProcess = spawn(PYTHON, ["-m", "moto.server", "-H", "127.0.0.1", "-p", String(port)], {
    env: { ...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: "true", ...extraEnv },
    stdio: ["ignore", "ignore", options.detached ? "ignore" : "pipe"],
    detached: options.detached ?? false,
  });
  if (options.detached) child.unref();
  let stderr = "";
  child.stderr?.on("data", (chunk) => (stderr = (stderr + chunk).slice(-2000)));
  const endpoint = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const deadline = Date.now() + 30_000;
  while (!(await answers(endpoint))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill();
      throw new Error(`moto did not start on ${endpoint}: ${stderr.trim().split("\n").pop() ?? "no output"}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  if (options.detached) child.stderr?.destroy();
  return {
    endpoint,
    pid: child.pid!,
    env: motoEnv(endpoint),
    async stop() {
      if (child.exitCode === null) {
        process.kill(child.pid!, "SIGTERM");
        await exited;
      }
    },
  };
}

async function answers(endpoint: string): Promise<boolean> {
  try {
    const response = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(1000) });
    return response.ok;
  } catch {
    return false;
  }
}
