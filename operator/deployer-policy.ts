import { asArray, asObject, asString, isLiteral, isObject, JsonObject, normalize, referenceOf, Resource } from "../policies";
import { alertNames } from "../modules/alerts/names";

// The least-privilege IAM policy a CI role needs to deploy, update and destroy
// one break-glass stack: compare "Minimum permissions" in AWS's procedure.

/**
 * A deployer action, and the update paths that ask for it: the steps of the
 * minimality test (__tests__/helpers/deployer-scenario.ts), which proves that
 * each is asked for there and that nothing else is.
 */
export interface DeployerAction {
  readonly action: string;
  readonly needed: readonly string[];
  /** Why AWS asks for it though moto, which the minimality test runs against, does not check it. */
  readonly awsOnly?: string;
}

const EVERY_STEP = ["apply", "plan", "retag", "untag", "rename", "requireMfa on", "requireMfa off", "alerts on", "alerts off", "rotation", "drift repair", "destroy"];

export const USER_ACTIONS: DeployerAction[] = [
  { action: "iam:CreateUser", needed: ["apply"] },
  { action: "iam:GetUser", needed: EVERY_STEP },
  // AWS also needs it for CreateUser with tags (IAM User Guide, "Permissions required to tag IAM entities").
  { action: "iam:TagUser", needed: ["retag"] },
  { action: "iam:UntagUser", needed: ["untag"] },
  { action: "iam:UpdateUser", needed: ["rename"] },
  { action: "iam:DeleteUser", needed: ["destroy"] },
  { action: "iam:ListGroupsForUser", needed: ["destroy"] },
  { action: "iam:CreateLoginProfile", needed: ["apply", "rename", "rotation"] },
  { action: "iam:GetLoginProfile", needed: EVERY_STEP },
  { action: "iam:DeleteLoginProfile", needed: ["rename", "rotation", "destroy"] },
  // The user's exclusive policy resources: read on every plan, repair drift.
  { action: "iam:ListUserPolicies", needed: EVERY_STEP },
  { action: "iam:ListAttachedUserPolicies", needed: EVERY_STEP },
  { action: "iam:DeleteUserPolicy", needed: ["drift repair"] },
  { action: "iam:DetachUserPolicy", needed: ["drift repair"] },
];

export const GROUP_ACTIONS: DeployerAction[] = [
  { action: "iam:CreateGroup", needed: ["apply"] },
  { action: "iam:GetGroup", needed: EVERY_STEP },
  { action: "iam:UpdateGroup", needed: ["rename"] },
  { action: "iam:DeleteGroup", needed: ["destroy"] },
  { action: "iam:AddUserToGroup", needed: ["apply", "rename"] },
  { action: "iam:RemoveUserFromGroup", needed: ["rename", "drift repair", "destroy"] },
  { action: "iam:ListAttachedGroupPolicies", needed: EVERY_STEP },
  { action: "iam:ListGroupPolicies", needed: EVERY_STEP },
  // Detaching only takes rights away; drift repair detaches whatever was attached out of band.
  { action: "iam:DetachGroupPolicy", needed: ["drift repair", "destroy"] },
  // requireMfa's inline policy: granted whether or not the stack has it now, so it can be turned on and off.
  { action: "iam:PutGroupPolicy", needed: ["requireMfa on"] },
  { action: "iam:GetGroupPolicy", needed: ["requireMfa on", "requireMfa off"] },
  { action: "iam:DeleteGroupPolicy", needed: ["requireMfa off", "drift repair"] },
];

/** Only AdministratorAccess may be attached, by condition. */
export const ATTACH_ACTIONS: DeployerAction[] = [{ action: "iam:AttachGroupPolicy", needed: ["apply", "rename"] }];

// The alerts: granted whether or not the stack has them now, so they can be turned on and off.
export const ALERT_RULE_ACTIONS: DeployerAction[] = [
  { action: "events:PutRule", needed: ["alerts on"] },
  { action: "events:DescribeRule", needed: ["alerts on", "alerts off"] },
  { action: "events:DeleteRule", needed: ["alerts off"] },
  { action: "events:PutTargets", needed: ["alerts on"] },
  { action: "events:RemoveTargets", needed: ["alerts off"] },
  { action: "events:ListTargetsByRule", needed: ["alerts on", "alerts off"] },
  { action: "events:ListTagsForResource", needed: ["alerts on", "alerts off"] },
];
export const ALERT_TOPIC_ACTIONS: DeployerAction[] = [
  { action: "sns:CreateTopic", needed: ["alerts on"] },
  { action: "sns:GetTopicAttributes", needed: ["alerts on", "alerts off"] },
  { action: "sns:SetTopicAttributes", needed: ["alerts on", "alerts off"] },
  { action: "sns:DeleteTopic", needed: ["alerts off"] },
  { action: "sns:ListTagsForResource", needed: ["alerts on", "alerts off"] },
  { action: "sns:Subscribe", needed: ["alerts on"] },
  { action: "sns:Unsubscribe", needed: ["alerts off"] },
  { action: "sns:GetSubscriptionAttributes", needed: ["alerts on", "alerts off"] },
];

