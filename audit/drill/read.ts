import { CloudTrailClient, DescribeTrailsCommand, GetEventSelectorsCommand, GetTrailStatusCommand, Trail } from "@aws-sdk/client-cloudtrail";
import { DescribeRuleCommand, EventBridgeClient, ListTargetsByRuleCommand } from "@aws-sdk/client-eventbridge";
import { GetGroupPolicyCommand, GetLoginProfileCommand, GetUserCommand, IAMClient, ListGroupPoliciesCommand, ListMFADevicesCommand } from "@aws-sdk/client-iam";
import { ListSubscriptionsByTopicCommand, SNSClient } from "@aws-sdk/client-sns";
import "../aws-sdk";
import { alertNames } from "../../modules/alerts/names";
import { homeRegionOf, partitionOf } from "../../modules/alerts/regions";
import { readPasswordPolicy } from "../password-policy-gate";
import { DrillSnapshot, RuleState, SubscriptionState, TrailState } from "./snapshot";

/** How to reach the account; the AWS SDK's default credential chain (and AWS_ENDPOINT_URL) does the rest. */
export interface DrillTarget {
  readonly userName: string;
  readonly groupName: string;
  /** The Regions the alerts watch. */
  readonly regions: readonly string[];
  /** The alert topic, when it is not the one the home Region's rules target. */
  readonly topicArn?: string;
  readonly profile?: string;
  readonly now?: Date;
}

const notFound = (names: string[]) => (error: unknown) => {
  if (names.includes((error as Error).name)) return undefined;
  throw error;
};
const NO_IAM_ENTITY = ["NoSuchEntityException", "NoSuchEntity"];

/** Reads what the emergency path depends on. Throws when the account cannot be read (credentials, network, access denied). */
export async function readDrillSnapshot(target: DrillTarget): Promise<DrillSnapshot> {
  const partition = partitionOf(target.regions[0]);
  const homeRegion = homeRegionOf(target.topicArn, partition);
  const client = <T>(make: new (config: object) => T, region: string): T => new make({ region, profile: target.profile });
  const iam = client(IAMClient, homeRegion);

  const [user, loginProfile, mfa, passwordPolicy, groupRequiresMfa] = await Promise.all([
    iam.send(new GetUserCommand({ UserName: target.userName })).then((r) => r.User, notFound(NO_IAM_ENTITY)),
    iam.send(new GetLoginProfileCommand({ UserName: target.userName })).then((r) => r.LoginProfile, notFound(NO_IAM_ENTITY)),
    iam.send(new ListMFADevicesCommand({ UserName: target.userName })).then((r) => r.MFADevices ?? [], notFound(NO_IAM_ENTITY)),
    readPasswordPolicy(iam),
    requiresMfa(iam, target.groupName),
  ]);
  const account = user?.Arn?.split(":")[4] ?? "unknown-account";

  const names = alertNames(target.groupName);
  const homeBus = `arn:${partition}:events:${homeRegion}:${account}:event-bus/default`;
  const rules = await Promise.all(
    target.regions.flatMap((region) => {
      const events = client(EventBridgeClient, region);
      const wanted = region === homeRegion ? [names.signIn, names.activity, names.tamper] : [names.forward];
      return wanted.map((name) => readRule(events, region, name, region === homeRegion ? target.topicArn : homeBus));
    }),
  );
  // The topic: as given, else what the home Region's sign-in rule publishes to.
  const topicArn = target.topicArn ?? rules.find((r) => r.region === homeRegion && r.name === names.signIn)?.targets.find((t) => t.includes(":sns:"));
  const homeRules = rules.map((r) => (r.expectedTarget === "" ? { ...r, expectedTarget: topicArn ?? "an SNS topic" } : r));
  const subscriptions = topicArn ? await readSubscriptions(client(SNSClient, topicArn.split(":")[3]), topicArn) : undefined;
  const trails = await readTrails((region) => client(CloudTrailClient, region), homeRegion);

  return {
    account,
    now: target.now ?? new Date(),
    userName: target.userName,
    groupName: target.groupName,
    user: user ? { passwordLastUsed: user.PasswordLastUsed } : undefined,
    loginProfile: loginProfile ? { createDate: loginProfile.CreateDate ?? new Date(0), passwordResetRequired: loginProfile.PasswordResetRequired === true } : undefined,
    mfaDevices: (mfa ?? []).length,
    groupRequiresMfa,
    passwordPolicy,
    homeRegion,
    rules: homeRules,
    topicArn,
    subscriptions,
    trails,
  };
}

