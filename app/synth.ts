import { App } from "cdktf";
import * as fs from "node:fs";
import * as path from "node:path";

/**
 * Synthesizes into a staging folder beside `outdir` and moves it into place
 * only when every stack synthesized and `check` passed on the JSON. A failed
 * synth leaves the previous output as it was and adds nothing to it.
 *
 * `cdktf synth --hcl` asks for HCL (SYNTH_HCL_OUTPUT=true); the checks read
 * JSON, so then the stacks are synthesized twice: JSON to check, HCL to keep.
 */
export function synthesize(
  defineStacks: (app: App) => void,
  outdir: string = process.env.CDKTF_OUTDIR || "cdktf.out",
  check: (synthesizedDir: string) => void = () => undefined,
  hcl: boolean = process.env.SYNTH_HCL_OUTPUT === "true",
): void {
  const staging = `${outdir}.staging-${process.pid}`;
  const stagingHcl = `${outdir}.staging-hcl-${process.pid}`;
  const previous = `${outdir}.previous-${process.pid}`;
  fs.mkdirSync(path.dirname(path.resolve(outdir)), { recursive: true });
  const synthTo = (dir: string, hclOutput: boolean) => {
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
  };
  try {
    synthTo(staging, false);
    check(staging);
    if (hcl) synthTo(stagingHcl, true);
    if (fs.existsSync(outdir)) fs.renameSync(outdir, previous);
    fs.renameSync(hcl ? stagingHcl : staging, outdir);
  } finally {
    for (const dir of [staging, stagingHcl, previous]) fs.rmSync(dir, { recursive: true, force: true });
  }
}
