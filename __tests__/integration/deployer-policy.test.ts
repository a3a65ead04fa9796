import { App } from "cdktf";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEPLOYER_ACTIONS, deployerPolicy } from "../../operator/deployer-policy";
import { BreakGlassStack } from "../../modules";
import { runDeployerScenario, ScenarioResult, STEPS } from "../helpers/deployer-scenario";
import { describeIntegration } from "../helpers/integration";
import { runNode } from "../helpers/run";

/**
 * One run of every update path (deploy, re-plan, tags changed and removed,
 * renames, requireMfa and alerts on and off, rotation, drift repair, destroy)
 * against moto with IAM authorization enforced, as a deployer holding exactly
 * the policy's actions, while moto records what it was asked for.
 * Enough: every step succeeds. Minimal: every action of the policy was asked
 * for, in a step its `needed` names; and nothing outside the policy was.
 */
describeIntegration("the deployer policy is enough and minimal", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "deployer-stack-"));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  let policy: ReturnType<typeof deployerPolicy>;
  let result: ScenarioResult;

  beforeAll(async () => {
    const app = new App({ outdir: root, stackTraces: false });
    new BreakGlassStack(app, "break-glass");
    app.synth();
    policy = deployerPolicy(JSON.parse(fs.readFileSync(path.join(root, "stacks", "break-glass", "cdk.tf.json"), "utf8")));
    result = await runDeployerScenario(policy.Statement.flatMap((s) => s.Action));
  }, 600_000);

  it("grants exactly the actions the code lists", () => {
    expect(policy.Statement.flatMap((s) => s.Action).sort()).toEqual(DEPLOYER_ACTIONS.map((a) => a.action).sort());
  });

  it("lets a deployer holding only it take the stack through every update path, re-planning with no changes", () => {
    expect(result.failed).toBeUndefined();
    expect(Object.keys(result.actionsByStep)).toEqual(STEPS.map((s) => s.name));
  });

  it("holds every action the deployer was asked for", () => {
    const granted = new Set(DEPLOYER_ACTIONS.map((a) => a.action));
    const missing = Object.entries(result.actionsByStep).flatMap(([step, actions]) => actions.filter((a) => !granted.has(a)).map((a) => `${step}: ${a}`));
    expect(missing).toEqual([]);
  });

  it("holds no action that no step asked for, and each is asked for where the code says", () => {
    // moto does not check every action AWS does: those say so, with AWS's documentation.
    expect(DEPLOYER_ACTIONS.filter((a) => a.awsOnly).map((a) => a.action)).toEqual(["iam:PassRole"]);
    const unused = DEPLOYER_ACTIONS.filter((a) => !a.awsOnly && !a.needed.some((step) => result.actionsByStep[step]?.includes(a.action)));
    expect(unused.map((a) => `${a.action}, said to be needed for ${a.needed.join(", ")}, was asked for in: ${Object.keys(result.actionsByStep).filter((s) => result.actionsByStep[s].includes(a.action)).join(", ") || "no step"}`)).toEqual([]);
  });

  it("is printed by npm run deployer-policy, scoped to the stack's user, group and alerts", () => {
    const printed = runNode("bin/deployer-policy.js", ["--outdir", root, "--stack", "break-glass"]);
    expect(printed.status).toBe(0);
    expect(JSON.parse(printed.stdout)).toEqual(policy);
    expect(policy.Statement.map((s) => s.Resource)).toEqual([
      "arn:aws:iam::*:user/EmergencyAccess",
      "arn:aws:iam::*:group/EmergencyAccessGroup",
      "arn:aws:iam::*:group/EmergencyAccessGroup",
      ["sign-in", "activity", "tamper", "forward"].map((rule) => `arn:aws:events:*:*:rule/EmergencyAccessGroup-${rule}`),
      "arn:aws:sns:*:*:EmergencyAccessGroup-activity",
      "arn:aws:iam::*:role/EmergencyAccessGroup-alerts-forward",
    ]);
  });
});
