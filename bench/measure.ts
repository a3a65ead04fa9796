import { spawn } from "node:child_process";
import * as fs from "node:fs";

export interface Measurement {
  readonly wallMs: number;
  /** Peak resident set size of the process tree, in MiB. */
  readonly peakRssMiB: number;
  readonly status: number | null;
}

/** Resident set high-water mark of a process and its descendants, from /proc (Linux), in KiB. */
function treeHighWaterKiB(pid: number): number {
  let total = 0;
  const visit = (p: number) => {
    try {
      const status = fs.readFileSync(`/proc/${p}/status`, "utf8");
      total += Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
      for (const task of fs.readdirSync(`/proc/${p}/task`)) {
        const children = fs.readFileSync(`/proc/${p}/task/${task}/children`, "utf8").trim();
        for (const child of children ? children.split(/\s+/) : []) visit(Number(child));
      }
    } catch {
      // The process ended between two reads.
    }
  };
  visit(pid);
  return total;
}

/**
 * Runs a command and measures its wall time and the peak RSS of its process
 * tree, sampled from /proc every 10 ms (VmHWM is each process's own peak, so
 * only growth in the last few milliseconds of a process can go unseen).
 */
export function measure(command: string, args: string[], env: NodeJS.ProcessEnv = {}, cwd?: string): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "ignore"] });
    let peak = 0;
    const timer = setInterval(() => (peak = Math.max(peak, treeHighWaterKiB(child.pid!))), 10);
    child.once("error", reject);
    child.once("exit", (status) => {
      clearInterval(timer);
      resolve({ wallMs: Number(process.hrtime.bigint() - start) / 1e6, peakRssMiB: peak / 1024, status });
    });
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
