import * as fs from "node:fs";
import * as path from "node:path";
import { ROOT } from "./helpers/run";

// The example workflow only calls commands this project has.
describe("examples/github-actions/break-glass.yml", () => {
  const workflow = fs.readFileSync(path.join(ROOT, "examples", "github-actions", "break-glass.yml"), "utf8");
  const scripts = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts;

  it("synthesizes, runs the policy CLI with SARIF upload, and runs npm test", () => {
    expect(workflow).toContain("run: npm run synth");
    expect(workflow).toContain("npm run --silent policy -- cdktf.out --format sarif > break-glass.sarif");
    expect(workflow).toMatch(/uses: github\/codeql-action\/upload-sarif@v3\n\s+with:\n\s+sarif_file: break-glass.sarif/);
    expect(workflow).toContain("run: npm test");
  });

  it("names only npm scripts that exist", () => {
    const used = [...workflow.matchAll(/npm run (?:--silent )?([\w:-]+)/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(0);
    for (const script of used) expect(Object.keys(scripts)).toContain(script);
  });
});
