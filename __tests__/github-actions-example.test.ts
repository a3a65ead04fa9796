import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { ROOT, tempDir } from "./helpers/run";

// js-yaml ships no types; this is the one call the test makes.
const yaml = require("js-yaml") as { safeLoad(text: string): unknown };

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

const WORKFLOW = path.join(ROOT, "examples", "github-actions", "break-glass.yml");
const workflow = yaml.safeLoad(fs.readFileSync(WORKFLOW, "utf8")) as { jobs: Record<string, { steps: Step[] }> };
const steps = workflow.jobs.check.steps;
const UPLOAD = "github/codeql-action/upload-sarif@v3";

/** What happened to each step of one emulated job run. */
interface JobRun {
  outcomes: { step: Step; outcome: "success" | "failure" | "skipped"; output: string }[];
  /** The SARIF file's text as the upload step found it, or null when it was missing. */
  uploaded: string | null | undefined;
  failed: boolean;
}

/**
 * Runs the job's steps in order as GitHub Actions does on ubuntu: each `run:`
 * in `bash -eo pipefail`, a failed step skips the rest except `if: always()`.
 * `npm ci` is left out (the checkout is this project, installed already), and
 * the upload step is recorded, not run.
 */
function runJob(project: string): JobRun {
  const job: JobRun = { outcomes: [], uploaded: undefined, failed: false };
  for (const step of steps) {
    const condition = step.if ?? "success()";
    if (condition !== "success()" && condition !== "always()") throw new Error(`the emulator does not know the condition ${condition}`);
    if (condition === "success()" && job.failed) {
      job.outcomes.push({ step, outcome: "skipped", output: "" });
      continue;
    }
    if (step.uses === UPLOAD) {
      const file = path.join(project, step.with!.sarif_file);
      job.uploaded = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : null;
    }
    if (step.run === undefined || step.run === "npm ci") continue;
    const run = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", step.run], {
      cwd: project,
      env: { ...process.env, BREAK_GLASS_CONFIG: "", CDKTF_OUTDIR: "", ...step.env },
      encoding: "utf8",
      timeout: 120_000,
    });
    const outcome = run.status === 0 ? "success" : "failure";
    if (outcome === "failure") job.failed = true;
    job.outcomes.push({ step, outcome, output: `${run.stdout}${run.stderr}` });
  }
  return job;
}

/**
 * A checkout whose app is the break-glass stack, built with this project's
 * synth and policy gate, plus (with `deny`) a second administrator user. Its
 * npm scripts are this project's, run from dist/; `npm test` leaves a mark.
 */
function project(dir: string, deny: boolean): string {
  fs.mkdirSync(dir, { recursive: true });
  const dist = (file: string) => JSON.stringify(path.join(ROOT, "dist", file));
  const lib = (file: string) => JSON.stringify(path.join(ROOT, "node_modules", file));
  fs.writeFileSync(
    path.join(dir, "app.js"),
    `const { synthesize } = require(${dist("synth/synth")});
const { checkPolicies } = require(${dist("synth/policy-gate")});
const { fail } = require(${dist("cli/fail")});
const { BreakGlassStack } = require(${dist("modules")});
const { IamUser } = require(${lib("@cdktf/provider-aws/lib/iam-user")});
const { IamUserPolicyAttachment } = require(${lib("@cdktf/provider-aws/lib/iam-user-policy-attachment")});
try {
  synthesize((app) => {
    const stack = new BreakGlassStack(app, "break-glass");
    if (${deny}) {
      const user = new IamUser(stack, "mallory", { name: "Mallory" });
      new IamUserPolicyAttachment(stack, "admin", { user: user.name, policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" });
    }
  }, "cdktf.out", { check: (dir) => checkPolicies(dir, (line) => process.stderr.write("synth: " + line + "\\n")) });
} catch (error) {
  fail("synth", error);
}
`,
  );
  const scripts = { synth: "node app.js", policy: `node ${dist("bin/policy.js")}`, test: "touch tests-ran" };
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "checkout", private: true, scripts }));
  return dir;
}

describe("examples/github-actions/break-glass.yml", () => {
  const dir = tempDir();
  const scripts = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts;

  it("names only npm scripts that exist, and uploads the file the SARIF step writes, whatever happened before", () => {
    const used = steps.flatMap((s) => [...(s.run ?? "").matchAll(/npm run (?:--silent )?([\w:-]+)/g)].map((m) => m[1]));
    expect(used).toEqual(["synth", "policy", "policy"]);
    for (const script of used) expect(Object.keys(scripts)).toContain(script);
    const upload = steps.find((s) => s.uses === UPLOAD)!;
    expect(upload.if).toBe("always()");
    expect(steps.some((s) => s.run?.includes(`--format sarif > ${upload.with!.sarif_file}`))).toBe(true);
  });

  describe("on a stack with a second administrator", () => {
    let job: JobRun;
    beforeAll(() => {
      job = runJob(project(path.join(dir, "deny"), true));
    }, 120_000);

    it("synthesizes, reporting the deny without failing", () => {
      const synth = job.outcomes.find((o) => o.step.run === "npm run synth")!;
      expect(synth.outcome).toBe("success");
      expect(synth.output).toMatch(/synth: deny \(reported, not enforced: BREAK_GLASS_POLICY_GATE=report\) \[one-admin-user\] break-glass aws_iam_user\.mallory/);
    });

    it("uploads SARIF that holds the deny", () => {
      expect(job.uploaded).toEqual(expect.any(String));
      const sarif = JSON.parse(job.uploaded!);
      const results = sarif.runs[0].results as { ruleId: string; level: string; message: { text: string } }[];
      expect(results).toContainEqual(expect.objectContaining({ ruleId: "one-admin-user", level: "error", message: expect.objectContaining({ text: expect.stringContaining("Mallory") }) }));
    });

    it("then fails the job, and skips the tests", () => {
      expect(job.outcomes.map((o) => [o.step.name ?? o.step.run, o.outcome])).toEqual([
        [expect.stringMatching(/^Synthesize/), "success"],
        ["Policy findings as SARIF", "success"],
        ["Fail on a policy deny", "failure"],
        ["Tests", "skipped"],
      ]);
      expect(job.failed).toBe(true);
      expect(fs.existsSync(path.join(dir, "deny", "tests-ran"))).toBe(false);
    });
  });

  it("passes, with the SARIF uploaded and the tests run, on the break-glass stack alone", () => {
    const job = runJob(project(path.join(dir, "pass"), false));
    expect(job.failed).toBe(false);
    expect(JSON.parse(job.uploaded!).runs[0].results.filter((r: { level: string }) => r.level === "error")).toEqual([]);
    expect(fs.existsSync(path.join(dir, "pass", "tests-ran"))).toBe(true);
  }, 120_000);
});
