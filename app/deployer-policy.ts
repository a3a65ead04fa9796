import { asArray, asObject, asString, isObject, JsonObject } from "../policies/json";
import { referenceOf, isLiteral } from "../policies/references";

// The least-privilege IAM policy a CI role needs to deploy, update and destroy
// one break-glass stack: compare "Minimum permissions" in AWS's procedure.

/** A deployer action, and which step of deploy, re-plan and destroy needs it. */
export interface DeployerAction {
  readonly action: string;
  readonly needed: string;
  /**
   * Set where AWS needs the action but moto (which the minimality test runs
   * against) does not check it, with AWS's reason.
   */
  readonly awsOnly?: string;
}

export const USER_ACTIONS: DeployerAction[] = [
  { action: "iam:CreateUser", needed: "apply" },
  { action: "iam:GetUser", needed: "apply, plan (refresh)" },
  { action: "iam:TagUser", needed: "apply", awsOnly: "CreateUser with Tags needs iam:TagUser too (IAM User Guide, 'Permissions required to tag IAM entities')" },
  { action: "iam:DeleteUser", needed: "destroy" },
  { action: "iam:ListGroupsForUser", needed: "destroy (the provider checks memberships before DeleteUser)" },
  { action: "iam:CreateLoginProfile", needed: "apply" },
  { action: "iam:GetLoginProfile", needed: "apply, plan (refresh)" },
  { action: "iam:DeleteLoginProfile", needed: "destroy, password rotation" },
];

export const GROUP_ACTIONS: DeployerAction[] = [
  { action: "iam:CreateGroup", needed: "apply" },
  { action: "iam:GetGroup", needed: "apply, plan (refresh of the group and its members)" },
  { action: "iam:DeleteGroup", needed: "destroy" },
  { action: "iam:AddUserToGroup", needed: "apply" },
  { action: "iam:RemoveUserFromGroup", needed: "destroy, drift repair" },
  { action: "iam:ListAttachedGroupPolicies", needed: "apply, plan (refresh of the attachment)" },
];

/** Only AdministratorAccess may be attached or detached, by condition. */
export const ATTACH_ACTIONS: DeployerAction[] = [
  { action: "iam:AttachGroupPolicy", needed: "apply" },
  { action: "iam:DetachGroupPolicy", needed: "destroy" },
];

export const MFA_POLICY_ACTIONS: DeployerAction[] = [
  { action: "iam:PutGroupPolicy", needed: "apply (requireMfa)" },
  { action: "iam:GetGroupPolicy", needed: "apply, plan (requireMfa)" },
  { action: "iam:DeleteGroupPolicy", needed: "destroy (requireMfa)" },
];