async function readRule(events: EventBridgeClient, region: string, name: string, expectedTarget: string | undefined): Promise<RuleState> {
  const rule = await events.send(new DescribeRuleCommand({ Name: name })).catch(notFound(["ResourceNotFoundException"]));
  if (!rule) return { region, name, found: false, targets: [], expectedTarget: expectedTarget ?? "" };
  const targets = await events.send(new ListTargetsByRuleCommand({ Rule: name }));
  return { region, name, found: true, state: rule.State, targets: (targets.Targets ?? []).map((t) => t.Arn ?? ""), expectedTarget: expectedTarget ?? "" };
}

/** Whether the group's inline policies deny unless signed in with MFA, as the requireMfa policy does. */
async function requiresMfa(iam: IAMClient, groupName: string): Promise<boolean> {
  const names = await iam.send(new ListGroupPoliciesCommand({ GroupName: groupName })).then((r) => r.PolicyNames ?? [], notFound(NO_IAM_ENTITY));
  for (const name of names ?? []) {
    const policy = await iam.send(new GetGroupPolicyCommand({ GroupName: groupName, PolicyName: name }));
    const document = decodeURIComponent(policy.PolicyDocument ?? "");
    if (/"Effect"\s*:\s*"Deny"/.test(document) && document.includes("aws:MultiFactorAuthPresent")) return true;
  }
  return false;
}

async function readSubscriptions(sns: SNSClient, topicArn: string): Promise<SubscriptionState[] | undefined> {
  const all: SubscriptionState[] = [];
  let token: string | undefined;
  do {
    const page = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn, NextToken: token })).catch(notFound(["NotFoundException", "NotFound"]));
    if (!page) return undefined;
    for (const s of page.Subscriptions ?? []) {
      all.push({ protocol: s.Protocol ?? "", endpoint: s.Endpoint ?? "", confirmed: !!s.SubscriptionArn && s.SubscriptionArn.startsWith("arn:") });
    }
    token = page.NextToken;
  } while (token);
  return all;
}

async function readTrails(cloudTrail: (region: string) => CloudTrailClient, homeRegion: string): Promise<TrailState[]> {
  const trails = (await cloudTrail(homeRegion).send(new DescribeTrailsCommand({ includeShadowTrails: true }))).trailList ?? [];
  return Promise.all(trails.map((t) => readTrail(cloudTrail(t.HomeRegion ?? homeRegion), t)));
}

async function readTrail(client: CloudTrailClient, trail: Trail): Promise<TrailState> {
  const id = trail.TrailARN ?? trail.Name ?? "";
  const status = await client.send(new GetTrailStatusCommand({ Name: id }));
  const selectors = await client.send(new GetEventSelectorsCommand({ TrailName: id })).catch(() => undefined);
  let managementEvents: boolean | undefined;
  if (selectors?.AdvancedEventSelectors?.length) {
    managementEvents = selectors.AdvancedEventSelectors.some((s) => s.FieldSelectors?.some((f) => f.Field === "eventCategory" && f.Equals?.includes("Management")));
  } else if (selectors?.EventSelectors?.length) {
    managementEvents = selectors.EventSelectors.some((s) => s.IncludeManagementEvents !== false);
  }
  return { name: trail.Name ?? id, homeRegion: trail.HomeRegion ?? "", multiRegion: trail.IsMultiRegionTrail === true, logging: status.IsLogging === true, managementEvents };
}
