import { evaluate, Result } from "../../policies/evaluate";

// Each rule at its edges, on hand-written Terraform JSON: how many escalation
// paths a message lists, a break-glass user without administrator access,
// members a group names but the input does not define, the provider's default
// for a password reset, names that differ only in case, a boundary, several
// keys, a value that cannot be read.

const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
const lit = (document: unknown) => JSON.stringify(document).replace(/\$\{/g, () => "$${");
const doc = (...Statement: object[]) => lit({ Version: "2012-10-17", Statement });
const MFA = doc({ Effect: "Deny", NotAction: ["iam:GetUser"], Resource: "*", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } });
type Resources = Record<string, Record<string, object>>;

/** AWS's procedure, MFA required, so that only what a case adds is found. */
function procedure(extra: Resources = {}, groupAdmin = true): object {
  const resource: Resources = {
    aws_iam_user: { bg: { name: "EmergencyAccess" } },
    aws_iam_group: { bg: { name: "EmergencyAccessGroup" } },
    aws_iam_group_policy_attachment: groupAdmin ? { bg_admin: { group: "${aws_iam_group.bg.name}", policy_arn: ADMIN } } : {},
    aws_iam_group_membership: { bg: { name: "m", group: "${aws_iam_group.bg.name}", users: ["${aws_iam_user.bg.name}"] } },
    aws_iam_user_login_profile: { bg: { user: "${aws_iam_user.bg.name}", password_reset_required: false } },
    aws_iam_group_policy: { bg_mfa: { group: "${aws_iam_group.bg.name}", name: "mfa", policy: MFA } },
  };
  for (const [type, byName] of Object.entries(extra)) resource[type] = { ...resource[type], ...byName };
  return { provider: { aws: [{ region: "us-east-1" }] }, resource };
}

type Expected = [rule: string, address: string, ...mentions: string[]];

function expectFindings(result: Result, expected: Expected[]): void {
  expect(result.violations.map((v) => [v.rule, v.stack, v.address])).toEqual(expected.map(([rule, address]) => [rule, "main", address]));
  expected.forEach(([, , ...mentions], i) => {
    for (const m of mentions) expect(result.violations[i].message).toContain(m);
  });
  expect(result.passed).toBe(expected.every(([rule]) => rule === "break-glass-mfa"));
}

const check = (json: object) => evaluate({ stack: "main", json });
const malloryWith = (name: string, ...statements: object[]): Resources => ({
  aws_iam_user: { m: { name: "Mallory" } },
  aws_iam_user_policy: { m_p: { user: "${aws_iam_user.m.name}", name, policy: doc(...statements) } },
});
const SELF = "arn:aws:iam::*:user/Mallory";
const BG = "arn:aws:iam::*:user/EmergencyAccess";

