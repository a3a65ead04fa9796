import { App } from "cdktf";
import * as fs from "node:fs";
import * as path from "node:path";

/**
 * Synthesizes into a staging folder beside `outdir` and moves it into place
 * only when every stack synthesized and `check` passed. A failed synth leaves
 * the previous output as it was and adds nothing to it.
 */
export function synthesize(
  defineStacks: (app: App) => void,
  outdir: string = process.env.CDKTF_OUTDIR || "cdktf.out",
  check: (synthesizedDir: string) => void = () => undefined,
): void {
  const staging = `${outdir}.staging-${process.pid}`;
  const previous = `${outdir}.previous-${process.pid}`;
  fs.mkdirSync(path.dirname(path.resolve(outdir)), { recursive: true });
  try {
    const app = new App({ outdir: staging, stackTraces: false });
    defineStacks(app);
    app.synth();
    check(staging);
    if (fs.existsSync(outdir)) fs.renameSync(outdir, previous);
    fs.renameSync(staging, outdir);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
    fs.rmSync(previous, { recursive: true, force: true });
  }
}
