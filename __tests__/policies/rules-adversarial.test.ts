import { evaluate, Result } from "../../policies/evaluate";

// Inputs built to fool a rule, each beside the one that confirms it, as
// Terraform JSON written by hand. Every finding is pinned: rule, stack,
// address, and the names its message must carry.

const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
const lit = (document: unknown) => JSON.stringify(document).replace(/\$\{/g, () => "$${");
const doc = (...Statement: object[]) => lit({ Version: "2012-10-17", Statement });
const MFA_DENY = (value: string) => ({
  Effect: "Deny",
  NotAction: ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:GetUser", "iam:ListMFADevices", "sts:GetSessionToken"],
  Resource: "*",
  Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": value } },
});

type Resources = Record<string, Record<string, object>>;

/** AWS's procedure as Terraform JSON: EmergencyAccess in EmergencyAccessGroup with AdministratorAccess, and MFA required. */
function procedure(extra: Resources = {}, output: Record<string, object> = {}, mfa = true): object {
  const resource: Resources = {
    aws_iam_user: { bg: { name: "EmergencyAccess" } },
    aws_iam_group: { bg: { name: "EmergencyAccessGroup" } },
    aws_iam_group_policy_attachment: { bg_admin: { group: "${aws_iam_group.bg.name}", policy_arn: ADMIN } },
    aws_iam_group_membership: { bg: { name: "m", group: "${aws_iam_group.bg.name}", users: ["${aws_iam_user.bg.name}"] } },
    aws_iam_user_login_profile: { bg: { user: "${aws_iam_user.bg.name}", password_reset_required: false } },
    ...(mfa ? { aws_iam_group_policy: { bg_mfa: { group: "${aws_iam_group.bg.name}", name: "mfa", policy: doc(MFA_DENY("false")) } } } : {}),
  };
  for (const [type, byName] of Object.entries(extra)) resource[type] = { ...resource[type], ...byName };
  return { provider: { aws: [{ region: "us-east-1" }] }, resource, ...(Object.keys(output).length ? { output } : {}) };
}

interface Expected {
  rule: string;
  address: string;
  mentions: string[];
  stack?: string;
}

function expectFindings(result: Result, expected: Expected[]): void {
  const key = (f: { rule: string; stack?: string; address: string }) => `${f.rule} ${f.stack ?? "main"} ${f.address}`;
  expect(result.violations.map(key).sort()).toEqual(expected.map(key).sort());
  for (const e of expected) {
    const found = result.violations.find((v) => key(v) === key(e))!;
    for (const m of e.mentions) expect(found.message).toContain(m);
  }
  expect(result.passed).toBe(!expected.some((e) => e.rule !== "break-glass-mfa"));
}

const check = (json: object) => evaluate({ stack: "main", json });
const mallory = (policy: string) => ({
  aws_iam_user: { mallory: { name: "Mallory" } },
  aws_iam_user_policy: { mallory_p: { user: "${aws_iam_user.mallory.name}", name: "mixed", policy } },
});

it("passes AWS's procedure with MFA required", () => {
  expectFindings(check(procedure()), []);
});

describe("a second administrator in a policy of several statements", () => {
  it("is found when only one statement of many is the administrator one", () => {
    const policy = doc(
      { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::logs/*" },
      { Effect: "Deny", Action: "*", Resource: "*", Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } },
      { Effect: "Allow", Action: "*", Resource: "*" },
      { Effect: "Allow", Action: "ec2:Describe*", Resource: "*" },
    );
    expectFindings(check(procedure(mallory(policy))), [
      {
        rule: "one-admin-user",
        address: "aws_iam_user.mallory",
        mentions: ["IAM user Mallory (aws_iam_user.mallory)", "through inline policy mixed (aws_iam_user_policy.mallory_p)", "remove aws_iam_user_policy.mallory_p"],
      },
    ]);
  });

  it("is found when statements only add up to everything", () => {
    const policy = doc({ Effect: "Allow", NotAction: ["iam:*", "sts:*"], Resource: "*" }, { Effect: "Allow", Action: "iam:*", Resource: "*" }, { Effect: "Allow", Action: "STS:*", Resource: "*" });
    expectFindings(check(procedure(mallory(policy))), [
      { rule: "one-admin-user", address: "aws_iam_user.mallory", mentions: ["IAM user Mallory", "inline policy mixed (aws_iam_user_policy.mallory_p)"] },
    ]);
  });

  it("is not found when one statement of many takes a piece away for good", () => {
    const policy = doc({ Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Deny", Action: ["iam:*", "sts:*", "organizations:*"], Resource: "*" });
    expectFindings(check(procedure(mallory(policy))), []);
  });

  it("is found, not trusted, when a Deny only looks like taking a piece away (a condition that may not hold)", () => {
    const policy = doc({ Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Deny", Action: "iam:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } });
    expectFindings(check(procedure(mallory(policy))), [{ rule: "one-admin-user", address: "aws_iam_user.mallory", mentions: ["IAM user Mallory"] }]);
  });
});

describe("the deny-unless-MFA pattern", () => {
  it("with aws:MultiFactorAuthPresent \"true\" is a Deny of those who sign in with MFA, not the MFA requirement", () => {
    const json = procedure({ aws_iam_group_policy: { bg_mfa: { group: "${aws_iam_group.bg.name}", name: "mfa", policy: doc(MFA_DENY("true")) } } });
    expectFindings(check(json), [
      {
        rule: "break-glass-can-act",
        address: "aws_iam_group_policy.bg_mfa",
        mentions: ["inline policy mfa (aws_iam_group_policy.bg_mfa) denies actions to the break-glass IAM user EmergencyAccess (aws_iam_user.bg)", "remove aws_iam_group_policy.bg_mfa"],
      },
      { rule: "break-glass-mfa", address: "aws_iam_user.bg", mentions: ["IAM user EmergencyAccess (aws_iam_user.bg) can act as administrator without MFA"] },
    ]);
  });

  it("in a policy beside other statements still counts, and the other Deny still limits", () => {
    const policy = doc({ Effect: "Deny", Action: "s3:DeleteBucket", Resource: "*" }, MFA_DENY("false"));
    const json = procedure({ aws_iam_group_policy: { bg_mfa: { group: "${aws_iam_group.bg.name}", name: "mfa", policy } } });
    expectFindings(check(json), [{ rule: "break-glass-can-act", address: "aws_iam_group_policy.bg_mfa", mentions: ["denies actions to the break-glass IAM user EmergencyAccess"] }]);
  });

  it("missing leaves a warning on the break-glass user, pointing at it", () => {
    expectFindings(check(procedure({}, {}, false)), [
      { rule: "break-glass-mfa", address: "aws_iam_user.bg", mentions: ["IAM user EmergencyAccess (aws_iam_user.bg)", "without MFA"] },
    ]);
  });
});

describe("sensitive-password-output", () => {
  const outputs = {
    user_name: { value: "${aws_iam_user.bg.name}" },
    sealed: { value: "${aws_iam_user_login_profile.bg.password}", sensitive: true },
    encrypted: { value: "${aws_iam_user_login_profile.bg.encrypted_password}" },
    reset: { value: "${aws_iam_user_login_profile.bg.password_reset_required}" },
    other_password: { value: "${aws_db_instance.db.password}" },
    leaked: { value: "password: ${aws_iam_user_login_profile.bg.password}!" },
  };

  it("flags only the one output of several that carries the password unmarked", () => {
    expectFindings(check(procedure({}, outputs)), [
      { rule: "sensitive-password-output", address: "output.leaked", mentions: ["output leaked carries the console password", "set sensitive = true"] },
    ]);
  });

  it.each([
    ["inside a function call with nested braces", '${jsonencode({ user = aws_iam_user.bg.name, secret = aws_iam_user_login_profile.bg.password })}'],
    ["by index into several instances", "${aws_iam_user_login_profile.bg[0].password}"],
    ["inside a conditional", "${true ? aws_iam_user_login_profile.bg.password : \"\"}"],
    ["inside a list", ["a", "${aws_iam_user_login_profile.bg.password}"]],
    ["inside an object", { nested: { deeper: "x-${aws_iam_user_login_profile.bg.password}" } }],
    // The whole login profile as one object carries its password (`terraform apply` printed it for each of these).
    ["in the whole login profile, through lookup()", '${nonsensitive(lookup(aws_iam_user_login_profile.bg, "password"))}'],
    ["in the whole login profile, through values()", "${nonsensitive(values(aws_iam_user_login_profile.bg)[3])}"],
    ["in the whole login profile, through a for expression", "${nonsensitive({for k, v in aws_iam_user_login_profile.bg : k => v})}"],
    ["in the whole login profile, in a list", "${nonsensitive([aws_iam_user_login_profile.bg])}"],
  ])("finds the password %s", (_, value) => {
    expectFindings(check(procedure({}, { leak: { value } })), [{ rule: "sensitive-password-output", address: "output.leak", mentions: ["output leak"] }]);
  });

  it("finds the password handed on by terraform_data, whose output is its input", () => {
    const echo = { terraform_data: { x: { input: "${nonsensitive(aws_iam_user_login_profile.bg.password)}" }, y: { input: "${terraform_data.x.output}" } } };
    for (const value of ["${terraform_data.x.output}", "${terraform_data.y.output}", "${terraform_data.x.input}", "${terraform_data.x}"]) {
      expectFindings(check(procedure(echo, { leak: { value } })), [{ rule: "sensitive-password-output", address: "output.leak", mentions: ["output leak"] }]);
    }
    // The control: terraform_data given something else hands on nothing secret; nor does the login profile's user.
    const other = { terraform_data: { x: { input: "${aws_iam_user.bg.name}" } } };
    expectFindings(check(procedure(other, { a: { value: "${terraform_data.x.output}" }, b: { value: "${aws_iam_user_login_profile.bg.user}" } })), []);
  });

  it.each([
    ["an IAM user's tags", { aws_iam_user: { t: { name: "T", tags: { p: "${aws_iam_user_login_profile.bg.password}" } } } }, "${aws_iam_user.t.tags.p}"],
    ["null_resource's triggers", { null_resource: { n: { triggers: { p: "${aws_iam_user_login_profile.bg.password}" } } } }, "${null_resource.n.triggers}"],
    ["random_id's keepers", { random_id: { n: { byte_length: 2, keepers: { p: "${aws_iam_user_login_profile.bg.password}" } } } }, "${random_id.n.keepers.p}"],
    ["terraform_data's triggers_replace", { terraform_data: { n: { triggers_replace: ["${aws_iam_user_login_profile.bg.password}"] } } }, "${terraform_data.n.triggers_replace[0]}"],
  ])("finds the password handed on by an argument: %s", (_, extra, value) => {
    expectFindings(check(procedure(extra as Resources, { leak: { value } })), [{ rule: "sensitive-password-output", address: "output.leak", mentions: ["output leak"] }]);
  });

  it("finds the password in the outputs of a module used as one object", () => {
    const root = { ...procedure({}, { leak: { value: "${nonsensitive(module.m)}" } }), module: { m: { source: "./m", pw: "${aws_iam_user_login_profile.bg.password}" } } };
    const m = { variable: { pw: {} }, output: { pw: { value: "${var.pw}", sensitive: true } } };
    const result = evaluate([{ stack: "main", json: root, modules: { m: [m] } }]);
    expect(result.violations.filter((v) => v.rule === "sensitive-password-output").map((v) => v.address)).toEqual(["output.leak"]);
  });

  it.each([
    ["a literal that only looks like a reference", "aws_iam_user_login_profile.bg.password"],
    ["Terraform's escape of ${", "$${aws_iam_user_login_profile.bg.password}"],
    ["an attribute that ends like it", "${aws_iam_user_login_profile.bg.encrypted_password}"],
    ["an attribute that starts like it", "${aws_iam_user_login_profile.bg.password_length}"],
    ["another resource type that ends like it", "${xaws_iam_user_login_profile.bg.password}"],
  ])("does not flag %s", (_, value) => {
    expectFindings(check(procedure({}, { leak: { value } })), []);
  });
});

describe("exclusive-resources: a resource that removes what it does not list", () => {
  const group = "${aws_iam_group.bg.name}";
  const serviceRole = { aws_iam_role: { ec2: { name: "ec2", assume_role_policy: doc({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }) } } };

  it("catches aws_iam_policy_attachment that gives AdministratorAccess to a role only, revoking it from the break-glass group", () => {
    expectFindings(check(procedure({ ...serviceRole, aws_iam_policy_attachment: { ec2_admin: { name: "x", policy_arn: ADMIN, roles: ["${aws_iam_role.ec2.name}"] } } })), [
      {
        rule: "exclusive-resources",
        address: "aws_iam_policy_attachment.ec2_admin",
        mentions: ["the attachments of policy AdministratorAccess across the account", "group EmergencyAccessGroup", "aws_iam_group_policy_attachment.bg_admin"],
      },
    ]);
  });

  it("catches a second aws_iam_group_membership of the break-glass group that lists nobody", () => {
    expectFindings(check(procedure({ aws_iam_group_membership: { empty: { name: "e", group, users: [] } } })), [
      { rule: "exclusive-resources", address: "aws_iam_group_membership.empty", mentions: ["aws_iam_group_membership.bg", "the members of group EmergencyAccessGroup", "keep one"] },
    ]);
  });

  it("catches an exclusive list of the group's managed policies that leaves out AdministratorAccess", () => {
    expectFindings(check(procedure({ aws_iam_group_policy_attachments_exclusive: { none: { group_name: group, policy_arns: [] } } })), [
      {
        rule: "exclusive-resources",
        address: "aws_iam_group_policy_attachments_exclusive.none",
        mentions: ["the managed policies of group EmergencyAccessGroup", "policy AdministratorAccess", "aws_iam_group_policy_attachment.bg_admin"],
      },
    ]);
  });

  it("catches an exclusive list of the group's inline policies that deletes the MFA policy", () => {
    expectFindings(check(procedure({ aws_iam_group_policies_exclusive: { none: { group_name: group, policy_names: [] } } })), [
      { rule: "exclusive-resources", address: "aws_iam_group_policies_exclusive.none", mentions: ["the inline policies of group EmergencyAccessGroup", "inline policy mfa", "aws_iam_group_policy.bg_mfa"] },
    ]);
  });

  it("catches a role's managed_policy_arns beside an attachment to the same role", () => {
    const role = { aws_iam_role: { ec2: { ...serviceRole.aws_iam_role.ec2, managed_policy_arns: [] } } };
    const attachment = { aws_iam_role_policy_attachment: { ro: { role: "${aws_iam_role.ec2.name}", policy_arn: "arn:aws:iam::aws:policy/ReadOnlyAccess" } } };
    expectFindings(check(procedure({ ...role, ...attachment })), [
      { rule: "exclusive-resources", address: "aws_iam_role.ec2", mentions: ["the managed policies of role ec2", "policy ReadOnlyAccess", "aws_iam_role_policy_attachment.ro"] },
    ]);
  });

  it.each([
    ["an exclusive list of the group's managed policies that holds AdministratorAccess", { aws_iam_group_policy_attachments_exclusive: { bg: { group_name: group, policy_arns: [ADMIN] } } }],
    ["an exclusive list of the group's inline policies that names the MFA policy", { aws_iam_group_policies_exclusive: { bg: { group_name: group, policy_names: ["mfa"] } } }],
    [
      "aws_iam_policy_attachment of AdministratorAccess, its ARN written with the partition, that names the break-glass group",
      { aws_iam_policy_attachment: { admin: { name: "x", policy_arn: "arn:${data.aws_partition.current.partition}:iam::aws:policy/AdministratorAccess", groups: [group] } } },
    ],
    ["aws_iam_policy_attachment of another policy, to a role", { ...serviceRole, aws_iam_policy_attachment: { ro: { name: "x", policy_arn: "arn:aws:iam::aws:policy/ReadOnlyAccess", roles: ["${aws_iam_role.ec2.name}"] } } }],
  ])("passes %s", (_, extra) => {
    expectFindings(check(procedure(extra as Resources)), []);
  });
});

describe("break-glass-login-profile: the account password policy", () => {
  const passwordPolicy = (body: object) => ({ aws_iam_account_password_policy: { p: body } });
  const profile = (body: object) => ({ aws_iam_user_login_profile: { bg: { user: "${aws_iam_user.bg.name}", password_reset_required: false, ...body } } });

  it("catches a minimum length longer than the generated password, the provider's default of 20 included", () => {
    expectFindings(check(procedure(passwordPolicy({ minimum_password_length: 32 }))), [
      {
        rule: "break-glass-login-profile",
        address: "aws_iam_account_password_policy.p",
        mentions: ["MinimumPasswordLength is 32, but passwordLength is 20", "aws_iam_user_login_profile.bg cannot set EmergencyAccess's password", "PasswordPolicyViolation"],
      },
    ]);
    expectFindings(check(procedure({ ...passwordPolicy({ minimum_password_length: "40" }), ...profile({ password_length: 39 }) })), [
      { rule: "break-glass-login-profile", address: "aws_iam_account_password_policy.p", mentions: ["MinimumPasswordLength is 40, but passwordLength is 39"] },
    ]);
  });

  it("catches passwords that expire for good (max_password_age with hard_expiry)", () => {
    expectFindings(check(procedure(passwordPolicy({ max_password_age: 90, hard_expiry: "true" }))), [
      { rule: "break-glass-login-profile", address: "aws_iam_account_password_policy.p", mentions: ["expire after 90 days", "hard_expiry stops EmergencyAccess", "set hard_expiry = false or max_password_age = 0"] },
    ]);
  });

  it("fails closed on a minimum length or a login profile length not known before apply", () => {
    expectFindings(check({ ...procedure(passwordPolicy({ minimum_password_length: "${var.minimum}" })), variable: { minimum: { type: "number" } } }), [
      { rule: "unresolved", address: "aws_iam_account_password_policy.p", mentions: ["minimum_password_length", "var.minimum"] },
    ]);
    expectFindings(check({ ...procedure({ ...passwordPolicy({ minimum_password_length: 14 }), ...profile({ password_length: "${var.length}" }) }), variable: { length: { type: "number" } } }), [
      { rule: "break-glass-login-profile", address: "aws_iam_account_password_policy.p", mentions: ["password_length) is not known before apply", "minimum_password_length 14"] },
    ]);
  });

  it("catches two password policies in one account: each overwrites the other", () => {
    expectFindings(check(procedure({ aws_iam_account_password_policy: { p: { minimum_password_length: 14 }, q: { minimum_password_length: 16 } } })), [
      { rule: "exclusive-resources", address: "aws_iam_account_password_policy.q", mentions: ["aws_iam_account_password_policy.q and aws_iam_account_password_policy.p both manage the account password policy"] },
    ]);
  });

  it.each([
    ["a minimum length the generated password meets", passwordPolicy({ minimum_password_length: 20, require_symbols: true, require_numbers: true })],
    ["passwords that expire but can be changed at sign-in", passwordPolicy({ max_password_age: 90, hard_expiry: false })],
    ["hard_expiry without an expiry", passwordPolicy({ hard_expiry: true })],
  ])("passes %s", (_, extra) => {
    expectFindings(check(procedure(extra as Resources)), []);
  });
});

describe("iam-outside-iam-resources: IAM made by resources the checks do not read", () => {
  const template = JSON.stringify({ Resources: { Admin: { Type: "AWS::IAM::User", Properties: { ManagedPolicyArns: [ADMIN] } } } });

  it.each([
    ["an awscc_iam_user", { awscc_iam_user: { admin: { user_name: "Mallory", managed_policy_arns: [ADMIN] } } }, "awscc_iam_user.admin", "an IAM user through the awscc provider"],
    ["an aws_cloudcontrolapi_resource of type AWS::IAM::User", { aws_cloudcontrolapi_resource: { admin: { type_name: "AWS::IAM::User", desired_state: "{}" } } }, "aws_cloudcontrolapi_resource.admin", "AWS::IAM::User through the Cloud Control API"],
    ["an aws_cloudcontrolapi_resource whose type comes from a variable", { aws_cloudcontrolapi_resource: { any: { type_name: "${var.type}", desired_state: "{}" } } }, "aws_cloudcontrolapi_resource.any", "a type not known before apply"],
    ["a CloudFormation stack given CAPABILITY_NAMED_IAM", { aws_cloudformation_stack: { s: { name: "s", template_body: template, capabilities: ["CAPABILITY_NAMED_IAM"] } } }, "aws_cloudformation_stack.s", "capabilities include CAPABILITY_NAMED_IAM"],
    ["a CloudFormation stack set whose capabilities come from a variable", { aws_cloudformation_stack_set: { s: { name: "s", template_body: template, capabilities: "${var.caps}" } } }, "aws_cloudformation_stack_set.s", "capabilities not known before apply"],
  ])("catches %s", (_, extra, address, made) => {
    const json = { ...procedure(extra as Resources), variable: { type: { type: "string" }, caps: { type: "list(string)" } } };
    expectFindings(check(json), [{ rule: "iam-outside-iam-resources", address, mentions: [`${address} creates `, made, "define IAM users, groups, roles and policies with aws_iam_* resources"] }]);
  });

  it.each([
    ["a CloudFormation stack without IAM capabilities (CloudFormation refuses its IAM resources)", { aws_cloudformation_stack: { s: { name: "s", template_body: template, capabilities: ["CAPABILITY_AUTO_EXPAND"] } } }],
    ["a CloudFormation stack with no capabilities at all", { aws_cloudformation_stack: { s: { name: "s", template_body: template } } }],
    ["a Cloud Control API resource of another service", { aws_cloudcontrolapi_resource: { q: { type_name: "AWS::SQS::Queue", desired_state: "{}" } } }],
    ["an awscc resource outside IAM", { awscc_sqs_queue: { q: { queue_name: "q" } } }],
  ])("passes %s", (_, extra) => {
    expectFindings(check(procedure(extra as Resources)), []);
  });
});

describe("one-admin-user: the default credentials beside a provider pinned to an account", () => {
  const account = (alias: string | undefined, pin: string | undefined) => ({ region: "us-east-1", ...(alias ? { alias } : {}), ...(pin ? { allowed_account_ids: [pin] } : {}) });
  /** The procedure's break-glass user under the default provider, and a second one under `aws.other`. */
  const twoBreakGlass = (defaultPin: string | undefined, otherPin: string | undefined) => {
    const json = procedure() as { provider: unknown; resource: Resources };
    json.provider = { aws: [account(undefined, defaultPin), account("other", otherPin)] };
    const other = { provider: "aws.other" };
    json.resource.aws_iam_user.two = { ...other, name: "EmergencyAccess", tags: { BreakGlass: "emergency-access" } };
    json.resource.aws_iam_group.two = { ...other, name: "EmergencyAccessGroup" };
    json.resource.aws_iam_group_policy_attachment.two = { ...other, group: "${aws_iam_group.two.name}", policy_arn: ADMIN };
    json.resource.aws_iam_group_membership.two = { ...other, name: "m2", group: "${aws_iam_group.two.name}", users: ["${aws_iam_user.two.name}"] };
    json.resource.aws_iam_user_login_profile.two = { ...other, user: "${aws_iam_user.two.name}", password_reset_required: false };
    json.resource.aws_iam_group_policy.two_mfa = { ...other, group: "${aws_iam_group.two.name}", name: "mfa", policy: doc(MFA_DENY("false")) };
    return json;
  };

  it("catches a second break-glass administrator on unpinned credentials that may reach the pinned account", () => {
    expectFindings(check(twoBreakGlass("111111111111", undefined)), [
      {
        rule: "one-admin-user",
        address: "aws_iam_user.two",
        mentions: ["IAM user EmergencyAccess (aws_iam_user.two) is a break-glass administrator on the default credentials, which may reach account 111111111111", "IAM user EmergencyAccess (aws_iam_user.bg) is one", "allowed_account_ids"],
      },
    ]);
  });

  it("passes one break-glass administrator in each of two pinned accounts", () => {
    expectFindings(check(twoBreakGlass("111111111111", "222222222222")), []);
  });
});

describe("can-become-administrator: two steps through another principal", () => {
  const ARN = (kind: string, name: string) => `arn:aws:iam::123456789012:${kind}/${name}`;
  const pinned = (json: object) => ({ ...json, provider: { aws: [{ region: "us-east-1", allowed_account_ids: ["123456789012"] }] } });
  const bob = { aws_iam_user: { bob: { name: "Bob" } } };
  const ops = { aws_iam_group: { ops: { name: "Ops" } } };
  const ci = { aws_iam_role: { ci: { name: "ci", assume_role_policy: doc({ Effect: "Allow", Principal: { Service: "codebuild.amazonaws.com" }, Action: "sts:AssumeRole" }) } } };
  const allow = (Action: string[], Resource: string | string[]) => ({ Effect: "Allow", Action, Resource });
  /** Resources by type from several parts, the types they share merged. */
  const merged = (...parts: Resources[]): Resources => {
    const all: Resources = {};
    for (const part of parts) for (const [type, byName] of Object.entries(part)) all[type] = { ...all[type], ...byName };
    return all;
  };

  it.each([
    ["takes another user's access key and attaches a policy to that user", bob, [allow(["iam:CreateAccessKey", "iam:AttachUserPolicy"], ARN("user", "Bob"))], "iam:AttachUserPolicy on user Bob, after iam:CreateAccessKey on user Bob"],
    ["sets another user's password and puts a policy on that user's group", { ...bob, ...ops, aws_iam_user_group_membership: { bob: { user: "${aws_iam_user.bob.name}", groups: ["${aws_iam_group.ops.name}"] } } }, [allow(["iam:CreateLoginProfile"], ARN("user", "Bob")), allow(["iam:PutGroupPolicy"], ARN("group", "Ops"))], "iam:PutGroupPolicy on group Ops, which user Bob is in, after iam:CreateLoginProfile on user Bob"],
    ["creates a user with a key and attaches a policy to it", {}, [allow(["iam:CreateUser", "iam:CreateAccessKey", "iam:AttachUserPolicy"], ARN("user", "new-*"))], "iam:AttachUserPolicy on a user it creates, after iam:CreateUser and iam:CreateAccessKey"],
    ["joins a powerless group and attaches a policy to it", ops, [allow(["iam:AddUserToGroup", "iam:AttachGroupPolicy"], ARN("group", "Ops"))], "iam:AttachGroupPolicy on group Ops, after iam:AddUserToGroup to join it"],
    ["rewrites a role's trust and puts a policy on it", ci, [allow(["iam:UpdateAssumeRolePolicy", "iam:PutRolePolicy"], ARN("role", "ci"))], "iam:PutRolePolicy on role ci, after iam:UpdateAssumeRolePolicy to let itself in"],
  ])("catches a user who %s", (_, extra, statements, path) => {
    expectFindings(check(pinned(procedure(merged(extra as Resources, mallory(doc(...statements)))))), [
      { rule: "can-become-administrator", address: "aws_iam_user.mallory", mentions: ["IAM user Mallory (aws_iam_user.mallory) can make itself administrator", path, "inline policy mixed (aws_iam_user_policy.mallory_p)"] },
    ]);
  });

  it("catches a user whose own policies are administrator behind a boundary it may rewrite", () => {
    const boundary = { aws_iam_policy: { fence: { name: "fence", policy: doc(allow(["s3:GetObject", "iam:CreatePolicyVersion"], "*")) } } };
    const json = procedure({
      ...boundary,
      aws_iam_user: { mallory: { name: "Mallory", permissions_boundary: "${aws_iam_policy.fence.arn}" } },
      aws_iam_user_policy: { mallory_p: { user: "${aws_iam_user.mallory.name}", name: "mixed", policy: doc(allow(["*"], "*")) } },
    });
    expectFindings(check(pinned(json)), [
      { rule: "can-become-administrator", address: "aws_iam_user.mallory", mentions: ["iam:CreatePolicyVersion on policy fence, its permissions boundary"] },
    ]);
  });

  it.each([
    ["takes another user's key but cannot give that user power", bob, [allow(["iam:CreateAccessKey"], ARN("user", "Bob")), allow(["iam:AttachUserPolicy"], ARN("user", "Carol"))]],
    ["may attach a policy to a group it can neither join nor reach through a user", ops, [allow(["iam:AttachGroupPolicy"], ARN("group", "Ops"))]],
    ["may rewrite a role's trust but not give the role power", ci, [allow(["iam:UpdateAssumeRolePolicy"], ARN("role", "ci"))]],
  ])("passes a user who %s", (_, extra, statements) => {
    expectFindings(check(pinned(procedure(merged(extra as Resources, mallory(doc(...statements)))))), []);
  });
});

describe("can-become-administrator: a Deny on its own name, escaped by renaming", () => {
  const ARN = (kind: string, name: string) => `arn:aws:iam::123456789012:${kind}/${name}`;
  const pinned = (json: object) => ({ ...json, provider: { aws: [{ region: "us-east-1", allowed_account_ids: ["123456789012"] }] } });
  const allow = (Action: string[], Resource = "*") => ({ Effect: "Allow", Action, Resource });
  const deny = (Action: string[], Resource: string) => ({ Effect: "Deny", Action, Resource });
  const inOps = {
    aws_iam_group: { ops: { name: "Ops" } },
    aws_iam_user_group_membership: { mallory: { user: "${aws_iam_user.mallory.name}", groups: ["${aws_iam_group.ops.name}"] } },
  };
  const withMallory = (statements: object[], extra: Resources = {}) => {
    const parts = mallory(doc(...statements)) as Resources;
    for (const [type, byName] of Object.entries(extra)) parts[type] = { ...parts[type], ...byName };
    return check(pinned(procedure(parts)));
  };

  // IAM User Guide, "Renaming an IAM user": IAM does not update the policies that name the user as a resource.
  it("catches a user who may rename itself out of a Deny on its ARN", () => {
    const result = withMallory([allow(["iam:AttachUserPolicy", "iam:UpdateUser"]), deny(["iam:AttachUserPolicy"], ARN("user", "Mallory"))]);
    expectFindings(result, [{ rule: "can-become-administrator", address: "aws_iam_user.mallory", mentions: ["iam:AttachUserPolicy on itself, after iam:UpdateUser to rename itself"] }]);
  });

  it("catches a user who may rename its group out of a Deny on the group's ARN", () => {
    const result = withMallory([allow(["iam:PutGroupPolicy", "iam:UpdateGroup"]), deny(["iam:PutGroupPolicy"], ARN("group", "Ops"))], inOps);
    expectFindings(result, [{ rule: "can-become-administrator", address: "aws_iam_user.mallory", mentions: ["iam:PutGroupPolicy on group Ops, which it is in, after iam:UpdateGroup to rename it"] }]);
  });

  it("catches a user who may rename the break-glass user out of a Deny on its credentials, then take them over", () => {
    const takeover = ["iam:CreateLoginProfile", "iam:UpdateLoginProfile", "iam:CreateAccessKey"];
    const result = withMallory([allow([...takeover, "iam:UpdateUser"]), deny(takeover, ARN("user", "EmergencyAccess"))]);
    expectFindings(result, [{ rule: "can-become-administrator", address: "aws_iam_user.mallory", mentions: ["iam:CreateLoginProfile on the break-glass user EmergencyAccess, after iam:UpdateUser to rename it"] }]);
  });

  it("catches a user who may rename the administrators' group out of a Deny on joining it", () => {
    const result = withMallory([allow(["iam:AddUserToGroup", "iam:UpdateGroup"]), deny(["iam:AddUserToGroup"], ARN("group", "EmergencyAccessGroup"))]);
    expectFindings(result, [{ rule: "can-become-administrator", address: "aws_iam_user.mallory", mentions: ["iam:AddUserToGroup on group EmergencyAccessGroup, which grants administrator, after iam:UpdateGroup to rename it"] }]);
  });

  it.each([
    ["it may not rename itself", [allow(["iam:AttachUserPolicy"]), deny(["iam:AttachUserPolicy"], ARN("user", "Mallory"))]],
    ["it may not rename the break-glass user", [allow(["iam:CreateLoginProfile"]), deny(["iam:CreateLoginProfile"], ARN("user", "EmergencyAccess"))]],
    ["the Deny covers every name", [allow(["iam:AttachUserPolicy", "iam:UpdateUser"]), deny(["iam:AttachUserPolicy"], ARN("user", "*"))]],
  ])("passes when %s", (_, statements) => {
    expectFindings(withMallory(statements), []);
  });
});

describe("can-become-administrator: a SAML provider an administrator role trusts", () => {
  const PROVIDER = "arn:aws:iam::123456789012:saml-provider/corp";
  const pinned = (json: object) => ({ ...json, provider: { aws: [{ region: "us-east-1", allowed_account_ids: ["123456789012"] }] } });
  const ssoRole = (trustAction: string, admin = true) => ({
    aws_iam_role: { sso: { name: "sso-admin", assume_role_policy: doc({ Effect: "Allow", Principal: { Federated: PROVIDER }, Action: trustAction }) } },
    ...(admin ? { aws_iam_role_policy_attachment: { sso: { role: "${aws_iam_role.sso.name}", policy_arn: ADMIN } } } : {}),
  });
  const withMallory = (statements: object[], role: Resources) => {
    const parts = mallory(doc(...statements)) as Resources;
    for (const [type, byName] of Object.entries(role)) parts[type] = { ...parts[type], ...byName };
    return check(pinned(procedure(parts)));
  };

  // IAM API Reference, UpdateSAMLProvider: it replaces the metadata document, signing certificate included;
  // STS API Reference, AssumeRoleWithSAML: the call takes no AWS credentials, only the signed assertion.
  it("catches a user who may replace the provider's metadata, and so sign its own assertions", () => {
    const result = withMallory([{ Effect: "Allow", Action: "iam:UpdateSAMLProvider", Resource: PROVIDER }], ssoRole("sts:AssumeRoleWithSAML"));
    expectFindings(result, [{ rule: "can-become-administrator", address: "aws_iam_user.mallory", mentions: ["iam:UpdateSAMLProvider on SAML provider corp that administrator role sso-admin trusts"] }]);
  });

  it.each([
    ["the user may not update the provider", [{ Effect: "Allow", Action: "iam:GetSAMLProvider", Resource: PROVIDER }], ssoRole("sts:AssumeRoleWithSAML")],
    ["the role is no administrator", [{ Effect: "Allow", Action: "iam:UpdateSAMLProvider", Resource: PROVIDER }], ssoRole("sts:AssumeRoleWithSAML", false)],
    ["the role trusts the provider for web identities only", [{ Effect: "Allow", Action: "iam:UpdateSAMLProvider", Resource: PROVIDER }], ssoRole("sts:AssumeRoleWithWebIdentity")],
  ])("passes when %s", (_, statements, role) => {
    expectFindings(withMallory(statements, role as Resources), []);
  });
});