export const ALERT_RULE_ACTIONS = ["events:PutRule", "events:DescribeRule", "events:DeleteRule", "events:PutTargets", "events:RemoveTargets", "events:ListTargetsByRule", "events:ListTagsForResource"];
/** The role that forwards alert events from other Regions to the home Region: EventBridge assumes it, so the deployer passes it. */
export const ALERT_ROLE_ACTIONS = ["iam:CreateRole", "iam:GetRole", "iam:DeleteRole", "iam:UpdateAssumeRolePolicy", "iam:PutRolePolicy", "iam:GetRolePolicy", "iam:DeleteRolePolicy", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies", "iam:ListInstanceProfilesForRole", "iam:PassRole"];
export const ALERT_TOPIC_ACTIONS = ["sns:CreateTopic", "sns:GetTopicAttributes", "sns:SetTopicAttributes", "sns:DeleteTopic", "sns:ListTagsForResource", "sns:Subscribe", "sns:Unsubscribe", "sns:GetSubscriptionAttributes"];

export interface PolicyStatement {
  Sid: string;
  Effect: "Allow";
  Action: string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string>>;
}

export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

/** The names and ARNs one synthesized break-glass stack manages. */
interface StackTargets {
  partition: string;
  account: string;
  userArn: string;
  groupArn: string;
  requireMfa: boolean;
  alerts?: { ruleArns: string[]; topicArn?: string; roleArn?: string };
}

/** The deployer policy for a synthesized break-glass stack (its cdk.tf.json). */
export function deployerPolicy(stackJson: unknown): PolicyDocument {
  const t = targetsOf(asObject(stackJson));
  const statements: PolicyStatement[] = [
    { Sid: "ManageBreakGlassUser", Effect: "Allow", Action: USER_ACTIONS.map((a) => a.action), Resource: t.userArn },
    { Sid: "ManageBreakGlassGroup", Effect: "Allow", Action: GROUP_ACTIONS.map((a) => a.action), Resource: t.groupArn },
    {
      Sid: "AttachOnlyAdministratorAccess",
      Effect: "Allow",
      Action: ATTACH_ACTIONS.map((a) => a.action),
      Resource: t.groupArn,
      Condition: { ArnEquals: { "iam:PolicyARN": `arn:${t.partition}:iam::aws:policy/AdministratorAccess` } },
    },
  ];
  if (t.requireMfa) {
    statements.push({ Sid: "ManageRequireMfaPolicy", Effect: "Allow", Action: MFA_POLICY_ACTIONS.map((a) => a.action), Resource: t.groupArn });
  }
  if (t.alerts) {
    statements.push({ Sid: "ManageSignInAlertRule", Effect: "Allow", Action: ALERT_RULE_ACTIONS, Resource: t.alerts.ruleArns });
    if (t.alerts.roleArn) statements.push({ Sid: "ManageAlertForwardingRole", Effect: "Allow", Action: ALERT_ROLE_ACTIONS, Resource: t.alerts.roleArn });
    if (t.alerts.topicArn) statements.push({ Sid: "ManageSignInAlertTopic", Effect: "Allow", Action: ALERT_TOPIC_ACTIONS, Resource: t.alerts.topicArn });
  }
  return { Version: "2012-10-17", Statement: statements };
}

function only(section: unknown): JsonObject | undefined {
  const values = Object.values(asObject(section)).filter(isObject);
  return values.length === 1 ? values[0] : undefined;
}

function targetsOf(tf: JsonObject): StackTargets {
  const resources = asObject(tf.resource);
  const user = only(resources.aws_iam_user);
  const group = only(resources.aws_iam_group);
  if (!user || !group) throw new Error("the stack has not exactly one aws_iam_user and one aws_iam_group: is it a break-glass stack?");
  const provider = asArray(asObject(tf.provider).aws).filter(isObject).find((p) => p.alias === undefined) ?? {};
  const region = asString(provider.region) ?? "us-east-1";
  const partition = region.startsWith("us-gov-") ? "aws-us-gov" : region.startsWith("cn-") ? "aws-cn" : "aws";
  const ids = asArray(provider.allowed_account_ids);
  const account = ids.length === 1 && typeof ids[0] === "string" ? ids[0] : "*";
  const arn = (kind: string, values: JsonObject) => `arn:${partition}:iam::${account}:${kind}${asString(values.path) ?? "/"}${nameOf(values.name)}`;

  // Alert rules and the topic live in the Regions of their providers (one alias per Region).
  const regionOf = new Map(asArray(asObject(tf.provider).aws).filter(isObject).map((p) => [p.alias === undefined ? "aws" : `aws.${String(p.alias)}`, asString(p.region) ?? region]));
  const regionOfResource = (r: JsonObject) => regionOf.get(asString(r.provider) ?? "aws") ?? region;
  const rules = Object.values(asObject(resources.aws_cloudwatch_event_rule)).filter(isObject);
  const topic = only(resources.aws_sns_topic);
  const role = only(resources.aws_iam_role);
  return {
    partition,
    account,
    userArn: arn("user", user),
    groupArn: arn("group", group),
    requireMfa: only(resources.aws_iam_group_policy) !== undefined,
    alerts:
      rules.length > 0
        ? {
            ruleArns: [...new Set(rules.map((r) => `arn:${partition}:events:${regionOfResource(r)}:${account}:rule/${nameOf(r.name)}`))],
            topicArn: topic ? `arn:${partition}:sns:${regionOfResource(topic)}:${account}:${nameOf(topic.name)}` : undefined,
            roleArn: role ? arn("role", role) : undefined,
          }
        : undefined,
  };
}

/** A name as IAM will see it; a part known only after apply (the random suffix) becomes `*`. */
function nameOf(value: unknown): string {
  if (isLiteral(value)) return value;
  if (typeof value !== "string") return "*";
  return referenceOf(value) ? "*" : value.replace(/\$\{[^}]*\}/g, "*");
}
