import "@microsoft/jest-sarif";
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  DeleteGroupCommand,
  DeletePolicyCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  DetachGroupPolicyCommand,
  DetachUserPolicyCommand,
  IAMClient,
  PutUserPolicyCommand,
  RemoveUserFromGroupCommand,
} from "@aws-sdk/client-iam";
import { BreakGlassStack } from "../../modules";
import { iamClient } from "../../testing/iam-client";
import { freePort, MOTO_ACCOUNT_ID } from "../../testing/moto";
import { describeIntegration, StackDir, useMoto } from "../helpers/integration";
import { runNode } from "../helpers/run";
import { RULES } from "../../policies/rules";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
const STAR = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });

// The live audit against a real IAM API: it passes on the deployed stack,
// fails naming the user for each way a second administrator is added out of
// band, and passes again once that is undone.
describeIntegration("npm run audit against moto", () => {
  const moto = useMoto();
  const env = () => moto.current.env;
  const iam = (): IAMClient => iamClient(moto.current.endpoint);
  const audit = (...args: string[]) => runNode("bin/audit.js", args, { env: env() });
  const stack = StackDir.synth((app) => new BreakGlassStack(app, "break-glass"), "break-glass", env);

  beforeAll(() => {
    stack.init();
    stack.apply();
  }, 180_000);

  function expectPass() {
    const run = audit("--format", "json");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.passed).toBe(true);
    expect(result.violations.map((v: { rule: string }) => v.rule)).toEqual(["break-glass-mfa"]);
  }

  function expectViolation(user: string, rules: string[]) {
    const run = audit("--format", "json");
    expect(run.status).toBe(1);
    const result = JSON.parse(run.stdout);
    const denies = result.violations.filter((v: { severity: string }) => v.severity === "deny");
    expect(denies.map((v: { rule: string }) => v.rule).sort()).toEqual([...rules].sort());
    expect(denies.find((v: { rule: string }) => v.rule === "one-admin-user").message).toContain(`IAM user ${user} (arn:aws:iam::${MOTO_ACCOUNT_ID}:user/${user})`);
  }

  it("warns, without the password, when a local state file that holds it is readable by others", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "audit-state-"));
    try {
      const stackDir = path.join(root, "cdktf.out", "stacks", "break-glass");
      fs.mkdirSync(stackDir, { recursive: true });
      fs.writeFileSync(path.join(stackDir, "cdk.tf.json"), JSON.stringify({ terraform: { backend: { local: { path: "../../../terraform.break-glass.tfstate" } } } }));
      const state = path.join(root, "terraform.break-glass.tfstate");
      fs.writeFileSync(state, JSON.stringify({ resources: [{ type: "aws_iam_user_login_profile", instances: [{ attributes: { password: "Sup3r-secret-pw" } }] }] }));
      fs.chmodSync(state, 0o644);
      const run = runNode("bin/audit.js", ["--format", "json"], { env: { ...env(), CDKTF_OUTDIR: path.join(root, "cdktf.out") } });
      expect(run.status).toBe(0);
      expect(run.stderr).toBe(`break-glass-audit: warning: ${state} holds the console password and is readable by everyone (mode 0644): chmod 600 it, and run Terraform under umask 077\n`);
      expect(run.stdout + run.stderr).not.toContain("Sup3r-secret-pw");
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it("passes on the deployed default stack", () => {
    expectPass();
    const text = audit();
    expect(text.status).toBe(0);
    expect(text.stdout.trim().split("\n").pop()).toBe("PASS: 0 denied, 1 warned, 0 suppressed");
  });

  it.each<[string, () => Promise<unknown>, () => Promise<unknown>, string[]]>([
    [
      "AdministratorAccess attached to another user",
      () => iam().send(new AttachUserPolicyCommand({ UserName: "Mallory", PolicyArn: ADMIN })),
      () => iam().send(new DetachUserPolicyCommand({ UserName: "Mallory", PolicyArn: ADMIN })),
      ["one-admin-user"],
    ],
    [
      "another user in EmergencyAccessGroup",
      () => iam().send(new AddUserToGroupCommand({ GroupName: "EmergencyAccessGroup", UserName: "Mallory" })),
      () => iam().send(new RemoveUserFromGroupCommand({ GroupName: "EmergencyAccessGroup", UserName: "Mallory" })),
      ["one-admin-user", "admin-group-one-member"],
    ],
    [
      "an inline * policy on another user",
      () => iam().send(new PutUserPolicyCommand({ UserName: "Mallory", PolicyName: "star", PolicyDocument: STAR })),
      () => iam().send(new DeleteUserPolicyCommand({ UserName: "Mallory", PolicyName: "star" })),
      ["one-admin-user"],
    ],
    [
      "a custom * policy on another group",
      async () => {
        const policy = await iam().send(new CreatePolicyCommand({ PolicyName: "Everything", PolicyDocument: STAR }));
        await iam().send(new CreateGroupCommand({ GroupName: "Ops" }));
        await iam().send(new AttachGroupPolicyCommand({ GroupName: "Ops", PolicyArn: policy.Policy!.Arn }));
        await iam().send(new AddUserToGroupCommand({ GroupName: "Ops", UserName: "Mallory" }));
      },
      async () => {
        const arn = `arn:aws:iam::${MOTO_ACCOUNT_ID}:policy/Everything`;
        await iam().send(new RemoveUserFromGroupCommand({ GroupName: "Ops", UserName: "Mallory" }));
        await iam().send(new DetachGroupPolicyCommand({ GroupName: "Ops", PolicyArn: arn }));
        await iam().send(new DeleteGroupCommand({ GroupName: "Ops" }));
        await iam().send(new DeletePolicyCommand({ PolicyArn: arn }));
      },
      ["one-admin-user"],
    ],
  ])("exits 1 naming the user for %s, and passes again once it is undone", async (_, add, undo, rules) => {
    await iam().send(new CreateUserCommand({ UserName: "Mallory" }));
    expectPass();
    await add();
    expectViolation("Mallory", rules);
    await undo();
    await iam().send(new DeleteUserCommand({ UserName: "Mallory" }));
    expectPass();
  });

  it("reports in SARIF and JUnit too", () => {
    const sarif = audit("--format", "sarif");
    expect(sarif.status).toBe(0);
    const log = JSON.parse(sarif.stdout);
    expect(log).toBeValidSarifLog();
    expect(log.runs[0].tool.driver.name).toBe("break-glass-audit");
    const junit = audit("--format", "junit");
    expect(junit.status).toBe(0);
    expect(junit.stdout).toContain(`<testsuite name="break-glass-audit" tests="${RULES.length}" failures="0">`);
    expect(junit.stdout).toContain(`<testcase classname="account ${MOTO_ACCOUNT_ID}" name="one-admin-user: `);
  });

  it("exits 2 with one line when the endpoint cannot be reached", async () => {
    const port = await freePort();
    // Without the test process's own SDK setting: the command must keep the SDK's start-up warning off by itself.
    const run = runNode("bin/audit.js", [], { env: { ...env(), AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`, AWS_MAX_ATTEMPTS: "1", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: undefined } });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^break-glass-audit: could not inspect the account: .*ECONNREFUSED.*\n$/);
  });

  it("exits 2 on a bad --format", () => {
    const run = audit("--format", "xml");
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("break-glass-audit: --format: must be one of text, json, sarif, junit\n");
  });
});