/** The role that forwards alert events from other Regions to the home Region: EventBridge assumes it, so the deployer passes it. */
export const ALERT_ROLE_ACTIONS: DeployerAction[] = [
  { action: "iam:CreateRole", needed: ["alerts on"] },
  { action: "iam:GetRole", needed: ["alerts on", "alerts off"] },
  { action: "iam:DeleteRole", needed: ["alerts off"] },
  { action: "iam:PutRolePolicy", needed: ["alerts on"] },
  { action: "iam:GetRolePolicy", needed: ["alerts on", "alerts off"] },
  { action: "iam:DeleteRolePolicy", needed: ["alerts off"] },
  { action: "iam:ListRolePolicies", needed: ["alerts on", "alerts off"] },
  { action: "iam:ListAttachedRolePolicies", needed: ["alerts on", "alerts off"] },
  { action: "iam:ListInstanceProfilesForRole", needed: ["alerts off"] },
  {
    action: "iam:PassRole",
    needed: ["alerts on"],
    awsOnly: "PutTargets with a role ARN needs iam:PassRole on that role (EventBridge User Guide, \"Permissions for targets\"; IAM User Guide, \"Granting a user permissions to pass a role to an AWS service\")",
  },
];

/** Every action of the deployer policy. */
export const DEPLOYER_ACTIONS: DeployerAction[] = [...USER_ACTIONS, ...GROUP_ACTIONS, ...ATTACH_ACTIONS, ...ALERT_RULE_ACTIONS, ...ALERT_TOPIC_ACTIONS, ...ALERT_ROLE_ACTIONS];

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
  alertRuleArns: string[];
  alertTopicArn: string;
  alertRoleArn: string;
}

const names = (actions: DeployerAction[]) => actions.map((a) => a.action);

/**
 * The deployer policy for a synthesized break-glass stack (its cdk.tf.json).
 * It covers every update of the stack, options turned on and off included, so
 * it does not change with requireMfa or alerts. A rename needs the old and the
 * new names at once: deploy it with the policies of both.
 */
export function deployerPolicy(stackJson: unknown): PolicyDocument {
  const t = targetsOf(asObject(stackJson));
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "ManageBreakGlassUser", Effect: "Allow", Action: names(USER_ACTIONS), Resource: t.userArn },
      { Sid: "ManageBreakGlassGroup", Effect: "Allow", Action: names(GROUP_ACTIONS), Resource: t.groupArn },
      {
        Sid: "AttachOnlyAdministratorAccess",
        Effect: "Allow",
        Action: names(ATTACH_ACTIONS),
        Resource: t.groupArn,
        Condition: { ArnEquals: { "iam:PolicyARN": `arn:${t.partition}:iam::aws:policy/AdministratorAccess` } },
      },
      { Sid: "ManageSignInAlertRule", Effect: "Allow", Action: names(ALERT_RULE_ACTIONS), Resource: t.alertRuleArns },
      { Sid: "ManageSignInAlertTopic", Effect: "Allow", Action: names(ALERT_TOPIC_ACTIONS), Resource: t.alertTopicArn },
      { Sid: "ManageAlertForwardingRole", Effect: "Allow", Action: names(ALERT_ROLE_ACTIONS), Resource: t.alertRoleArn },
    ],
  };
}

/**
 * The stack's user and group as the policy checks read them (variables,
 * locals and references evaluated), in the account its provider is pinned to.
 */
function targetsOf(tf: JsonObject): StackTargets {
  const model = normalize([{ stack: "stack", json: tf }], { resourcesOf: (type) => type === "aws_iam_user" || type === "aws_iam_group" });
  const only = (type: string): Resource | undefined => {
    const found = model.resources.filter((r) => r.mode === "managed" && r.type === type);
    return found.length === 1 ? found[0] : undefined;
  };
  const user = only("aws_iam_user");
  const group = only("aws_iam_group");
  if (!user || !group) throw new Error("the stack has not exactly one aws_iam_user and one aws_iam_group: is it a break-glass stack?");
  const partition = partitionOf(tf, user.provider);
  const account = /^\d{12}$/.test(user.account) ? user.account : "*";
  const arn = (kind: string, r: Resource) => `arn:${partition}:iam::${account}:${kind}${pathOf(r.values.path)}${nameOf(r.values.name)}`;

  // The alerts' rules, topic and forwarding role are named for the group
  // (modules/alerts/names.ts); rules in any Region, so the policy holds
  // wherever the alerts are put and whether or not they are on now.
  const alerts = alertNames(nameOf(group.values.name));
  return {
    partition,
    account,
    userArn: arn("user", user),
    groupArn: arn("group", group),
    alertRuleArns: [alerts.signIn, alerts.activity, alerts.tamper, alerts.forward].map((rule) => `arn:${partition}:events:*:${account}:rule/${rule}`),
    alertTopicArn: `arn:${partition}:sns:*:${account}:${alerts.topic}`,
    alertRoleArn: `arn:${partition}:iam::${account}:role/${alerts.forwardRole}`,
  };
}

/** The partition of the Region the resource's provider configuration (`aws`, `aws.<alias>`) names. */
function partitionOf(tf: JsonObject, providerKey: string): string {
  const alias = providerKey.split(".")[1];
  const provider = asArray(asObject(tf.provider).aws).filter(isObject).find((p) => p.alias === alias) ?? {};
  const region = asString(provider.region) ?? "us-east-1";
  return region.startsWith("us-gov-") ? "aws-us-gov" : region.startsWith("cn-") ? "aws-cn" : "aws";
}

/** A path as IAM will see it: "/" by default; one known only after apply may be any, which `/*` matches. */
function pathOf(value: unknown): string {
  if (value === undefined || value === null) return "/";
  return isLiteral(value) ? value : "/*";
}

/** A name as IAM will see it; a part known only after apply (the random suffix) becomes `*`. */
function nameOf(value: unknown): string {
  if (isLiteral(value)) return value;
  if (typeof value !== "string") return "*";
  return referenceOf(value) ? "*" : value.replace(/\$\{[^}]*\}/g, "*");
}
