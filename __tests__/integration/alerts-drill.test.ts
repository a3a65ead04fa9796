import { CloudTrailClient, CreateTrailCommand, StartLoggingCommand, StopLoggingCommand } from "@aws-sdk/client-cloudtrail";
import { DeleteRuleCommand, EventBridgeClient, ListTargetsByRuleCommand, PutEventsCommand, PutTargetsCommand, RemoveTargetsCommand, Target } from "@aws-sdk/client-eventbridge";
import {
  CreateVirtualMFADeviceCommand,
  DeactivateMFADeviceCommand,
  DeleteAccountPasswordPolicyCommand,
  EnableMFADeviceCommand,
  UpdateAccountPasswordPolicyCommand,
} from "@aws-sdk/client-iam";
import { ListSubscriptionsByTopicCommand, SNSClient, UnsubscribeCommand } from "@aws-sdk/client-sns";
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { App } from "cdktf";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { BreakGlassStack } from "../../modules";
import { iamClient } from "../../testing/iam-client";
import { MOTO_ACCOUNT_ID } from "../../testing/moto";
import { MUST_MATCH, MUST_NOT_MATCH, SampleEvent } from "../fixtures/cloudtrail-events";
import { describeIntegration, StackDir, useMoto } from "../helpers/integration";
import { runNode } from "../helpers/run";

// The alerts deployed to moto in five Regions with a multi-Region trail beside
// them; AWS's sample events sent where CloudTrail would record them; then the
// drill against the same account, for each broken precondition and all good.
const REGIONS = ["us-east-1", "us-east-2", "eu-west-1", "eu-north-1", "ap-southeast-2"];
const RULES = ["EmergencyAccessGroup-sign-in", "EmergencyAccessGroup-activity", "EmergencyAccessGroup-tamper"];

