import { spawnSync } from "node:child_process";
import { restrictSecretFiles } from "./state-permissions";

// The Terraform CLI, as operator commands run it: no colour, no prompts, and
// secrets in the files it writes kept to their owner.

export interface TerraformRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the Terraform CLI in a folder, without colour or prompts, under umask
 * 077, so state, backups and plans it creates are 0600; files it rewrites keep
 * their mode, so those are set to 0600 before and after.
 */
export function terraform(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): TerraformRun {
  restrictSecretFiles(cwd);
  const result = spawnSync("sh", ["-c", 'umask 077 && exec terraform "$@"', "terraform", ...args], {
    cwd,
    env: { ...process.env, TF_IN_AUTOMATION: "1", TF_INPUT: "0", CHECKPOINT_DISABLE: "1", ...env },
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    timeout: 600_000,
  });
  restrictSecretFiles(cwd);
  return { status: result.status, stdout: result.stdout ?? "", stderr: result.stderr ?? "" };
}

/** Runs Terraform and throws with its error output unless it exits with one of `ok`. */
export function terraformOk(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, ok: number[] = [0]): TerraformRun {
  const run = terraform(args, cwd, env);
  if (run.status === null || !ok.includes(run.status)) {
    throw new Error(`terraform ${args.join(" ")} exited ${run.status} in ${cwd}:\n${run.stderr || run.stdout}`);
  }
  return run;
}

/**
 * The line of Terraform's stderr that says what failed: the first `Error:`
 * diagnostic (boxed as `│ Error:` in a terminal), without the box. Warnings
 * come first in Terraform's output (an unreadable CLI config, for one), so the
 * first line is often not the reason.
 */
export function terraformErrorLine(stderr: string): string {
  const lines = stderr.split("\n").map((line) => line.replace(/^[│╷╵]\s?/u, "").trim());
  return lines.find((line) => line.startsWith("Error:")) ?? lines.find((line) => line !== "") ?? "no output";
}
