import { CASES, PolicyCase } from "../fixtures/cases";
import { evaluate, Result } from "../../policies/evaluate";
import { loadDocuments } from "../../policies/load";
import { casePlanFiles, synthesizeCase } from "../helpers/cases";

// Where every finding of every policy case points, and the names its message
// must carry: the user or resource at fault, the policy that grants, and the fix.
// Denies and warnings alike; a suppressed finding is still reported, marked.

interface Expected {
  readonly rule: string;
  readonly stack?: string;
  readonly address: string;
  readonly mentions: string[];
  readonly suppressed?: string;
}

const BG = "aws_iam_user.emergency_access_user_AB1286E4";
const GROUP = "aws_iam_group.emergency_access_group_EEDBCF4E";
const GROUP_ADMIN = "aws_iam_group_policy_attachment.emergency_access_administrator_access_42EA1C56";
const MALLORY = "aws_iam_user.mallory";

/** The break-glass-mfa warning on a break-glass user. */
const mfa = (address = BG, stack = "main", name = "EmergencyAccess"): Expected => ({
  rule: "break-glass-mfa",
  stack,
  address,
  mentions: [`IAM user ${name} (${address})`, "without MFA", "aws:MultiFactorAuthPresent"],
});

/** one-admin-user on a second administrator, naming the user, the grant and what to remove. */
const secondAdmin = (user: string, name: string, policy: string, via: string): Expected => ({
  rule: "one-admin-user",
  address: user,
  mentions: [`IAM user ${name} (${user})`, `is an administrator through ${policy} (${via})`, `: remove ${via}.`],
});

const MEMBERSHIP = "aws_iam_group_membership.emergency_access_membership_723F9DD9";
const GROUP_EXCLUSIVE = "aws_iam_group_policy_attachments_exclusive.emergency_access_group_attachments_1A526D39";

/** exclusive-resources on aws_iam_policy_attachment.admins, which revokes AdministratorAccess from the break-glass group. */
const revokesAdministratorAccess: Expected = {
  rule: "exclusive-resources",
  address: "aws_iam_policy_attachment.admins",
  mentions: ["the attachments of policy AdministratorAccess across the account exclusively", "leaves out group EmergencyAccessGroup", `which ${GROUP_ADMIN} and ${GROUP_EXCLUSIVE} add`],
};