describeIntegration("alerts in every Region and the drill, deployed to moto", () => {
  const moto = useMoto();
  const env = () => moto.current.env;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "alerts-drill-"));
  const outdir = path.join(root, "cdktf.out");
  const stack = new StackDir(path.join(outdir, "stacks", "break-glass"), env);
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const aws = (region = "us-east-1") => ({ endpoint: moto.current.endpoint, region, credentials: { accessKeyId: "test", secretAccessKey: "test" } });
  const drill = (...args: string[]) => runNode("bin/drill.js", ["--regions", REGIONS.join(","), ...args], { env: env() });

  beforeAll(async () => {
    const app = new App({ outdir, stackTraces: false });
    const s = new BreakGlassStack(app, "break-glass", { region: "eu-west-1", user: { requireMfa: true, alerts: { email: "security@example.com", regions: REGIONS } } });
    // The account's bucket for its trail, which EventBridge's CloudTrail events depend on.
    new S3Bucket(s, "trail_bucket", { bucket: "break-glass-trail" });
    app.synth();
    stack.init();
    stack.apply();
    // The trail itself through the API: the provider's aws_cloudtrail waits forever on moto.
    const cloudTrail = new CloudTrailClient(aws("eu-west-1"));
    await cloudTrail.send(new CreateTrailCommand({ Name: "account-trail", S3BucketName: "break-glass-trail", IsMultiRegionTrail: true }));
    await cloudTrail.send(new StartLoggingCommand({ Name: "account-trail" }));
    // requireMfa: the drill wants a device; moto does not check the codes.
    const iam = iamClient(moto.current.endpoint);
    const device = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: "EmergencyAccess" }));
    await iam.send(
      new EnableMFADeviceCommand({ UserName: "EmergencyAccess", SerialNumber: device.VirtualMFADevice!.SerialNumber, AuthenticationCode1: "123456", AuthenticationCode2: "654321" }),
    );
  }, 300_000);

  it("deploys an enabled rule in every configured Region", async () => {
    for (const region of REGIONS) {
      const events = new EventBridgeClient(aws(region));
      const names = region === "us-east-1" ? RULES : ["EmergencyAccessGroup-forward"];
      for (const name of names) {
        const targets = (await events.send(new ListTargetsByRuleCommand({ Rule: name }))).Targets ?? [];
        expect([region, name, targets.length]).toEqual([region, name, 1]);
      }
    }
  });

  it("delivers the user's events from every Region through the forwarding rules to the home rules, as readable messages, and nobody else's", async () => {
    // moto delivers EventBridge events to SQS but not to SNS: for this probe a queue stands in
    // for the topic behind each home rule, with the deployed input transformer. The forwarding
    // rules in the other Regions stay as deployed.
    const home = new EventBridgeClient(aws());
    const sqs = new SQSClient(aws());
    const queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: "alert-probe" }))).QueueUrl!;
    const queueArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["QueueArn"] }))).Attributes!.QueueArn!;
    const deployed = new Map<string, Target[]>();
    for (const rule of RULES) {
      const targets = (await home.send(new ListTargetsByRuleCommand({ Rule: rule }))).Targets ?? [];
      deployed.set(rule, targets);
      await home.send(new RemoveTargetsCommand({ Rule: rule, Ids: targets.map((t) => t.Id!) }));
      await home.send(new PutTargetsCommand({ Rule: rule, Targets: [{ Id: "probe", Arn: queueArn, InputTransformer: targets[0].InputTransformer }] }));
    }
    // moto's PutEvents stamps its own account on every event; other accounts' events are covered by the pattern tests.
    const send = async (event: SampleEvent) =>
      new EventBridgeClient(aws(event.region)).send(
        new PutEventsCommand({ Entries: [{ Source: event.source, DetailType: event["detail-type"], Detail: JSON.stringify(event.detail) }] }),
      );
    try {
      for (const [, event] of Object.values(MUST_MATCH)) await send(event);
      for (const event of Object.values(MUST_NOT_MATCH).filter((e) => e.account === MOTO_ACCOUNT_ID)) await send(event);
      const messages: string[] = [];
      for (let i = 0; i < 5 && messages.length < Object.keys(MUST_MATCH).length; i++) {
        const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }));
        messages.push(...(received.Messages ?? []).map((m) => JSON.parse(m.Body!) as string));
      }
      expect(messages).toHaveLength(Object.keys(MUST_MATCH).length);
      const sorted = messages.sort();
      expect(sorted).toContainEqual(expect.stringMatching(/^BREAK-GLASS SIGN-IN: EmergencyAccess console sign-in \(ConsoleLogin: Success.*\) to account 123456789012 from 203\.0\.113\.5, MFA used: Yes, in eu-west-1 at 2026-11-29T10:00:00Z\./));
      expect(sorted).toContainEqual(expect.stringMatching(/^BREAK-GLASS SIGN-IN: EmergencyAccess console sign-in \(ConsoleLogin: Failure.*in us-east-2 .*Failed authentication$/));
      expect(sorted).toContainEqual(expect.stringMatching(/^BREAK-GLASS SIGN-IN: EmergencyAccess console sign-in \(CheckMfa: .*Success\).* in eu-north-1 /));
      expect(sorted).toContainEqual(expect.stringMatching(/^BREAK-GLASS USE: EmergencyAccess called DescribeInstances \(ec2\.amazonaws\.com\) in account 123456789012, eu-west-1, /));
      expect(sorted).toContainEqual(expect.stringMatching(/^BREAK-GLASS IDENTITY CHANGED: arn:aws:iam::123456789012:user\/alice called CreateAccessKey on user EmergencyAccess /));
      expect(sorted).toContainEqual(expect.stringMatching(/^BREAK-GLASS IDENTITY CHANGED: arn:aws:iam::123456789012:user\/alice called AddUserToGroup on user Mallory group EmergencyAccessGroup /));
      for (const m of messages) expect(m).not.toMatch(/Mallory (signs|lists)|ListUsers.*Mallory/);
      expect(messages.some((m) => m.includes("user/Mallory"))).toBe(false);
    } finally {
      for (const [rule, targets] of deployed) {
        await home.send(new RemoveTargetsCommand({ Rule: rule, Ids: ["probe"] }));
        await home.send(new PutTargetsCommand({ Rule: rule, Targets: targets }));
      }
    }
  });

  describe("the drill", () => {
    it("passes when everything the emergency path needs holds, through the audit's --drill too", () => {
      const run = drill();
      expect([run.status, run.stderr]).toEqual([0, ""]);
      expect(run.stdout).toBe("PASS: 0 denied, 0 warned, 0 suppressed\n");
      expect(runNode("bin/audit.js", ["--drill", "--regions", REGIONS.join(",")], { env: env() }).status).toBe(0);
    });

    it("warns that the drill is overdue when the password was not used within --max-age-days", () => {
      const run = drill("--max-age-days", "0", "--format", "json");
      expect(run.status).toBe(0);
      expect(JSON.parse(run.stdout).violations).toEqual([
        expect.objectContaining({ rule: "drill-overdue", severity: "warn", stack: MOTO_ACCOUNT_ID, address: "iam:user/EmergencyAccess", message: expect.stringMatching(/^drill overdue: /) }),
      ]);
    });

    it("denies a password policy the generated password cannot meet", async () => {
      const iam = iamClient(moto.current.endpoint);
      await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 64 }));
      try {
        const run = drill();
        expect(run.status).toBe(1);
        expect(run.stdout).toContain(
          "DENY [drill-password-policy] 123456789012 iam:account-password-policy/MinimumPasswordLength: the account password policy's MinimumPasswordLength is 64, but passwordLength is 32: set passwordLength to at least 64",
        );
        expect(drill("--password-length", "64").status).toBe(0);
      } finally {
        await iam.send(new DeleteAccountPasswordPolicyCommand({}));
      }
    });

    it("denies a Region without its rule", async () => {
      const events = new EventBridgeClient(aws("ap-southeast-2"));
      const targets = (await events.send(new ListTargetsByRuleCommand({ Rule: "EmergencyAccessGroup-forward" }))).Targets ?? [];
      await events.send(new RemoveTargetsCommand({ Rule: "EmergencyAccessGroup-forward", Ids: targets.map((t) => t.Id!) }));
      await events.send(new DeleteRuleCommand({ Name: "EmergencyAccessGroup-forward" }));
      const run = drill();
      expect(run.status).toBe(1);
      expect(run.stdout).toContain(
        "DENY [drill-alert-rules] 123456789012 events:ap-southeast-2:rule/EmergencyAccessGroup-forward: no rule EmergencyAccessGroup-forward in ap-southeast-2: deploy the stack with ap-southeast-2 in alerts.regions",
      );
      expect(run.stdout.match(/^DENY/gm)).toHaveLength(1);
      stack.apply();
      expect(drill().status).toBe(0);
    }, 180_000);

    it("denies a topic nobody receives", async () => {
      const sns = new SNSClient(aws());
      const topicArn = `arn:aws:sns:us-east-1:${MOTO_ACCOUNT_ID}:EmergencyAccessGroup-activity`;
      for (const s of (await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }))).Subscriptions ?? []) {
        await sns.send(new UnsubscribeCommand({ SubscriptionArn: s.SubscriptionArn }));
      }
      const run = drill();
      expect(run.status).toBe(1);
      expect(run.stdout).toContain(`DENY [drill-alert-subscription] 123456789012 sns:${topicArn}: ${topicArn} has no confirmed subscription, so no one receives the alerts`);
      stack.apply();
      expect(drill().status).toBe(0);
    }, 180_000);

    it("denies when no multi-Region trail is logging", async () => {
      const cloudTrail = new CloudTrailClient(aws("eu-west-1"));
      await cloudTrail.send(new StopLoggingCommand({ Name: "account-trail" }));
      try {
        const run = drill();
        expect(run.status).toBe(1);
        expect(run.stdout).toContain("DENY [drill-cloudtrail] 123456789012 cloudtrail:trail: no multi-Region trail is logging management events; found account-trail (all Regions, not logging)");
      } finally {
        await cloudTrail.send(new StartLoggingCommand({ Name: "account-trail" }));
      }
    });

    it("denies a group that requires MFA when the user has no MFA device", async () => {
      const iam = iamClient(moto.current.endpoint);
      const serial = `arn:aws:iam::${MOTO_ACCOUNT_ID}:mfa/EmergencyAccess`;
      await iam.send(new DeactivateMFADeviceCommand({ UserName: "EmergencyAccess", SerialNumber: serial }));
      try {
        const run = drill();
        expect(run.status).toBe(1);
        expect(run.stdout).toContain("DENY [drill-mfa-device] 123456789012 iam:user/EmergencyAccess: EmergencyAccessGroup requires MFA but EmergencyAccess has no MFA device");
      } finally {
        await iam.send(new EnableMFADeviceCommand({ UserName: "EmergencyAccess", SerialNumber: serial, AuthenticationCode1: "123456", AuthenticationCode2: "654321" }));
      }
    });

    it("exits 2 with one line when the account cannot be read", () => {
      // Without the test process's own SDK setting: the command must keep the SDK's start-up warning off by itself.
      const unreachable = { ...env(), AWS_ENDPOINT_URL: "http://127.0.0.1:1", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: undefined };
      const run = runNode("bin/drill.js", ["--regions", "us-east-1"], { env: unreachable });
      expect(run.status).toBe(2);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(run.stderr).toMatch(/^break-glass-drill: could not inspect the account: /);
    });
  });
});
