import { CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand } from "@aws-sdk/client-iam";
import { App } from "cdktf";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { ATTACH_ACTIONS, deployerPolicy, GROUP_ACTIONS, USER_ACTIONS } from "../../app/deployer-policy";
import { BreakGlassStack } from "../../modules";
import { iamClient } from "../../tools/iam-client";
import { startMoto } from "../../tools/moto";
import { describeIntegration } from "../helpers/integration";
import { runNode } from "../helpers/run";

const run = promisify(execFile);
const ACTIONS = [...USER_ACTIONS, ...GROUP_ACTIONS, ...ATTACH_ACTIONS];

/**
 * Deploys, re-plans and destroys the default stack as a deployer holding only
 * `actions`, against a moto server that enforces IAM authorization after the
 * three requests that create the deployer. Returns the step that failed, if any.
 *
 * moto 5.2.1 checks each request's action but matches policies against Resource
 * "*" and ignores conditions, so here the actions are granted on "*"; the
 * scoping to the stack's ARNs is checked by the unit tests.
 */
async function deployAs(actions: string[], stackDir: string): Promise<string | undefined> {
  const moto = await startMoto({ INITIAL_NO_AUTH_ACTION_COUNT: "3" });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deployer-"));
  try {
    const iam = iamClient(moto.endpoint);
    await iam.send(new CreateUserCommand({ UserName: "deployer" }));
    const document = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: actions, Resource: "*" }] };
    await iam.send(new PutUserPolicyCommand({ UserName: "deployer", PolicyName: "deploy", PolicyDocument: JSON.stringify(document) }));
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: "deployer" }))).AccessKey!;
    fs.cpSync(stackDir, dir, { recursive: true, verbatimSymlinks: true });
    const env = { ...process.env, ...moto.env, AWS_ACCESS_KEY_ID: key.AccessKeyId!, AWS_SECRET_ACCESS_KEY: key.SecretAccessKey!, TF_IN_AUTOMATION: "1" };
    const steps: [string, string[]][] = [
      ["apply", ["apply", "-input=false", "-auto-approve", "-no-color", "-state=state.tfstate"]],
      ["re-plan", ["plan", "-input=false", "-detailed-exitcode", "-no-color", "-state=state.tfstate"]],
      ["destroy", ["destroy", "-input=false", "-auto-approve", "-no-color", "-state=state.tfstate"]],
    ];
    for (const [step, args] of steps) {
      try {
        await run("terraform", args, { cwd: dir, env, maxBuffer: 64 * 1024 * 1024 });
      } catch {
        return step;
      }
    }
    return undefined;
  } finally {
    await moto.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs tasks at most `limit` at a time. */
async function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]();
      }
    }),
  );
  return results;
}

describeIntegration("the deployer policy is enough and minimal", () => {
  let stackDir: string;

  beforeAll(async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "deployer-stack-"));
    const app = new App({ outdir: root, stackTraces: false });
    new BreakGlassStack(app, "break-glass");
    app.synth();
    stackDir = path.join(root, "stacks", "break-glass");
    // State goes to -state=state.tfstate in each attempt's copy: drop the backend, which points outside the copy.
    const tf = JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8"));
    delete tf.terraform.backend;
    fs.writeFileSync(path.join(stackDir, "cdk.tf.json"), JSON.stringify(tf));
    await run("terraform", ["init", "-input=false", "-no-color"], { cwd: stackDir });
  }, 60_000);

  it("grants exactly the actions the printed policy has", () => {
    const policy = deployerPolicy(JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8")));
    expect(policy.Statement.flatMap((s) => s.Action).sort()).toEqual(ACTIONS.map((a) => a.action).sort());
  });

  it("lets a deployer holding only it deploy, re-plan with no changes, and destroy; without any one action, a step fails", async () => {
    const checked = ACTIONS.filter((a) => !a.awsOnly);
    const attempts = [ACTIONS.map((a) => a.action), ...checked.map((a) => ACTIONS.map((b) => b.action).filter((b) => b !== a.action))];
    const failed = await pool(attempts.map((actions) => () => deployAs(actions, stackDir)), 3);
    expect(failed[0]).toBeUndefined();
    const withoutEach = Object.fromEntries(checked.map((a, i) => [a.action, failed[i + 1]]));
    for (const a of checked) expect([a.action, withoutEach[a.action]]).toEqual([a.action, expect.any(String)]);
    // Each is needed where the code says it is.
    for (const a of checked) expect(a.needed).toContain(withoutEach[a.action]!.replace("re-plan", "plan"));
  }, 600_000);

  it("is printed by npm run deployer-policy, scoped to the stack's user and group", () => {
    const printed = runNode("bin/deployer-policy.js", ["--outdir", path.dirname(path.dirname(stackDir)), "--stack", "break-glass"]);
    expect(printed.status).toBe(0);
    const policy = JSON.parse(printed.stdout);
    expect(policy.Statement.map((s: { Resource: string }) => s.Resource)).toEqual([
      "arn:aws:iam::*:user/EmergencyAccess",
      "arn:aws:iam::*:group/EmergencyAccessGroup",
      "arn:aws:iam::*:group/EmergencyAccessGroup",
    ]);
  });
});
