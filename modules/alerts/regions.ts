// Where the alert rules go. Kept free of cdktf imports, so the drill can read
// the same lists without loading the construct library.

/**
 * The Regions enabled by default in each partition: in the `aws` partition,
 * those launched before March 20, 2019, which an account cannot disable
 * (AWS Account Management Reference Guide, "Enable or disable AWS Regions in
 * your account", https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-regions.html).
 * Opt-in Regions (af-south-1, ap-east-1, me-south-1, ...) are left out: a rule
 * cannot be created in a Region the account has not enabled. Name them in
 * `alerts.regions` where they are enabled.
 */
export const DEFAULT_REGIONS: Readonly<Record<string, readonly string[]>> = {
  aws: [
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
    "ca-central-1",
    "sa-east-1",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "eu-central-1",
    "eu-north-1",
    "ap-south-1",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-southeast-1",
    "ap-southeast-2",
  ],
  // GovCloud and China accounts have only their partition's two Regions.
  "aws-us-gov": ["us-gov-west-1", "us-gov-east-1"],
  "aws-cn": ["cn-north-1", "cn-northwest-1"],
};

/**
 * The Region where IAM's CloudTrail events reach EventBridge: IAM is global
 * and its endpoint lives in this Region of each partition, so tamper events
 * (CreateAccessKey, AddUserToGroup, ...) arrive only here.
 */
export const IAM_EVENTS_REGION: Readonly<Record<string, string>> = {
  aws: "us-east-1",
  "aws-us-gov": "us-gov-west-1",
  "aws-cn": "cn-north-1",
};

/** The partition a Region belongs to, from its name. */
export function partitionOf(region: string): string {
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  if (region.startsWith("cn-")) return "aws-cn";
  return "aws";
}

/** The Region of an SNS topic ARN, `arn:<partition>:sns:<region>:<account>:<name>`. */
export function regionOfTopic(topicArn: string): string {
  return topicArn.split(":")[3];
}

/** The home Region: the topic's, when an existing topic is given, else where IAM's events arrive. */
export function homeRegionOf(topicArn: string | undefined, partition: string): string {
  return topicArn ? regionOfTopic(topicArn) : IAM_EVENTS_REGION[partition] ?? IAM_EVENTS_REGION.aws;
}

/** The Regions to watch: those named, else the defaults of the partition the stack's Region is in. */
export function alertRegions(named: readonly string[] | undefined, stackRegion: string): readonly string[] {
  return named ?? DEFAULT_REGIONS[partitionOf(stackRegion)];
}
