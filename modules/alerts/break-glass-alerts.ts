import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { InvalidPropError } from "../validation";
import { EventTarget } from "./event-target";
import { ACTIVITY_MESSAGE, InputTransformer, SIGN_IN_MESSAGE, TAMPER_MESSAGE } from "./messages";
import { alertNames } from "./names";
import { activityPattern, forwardPattern, signInPattern, tamperPattern, WatchedIdentity } from "./patterns";
import { homeRegionOf, IAM_EVENTS_REGION, partitionOf } from "./regions";

/**
 * Lets a rule see read-only management events too (Describe*, Get*, List*),
 * which the plain ENABLED state leaves out (EventBridge User Guide, "Receiving
 * read-only management events from AWS services").
 */
export const RULE_STATE = "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS";

/** Where alerts go, as the `alerts` prop and config key take it. */
export interface AlertsOptions {
  /** An address to mail; the recipient must confirm the subscription from the first mail. */
  readonly email?: string;
  /** An HTTPS endpoint to post to (a chat or paging webhook); it must confirm the subscription too. */
  readonly httpsEndpoint?: string;
  /**
   * An existing SNS topic instead of a new one. Its Region is the home Region,
   * where the rules that publish live; its policy must let EventBridge publish.
   * @default - a new topic in the home Region
   */
  readonly topicArn?: string;
  /**
   * Every Region to watch; each gets a rule.
   * @default - the Regions enabled by default in the stack's partition (DEFAULT_REGIONS)
   */
  readonly regions?: readonly string[];
}

export interface BreakGlassAlertsProps extends AlertsOptions {
  readonly userName: string;
  readonly userArn: string;
  readonly groupName: string;
  /** The Regions to watch, resolved (every one must have a provider). */
  readonly regions: readonly string[];
  /** An AWS provider in each Region of `regions`, by Region name. */
  readonly providers: Readonly<Record<string, TerraformProvider>>;
  /** The AWS provider for the global parts (the forwarding role, the account id). */
  readonly provider?: TerraformProvider;
}

/**
 * Tells someone whenever the break-glass user signs in or calls an API, in any
 * watched Region, and whenever anyone changes the user or its group.
 *
 * EventBridge delivers to an SNS topic only in the rule's own Region (its
 * cross-account targets are same-Region too), so the home Region holds the
 * topic and the three rules that publish to it with readable messages, and
 * every other Region has one rule that forwards the same events to the home
 * Region's default event bus with an IAM role: the documented cross-Region
 * pattern (EventBridge User Guide, "Sending and receiving events between AWS
 * Regions in Amazon EventBridge").
 */
export class BreakGlassAlerts extends Construct {
  readonly topicArn: string;
  readonly homeRegion: string;
  readonly regions: readonly string[];

