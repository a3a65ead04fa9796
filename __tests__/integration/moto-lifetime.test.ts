import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { RUNNER_PID_ENV } from "../../testing/moto";
import { describeIntegration } from "../helpers/integration";
import { ROOT } from "../helpers/run";

// A moto server must not outlive the tests that started it, however they end:
// a SIGKILL leaves no chance to stop it by its pid.

/** A process that starts moto as the tests do (build/testing/moto.js) and prints its pid, then idles until killed. */
const PARENT = `
const { startMoto } = require(process.argv[1]);
startMoto().then((moto) => {
  process.stdout.write(moto.pid + "\\n");
  setInterval(() => {}, 1 << 30);
}, (error) => { process.stderr.write(String(error)); process.exit(1); });
`;

function startParent(env: NodeJS.ProcessEnv): Promise<{ parent: ChildProcess; motoPid: number }> {
  const entry = path.join(ROOT, "build", "testing", "moto.js");
  if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` (npm test does)`);
  const parent = spawn(process.execPath, ["-e", PARENT, entry], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    parent.stdout!.on("data", (chunk) => {
      out += chunk;
      if (out.includes("\n")) resolve({ parent, motoPid: Number(out.trim()) });
    });
    parent.stderr!.on("data", (chunk) => (err += chunk));
    parent.once("exit", (code) => reject(new Error(`the parent exited ${code} before moto started: ${err}`)));
  });
}

/** Running and not a zombie. */
function running(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

/** Waits for the process to end; false if it still runs after the grace period. */
async function ends(pid: number): Promise<boolean> {
  for (let waited = 0; waited < 20_000; waited += 100) {
    if (!running(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

describeIntegration("a moto server's lifetime", () => {
  const started: number[] = [];
  afterAll(() => {
    // Only if a test failed: the servers these tests started, by their pids.
    for (const pid of started.filter(running)) process.kill(pid, "SIGTERM");
  });

  it("ends when the process that started it is killed with SIGKILL", async () => {
    const { parent, motoPid } = await startParent({});
    started.push(motoPid);
    expect(running(motoPid)).toBe(true);
    parent.kill("SIGKILL");
    expect(await ends(motoPid)).toBe(true);
  }, 60_000);

  it("ends when the test runner that owns it is killed with SIGKILL, though the process that started it lives on", async () => {
    const runner = spawn("sleep", ["600"], { stdio: "ignore" });
    const { parent, motoPid } = await startParent({ [RUNNER_PID_ENV]: String(runner.pid) });
    started.push(motoPid);
    try {
      expect(running(motoPid)).toBe(true);
      runner.kill("SIGKILL");
      expect(await ends(motoPid)).toBe(true);
      expect(running(parent.pid!)).toBe(true);
    } finally {
      parent.kill("SIGKILL");
      runner.kill("SIGKILL");
    }
  }, 60_000);

  it("keeps running while both live", async () => {
    const { parent, motoPid } = await startParent({});
    started.push(motoPid);
    try {
      await new Promise((r) => setTimeout(r, 2_000));
      expect(running(motoPid)).toBe(true);
    } finally {
      parent.kill("SIGKILL");
    }
    expect(await ends(motoPid)).toBe(true);
  }, 60_000);
});
