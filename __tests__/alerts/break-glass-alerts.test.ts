import * as fs from "node:fs";
import * as path from "node:path";
import { loadConfig } from "../../config/load";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { App, TerraformStack } from "cdktf";
import { BreakGlassUser, InvalidPropError } from "../../modules";
import { alertsRegionProviders, DEFAULT_REGIONS, RULE_STATE, SIGN_IN_MESSAGE } from "../../modules/alerts";
import { tempDir } from "../helpers/run";
import { onlyResource, resourcesOf, synthStack } from "../helpers/synth";

const email = "security@example.com";
/** Outdirs and config files of the tests below (tempDir removes it after them). */
const TMP = tempDir("alerts-");

/** Each rule with the Region of its provider. */
function rulesByRegion(tf: ReturnType<typeof synthStack>["tf"]): Array<{ region: string; name: string; config: any; id: string }> {
  // The default provider is written "aws" when passed explicitly, or left out.
  const regionOf = new Map<string, string>((tf.provider?.aws ?? []).map((p: any) => [p.alias ? `aws.${p.alias}` : "aws", p.region]));
  return Object.entries(resourcesOf(tf, "aws_cloudwatch_event_rule")).map(([id, config]) => ({ id, config, name: config.name, region: regionOf.get(config.provider ?? "aws")! }));
}

