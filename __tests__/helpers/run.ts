import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const ROOT = path.resolve(__dirname, "../..");

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a compiled entry point of this project as users do: what ships from
 * dist/, scripts and bench from build/ (both built by `npm test`);
 * by default in the temporary folder and without a config file,
 * so a developer's own break-glass.config.json cannot change the result.
 */
export function runNode(script: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Run {
  const entry = path.join(ROOT, /^(scripts|bench|testing)\//.test(script) ? "build" : "dist", script);
  if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: run \`npm test\`, which builds it`);
  const result = spawnSync(process.execPath, [entry, ...args], {
    cwd: options.cwd ?? os.tmpdir(),
    env: { ...process.env, BREAK_GLASS_CONFIG: "", ...options.env },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh temporary folder, removed after the test file's tests. */
export function tempDir(prefix = "break-glass-"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}
