import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachUserPolicyCommand,
  CreateUserCommand,
  GetGroupCommand,
  GetLoginProfileCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  ListAttachedGroupPoliciesCommand,
  ListAttachedUserPoliciesCommand,
  ListGroupPoliciesCommand,
  ListUserPoliciesCommand,
  PutGroupPolicyCommand,
  PutUserPolicyCommand,
  ListEntitiesForPolicyCommand,
  ListUserTagsCommand,
} from "@aws-sdk/client-iam";
import { App } from "cdktf";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { BreakGlassStack } from "../../modules";
import { iamClient } from "../../testing/iam-client";
import { MOTO_ACCOUNT_ID } from "../../testing/moto";
import { describeIntegration, StackDir, useMoto } from "../helpers/integration";
import { runNode } from "../helpers/run";

// Deploys the unmodified stack to a real IAM API (moto) and checks the result
// with the AWS SDK, not with our own outputs. The steps build on each other.
describeIntegration("deploy, verify, re-plan, drift, rotate, destroy", () => {
  const moto = useMoto();
  const env = () => ({ ...moto.current.env });
  const iam = () => iamClient(moto.current.endpoint);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "deploy-"));
  const outdir = path.join(root, "cdktf.out");
  const stack = new StackDir(path.join(outdir, "stacks", "break-glass"), env);
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  // Strings Terraform would evaluate if they were not escaped: a file's contents, and a new value on every plan.
  const tags = { Host: '${file("/etc/hostname")}' };
  const firstToken = "${uuid()}";

  /** Synthesizes the default stack, with a rotation token, into the same folder each time, as a user re-running synth would. */
  function synth(rotationToken: string, passwordLength?: number): void {
    const app = new App({ outdir, stackTraces: false });
    new BreakGlassStack(app, "break-glass", { user: { tags, passwordRotationToken: rotationToken, passwordLength } });
    app.synth();
  }
  const members = async () =>
    ((await iam().send(new GetGroupCommand({ GroupName: "EmergencyAccessGroup" }))).Users ?? []).map((u) => u.UserName);
  let firstPassword = "";

  beforeAll(() => {
    synth(firstToken);
    stack.init();
    stack.apply();
  }, 180_000);

  it("creates the group with exactly one member, the break-glass user", async () => {
    const group = await iam().send(new GetGroupCommand({ GroupName: "EmergencyAccessGroup" }));
    expect(group.Group?.GroupName).toBe("EmergencyAccessGroup");
    expect(group.Users?.map((u) => u.UserName)).toEqual(["EmergencyAccess"]);
  });

  it("attaches exactly AdministratorAccess to the group", async () => {
    const attached = await iam().send(new ListAttachedGroupPoliciesCommand({ GroupName: "EmergencyAccessGroup" }));
    expect(attached.AttachedPolicies).toEqual([
      { PolicyName: "AdministratorAccess", PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess" },
    ]);
  });

  it("gives the user console access without a forced password reset, no access keys, and the marker tag", async () => {
    const profile = await iam().send(new GetLoginProfileCommand({ UserName: "EmergencyAccess" }));
    expect(profile.LoginProfile?.PasswordResetRequired).toBe(false);
    expect((await iam().send(new ListAccessKeysCommand({ UserName: "EmergencyAccess" }))).AccessKeyMetadata).toEqual([]);
    const userTags = await iam().send(new ListUserTagsCommand({ UserName: "EmergencyAccess" }));
    expect(userTags.Tags).toContainEqual({ Key: "BreakGlass", Value: "emergency-access" });
  });

  it("sends config strings to AWS as the text written, not as Terraform expressions", async () => {
    const userTags = await iam().send(new ListUserTagsCommand({ UserName: "EmergencyAccess" }));
    expect(userTags.Tags).toContainEqual({ Key: "Host", Value: '${file("/etc/hostname")}' });
    const state = fs.readFileSync(path.join(root, "terraform.break-glass.tfstate"), "utf8");
    const rotation = JSON.parse(state).resources.find((r: { type: string; name: string }) => r.type === "terraform_data" && r.name.includes("rotation"));
    expect(rotation.instances[0].attributes.output.value).toEqual({ token: "${uuid()}" });
  });

  it("leaves state and its backup readable by the owner only", () => {
    for (const file of ["terraform.break-glass.tfstate", "terraform.break-glass.tfstate.backup"].map((f) => path.join(root, f)).filter((f) => fs.existsSync(f))) {
      expect([file, fs.statSync(file).mode & 0o777]).toEqual([file, 0o600]);
    }
    const plan = path.join(stack.dir, "plan.bin");
    stack.ok("plan", "-input=false", "-out=plan.bin");
    expect(fs.statSync(plan).mode & 0o777).toBe(0o600);
    fs.rmSync(plan);
  });

  it("outputs the real account's sign-in URL and the password as sensitive", () => {
    const outputs = stack.outputs();
    expect(outputs.sign_in_url).toEqual({ value: `https://${MOTO_ACCOUNT_ID}.signin.aws.amazon.com/console`, sensitive: false, type: "string" });
    expect(outputs.user_arn.value).toBe(`arn:aws:iam::${MOTO_ACCOUNT_ID}:user/EmergencyAccess`);
    expect(outputs.password.sensitive).toBe(true);
    firstPassword = outputs.password.value as string;
    expect(firstPassword).toHaveLength(32);
  });

  it("plans no changes on a second run (the ${uuid()} rotation token is text, not a new value each plan)", () => {
    expect(stack.planExitCode()).toBe(0);
  });

  it("keeps the password when only passwordLength changes: the new length waits for the next rotation", () => {
    synth(firstToken, 40);
    expect(stack.planExitCode()).toBe(0);
  });

  it("removes policies attached to or put on the group or the user outside Terraform", async () => {
    const deny = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "*", Resource: "*" }] });
    const allow = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });
    await iam().send(new PutGroupPolicyCommand({ GroupName: "EmergencyAccessGroup", PolicyName: "OutOfBandDeny", PolicyDocument: deny }));
    await iam().send(new AttachGroupPolicyCommand({ GroupName: "EmergencyAccessGroup", PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }));
    await iam().send(new PutUserPolicyCommand({ UserName: "EmergencyAccess", PolicyName: "OutOfBandAllow", PolicyDocument: allow }));
    await iam().send(new AttachUserPolicyCommand({ UserName: "EmergencyAccess", PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }));
    const plan = stack.planJson() as { resource_changes: { type: string; change: { actions: string[] } }[] };
    expect(
      plan.resource_changes
        .filter((r) => !r.change.actions.includes("no-op"))
        .map((r) => `${r.type} ${r.change.actions.join("/")}`)
        .sort(),
    ).toEqual([
      "aws_iam_group_policies_exclusive update",
      "aws_iam_group_policy_attachments_exclusive update",
      "aws_iam_user_policies_exclusive update",
      "aws_iam_user_policy_attachments_exclusive update",
    ]);
    stack.apply();
    expect((await iam().send(new ListGroupPoliciesCommand({ GroupName: "EmergencyAccessGroup" }))).PolicyNames).toEqual([]);
    expect((await iam().send(new ListAttachedGroupPoliciesCommand({ GroupName: "EmergencyAccessGroup" }))).AttachedPolicies?.map((p) => p.PolicyName)).toEqual([
      "AdministratorAccess",
    ]);
    expect((await iam().send(new ListUserPoliciesCommand({ UserName: "EmergencyAccess" }))).PolicyNames).toEqual([]);
    expect((await iam().send(new ListAttachedUserPoliciesCommand({ UserName: "EmergencyAccess" }))).AttachedPolicies).toEqual([]);
    expect(stack.planExitCode()).toBe(0);
  }, 120_000);

  it("reports a member added outside Terraform as drift and removes it on the next apply", async () => {
    await iam().send(new CreateUserCommand({ UserName: "Mallory" }));
    await iam().send(new AddUserToGroupCommand({ GroupName: "EmergencyAccessGroup", UserName: "Mallory" }));
    expect(await members()).toEqual(["EmergencyAccess", "Mallory"]);
    expect(stack.planExitCode()).toBe(2);
    stack.apply();
    expect(await members()).toEqual(["EmergencyAccess"]);
    expect(stack.planExitCode()).toBe(0);
  }, 120_000);

  describe("npm run credentials", () => {
    it("warns when the state holding the password is readable by others, and makes it 0600", () => {
      const state = path.join(root, "terraform.break-glass.tfstate");
      fs.chmodSync(state, 0o644);
      const file = path.join(root, "warned.csv");
      const run = credentials("--out", file);
      expect(run.status).toBe(0);
      expect(run.stderr).toBe(
        `break-glass-credentials: warning: ${state} holds the console password and is readable by everyone (mode 0644); now set to 0600. ` +
          "Whoever could read it may hold the password: rotate it (passwordRotationToken) if that matters\n",
      );
      expect(run.stderr).not.toContain(firstPassword);
      expect(fs.statSync(state).mode & 0o777).toBe(0o600);
      fs.rmSync(file);
    });

    const credentials = (...args: string[]) => runNode("bin/credentials.js", ["--outdir", outdir, "--stack", "break-glass", ...args], { env: env() });
    const file = path.join(root, "EmergencyAccess_credentials.csv");

    it("writes the three columns, RFC 4180-quoted, with mode 0600, and prints the path but never the password", () => {
      const run = credentials("--out", file);
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      expect(run.stdout).toBe(`wrote ${file} (mode 0600): keep it with the trusted administrator\n`);
      expect(run.stdout).not.toContain(firstPassword);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const quoted = /[",\r\n]/.test(firstPassword) ? `"${firstPassword.replace(/"/g, '""')}"` : firstPassword;
      expect(fs.readFileSync(file, "utf8")).toBe(
        `User name,Password,Console sign-in URL\r\nEmergencyAccess,${quoted},https://${MOTO_ACCOUNT_ID}.signin.aws.amazon.com/console\r\n`,
      );
    });

    it("refuses to overwrite the file without --force", () => {
      fs.writeFileSync(file, "kept", { mode: 0o600 });
      const run = credentials("--out", file);
      expect(run.status).toBe(1);
      expect(run.stderr).toBe(`break-glass-credentials: --out: ${file} exists: pass --force to replace it\n`);
      expect(fs.readFileSync(file, "utf8")).toBe("kept");
      expect(credentials("--out", file, "--force").status).toBe(0);
      expect(fs.readFileSync(file, "utf8")).toContain("EmergencyAccess,");
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    });

    it("says which stack is missing instead of writing an empty file", () => {
      const run = runNode("bin/credentials.js", ["--outdir", outdir, "--stack", "nope", "--out", path.join(root, "x.csv")], { env: env() });
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/^break-glass-credentials: --stack: no stack nope in \S+ \(stacks: [^)]+\)\n$/);
      expect(fs.existsSync(path.join(root, "x.csv"))).toBe(false);
    });
  });

  it("replaces the login profile, and so the password, when the rotation token changes, with the length asked for since", async () => {
    synth("second", 40);
    const plan = stack.planJson() as { resource_changes: { type: string; change: { actions: string[] } }[] };
    const profile = plan.resource_changes.find((r) => r.type === "aws_iam_user_login_profile");
    expect(profile?.change.actions).toEqual(["delete", "create"]);
    stack.apply();
    const password = stack.outputs().password.value as string;
    expect(password).toHaveLength(40);
    expect(password).not.toBe(firstPassword);
    expect((await iam().send(new GetLoginProfileCommand({ UserName: "EmergencyAccess" }))).LoginProfile?.PasswordResetRequired).toBe(false);
    expect(stack.planExitCode()).toBe(0);
  }, 120_000);

  it("leaves no user, group or attachment behind after destroy", async () => {
    stack.ok("destroy", "-input=false", "-auto-approve");
    await expect(iam().send(new GetUserCommand({ UserName: "EmergencyAccess" }))).rejects.toMatchObject({ name: "NoSuchEntityException" });
    await expect(iam().send(new GetGroupCommand({ GroupName: "EmergencyAccessGroup" }))).rejects.toMatchObject({ name: "NoSuchEntityException" });
    const entities = await iam().send(new ListEntitiesForPolicyCommand({ PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }));
    expect([...(entities.PolicyGroups ?? []), ...(entities.PolicyUsers ?? []), ...(entities.PolicyRoles ?? [])]).toEqual([]);
  }, 120_000);
});
