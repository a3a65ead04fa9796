import * as fs from "node:fs";
import * as path from "node:path";
import { ROOT, runNode } from "./helpers/run";

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));

/** Every entry point package.json exposes: its bins, and the dist/ and build/ files its scripts run. */
function entryPoints(): string[] {
  const fromScripts = Object.values<string>(pkg.scripts).flatMap((script) => [...script.matchAll(/node (?:dist|build)\/(\S+\.js)/g)].map((m) => m[1]));
  const fromBins = Object.values<string>(pkg.bin).map((bin) => path.relative("dist", bin));
  return [...new Set([...fromScripts, ...fromBins])].sort();
}

describe("every command", () => {
  const entries = entryPoints();

  it("is found in package.json", () => {
    expect(entries).toEqual(expect.arrayContaining(["main.js", "bin/policy.js", "bin/credentials.js", "bench/run.js", "scripts/deploy-local.js"]));
  });

  it.each(entries)("%s answers --help with its usage and --version with the package's version, exit 0", (entry) => {
    const help = runNode(entry, ["--help"]);
    expect(help.stderr).toBe("");
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: /);
    const version = runNode(entry, ["--version"]);
    expect(version.stderr).toBe("");
    expect(version.status).toBe(0);
    expect(version.stdout).toMatch(new RegExp(`^\\S+(?: \\S+)? ${pkg.version.replace(/\./g, "\\.")}\\n$`));
  });

  it.each(entries)("%s refuses an unknown option with one line and exit 2", (entry) => {
    const run = runNode(entry, ["--no-such-option"]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.trim().split("\n")).toEqual([expect.stringMatching(/Unknown option '--no-such-option'.*usage: /)]);
  });
});