describe("can-become-administrator", () => {
  it("lists up to three paths of a policy in full", () => {
    const result = check(procedure(malloryWith("three", { Effect: "Allow", Action: ["iam:PutUserPolicy", "iam:AttachUserPolicy"], Resource: SELF }, { Effect: "Allow", Action: "iam:CreateAccessKey", Resource: BG })));
    expectFindings(result, [
      [
        "can-become-administrator",
        "aws_iam_user.m",
        "IAM user Mallory (aws_iam_user.m) can make itself administrator: iam:PutUserPolicy on itself; iam:AttachUserPolicy on itself; iam:CreateAccessKey on the break-glass user EmergencyAccess, allowed by inline policy three (aws_iam_user_policy.m_p): narrow or remove aws_iam_user_policy.m_p.",
      ],
    ]);
  });

  it("counts the paths beyond three", () => {
    const result = check(procedure(malloryWith("four", { Effect: "Allow", Action: ["iam:PutUserPolicy", "iam:AttachUserPolicy"], Resource: SELF }, { Effect: "Allow", Action: ["iam:CreateAccessKey", "iam:UpdateLoginProfile"], Resource: BG })));
    expectFindings(result, [["can-become-administrator", "aws_iam_user.m", "iam:AttachUserPolicy on itself; iam:UpdateLoginProfile on the break-glass user EmergencyAccess; and 1 more, allowed by inline policy four"]]);
    expect(result.violations[0].message).not.toContain("CreateAccessKey");
  });

  it("gives one finding per policy that opens a path, each naming its own policy", () => {
    const json = procedure({
      aws_iam_user: { m: { name: "Mallory" } },
      aws_iam_user_policy: {
        a: { user: "${aws_iam_user.m.name}", name: "a", policy: doc({ Effect: "Allow", Action: "iam:PutUserPolicy", Resource: SELF }) },
        b: { user: "${aws_iam_user.m.name}", name: "b", policy: doc({ Effect: "Allow", Action: "iam:CreateAccessKey", Resource: "*" }) },
      },
    });
    expectFindings(check(json), [
      ["can-become-administrator", "aws_iam_user.m", "iam:PutUserPolicy on itself, allowed by inline policy a (aws_iam_user_policy.a): narrow or remove aws_iam_user_policy.a."],
      ["can-become-administrator", "aws_iam_user.m", "iam:CreateAccessKey on the break-glass user EmergencyAccess, allowed by inline policy b (aws_iam_user_policy.b): narrow or remove aws_iam_user_policy.b."],
    ]);
  });

  it("is not reported for a user that is already administrator (one-admin-user is)", () => {
    expectFindings(check(procedure(malloryWith("all", { Effect: "Allow", Action: "*", Resource: "*" }))), [["one-admin-user", "aws_iam_user.m", "IAM user Mallory (aws_iam_user.m) is an administrator through inline policy all"]]);
  });
});

describe("one-admin-user", () => {
  it("points at a break-glass user without administrator access", () => {
    expectFindings(check(procedure({}, false)), [
      ["one-admin-user", "aws_iam_user.bg", "IAM user EmergencyAccess (aws_iam_user.bg) has no administrator access", "attach AdministratorAccess to its group"],
    ]);
  });

  it("names members a group lists but the input does not define, account-wide", () => {
    const json = procedure({ aws_iam_group_membership: { more: { name: "m3", group: "${aws_iam_group.bg.name}", users: ["Bob", "Carol"] } } });
    expectFindings(check(json), [
      ["exclusive-resources", "aws_iam_group_membership.more", "aws_iam_group_membership.more and aws_iam_group_membership.bg both manage the members of group EmergencyAccessGroup exclusively"],
      ["one-admin-user", "", "IAM user Bob is an administrator through AdministratorAccess (aws_iam_group_policy_attachment.bg_admin)", "remove aws_iam_group_policy_attachment.bg_admin"],
      ["one-admin-user", "", "IAM user Carol is an administrator"],
      ["admin-group-one-member", "aws_iam_group.bg", "group EmergencyAccessGroup grants administrator and has 3 members (EmergencyAccess, Bob, Carol)"],
    ]);
  });
});

describe("admin-group-one-member", () => {
  it("counts members only of groups that grant administrator", () => {
    const json = procedure({
      aws_iam_user: { m: { name: "Mallory" } },
      aws_iam_group: { ops: { name: "Ops" } },
      aws_iam_group_membership: { ops: { name: "ops", group: "${aws_iam_group.ops.name}", users: ["${aws_iam_user.bg.name}", "${aws_iam_user.m.name}"] } },
    });
    expectFindings(check(json), []);
  });
});

describe("break-glass-login-profile", () => {
  it("takes a missing password_reset_required as the provider's default, a reset", () => {
    expectFindings(check(procedure({ aws_iam_user_login_profile: { bg: { user: "${aws_iam_user.bg.name}" } } })), [
      ["break-glass-login-profile", "aws_iam_user_login_profile.bg", "aws_iam_user_login_profile.bg makes EmergencyAccess create a new password at first sign-in: set password_reset_required = false"],
    ]);
  });

  it("passes an explicit false, and flags an explicit true", () => {
    expectFindings(check(procedure({ aws_iam_user_login_profile: { bg: { user: "${aws_iam_user.bg.name}", password_reset_required: false } } })), []);
    expectFindings(check(procedure({ aws_iam_user_login_profile: { bg: { user: "${aws_iam_user.bg.name}", password_reset_required: true } } })), [
      ["break-glass-login-profile", "aws_iam_user_login_profile.bg", "create a new password"],
    ]);
  });
});

