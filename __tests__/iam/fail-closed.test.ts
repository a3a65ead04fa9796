import { evaluate, evaluateAccounts } from "../../policies/evaluate";
import { accountFromSnapshot, breakGlassNames } from "../../policies/iam";
import { IAM_SETUPS } from "../fixtures/iam-setups";
import { accountSnapshot, terraformJson } from "../helpers/iam-setup";

// Where a value that decides who is administrator cannot be read, the checks
// fail closed: an `unresolved` deny naming the stack, the address, the
// attribute and the expression. Each case adds one such value to AWS's procedure.

const procedure = () => terraformJson(IAM_SETUPS[0]) as { resource: Record<string, Record<string, object>>; data?: Record<string, Record<string, object>> };
const mallory = { aws_iam_user: { mallory: { name: "Mallory" } } };

function withResources(extra: Record<string, Record<string, object>>, data?: Record<string, Record<string, object>>) {
  const json = procedure();
  for (const [type, byName] of Object.entries({ ...mallory, ...extra })) json.resource[type] = { ...(json.resource[type] ?? {}), ...byName };
  if (data) json.data = data;
  return json;
}

const CASES: [string, ReturnType<typeof withResources>, { address: string; attribute: string; expression: string }][] = [
  [
    "an inline policy from a variable",
    withResources({ aws_iam_user_policy: { p: { user: "${aws_iam_user.mallory.name}", policy: "${var.document}" } } }),
    { address: "aws_iam_user_policy.p", attribute: "policy", expression: "${var.document}" },
  ],
  [
    "an action list interpolated into the document",
    withResources({ aws_iam_user_policy: { p: { user: "${aws_iam_user.mallory.name}", policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"${var.actions}","Resource":"*"}]}' } } }),
    { address: "aws_iam_user_policy.p", attribute: "policy", expression: "${var.actions}" },
  ],
  [
    "a policy ARN from a variable",
    withResources({ aws_iam_user_policy_attachment: { a: { user: "${aws_iam_user.mallory.name}", policy_arn: "${var.policy_arn}" } } }),
    { address: "aws_iam_user_policy_attachment.a", attribute: "policy_arn", expression: "${var.policy_arn}" },
  ],
  [
    "a customer managed policy defined elsewhere",
    withResources({ aws_iam_user_policy_attachment: { a: { user: "${aws_iam_user.mallory.name}", policy_arn: "arn:aws:iam::123456789012:policy/Elsewhere" } } }),
    { address: "aws_iam_user_policy_attachment.a", attribute: "policy_arn", expression: "arn:aws:iam::123456789012:policy/Elsewhere" },
  ],
  [
    "an AWS managed policy the bundled data does not know",
    withResources({ aws_iam_user_policy_attachment: { a: { user: "${aws_iam_user.mallory.name}", policy_arn: "arn:aws:iam::aws:policy/NewerThanTheData" } } }),
    { address: "aws_iam_user_policy_attachment.a", attribute: "policy_arn", expression: "arn:aws:iam::aws:policy/NewerThanTheData" },
  ],
  [
    "a membership in a group from a variable",
    withResources({ aws_iam_user_group_membership: { m: { user: "${aws_iam_user.mallory.name}", groups: ["${var.group}"] } } }),
    { address: "aws_iam_user_group_membership.m", attribute: "groups", expression: "${var.group}" },
  ],
  [
    "a membership in a group defined elsewhere",
    withResources({ aws_iam_user_group_membership: { m: { user: "${aws_iam_user.mallory.name}", groups: ["Admins"] } } }),
    { address: "aws_iam_user_group_membership.m", attribute: "group", expression: "Admins" },
  ],
  [
    "a member list that is one expression",
    withResources({ aws_iam_group_membership: { m: { name: "m", group: "${aws_iam_group.emergencyaccessgroup.name}", users: "${var.members}" } } }),
    { address: "aws_iam_group_membership.m", attribute: "users", expression: "${var.members}" },
  ],
  [
    "a permissions boundary from a variable on the break-glass user",
    (() => {
      const json = withResources({});
      Object.assign(json.resource.aws_iam_user.emergencyaccess, { permissions_boundary: "${var.boundary}" });
      return json;
    })(),
    { address: "aws_iam_user.emergencyaccess", attribute: "permissions_boundary", expression: "${var.boundary}" },
  ],
  [
    "a policy document that merges documents only known at plan time",
    withResources(
      { aws_iam_user_policy: { p: { user: "${aws_iam_user.mallory.name}", policy: "${data.aws_iam_policy_document.d.json}" } } },
      { aws_iam_policy_document: { d: { source_policy_documents: ["${var.base}"], statement: [{ actions: ["s3:GetObject"], resources: ["*"] }] } } },
    ),
    { address: "aws_iam_user_policy.p", attribute: "policy", expression: "${data.aws_iam_policy_document.d.json}" },
  ],
];

describe.each(CASES)("fails closed on %s", (_, json, where) => {
  it("with a deny naming the stack, address, attribute and expression", () => {
    const result = evaluate({ stack: "main", json });
    expect(result.passed).toBe(false);
    const found = result.violations.filter((v) => v.rule === "unresolved");
    expect(found.map((v) => ({ stack: v.stack, address: v.address }))).toEqual([{ stack: "main", address: where.address }]);
    expect(found[0].severity).toBe("deny");
    expect(found[0].message).toContain(`main ${where.address}: ${where.attribute} = ${JSON.stringify(where.expression)} cannot be read`);
    expect(found[0].message).toContain("terraform show -json");
  });
});

it("reads another resource's ARN as naming that resource only, not as unknown", () => {
  const json = withResources({
    aws_iam_user_policy: { p: { user: "${aws_iam_user.mallory.name}", policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"${aws_s3_bucket.logs.arn}"}]}' } },
  });
  const result = evaluate({ stack: "main", json });
  expect(result.violations.filter((v) => v.severity === "deny")).toEqual([]);
});

