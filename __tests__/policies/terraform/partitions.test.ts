import { evaluate, evaluateAccounts, Result } from "../../../policies/evaluate";
import { accountFromSnapshot, breakGlassNames } from "../../../policies/iam";
import { normalize } from "../../../policies/normalize";
import { partitionOfRegion } from "../../../policies/partitions";
import { IamSetup } from "../../fixtures/iam-setups";
import { accountSnapshot, terraformJson } from "../../helpers/iam-setup";
import { breakGlass, config } from "./configs";

// An IAM ARN starts with its partition, which is the partition of the Region
// the provider talks to. A Deny written for `arn:aws:` guards the break-glass
// user only where IAM writes its ARN that way: in the `aws` partition, known
// only when the provider names a Region of it.

const ACCOUNT = "111111111111";
const TAKEOVER = ["iam:UpdateLoginProfile", "iam:CreateLoginProfile", "iam:CreateAccessKey"];
const GUARDED = `arn:aws:iam::${ACCOUNT}:user/EmergencyAccess`;

/** A user who may take any user's credentials, except, by a Deny on `denyArn`, the break-glass user's. */
function ops(denyArn: string) {
  const policy = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: TAKEOVER, Resource: "*" }, { Effect: "Deny", Action: TAKEOVER, Resource: denyArn }] };
  return {
    resource: {
      aws_iam_user: { ops: { name: "ops" } },
      aws_iam_user_policy: { ops: { user: "${aws_iam_user.ops.name}", name: "ops", policy: JSON.stringify(policy) } },
    },
  };
}

function check(provider: unknown, denyArn = GUARDED, extra: Record<string, unknown> = {}): Result {
  return evaluate({ stack: "s", json: config(breakGlass(), ops(denyArn), { provider: { aws: provider } }, extra) });
}

function denies(result: Result) {
  return result.violations.filter((v) => v.severity === "deny" && !v.suppressed).map(({ rule, address, message }) => ({ rule, address, message }));
}

const takeover = {
  rule: "can-become-administrator",
  address: "aws_iam_user.ops",
  message:
    "IAM user ops (aws_iam_user.ops) can make itself administrator: iam:CreateLoginProfile on the break-glass user EmergencyAccess; iam:UpdateLoginProfile on the break-glass user EmergencyAccess; " +
    "iam:CreateAccessKey on the break-glass user EmergencyAccess, allowed by inline policy ops (aws_iam_user_policy.ops): narrow or remove aws_iam_user_policy.ops.",
};

describe("a Deny on an ARN of one partition", () => {
  // The cases that must not pass first: the Deny does not reach the break-glass user.
  it("does not guard the break-glass user of another partition", () => {
    expect(denies(check({ region: "us-gov-west-1", allowed_account_ids: [ACCOUNT] }))).toEqual([takeover]);
    expect(denies(check({ region: "cn-north-1", allowed_account_ids: [ACCOUNT] }))).toEqual([takeover]);
  });

  it("is not trusted where the provider's partition is not known", () => {
    // No Region (it comes from the environment), one from a variable, one that is no Region's name, custom endpoints.
    expect(denies(check({ allowed_account_ids: [ACCOUNT] }))).toEqual([takeover]);
    expect(denies(check({ region: "${var.region}", allowed_account_ids: [ACCOUNT] }, GUARDED, { variable: { region: { type: "string" } } }))).toEqual([takeover]);
    expect(denies(check({ region: "moon-base-1", allowed_account_ids: [ACCOUNT] }))).toEqual([takeover]);
    expect(denies(check({ region: "us-east-1", allowed_account_ids: [ACCOUNT], endpoints: [{ iam: "https://iam.example.com" }] }))).toEqual([takeover]);
    const dynamicEndpoints = { endpoints: { for_each: ["x"], content: { iam: "https://iam.example.com" } } };
    expect(denies(check({ region: "us-east-1", allowed_account_ids: [ACCOUNT], dynamic: dynamicEndpoints }))).toEqual([takeover]);
  });

  it("is not trusted where providers of two partitions reach one account", () => {
    const providers = [
      { region: "us-east-1", allowed_account_ids: [ACCOUNT] },
      { alias: "china", region: "cn-north-1", allowed_account_ids: [ACCOUNT] },
    ];
    const bucket = { resource: { aws_s3_bucket: { b: { provider: "aws.china", bucket: "b" } } } };
    expect(denies(check(providers, GUARDED, bucket))).toEqual([takeover]);
  });

  it("guards the break-glass user where every provider names a Region of that partition", () => {
    expect(denies(check({ region: "us-east-1", allowed_account_ids: [ACCOUNT] }))).toEqual([]);
    expect(denies(check({ region: "eu-west-1", allowed_account_ids: [ACCOUNT] }, `arn:aws:iam::*:user/EmergencyAccess`))).toEqual([]);
    expect(denies(check({ region: "us-gov-east-1", allowed_account_ids: [ACCOUNT] }, `arn:aws-us-gov:iam::${ACCOUNT}:user/EmergencyAccess`))).toEqual([]);
    expect(denies(check({ region: "${var.region}", allowed_account_ids: [ACCOUNT] }, GUARDED, { variable: { region: { default: "us-west-2" } } }))).toEqual([]);
  });

  it("reads aws_partition's partition from its provider's Region, as the provider does without calling AWS", () => {
    const PARTITION_ARN = `arn:\${data.aws_partition.p.partition}:iam::${ACCOUNT}:user/EmergencyAccess`;
    const partitionData = (provider?: string) => ({ data: { aws_partition: { p: provider ? { provider } : {} } } });
    // Not known: no Region; and a data source on a provider of another partition writes that partition into the ARN.
    expect(denies(check({ allowed_account_ids: [ACCOUNT] }, PARTITION_ARN, partitionData()))).toEqual([takeover]);
    const providers = [
      { region: "us-east-1", allowed_account_ids: [ACCOUNT] },
      { alias: "gov", region: "us-gov-west-1", allowed_account_ids: ["222222222222"] },
    ];
    expect(denies(check(providers, PARTITION_ARN, partitionData("aws.gov"))).filter((d) => d.rule === "can-become-administrator")).toEqual([takeover]);
    // Known: the Deny names the break-glass user's ARN exactly.
    expect(denies(check({ region: "us-east-1", allowed_account_ids: [ACCOUNT] }, PARTITION_ARN, partitionData()))).toEqual([]);
    expect(denies(check({ region: "us-gov-west-1", allowed_account_ids: [ACCOUNT] }, PARTITION_ARN, partitionData()))).toEqual([]);
  });

  it("reads the partition of a plan's provider from a constant Region only", () => {
    const plan = (region: object) => ({
      format_version: "1.2",
      planned_values: { root_module: { resources: [{ address: "aws_s3_bucket.b", mode: "managed", type: "aws_s3_bucket", name: "b", values: {} }] } },
      configuration: {
        provider_config: { aws: { name: "aws", expressions: { allowed_account_ids: { constant_value: [ACCOUNT] }, region } } },
        root_module: { resources: [{ address: "aws_s3_bucket.b", provider_config_key: "aws", expressions: {} }] },
      },
    });
    expect([...normalize([{ stack: "p", json: plan({ constant_value: "us-gov-west-1" }) }]).accounts!]).toEqual([[ACCOUNT, { stack: "p", partition: "aws-us-gov" }]]);
    expect([...normalize([{ stack: "p", json: plan({ references: ["var.region"] }) }]).accounts!]).toEqual([[ACCOUNT, { stack: "p", partition: undefined }]]);
  });
});