describe("alerts in every Region", () => {
  const { json, tf } = synthStack({ region: "eu-west-1", accountId: "111111111111", user: { alerts: { email } } });
  const rules = rulesByRegion(tf);

  it("has an enabled rule, with read-only management events, in every Region enabled by default", () => {
    expect([...new Set(rules.map((r) => r.region))].sort()).toEqual([...DEFAULT_REGIONS.aws].sort());
    expect(DEFAULT_REGIONS.aws).toHaveLength(17);
    for (const rule of rules) expect(rule.config.state).toBe(RULE_STATE);
    expect(RULE_STATE).toBe("ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS");
  });

  it("pins every Region's provider to the stack's account", () => {
    expect(tf.provider?.aws).toHaveLength(17);
    for (const p of tf.provider!.aws) expect(p.allowed_account_ids).toEqual(["111111111111"]);
    // The stack's own Region uses its default provider.
    expect(rules.find((r) => r.region === "eu-west-1")!.config.provider ?? "aws").toBe("aws");
  });

  it("publishes from three rules in us-east-1 to one topic there, with a readable message each", () => {
    const homeRules = rules.filter((r) => r.region === "us-east-1").map((r) => r.name).sort();
    expect(homeRules).toEqual(["EmergencyAccessGroup-activity", "EmergencyAccessGroup-sign-in", "EmergencyAccessGroup-tamper"]);
    const topic = onlyResource(tf, "aws_sns_topic");
    expect(topic.config).toMatchObject({ name: "EmergencyAccessGroup-activity", provider: "aws.us_east_1" });
    const targets = Object.values(resourcesOf(tf, "aws_cloudwatch_event_target")).filter((t: any) => t.arn === `\${aws_sns_topic.${topic.id}.arn}`);
    expect(targets).toHaveLength(3);
    for (const t of targets as any[]) expect(JSON.parse(t.input_transformer.input_template)).toMatch(/^BREAK-GLASS /);
    expect(json).toHaveResourceWithProperties(CloudwatchEventTarget, {
      input_transformer: { input_paths: SIGN_IN_MESSAGE.inputPaths, input_template: SIGN_IN_MESSAGE.inputTemplate },
    });
    const policy = JSON.parse(onlyResource(tf, "aws_sns_topic_policy").config.policy);
    expect(policy.Statement[0].Condition.ArnEquals["aws:SourceArn"]).toHaveLength(3);
    expect(json).toHaveResourceWithProperties(SnsTopicSubscription, { protocol: "email", endpoint: email });
  });

  it("forwards from every other Region to us-east-1's default bus with a role that may only put events there", () => {
    const forward = rules.filter((r) => r.region !== "us-east-1");
    expect(forward).toHaveLength(16);
    const targets = resourcesOf(tf, "aws_cloudwatch_event_target");
    for (const rule of forward) {
      expect(rule.name).toBe("EmergencyAccessGroup-forward");
      const target = Object.values(targets).find((t: any) => t.rule === `\${aws_cloudwatch_event_rule.${rule.id}.name}`) as any;
      expect(target.arn).toMatch(/^arn:\$\{data\.aws_partition\.[\w]+\.partition\}:events:us-east-1:\$\{data\.aws_caller_identity\.[\w]+\.account_id\}:event-bus\/default$/);
      expect(target.role_arn).toMatch(/^\$\{aws_iam_role\./);
      expect(target.provider).toBe(rule.config.provider);
    }
    const role = onlyResource(tf, "aws_iam_role").config;
    expect(JSON.parse(role.assume_role_policy).Statement[0].Principal).toEqual({ Service: "events.amazonaws.com" });
    const policy = JSON.parse(onlyResource(tf, "aws_iam_role_policy").config.policy);
    expect(policy.Statement).toEqual([{ Effect: "Allow", Action: "events:PutEvents", Resource: expect.stringMatching(/:events:us-east-1:.*:event-bus\/default$/) }]);
  });

  it("passes the policy checks: the forwarding role is no administrator", () => {
    expect(json).toPassPolicies();
  });
});

describe("alerts options", () => {
  it("watches only the Regions named", () => {
    const { tf } = synthStack({ user: { alerts: { email, regions: ["us-east-1", "eu-west-1"] } } });
    expect(tf.provider?.aws.map((p: any) => p.region)).toEqual(["us-east-1", "eu-west-1"]);
    expect(rulesByRegion(tf).map((r) => `${r.region} ${r.name}`).sort()).toEqual([
      "eu-west-1 EmergencyAccessGroup-forward",
      "us-east-1 EmergencyAccessGroup-activity",
      "us-east-1 EmergencyAccessGroup-sign-in",
      "us-east-1 EmergencyAccessGroup-tamper",
    ]);
  });

  it("needs no forwarding role for one Region", () => {
    const { tf } = synthStack({ user: { alerts: { email, regions: ["us-east-1"] } } });
    expect(resourcesOf(tf, "aws_iam_role")).toEqual({});
    expect(tf.provider?.aws).toHaveLength(1);
  });

  it("makes the existing topic's Region the home Region, and forwards IAM's events from us-east-1 to it", () => {
    const topicArn = "arn:aws:sns:eu-west-1:111111111111:security-alerts";
    const { json, tf } = synthStack({ user: { alerts: { topicArn, regions: ["us-east-1", "eu-west-1"] } } });
    expect(json).not.toHaveResource(SnsTopic);
    expect(json).not.toHaveResource(SnsTopicSubscription);
    const rules = rulesByRegion(tf);
    expect(rules.filter((r) => r.region === "eu-west-1")).toHaveLength(3);
    const forward = rules.find((r) => r.region === "us-east-1")!;
    expect(forward.name).toBe("EmergencyAccessGroup-forward");
    expect(forward.config.event_pattern).toContain("CreateAccessKey");
    expect(tf.output?.alerts_topic_arn.value).toBe(topicArn);
  });

  it("also posts to an HTTPS endpoint", () => {
    const { json } = synthStack({ user: { alerts: { email, httpsEndpoint: "https://hooks.example.com/break-glass", regions: ["us-east-1"] } } });
    expect(json).toHaveResourceWithProperties(SnsTopicSubscription, { protocol: "https", endpoint: "https://hooks.example.com/break-glass" });
  });

  it.each([
    [{ email: "not an address" }, /^alerts: must be an e-mail address$/],
    [{ topicArn: "security-alerts" }, /^alerts: must be an SNS topic ARN$/],
    [{ emails: "x@example.com" }, /^alerts: /],
    [{ httpsEndpoint: "http://hooks.example.com/x" }, /^alerts: must be an https:\/\/ URL$/],
    [{ regions: ["mars-1"] }, /^alerts: must be an AWS region name/],
    [{ regions: [] }, /^alerts: must name at least one Region$/],
    [{ regions: ["eu-west-1"] }, /^alerts\.regions: must include us-east-1, where IAM's events arrive$/],
    [{ regions: ["us-east-1", "eu-west-1", "us-east-1"] }, /^alerts\.regions: names us-east-1 twice$/],
    [{ regions: ["us-east-1", "us-gov-west-1"] }, /^alerts\.regions: must all be in one partition/],
    [{ topicArn: "arn:aws:sns:eu-west-1:111111111111:t", regions: ["us-east-1"] }, /^alerts\.regions: must include eu-west-1, the Region of alerts\.topicArn$/],
  ])("rejects %j", (alerts, message) => {
    expect(() => synthStack({ user: { alerts: alerts as never } })).toThrow(InvalidPropError);
    expect(() => synthStack({ user: { alerts: alerts as never } })).toThrow(message);
  });

  it("uses the partition's Regions for a GovCloud stack", () => {
    const { tf } = synthStack({ region: "us-gov-west-1", user: { alerts: { email } } });
    expect(tf.provider?.aws.map((p: any) => p.region).sort()).toEqual(["us-gov-east-1", "us-gov-west-1"]);
    expect(rulesByRegion(tf).filter((r) => r.name.endsWith("-tamper")).map((r) => r.region)).toEqual(["us-gov-west-1"]);
  });
});

describe("BreakGlassUser with alerts, outside BreakGlassStack", () => {
  const stackWith = () => {
    const stack = new TerraformStack(new App({ outdir: fs.mkdtempSync(path.join(TMP, "user-")) }), "s");
    new AwsProvider(stack, "aws", { region: "us-east-1" });
    return stack;
  };

  it("asks for a provider per Region instead of watching one Region silently", () => {
    expect(() => new BreakGlassUser(stackWith(), "bg", { alerts: { email } })).toThrow(
      "alertsProviders: must hold an AWS provider for each Region the alerts watch (alertsRegionProviders() makes them; BreakGlassStack passes them)",
    );
  });

  it("takes the providers alertsRegionProviders() makes", () => {
    const stack = stackWith();
    const alertsProviders = alertsRegionProviders(stack, ["us-east-1", "eu-west-1"], { allowedAccountIds: ["111111111111"] });
    expect(new BreakGlassUser(stack, "bg", { alerts: { email }, alertsProviders }).alertsTopicArn).toBeDefined();
  });
});

describe("alerts in the config file", () => {
  const load = (alerts: unknown) => {
    const file = path.join(fs.mkdtempSync(path.join(TMP, "config-")), "break-glass.config.json");
    fs.writeFileSync(file, JSON.stringify({ accounts: [{ name: "prod", id: "111111111111" }], alerts }));
    return () => loadConfig(file);
  };

  it("takes regions and an HTTPS endpoint", () => {
    expect(load({ email, httpsEndpoint: "https://hooks.example.com/x", regions: ["us-east-1", "eu-west-1"] })().alerts).toEqual({
      email,
      httpsEndpoint: "https://hooks.example.com/x",
      regions: ["us-east-1", "eu-west-1"],
    });
  });

  it("names the field of a bad Region or endpoint", () => {
    expect(load({ regions: ["us-east-1", "Mars"], httpsEndpoint: "ftp://x" })).toThrow(
      /alerts\.httpsEndpoint: must be an https:\/\/ URL\n.*alerts\.regions\[1\]: must be an AWS region name such as us-east-1$/,
    );
  });
});
