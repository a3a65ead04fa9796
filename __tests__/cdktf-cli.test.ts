import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { ROOT, tempDir } from "./helpers/run";

// The app as the cdktf CLI runs it (cdktf.json), offline: the set of stacks
// can change between runs, and the app's warnings are not shown as errors.
describe("npx cdktf synth", () => {
  const dir = tempDir();
  const outdir = path.join(dir, "cdktf.out");
  const config = (name: string, accounts: string[]) => {
    const file = path.join(dir, `${name}.json`);
    fs.writeFileSync(file, JSON.stringify({ accounts: accounts.map((a, i) => ({ name: a, id: String(i + 1).repeat(12) })) }));
    return file;
  };
  const synth = (configFile: string) => {
    const run = spawnSync("npx", ["cdktf", "synth", "--output", outdir], {
      cwd: ROOT,
      env: { ...process.env, BREAK_GLASS_CONFIG: configFile, CHECKPOINT_DISABLE: "1", NO_COLOR: "1" },
      encoding: "utf8",
      timeout: 120_000,
    });
    // eslint-disable-next-line no-control-regex
    return { status: run.status, output: `${run.stdout}${run.stderr}`.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "") };
  };
  const stacks = () => fs.readdirSync(path.join(outdir, "stacks")).sort();

  it("synthesizes two accounts, then one, and drops the other's folder", () => {
    const two = synth(config("two", ["prod", "staging"]));
    expect(two.status).toBe(0);
    expect(stacks()).toEqual(["break-glass-prod", "break-glass-staging"]);
    // One line per stack, and the MFA warning as a warning, not as cdktf's [ERROR].
    expect(two.output).toMatch(/^break-glass synth: break-glass-prod: .*stacks\/break-glass-prod$/m);
    expect(two.output).toMatch(/^break-glass synth: break-glass-staging: .*stacks\/break-glass-staging$/m);
    expect(two.output).toMatch(/^break-glass synth: warning \[break-glass-mfa\] break-glass-prod /m);
    expect(two.output).not.toMatch(/\[ERROR\][^\n]*break-glass synth/);

    const one = synth(config("one", ["prod"]));
    expect(one.output).not.toMatch(/ENOENT/);
    expect(one.status).toBe(0);
    expect(stacks()).toEqual(["break-glass-prod"]);
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8"));
    expect(Object.keys(manifest.stacks)).toEqual(["break-glass-prod"]);
    expect(fs.readdirSync(dir).sort()).toEqual(["cdktf.out", "one.json", "two.json"]);
  }, 240_000);
});
