import { App } from "cdktf";
import * as fs from "node:fs";
import * as path from "node:path";

/** What Terraform keeps in a stack folder after `terraform init`; synth carries it over. */
const TERRAFORM_FILES = [".terraform", ".terraform.lock.hcl"];

export interface SynthOptions {
  /** Runs on the synthesized JSON before anything is moved into place; throws to stop synth. */
  check?: (synthesizedDir: string) => void;
  /** HCL instead of JSON (`cdktf synth --hcl` sets SYNTH_HCL_OUTPUT=true). */
  hcl?: boolean;
  /**
   * Removes stack folders of `outdir` that are not in the app any more. The
   * cdktf CLI removes those itself after the app ran (and fails on one that is
   * already gone), so under it this is false.
   */
  pruneStacks?: boolean;
}

/**
 * Synthesizes into a staging folder beside `outdir`, runs `check` on it, and
 * only then moves each stack folder into place, one rename per stack. A failed
 * synth leaves the previous output as it was and adds nothing to it. Each
 * stack folder keeps its `.terraform/` and `.terraform.lock.hcl`, so plain
 * `terraform` needs no new `init` after synth. Returns the stacks' folders.
 *
 * The checks read JSON, so with `hcl` the stacks are synthesized twice: JSON
 * to check, HCL to keep.
 */
export function synthesize(defineStacks: (app: App) => void, outdir: string = process.env.CDKTF_OUTDIR || "cdktf.out", options: SynthOptions = {}): string[] {
  const { check = () => undefined, hcl = process.env.SYNTH_HCL_OUTPUT === "true", pruneStacks = true } = options;
  const staging = `${outdir}.staging-${process.pid}`;
  const stagingHcl = `${outdir}.staging-hcl-${process.pid}`;
  const replaced = `${outdir}.replaced-${process.pid}`;
  fs.mkdirSync(path.dirname(path.resolve(outdir)), { recursive: true });
  try {
    synthTo(defineStacks, staging, false);
    check(staging);
    if (hcl) synthTo(defineStacks, stagingHcl, true);
    return moveIntoPlace(hcl ? stagingHcl : staging, outdir, replaced, pruneStacks);
  } finally {
    for (const dir of [staging, stagingHcl, replaced]) fs.rmSync(dir, { recursive: true, force: true });
  }
}

function synthTo(defineStacks: (app: App) => void, dir: string, hclOutput: boolean): void {
  // App takes SYNTH_HCL_OUTPUT over its own hclOutput option, so set that.
  const asked = process.env.SYNTH_HCL_OUTPUT;
  process.env.SYNTH_HCL_OUTPUT = String(hclOutput);
  try {
    const app = new App({ outdir: dir, stackTraces: false });
    defineStacks(app);
    app.synth();
  } finally {
    if (asked === undefined) delete process.env.SYNTH_HCL_OUTPUT;
    else process.env.SYNTH_HCL_OUTPUT = asked;
  }
}

/**
 * Swaps each staged stack folder in for the old one (rename out, rename in:
 * a reader sees the old folder or the new one, never a half-written one),
 * then the manifest, then drops the stacks the app no longer has.
 */
function moveIntoPlace(staged: string, outdir: string, replaced: string, pruneStacks: boolean): string[] {
  const stagedStacks = path.join(staged, "stacks");
  const stacksDir = path.join(outdir, "stacks");
  const names = fs.existsSync(stagedStacks) ? fs.readdirSync(stagedStacks).sort() : [];
  fs.mkdirSync(stacksDir, { recursive: true });
  fs.mkdirSync(replaced, { recursive: true });
  for (const name of names) {
    const from = path.join(stagedStacks, name);
    const to = path.join(stacksDir, name);
    if (fs.existsSync(to)) {
      for (const file of TERRAFORM_FILES) {
        if (fs.existsSync(path.join(to, file))) fs.renameSync(path.join(to, file), path.join(from, file));
      }
      fs.renameSync(to, path.join(replaced, name));
    }
    fs.renameSync(from, to);
  }
  for (const entry of fs.readdirSync(staged)) {
    if (entry !== "stacks") fs.renameSync(path.join(staged, entry), path.join(outdir, entry));
  }
  if (pruneStacks) {
    for (const name of fs.readdirSync(stacksDir)) {
      if (!names.includes(name)) fs.renameSync(path.join(stacksDir, name), path.join(replaced, `stale-${name}`));
    }
  }
  return names.map((name) => path.join(stacksDir, name));
}