describe("unique-user-names", () => {
  it("flags every later name equal to an earlier one ignoring case, naming the first; names not known before apply are not compared", () => {
    const json = procedure({ aws_iam_user: { a: { name: "Alice" }, b: { name: "alice" }, c: { name: "ALICE" }, d: { name: "${var.x}" }, e: { name: "${var.x}" } } });
    expectFindings(check(json), [
      ["unique-user-names", "aws_iam_user.b", "IAM user alice (aws_iam_user.b) has the same name, ignoring case, as main/aws_iam_user.a in the default credentials' account: rename one of them."],
      ["unique-user-names", "aws_iam_user.c", "IAM user ALICE (aws_iam_user.c) has the same name, ignoring case, as main/aws_iam_user.a"],
    ]);
  });
});

describe("break-glass-can-act", () => {
  it("flags a permissions boundary that caps the break-glass user, not one that allows everything", () => {
    expectFindings(check(procedure({ aws_iam_user: { bg: { name: "EmergencyAccess", permissions_boundary: "arn:aws:iam::aws:policy/ReadOnlyAccess" } } })), [
      [
        "break-glass-can-act",
        "aws_iam_user.bg",
        "the permissions boundary ReadOnlyAccess (aws_iam_user.bg) of the break-glass IAM user EmergencyAccess (aws_iam_user.bg) does not allow every action on every resource",
        "remove the boundary (change aws_iam_user.bg)",
      ],
    ]);
    expectFindings(check(procedure({ aws_iam_user: { bg: { name: "EmergencyAccess", permissions_boundary: ADMIN } } })), []);
  });
});

describe("break-glass-no-access-keys", () => {
  it("flags each key, by reference or by literal name", () => {
    expectFindings(check(procedure({ aws_iam_access_key: { k1: { user: "${aws_iam_user.bg.name}" }, k2: { user: "EmergencyAccess" } } })), [
      ["break-glass-no-access-keys", "aws_iam_access_key.k1", "aws_iam_access_key.k1 gives IAM user EmergencyAccess (aws_iam_user.bg) an access key: remove aws_iam_access_key.k1"],
      ["break-glass-no-access-keys", "aws_iam_access_key.k2", "remove aws_iam_access_key.k2"],
    ]);
  });

  it("flags its other standing credentials: a signing certificate, a service-specific credential, an SSH public key", () => {
    const user = "${aws_iam_user.bg.name}";
    const others = {
      aws_iam_signing_certificate: { cert: { user_name: user, certificate_body: "-----BEGIN CERTIFICATE-----" } },
      aws_iam_service_specific_credential: { git: { user_name: user, service_name: "codecommit.amazonaws.com" } },
      aws_iam_user_ssh_key: { ssh: { username: "EmergencyAccess", encoding: "SSH", public_key: "ssh-rsa AAAA" } },
    };
    expectFindings(check(procedure(others)), [
      ["break-glass-no-access-keys", "aws_iam_signing_certificate.cert", "aws_iam_signing_certificate.cert gives IAM user EmergencyAccess (aws_iam_user.bg) a signing certificate: remove aws_iam_signing_certificate.cert"],
      ["break-glass-no-access-keys", "aws_iam_service_specific_credential.git", "gives IAM user EmergencyAccess (aws_iam_user.bg) a service-specific credential"],
      ["break-glass-no-access-keys", "aws_iam_user_ssh_key.ssh", "gives IAM user EmergencyAccess (aws_iam_user.bg) an SSH public key"],
    ]);
  });
});

describe("unresolved", () => {
  it("names the stack, address, attribute and expression, and what to run instead", () => {
    expectFindings(check(procedure({ aws_iam_user: { m: { name: "Mallory" } }, aws_iam_user_policy: { p: { user: "${aws_iam_user.m.name}", policy: "${var.d}" } } })), [
      [
        "unresolved",
        "aws_iam_user_policy.p",
        'main aws_iam_user_policy.p: policy = "${var.d}" cannot be read before apply (is a policy document that is not known before apply): run the check on `terraform show -json` output',
      ],
    ]);
  });
});