const EXPECTED: Record<string, Expected[]> = {
  default: [mfa()],
  precision: [mfa()],
  "random-suffix": [
    mfa(BG, "main", "EmergencyAccess-${random_string.emergency_access_user_name_suffix_24BE5048.result}"),
  ],
  "mfa-enforced": [],
  "multi-stack-accounts": [mfa(BG, "break-glass-dev"), mfa(BG, "break-glass-prod")],
  "aliased-accounts": [
    mfa("aws_iam_user.emergency_access_111111111111_user_9D5DB1BF"),
    mfa("aws_iam_user.emergency_access_222222222222_user_55F9F0C2"),
  ],
  suppressed: [
    {
      ...secondAdmin(MALLORY, "Mallory", "AdministratorAccess", "aws_iam_user_policy_attachment.mallory_admin"),
      suppressed: "migration user, removed in the next release",
    },
    mfa(),
  ],
  "user-policy-attachment": [
    secondAdmin(MALLORY, "Mallory", "AdministratorAccess", "aws_iam_user_policy_attachment.mallory_admin"),
    mfa(),
  ],
  "other-partitions": [
    secondAdmin("aws_iam_user.user_aws_cn", "User-aws-cn", "AdministratorAccess", "aws_iam_user_policy_attachment.admin_aws_cn"),
    secondAdmin("aws_iam_user.user_aws_us_gov", "User-aws-us-gov", "AdministratorAccess", "aws_iam_user_policy_attachment.admin_aws_us_gov"),
    mfa(),
  ],
  "exclusive-policy-attachment-users": [
    secondAdmin(MALLORY, "Mallory", "AdministratorAccess", "aws_iam_policy_attachment.admins"),
    revokesAdministratorAccess,
    mfa(),
  ],
  "exclusive-policy-attachment-groups": [
    secondAdmin(MALLORY, "Mallory", "AdministratorAccess", "aws_iam_policy_attachment.admins"),
    revokesAdministratorAccess,
    mfa(),
  ],
  "user-exclusive-attachments": [
    secondAdmin(MALLORY, "Mallory", "AdministratorAccess", "aws_iam_user_policy_attachments_exclusive.mallory_policies"),
    mfa(),
  ],
  "inline-user-policy": [secondAdmin(MALLORY, "Mallory", "inline policy star", "aws_iam_user_policy.mallory_star"), mfa()],
  "break-glass-group-user-membership": [
    secondAdmin(MALLORY, "Mallory", "AdministratorAccess", GROUP_ADMIN),
    {
      rule: "exclusive-resources",
      address: MEMBERSHIP,
      mentions: ["the members of group EmergencyAccessGroup exclusively", "leaves out user Mallory, which aws_iam_user_group_membership.mallory_in_emergency_group adds"],
    },
    {
      rule: "admin-group-one-member",
      address: GROUP,
      mentions: ["group EmergencyAccessGroup", "2 members (EmergencyAccess, Mallory)", "keep only the break-glass user"],
    },
    mfa(),
  ],
  "break-glass-group-membership": [
    secondAdmin(MALLORY, "Mallory", "AdministratorAccess", GROUP_ADMIN),
    {
      rule: "exclusive-resources",
      address: "aws_iam_group_membership.more_members",
      mentions: [`aws_iam_group_membership.more_members and ${MEMBERSHIP} both manage the members of group EmergencyAccessGroup exclusively`, "keep one"],
    },
    {
      rule: "admin-group-one-member",
      address: GROUP,
      mentions: ["group EmergencyAccessGroup", "2 members (EmergencyAccess, Mallory)", "keep only the break-glass user"],
    },
    mfa(),
  ],
  "custom-policy-on-group": [secondAdmin(MALLORY, "Mallory", "Everything", "aws_iam_group_policy_attachment.ops_everything"), mfa()],
  "inline-group-policy": [secondAdmin(MALLORY, "Mallory", "inline policy star", "aws_iam_group_policy.ops_star"), mfa()],
  "data-source-administrator-access": [
    secondAdmin(MALLORY, "Mallory", "AdministratorAccess", "aws_iam_user_policy_attachment.mallory_admin"),
    mfa(),
  ],
  "two-stacks-one-account": [
    {
      rule: "one-admin-user",
      stack: "second",
      address: BG,
      mentions: [`IAM user EmergencyAccess (${BG})`, "second break-glass administrator", "the default credentials' account", "keep exactly one"],
    },
    {
      rule: "unique-user-names",
      stack: "second",
      address: BG,
      mentions: [`IAM user EmergencyAccess (${BG})`, `as first/${BG}`, "the default credentials' account", "rename one of them"],
    },
    mfa(BG, "first"),
    mfa(BG, "second"),
  ],
  "no-administrator": [
    {
      rule: "one-admin-user",
      address: "",
      mentions: ["the default credentials' account has no break-glass administrator", "add the BreakGlassUser construct"],
    },
  ],
  "no-login-profile": [
    {
      rule: "break-glass-login-profile",
      address: "aws_iam_user.emergency_access",
      mentions: ["IAM user EmergencyAccess (aws_iam_user.emergency_access) has no console access", "add an aws_iam_user_login_profile for it"],
    },
    mfa("aws_iam_user.emergency_access"),
  ],
  "password-reset-required": [
    {
      rule: "break-glass-login-profile",
      address: "aws_iam_user_login_profile.emergency_access_login_profile_C1F0CCA2",
      mentions: [
        "aws_iam_user_login_profile.emergency_access_login_profile_C1F0CCA2 makes EmergencyAccess create a new password",
        "set password_reset_required = false",
      ],
    },
    mfa(),
  ],
  "access-key": [
    {
      rule: "break-glass-no-access-keys",
      address: "aws_iam_access_key.key",
      mentions: [`aws_iam_access_key.key gives IAM user EmergencyAccess (${BG}) an access key`, "remove aws_iam_access_key.key"],
    },
    mfa(),
  ],
  "policy-on-break-glass-user": [
    {
      rule: "exclusive-resources",
      address: "aws_iam_user_policy_attachments_exclusive.emergency_access_user_attachments_8FE60C14",
      mentions: ["the managed policies of user EmergencyAccess exclusively", "leaves out policy ReadOnlyAccess, which aws_iam_user_policy_attachment.read_only adds"],
    },
    {
      rule: "break-glass-admin-through-group",
      address: "aws_iam_user_policy_attachment.read_only",
      mentions: [
        `aws_iam_user_policy_attachment.read_only puts ReadOnlyAccess on IAM user EmergencyAccess (${BG}) itself`,
        "remove aws_iam_user_policy_attachment.read_only and grant access through the break-glass group",
      ],
    },
    mfa(),
  ],
  "duplicate-user-names": [
    {
      rule: "unique-user-names",
      address: "aws_iam_user.alice_lower",
      mentions: ["IAM user alice (aws_iam_user.alice_lower)", "as main/aws_iam_user.alice", "rename one of them"],
    },
    mfa(),
  ],
  "password-output-not-sensitive": [
    {
      rule: "sensitive-password-output",
      address: "output.leaked_password",
      mentions: ["output leaked_password carries the console password", "set sensitive = true"],
    },
    mfa(),
  ],
};

const key = (f: { rule: string; stack: string; address: string }) => `${f.rule} ${f.stack} ${f.address}`;

function expectFindings(result: Result, c: PolicyCase): void {
  const expected = EXPECTED[c.name].map((e) => ({ ...e, stack: e.stack ?? "main" }));
  // Exactly these findings, each once, at these places, suppressed or not.
  expect(result.violations.map((v) => ({ rule: v.rule, stack: v.stack, address: v.address, suppressed: v.suppressed?.reason })).sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
    expected.map((e) => ({ rule: e.rule, stack: e.stack, address: e.address, suppressed: e.suppressed })).sort((a, b) => key(a).localeCompare(key(b))),
  );
  for (const e of expected) {
    const found = result.violations.find((v) => key(v) === key(e))!;
    for (const m of e.mentions) expect(found.message).toContain(m);
    expect(found.severity).toBe(e.rule === "break-glass-mfa" ? "warn" : "deny");
  }
  expect(result.passed).toBe(!expected.some((e) => e.rule !== "break-glass-mfa" && !e.suppressed));
}

it("pins the findings of every policy case, and of no other", () => {
  expect(Object.keys(EXPECTED).sort()).toEqual(CASES.map((c) => c.name).sort());
});

describe.each(CASES.map((c) => [c.name, c] as const))("policy case %s", (_, c) => {
  it("reports exactly the expected findings on synthesized JSON", () => {
    expectFindings(evaluate(synthesizeCase(c), { suppressions: c.suppressions }), c);
  });

  const files = casePlanFiles(c);
  if (files.length > 0) {
    it("reports the same findings on the plan JSON real Terraform made from it", () => {
      expectFindings(evaluate(loadDocuments(files), { suppressions: c.suppressions }), c);
    });
  }
});