describe("partitionOfRegion", () => {
  it("names the partition of each Region name the AWS SDKs know, and none for anything else", () => {
    expect(["us-east-1", "eu-central-2", "il-central-1", "mx-central-1", "ap-southeast-7"].map(partitionOfRegion)).toEqual(Array(5).fill("aws"));
    expect(partitionOfRegion("us-gov-west-1")).toBe("aws-us-gov");
    expect(partitionOfRegion("cn-northwest-1")).toBe("aws-cn");
    expect(partitionOfRegion("us-iso-east-1")).toBe("aws-iso");
    expect(partitionOfRegion("us-isob-east-1")).toBe("aws-iso-b");
    expect(partitionOfRegion("eu-isoe-west-1")).toBe("aws-iso-e");
    expect(partitionOfRegion("us-isof-south-1")).toBe("aws-iso-f");
    expect(partitionOfRegion("eusc-de-east-1")).toBe("aws-eusc");
    for (const name of ["", "us-east", "US-EAST-1", "us-east-1 ", "moon-base-1", "${var.region}", "aws-global", "us-gov-west"]) expect(partitionOfRegion(name)).toBeUndefined();
    expect(partitionOfRegion(undefined)).toBeUndefined();
    expect(partitionOfRegion(["us-east-1"])).toBeUndefined();
  });
});

describe("the live account's partition", () => {
  // The audit reads ARNs IAM wrote: their partition is a fact, and the live
  // verdict must be no stricter than Terraform's, which knows it from the Region.
  const setup: IamSetup = {
    name: "deny on the partition's users",
    users: [
      { name: "EmergencyAccess", groups: ["EmergencyAccessGroup"], loginProfile: true },
      {
        name: "Mallory",
        inline: {
          create: {
            Version: "2012-10-17",
            Statement: [
              // A user it would create, give power and take the keys of: blocked only by the Deny.
              { Effect: "Allow", Action: ["iam:CreateUser", "iam:PutUserPolicy", "iam:CreateAccessKey"], Resource: "arn:aws:iam::123456789012:user/new-*" },
              { Effect: "Deny", Action: "iam:CreateUser", Resource: "arn:aws:iam::123456789012:user/*" },
            ],
          } as never,
        },
      },
    ],
    groups: [{ name: "EmergencyAccessGroup", attached: ["arn:aws:iam::aws:policy/AdministratorAccess"] }],
    denies: [],
  };
  const live = () =>
    accountFromSnapshot(accountSnapshot(setup), new Map([["EmergencyAccess", { loginProfile: { passwordResetRequired: false }, accessKeyIds: [] }]]), breakGlassNames());

  it("is the partition its ARNs start with", () => {
    expect(live().partition).toBe("aws");
  });

  it("gives the live account and Terraform the same verdict on a Deny written for that partition", () => {
    const rules = (result: Result) => result.violations.map((v) => `${v.severity} ${v.rule}`).sort();
    const fromTerraform = rules(evaluate({ stack: "main", json: terraformJson(setup) }));
    expect(rules(evaluateAccounts({ resources: [], outputs: [], unreadable: [] }, [live()]))).toEqual(fromTerraform);
    expect(fromTerraform.filter((f) => f.includes("can-become-administrator"))).toEqual([]);
  });
});
