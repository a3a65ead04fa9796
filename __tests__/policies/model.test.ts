import { accountOf } from "../../policies/accounts";
import { DEFAULT_ACCOUNT } from "../../policies/model";
import { kindOf, normalize } from "../../policies/normalize";
import { parseReference, referenceOf, referencesIn } from "../../policies/references";

describe("accountOf", () => {
  it("takes the account from allowed_account_ids, else the assumed role, else the default credentials", () => {
    expect(accountOf({ allowedAccountIds: ["111111111111"], roleArns: ["arn:aws:iam::222222222222:role/r"] })).toBe("111111111111");
    expect(accountOf({ allowedAccountIds: [], roleArns: ["arn:aws-us-gov:iam::222222222222:role/path/r"] })).toBe("222222222222");
    expect(accountOf({ allowedAccountIds: [], roleArns: [] })).toBe(DEFAULT_ACCOUNT);
    expect(accountOf({ allowedAccountIds: ["2", "1"], roleArns: [] })).toBe("1 or 2");
  });
});

describe("references", () => {
  it("parses resource and data source references", () => {
    expect(parseReference("aws_iam_group.g.name")).toEqual({ address: "aws_iam_group.g", attribute: "name" });
    expect(parseReference("data.aws_iam_policy.p.arn")).toEqual({ address: "data.aws_iam_policy.p", attribute: "arn" });
    expect(parseReference("var.x")).toBeUndefined();
    expect(referenceOf("${aws_iam_user.u.name}")).toEqual({ address: "aws_iam_user.u", attribute: "name" });
    expect(referenceOf("prefix-${aws_iam_user.u.name}")).toBeUndefined();
  });

  it("finds every reference inside expressions and nested values", () => {
    const refs = referencesIn({ a: ["x-${aws_iam_user_login_profile.p.password}", { b: "${lookup({a = 1}, data.aws_partition.p.partition)}" }] });
    expect(refs.map((r) => `${r.address}.${r.attribute}`)).toEqual([
      "aws_iam_user_login_profile.p.password",
      "data.aws_partition.p.partition",
    ]);
  });
});

describe("normalize", () => {
  it("tells synthesized JSON from plan JSON and from anything else", () => {
    expect(kindOf({ resource: {} })).toBe("config");
    expect(kindOf({ format_version: "1.2", planned_values: {} })).toBe("plan");
    expect(kindOf({})).toBeUndefined();
    expect(kindOf({ name: "x" })).toBeUndefined();
    expect(kindOf([])).toBeUndefined();
  });

  it("puts back, as references, the plan values not known before apply", () => {
    const plan = {
      format_version: "1.2",
      planned_values: { root_module: { resources: [{ address: "aws_iam_group_membership.m", mode: "managed", type: "aws_iam_group_membership", name: "m", values: { name: "m", group: "G" } }] } },
      resource_changes: [{ address: "aws_iam_group_membership.m", change: { after_unknown: { users: [true] } } }],
      configuration: {
        provider_config: { aws: { name: "aws", expressions: { allowed_account_ids: { constant_value: ["111111111111"] } } } },
        root_module: {
          resources: [
            {
              address: "aws_iam_group_membership.m",
              provider_config_key: "aws",
              expressions: { users: { references: ["aws_iam_user.u.name", "aws_iam_user.u"] }, group: { constant_value: "G" } },
            },
          ],
        },
      },
    };
    const [membership] = normalize([{ stack: "s", json: plan }]).resources;
    expect(membership).toMatchObject({ account: "111111111111", values: { group: "G", users: ["${aws_iam_user.u.name}"] } });
  });
});
