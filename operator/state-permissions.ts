import * as fs from "node:fs";
import * as path from "node:path";

// Terraform 1.11 creates state, its backup and plan files with mode 0666 less
// the umask (0644 under the usual 022), and keeps the mode of a file it
// rewrites. Local state and plans of this stack hold the console password, so
// the paths this project drives run Terraform under umask 077 and set 0600 on
// files that already exist; for everyone else, these checks warn.

/** Files in a Terraform working folder that can hold the password: state, its backups, plans. */
const SECRET_FILE = /(\.tfstate(\.backup|\.\d+\.backup)?|\.tfplan|^plan\.(bin|json))$/;

/** The local state file a synthesized stack folder's backend names, resolved; undefined for remote backends. */
export function localStatePath(stackDir: string): string | undefined {
  try {
    const tf = JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8"));
    const backend = tf?.terraform?.backend;
    if (backend && !backend.local) return undefined;
    return path.resolve(stackDir, backend?.local?.path ?? "terraform.tfstate");
  } catch {
    return undefined;
  }
}

/** The files of a stack folder (and its local state beside cdktf.json) that can hold the password and exist. */
export function secretFiles(stackDir: string): string[] {
  const here = fs.existsSync(stackDir) ? fs.readdirSync(stackDir).filter((f) => SECRET_FILE.test(f)).map((f) => path.join(stackDir, f)) : [];
  const state = localStatePath(stackDir);
  const beside = state ? [state, `${state}.backup`] : [];
  return [...new Set([...here, ...beside])].filter((f) => fs.existsSync(f));
}

/** Sets 0600 on every secret file of a stack folder: Terraform keeps the mode of a file it rewrites. */
export function restrictSecretFiles(stackDir: string): void {
  for (const file of secretFiles(stackDir)) fs.chmodSync(file, 0o600);
}

/** True when a state file holds a console password in plain text (not only the pgpKey-encrypted one). */
export function holdsPassword(stateFile: string): boolean {
  try {
    const state = JSON.parse(fs.readFileSync(stateFile, "utf8"));
    return (state.resources ?? []).some(
      (r: { type?: string; instances?: { attributes?: { password?: unknown } }[] }) =>
        r.type === "aws_iam_user_login_profile" && (r.instances ?? []).some((i) => typeof i.attributes?.password === "string" && i.attributes.password !== ""),
    );
  } catch {
    return false;
  }
}

/**
 * One warning per local state file of the stack folders that holds the password
 * and that the group or others can read, naming the file, who can read it and
 * the mode; the caller adds what it did or what to do.
 */
export function readableStateWarnings(stackDirs: string[]): string[] {
  const warnings: string[] = [];
  for (const dir of stackDirs) {
    const state = localStatePath(dir);
    if (!state) continue;
    for (const file of [state, `${state}.backup`]) {
      if (!fs.existsSync(file)) continue;
      const mode = fs.statSync(file).mode & 0o777;
      if ((mode & 0o077) !== 0 && holdsPassword(file)) {
        warnings.push(`${file} holds the console password and is readable by ${mode & 0o007 ? "everyone" : "its group"} (mode 0${mode.toString(8)})`);
      }
    }
  }
  return warnings;
}

/** The stack folders of a cdktf.out, for the audit and other whole-project checks. */
export function stackDirsOf(outdir: string): string[] {
  const stacks = path.join(outdir, "stacks");
  return fs.existsSync(stacks) ? fs.readdirSync(stacks).map((s) => path.join(stacks, s)) : [];
}
