import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { ROOT, tempDir } from "./helpers/run";

// A fresh clone's `npm install` rewrites package-lock.json wherever it lags
// package.json (a new bin, a changed dependency): the checkout would not stay clean.
describe("package-lock.json", () => {
  const dir = tempDir();

  it("is what npm writes for package.json, so npm install leaves it unchanged", () => {
    for (const file of ["package.json", "package-lock.json", ".npmrc"]) fs.copyFileSync(path.join(ROOT, file), path.join(dir, file));
    // An empty user config: the project's own .npmrc must be enough.
    fs.writeFileSync(path.join(dir, "user.npmrc"), "");
    const run = spawnSync("npm", ["install", "--package-lock-only", "--offline", "--ignore-scripts", "--no-audit", "--no-fund", "--userconfig", path.join(dir, "user.npmrc")], {
      cwd: dir,
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(run.stderr).not.toMatch(/npm error/);
    expect(run.status).toBe(0);
    expect(fs.readFileSync(path.join(dir, "package-lock.json"), "utf8")).toBe(fs.readFileSync(path.join(ROOT, "package-lock.json"), "utf8"));
  }, 120_000);
});