  constructor(scope: Construct, id: string, props: BreakGlassAlertsProps) {
    super(scope, id);
    const regions = props.regions;
    const partition = partitionOf(regions[0] ?? "");
    const homeRegion = homeRegionOf(props.topicArn, partition);
    checkRegions(regions, props.providers, homeRegion, props.topicArn);
    const names = alertNames(props.groupName);
    const home = props.providers[homeRegion];

    const identity = new DataAwsCallerIdentity(this, "caller_identity", { provider: props.provider });
    const awsPartition = new DataAwsPartition(this, "partition", { provider: props.provider });
    const who: WatchedIdentity = { accountId: identity.accountId, userName: props.userName, userArn: props.userArn, groupName: props.groupName };

    // [construct id, name, pattern, message]. The activity rule keeps the ids
    // "rule" and "target" of the single-Region alerts, whose rule had its name:
    // an upgrade then changes it in place instead of creating a second rule of
    // the same name beside the one being deleted.
    const homeRules: Array<[string, string, object, InputTransformer]> = [
      ["sign_in", names.signIn, signInPattern(who), SIGN_IN_MESSAGE],
      ["rule", names.activity, activityPattern(who), ACTIVITY_MESSAGE],
      ["tamper", names.tamper, tamperPattern(who), TAMPER_MESSAGE],
    ];
    const rules = homeRules.map(([key, name, pattern]) =>
      new CloudwatchEventRule(this, key, {
        provider: home,
        name,
        description: `Break-glass alerts: ${name}`,
        eventPattern: JSON.stringify(pattern),
        state: RULE_STATE,
      }),
    );

    let topicArn = props.topicArn;
    if (!topicArn) {
      const topic = new SnsTopic(this, "topic", { provider: home, name: names.topic });
      new SnsTopicPolicy(this, "topic_policy", {
        provider: home,
        arn: topic.arn,
        policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "AllowBreakGlassRulesToPublish",
              Effect: "Allow",
              Principal: { Service: "events.amazonaws.com" },
              Action: "sns:Publish",
              Resource: topic.arn,
              Condition: { ArnEquals: { "aws:SourceArn": rules.map((r) => r.arn) } },
            },
          ],
        }),
      });
      topicArn = topic.arn;
    }
    if (props.email) new SnsTopicSubscription(this, "email", { provider: home, topicArn, protocol: "email", endpoint: props.email });
    if (props.httpsEndpoint) {
      new SnsTopicSubscription(this, "https", { provider: home, topicArn, protocol: "https", endpoint: props.httpsEndpoint });
    }
    homeRules.forEach(([key, , , message], i) => {
      new EventTarget(this, key === "rule" ? "target" : `${key}_target`, { provider: home, rule: rules[i].name, arn: topicArn, inputTransformer: message });
    });

    const others = regions.filter((r) => r !== homeRegion);
    if (others.length > 0) {
      const homeBus = `arn:${awsPartition.partition}:events:${homeRegion}:${identity.accountId}:event-bus/default`;
      const role = new IamRole(this, "forward_role", {
        provider: props.provider,
        name: names.forwardRole,
        description: "Lets EventBridge forward break-glass events to the home Region",
        assumeRolePolicy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: { Service: "events.amazonaws.com" },
              Action: "sts:AssumeRole",
              Condition: { StringEquals: { "aws:SourceAccount": identity.accountId } },
            },
          ],
        }),
      });
      new IamRolePolicy(this, "forward_policy", {
        provider: props.provider,
        role: role.name,
        name: "PutEventsToHomeRegion",
        policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "events:PutEvents", Resource: homeBus }] }),
      });
      const roleArn = role.arn;
      const patterns = { withTamper: JSON.stringify(forwardPattern(who, true)), withoutTamper: JSON.stringify(forwardPattern(who, false)) };
      for (const region of others) {
        const key = region.replace(/-/g, "_");
        const provider = props.providers[region];
        const rule = new CloudwatchEventRule(this, `forward_${key}`, {
          provider,
          name: names.forward,
          description: `Break-glass alerts: forwards ${props.userName}'s events to ${homeRegion}`,
          eventPattern: region === IAM_EVENTS_REGION[partition] ? patterns.withTamper : patterns.withoutTamper,
          state: RULE_STATE,
        });
        new EventTarget(this, `forward_${key}_target`, { provider, rule: rule.name, arn: homeBus, roleArn });
      }
    }

    this.topicArn = topicArn;
    this.homeRegion = homeRegion;
    this.regions = regions;
  }
}

function checkRegions(regions: readonly string[], providers: Readonly<Record<string, TerraformProvider>>, homeRegion: string, topicArn?: string): void {
  if (regions.length === 0 && Object.keys(providers).length === 0) {
    throw new InvalidPropError("alertsProviders", "must hold an AWS provider for each Region the alerts watch (alertsRegionProviders() makes them; BreakGlassStack passes them)");
  }
  if (regions.length === 0) throw new InvalidPropError("alerts.regions", "must name at least one Region");
  const duplicate = regions.find((r, i) => regions.indexOf(r) !== i);
  if (duplicate) throw new InvalidPropError("alerts.regions", `names ${duplicate} twice`);
  const partitions = new Set(regions.map(partitionOf));
  if (partitions.size > 1) throw new InvalidPropError("alerts.regions", "must all be in one partition (aws, aws-us-gov or aws-cn)");
  if (!regions.includes(homeRegion)) {
    throw new InvalidPropError(
      "alerts.regions",
      topicArn ? `must include ${homeRegion}, the Region of alerts.topicArn` : `must include ${homeRegion}, where IAM's events arrive`,
    );
  }
  const missing = regions.find((r) => !providers[r]);
  if (missing) throw new InvalidPropError("alertsProviders", `must hold an AWS provider for ${missing}, a Region of alerts.regions (alertsRegionProviders() makes them)`);
}
