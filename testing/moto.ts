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

/**
 * Set by the test runner's global setup to its own pid: moto servers the tests
 * start exit when the runner ends, even when a test worker, orphaned by a
 * killed runner, lives on for a while.
 */
export const RUNNER_PID_ENV = "BREAK_GLASS_TEST_RUNNER_PID";

/**
 * moto's server, tied to the life of the process that starts it (and of the
 * test runner, when RUNNER_PID_ENV names one). However that process ends,
 * SIGKILL included, the server exits: its stdin, a pipe from that process,
 * reaches end of file; on Linux the kernel also sends it SIGTERM
 * (PR_SET_PDEATHSIG). A pid is gone when it no longer exists, is a zombie, or
 * now belongs to a process started later (a reused pid).
 */
const TIED_TO_OWNERS = `
import ctypes, os, runpy, signal, sys, threading, time
try:
    ctypes.CDLL(None).prctl(1, signal.SIGTERM)
except Exception:
    pass

def on_stdin_eof():
    while sys.stdin.buffer.read(4096):
        pass
    os._exit(0)

def started(pid):
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return None if fields[0] == "Z" else fields[19]
    except FileNotFoundError:
        return None
    except OSError:
        try:
            os.kill(pid, 0)
            return "alive"
        except ProcessLookupError:
            return None
        except PermissionError:
            return "alive"

def on_runner_exit(pid):
    first = started(pid)
    while started(pid) == first and first is not None:
        time.sleep(0.5)
    os._exit(0)

threading.Thread(target=on_stdin_eof, daemon=True).start()
runner = os.environ.get("${RUNNER_PID_ENV}", "")
if runner.isdigit():
    threading.Thread(target=on_runner_exit, args=(int(runner),), daemon=True).start()
sys.argv = ["moto.server", *sys.argv[1:]]
runpy.run_module("moto.server", run_name="__main__", alter_sys=True)
`;

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
  const server = ["-H", "127.0.0.1", "-p", String(port)];
  const child: ChildProcess = spawn(PYTHON, options.detached ? ["-m", "moto.server", ...server] : ["-c", TIED_TO_OWNERS, ...server], {
    env: { ...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: "true", ...extraEnv },
    // Attached, stdin is a pipe from this process: its end of file is this process's end.
    stdio: [options.detached ? "ignore" : "pipe", "ignore", options.detached ? "ignore" : "pipe"],
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
