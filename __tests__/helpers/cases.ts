import { App } from "cdktf";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PolicyCase } from "../fixtures/cases";
import { TerraformDocument } from "../../policies/model";
import { loadDocuments } from "../../policies/load";

export const PLANS = path.resolve(__dirname, "../fixtures/plans");

/** Synthesizes a fixture case and reads it back as the policy CLI would (cdktf.out). */
export function synthesizeCase(c: PolicyCase): TerraformDocument[] {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `case-${c.name}-`));
  try {
    const app = new App({ outdir, stackTraces: false });
    c.build(app);
    app.synth();
    return loadDocuments([outdir]);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** The committed plan JSON that real Terraform made from a fixture case. */
export function casePlanFiles(c: PolicyCase): string[] {
  const dir = path.join(PLANS, c.name);
  return fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => path.join(dir, f)) : [];
}
