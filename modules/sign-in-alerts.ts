import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { TerraformProvider } from "cdktf";
import { Construct } from "constructs";

export interface SignInAlertsProps {
  /** ARN of the user to watch. */
  readonly userArn: string;
  /** Name prefix for the rule and topic. */
  readonly name: string;
  /** An address to mail on every sign-in or API call (the subscription must be confirmed from the mail). */
  readonly email?: string;
  /** An existing SNS topic to publish to, instead of creating one. */
  readonly topicArn?: string;
  /** An AWS provider in us-east-1, where IAM's CloudTrail events reach EventBridge. */
  readonly provider?: TerraformProvider;
}

/** The CloudTrail events a use of the break-glass user produces. */
export function signInEventPattern(userArn: string): string {
  return JSON.stringify({
    "detail-type": ["AWS Console Sign In via CloudTrail", "AWS API Call via CloudTrail"],
    detail: { userIdentity: { arn: [userArn] } },
  });
}

/**
 * Tells someone whenever the break-glass user signs in to the console or calls
 * an API: an EventBridge rule on CloudTrail's events for the user, targeting
 * an SNS topic (created with a policy that lets EventBridge publish, or given).
 */
export class SignInAlerts extends Construct {
  readonly topicArn: string;
  readonly ruleArn: string;

  constructor(scope: Construct, id: string, props: SignInAlertsProps) {
    super(scope, id);
    const provider = props.provider;
    // EventBridge rule names allow [.-_A-Za-z0-9]{1,64}, SNS topic names [-_A-Za-z0-9]{1,256}.
    const name = `${props.name.replace(/[^\w-]/g, "-").slice(0, 55)}-activity`;
    const rule = new CloudwatchEventRule(this, "rule", {
      provider,
      name,
      description: "Console sign-ins and API calls by the break-glass user",
      eventPattern: signInEventPattern(props.userArn),
    });

    let topicArn = props.topicArn;
    if (!topicArn) {
      const topic = new SnsTopic(this, "topic", { provider, name });
      new SnsTopicPolicy(this, "topic_policy", {
        provider,
        arn: topic.arn,
        policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "AllowEventBridgeToPublish",
              Effect: "Allow",
              Principal: { Service: "events.amazonaws.com" },
              Action: "sns:Publish",
              Resource: topic.arn,
              Condition: { ArnEquals: { "aws:SourceArn": rule.arn } },
            },
          ],
        }),
      });
      topicArn = topic.arn;
    }
    if (props.email) {
      new SnsTopicSubscription(this, "email", { provider, topicArn, protocol: "email", endpoint: props.email });
    }
    new CloudwatchEventTarget(this, "target", { provider, rule: rule.name, arn: topicArn });
    this.topicArn = topicArn;
    this.ruleArn = rule.arn;
  }
}