it("reads a policy variable as IAM's, not as a Terraform expression", () => {
  const json = withResources({
    aws_iam_user_policy: { p: { user: "${aws_iam_user.mallory.name}", policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::home/$${aws:username}/*"}]}' } },
  });
  expect(evaluate({ stack: "main", json }).violations.filter((v) => v.severity === "deny")).toEqual([]);
});

describe("Terraform's $${ escape, read once", () => {
  const escalation = (policy: string) =>
    evaluate({ stack: "main", json: withResources({ aws_s3_bucket: { b: { bucket: "b" } }, aws_iam_user_policy: { p: { user: "${aws_iam_user.mallory.name}", policy } } }) })
      .violations.filter((v) => v.severity === "deny")
      .map((v) => [v.rule, v.address]);
  const statements = (resource: string, more = "") =>
    `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PutUserPolicy","Resource":"${resource}"}${more}]}`;

  it("in a template with a part not known before apply: `$${aws:username}` is IAM's variable, so Mallory may put a policy on herself", () => {
    const more = ',{"Effect":"Allow","Action":"s3:GetObject","Resource":"${aws_s3_bucket.b.arn}/*"}';
    expect(escalation(statements("arn:aws:iam::*:user/$${aws:username}", more))).toEqual([["can-become-administrator", "aws_iam_user.mallory"]]);
  });

  it("in text known whole: `$$${aws:username}` writes `$${aws:username}`, a user named $Mallory, so a Deny on it guards nothing", () => {
    const deny = ',{"Effect":"Deny","Action":"iam:PutUserPolicy","Resource":"arn:aws:iam::*:user/$$${aws:username}"}';
    expect(escalation(statements("*", deny))).toEqual([["can-become-administrator", "aws_iam_user.mallory"]]);
    // The control: the same Deny written `$${aws:username}` is on Mallory herself, and guards.
    expect(escalation(statements("*", deny.replace("$$$", "$$")))).toEqual([]);
  });
});

describe("an ARN built from parts not known before apply", () => {
  const policy = (action: string, resource: string) =>
    JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: action, Resource: resource }] });
  const withPolicy = (action: string, resource: string) =>
    evaluate({ stack: "main", json: withResources({ aws_iam_user_policy: { p: { user: "${aws_iam_user.mallory.name}", policy: policy(action, resource) } } }) });

  it("may name whatever its unknown parts become: its own user, here", () => {
    const result = withPolicy("iam:PutUserPolicy", "arn:${data.aws_partition.p.partition}:iam::${local.account}:user/Mallory");
    expect(result.violations.filter((v) => v.severity === "deny").map((v) => [v.rule, v.address])).toEqual([["can-become-administrator", "aws_iam_user.mallory"]]);
  });

  it("names nothing its literal parts rule out", () => {
    const result = withPolicy("*", "arn:${data.aws_partition.p.partition}:events:us-east-1:${local.account}:event-bus/default");
    expect(result.violations.filter((v) => v.severity === "deny")).toEqual([]);
  });
});

describe("the live account", () => {
  const admin = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });
  const withCustomerPolicy = (versions: { IsDefaultVersion: boolean; Document?: string }[]) => {
    const snapshot = accountSnapshot(IAM_SETUPS[0]);
    snapshot.users.push({ UserName: "Mallory", Arn: "arn:aws:iam::123456789012:user/Mallory", AttachedManagedPolicies: [{ PolicyName: "Ops", PolicyArn: "arn:aws:iam::123456789012:policy/Ops" }] });
    snapshot.policies.push({ PolicyName: "Ops", Arn: "arn:aws:iam::123456789012:policy/Ops", PolicyVersionList: versions });
    const account = accountFromSnapshot(snapshot, new Map([["EmergencyAccess", { loginProfile: { passwordResetRequired: false }, accessKeyIds: [] }]]), breakGlassNames());
    return evaluateAccounts({ resources: [], outputs: [], unreadable: [] }, [account]);
  };

  it.each([
    ["no default version", [{ IsDefaultVersion: false, Document: encodeURIComponent(admin) }]],
    ["a default version that is not JSON", [{ IsDefaultVersion: true, Document: "{not json" }]],
    ["a default version IAM's reader would not take", [{ IsDefaultVersion: true, Document: encodeURIComponent(admin.replace("Allow", "allow")) }]],
  ])("fails closed on a customer managed policy with %s", (_, versions) => {
    const result = withCustomerPolicy(versions);
    expect(result.passed).toBe(false);
    expect(result.violations.filter((v) => v.severity === "deny").map((v) => [v.rule, v.address])).toEqual([["unresolved", "arn:aws:iam::123456789012:policy/Ops"]]);
  });

  it("reads the same policy's readable default version as the administrator it makes", () => {
    const result = withCustomerPolicy([{ IsDefaultVersion: true, Document: encodeURIComponent(admin) }]);
    expect(result.violations.filter((v) => v.severity === "deny").map((v) => [v.rule, v.address])).toEqual([["one-admin-user", "arn:aws:iam::123456789012:user/Mallory"]]);
  });
});
