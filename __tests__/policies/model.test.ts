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

  /** A plan of one resource whose planned `values`, `after_unknown` and configuration `expressions` are given. */
  const planOf = (type: string, values: object, afterUnknown: object, expressions: object) => ({
    format_version: "1.2",
    planned_values: { root_module: { resources: [{ address: `${type}.r`, mode: "managed", type, name: "r", values }] } },
    resource_changes: [{ address: `${type}.r`, change: { after_unknown: afterUnknown } }],
    configuration: { root_module: { resources: [{ address: `${type}.r`, provider_config_key: "aws", expressions }] } },
  });

  it("keeps the known elements of a list whose other elements only apply knows", () => {
    const plan = planOf("aws_iam_group_membership", { name: "m", group: "G", users: [null, "Bob"] }, { users: [true, false] }, {
      users: { references: ["aws_iam_user.bg.name", "aws_iam_user.bg"] },
    });
    expect(normalize([{ stack: "s", json: plan }]).resources[0].values.users).toEqual(["Bob", "${aws_iam_user.bg.name}"]);
  });

  it("keeps, as an expression the checks cannot read, a list element that may come from a local or a variable", () => {
    const plan = planOf("aws_iam_group_membership", { name: "m", group: "G", users: [null, null] }, { users: [true, true] }, {
      users: { references: ["local.extra", "aws_iam_user.bg.name", "aws_iam_user.bg"] },
    });
    expect(normalize([{ stack: "s", json: plan }]).resources[0].values.users).toEqual(["${local.extra}", "${aws_iam_user.bg.name}"]);
    // Not even known to be a list: one expression the checks cannot read.
    const whole = planOf("aws_iam_group_membership", { name: "m", group: "G" }, { users: true }, {
      users: { references: ["aws_iam_user.a.name", "aws_iam_user.a", "aws_iam_user.b.name", "aws_iam_user.b"] },
    });
    expect(normalize([{ stack: "s", json: whole }]).resources[0].values.users).toBe("${aws_iam_user.a.name, aws_iam_user.b.name}");
  });

  it("does not take an unknown value built from several references for any one of them", () => {
    const plan = planOf("aws_iam_user_login_profile", { password_reset_required: false }, { user: true }, {
      user: { references: ["var.prefix", "aws_iam_user.bg.name", "aws_iam_user.bg"] },
    });
    expect(normalize([{ stack: "s", json: plan }]).resources[0].values.user).toBe("${var.prefix, aws_iam_user.bg.name}");
  });
});
