import { EventBridgeClient, ListTargetsByRuleCommand } from "@aws-sdk/client-eventbridge";
import { GetGroupPolicyCommand, GetLoginProfileCommand } from "@aws-sdk/client-iam";
import { GetTopicAttributesCommand, ListSubscriptionsByTopicCommand, SNSClient } from "@aws-sdk/client-sns";
import { App } from "cdktf";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { BreakGlassStack, BreakGlassUserProps } from "../../modules";
import { evaluate } from "../../policies/evaluate";
import { iamClient } from "../../testing/iam-client";
import { MOTO_ACCOUNT_ID } from "../../testing/moto";
import { describeIntegration, StackDir, useMoto } from "../helpers/integration";
import { throwawayKey } from "../helpers/pgp";
import { runNode } from "../helpers/run";

// Every hardening option at once, deployed to moto in eu-west-1 (so the alerts' home rules go through the us-east-1 alias).
describeIntegration("hardening options deployed to moto", () => {
  const moto = useMoto();
  const env = () => moto.current.env;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "hardening-"));
  const outdir = path.join(root, "cdktf.out");
  const stack = new StackDir(path.join(outdir, "stacks", "break-glass"), env);
  const key = throwawayKey(root);
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const aws = (region = "us-east-1") => ({ endpoint: moto.current.endpoint, region, credentials: { accessKeyId: "test", secretAccessKey: "test" } });

  function synth(user: BreakGlassUserProps): void {
    const app = new App({ outdir, stackTraces: false });
    new BreakGlassStack(app, "break-glass", { region: "eu-west-1", user });
    app.synth();
  }
  const options: BreakGlassUserProps = { requireMfa: true, protect: true, pgpKey: key.publicKey, alerts: { email: "security@example.com", regions: ["us-east-1", "eu-west-1"] } };

  beforeAll(() => {
    synth(options);
    stack.init();
    stack.apply();
  }, 180_000);

  it("puts the deny-unless-MFA policy on the group, with ${aws:username} intact", async () => {
    const policy = await iamClient(moto.current.endpoint).send(new GetGroupPolicyCommand({ GroupName: "EmergencyAccessGroup", PolicyName: "RequireMfa" }));
    const document = decodeURIComponent(policy.PolicyDocument!);
    expect(document).toContain('"arn:aws:iam::*:user/${aws:username}"');
    expect(JSON.parse(document).Statement.map((s: { Sid: string }) => s.Sid)).toContain("DenyAllExceptListedIfNoMFA");
  });

  // The alert patterns, forwarding and messages are probed in integration/alerts-drill.
  it("publishes the alerts to the topic that mails the security team", async () => {
    const events = new EventBridgeClient(aws());
    const topicArn = `arn:aws:sns:us-east-1:${MOTO_ACCOUNT_ID}:EmergencyAccessGroup-activity`;
    for (const rule of ["EmergencyAccessGroup-sign-in", "EmergencyAccessGroup-activity", "EmergencyAccessGroup-tamper"]) {
      const deployed = (await events.send(new ListTargetsByRuleCommand({ Rule: rule }))).Targets ?? [];
      expect(deployed.map((t) => t.Arn)).toEqual([topicArn]);
    }
    const forward = (await new EventBridgeClient(aws("eu-west-1")).send(new ListTargetsByRuleCommand({ Rule: "EmergencyAccessGroup-forward" }))).Targets ?? [];
    expect(forward.map((t) => t.Arn)).toEqual([`arn:aws:events:us-east-1:${MOTO_ACCOUNT_ID}:event-bus/default`]);

    const sns = new SNSClient(aws());
    const attributes = await sns.send(new GetTopicAttributesCommand({ TopicArn: topicArn }));
    expect(JSON.parse(attributes.Attributes!.Policy!).Statement[0].Principal).toEqual({ Service: "events.amazonaws.com" });
    const subscriptions = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }));
    expect(subscriptions.Subscriptions?.map((s) => [s.Protocol, s.Endpoint])).toEqual([["email", "security@example.com"]]);
  });

  it("keeps only the PGP-encrypted password in state and outputs", () => {
    const outputs = stack.outputs();
    expect(outputs.password).toBeUndefined();
    expect(typeof outputs.encrypted_password.value).toBe("string");
    const state = JSON.parse(fs.readFileSync(path.join(root, "terraform.break-glass.tfstate"), "utf8"));
    const profile = state.resources.find((r: { type: string }) => r.type === "aws_iam_user_login_profile").instances[0].attributes;
    expect(profile.password ?? "").toBe("");
    expect(profile.encrypted_password).toBe(outputs.encrypted_password.value);
  });

  it("outputs the fingerprint of the key the password is encrypted with", () => {
    const listing = spawnSync("gpg", ["--batch", "--homedir", key.home, "--with-colons", "--fingerprint", "break-glass@example.com"], { encoding: "utf8" });
    spawnSync("gpgconf", ["--homedir", key.home, "--kill", "gpg-agent"]);
    const fingerprint = listing.stdout.split("\n").find((line) => line.startsWith("fpr:"))?.split(":")[9];
    expect(fingerprint).toMatch(/^[0-9A-F]{40}$/);
    expect(String(stack.outputs().key_fingerprint.value).toUpperCase()).toBe(fingerprint);
  });

  describe("npm run credentials with a PGP key", () => {
    const credentials = (file: string, gnupgHome: string) =>
      runNode("bin/credentials.js", ["--outdir", outdir, "--out", path.join(root, file)], { env: { ...env(), GNUPGHOME: gnupgHome } });

    it("decrypts the password with the local gpg when it holds the private key", () => {
      const run = credentials("decrypted.csv", key.home);
      expect(run.status).toBe(0);
      expect(run.stdout).not.toContain("encrypted");
      const [, row] = fs.readFileSync(path.join(root, "decrypted.csv"), "utf8").split("\r\n");
      const password = row.slice("EmergencyAccess,".length, row.lastIndexOf(",https://")).replace(/^"|"$/g, "").replace(/""/g, '"');
      expect(password).toHaveLength(32);
      expect(run.stdout).not.toContain(password);
    });

    it("otherwise writes the armored PGP message and says how to decrypt it", () => {
      const empty = path.join(root, "empty-gnupg");
      fs.mkdirSync(empty, { mode: 0o700 });
      const run = credentials("encrypted.csv", empty);
      expect(run.status).toBe(0);
      expect(run.stdout).toContain("gpg --decrypt");
      const text = fs.readFileSync(path.join(root, "encrypted.csv"), "utf8");
      const message = /-----BEGIN PGP MESSAGE-----[\s\S]*?-----END PGP MESSAGE-----\n/.exec(text)![0];
      const decrypted = spawnSync("gpg", ["--batch", "--quiet", "--homedir", key.home, "--decrypt"], { input: message, encoding: "utf8" });
      expect(decrypted.status).toBe(0);
      expect(decrypted.stdout).toHaveLength(32);
    });
  });

  it("passes the policy checks on the plan JSON with no MFA warning", () => {
    const result = evaluate({ stack: "break-glass", json: stack.planJson() });
    expect(result).toEqual({ passed: true, violations: [] });
  });

  it.each(["aws_iam_group_membership", "aws_iam_group_policy_attachment"])("refuses a targeted destroy of the protected %s", (type) => {
    const tf = JSON.parse(fs.readFileSync(path.join(stack.dir, "cdk.tf.json"), "utf8"));
    const address = `${type}.${Object.keys(tf.resource[type])[0]}`;
    const refused = stack.run("plan", "-destroy", "-input=false", `-target=${address}`);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/Instance cannot be destroyed/);
    expect(refused.stderr).toContain(address);
  }, 60_000);

  it("refuses to destroy while protected, and destroys once protect is turned off", async () => {
    const refused = stack.run("destroy", "-input=false", "-auto-approve");
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/Instance cannot be destroyed/);
    expect((await iamClient(moto.current.endpoint).send(new GetLoginProfileCommand({ UserName: "EmergencyAccess" }))).LoginProfile).toBeDefined();
    synth({ ...options, protect: false });
    stack.apply();
    stack.ok("destroy", "-input=false", "-auto-approve");
  }, 180_000);
});
