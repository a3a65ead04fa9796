import { spawn } from "node:child_process";
import * as fs from "node:fs";

export interface Measurement {
  readonly wallMs: number;
  /** Peak resident set size of the process tree, in MiB. */
  readonly peakRssMiB: number;
  readonly status: number | null;
}

/** A process's resident set high-water mark, from /proc (Linux), in KiB; 0 once it has ended. */
function highWaterKiB(pid: number): number {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** A process and its descendants, from /proc (Linux). */
function tree(pid: number): number[] {
  const found = [pid];
  try {
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      const children = fs.readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
      for (const child of children ? children.split(/\s+/) : []) found.push(...tree(Number(child)));
    }
  } catch {
    // The process ended between two reads.
  }
  return found;
}

/**
 * Runs a command and measures its wall time and the peak RSS of its process
 * tree, sampled from /proc every 10 ms (VmHWM is each process's own peak, so
 * only growth in the last few milliseconds of a process can go unseen; a child
 * started less than 100 ms before it ends may go unseen too).
 */
export function measure(command: string, args: string[], env: NodeJS.ProcessEnv = {}, cwd?: string): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "ignore"] });
    let peak = 0;
    let pids = [child.pid!];
    let samples = 0;
    // Each process's own peak is read every 10 ms, the tree walked every 100 ms: on two cores, reading
    // /proc competes with the measured process, and walking every thread's children costs the most.
    const timer = setInterval(() => {
      if (samples++ % 10 === 0) pids = tree(child.pid!);
      peak = Math.max(peak, pids.reduce((sum, pid) => sum + highWaterKiB(pid), 0));
    }, 10);
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
