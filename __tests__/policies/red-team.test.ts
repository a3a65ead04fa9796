import * as fs from "node:fs";
import * as path from "node:path";
import { evaluate } from "../../policies/evaluate";
import { loadDocuments } from "../../policies/load";

// Inputs a review built to fool the checks (see the fixtures' README): each
// is a deny, pinned by rule, stack, address and the words its message must
// carry; the controls beside them pass.

const DIR = path.resolve(__dirname, "../fixtures/red-team");

/** The paths the policy CLI would be given for a case: its plan, the folder itself (its sub-folders its modules), or its stack folders. */
function inputs(name: string): string[] {
  const dir = path.join(DIR, name);
  if (fs.existsSync(path.join(dir, "show.json"))) return [path.join(dir, "show.json")];
  if (fs.readdirSync(dir).some((f) => f.endsWith(".tf.json"))) return [dir];
  const stacks = fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory());
  return stacks.length > 0 ? stacks.map((e) => path.join(dir, e.name)).sort() : [dir];
}

type Expected = [rule: string, stack: string, address: string, ...mentions: string[]];

const CASES: Record<string, Expected[]> = {
  "bg-second-tagged-loose-admin": [["one-admin-user", "bg-second-tagged-loose-admin", "aws_iam_user.b2", "IAM user Helper (aws_iam_user.b2) is a second break-glass administrator"]],
  "bg-second-tagged-escalates": [["can-become-administrator", "bg-second-tagged-escalates", "aws_iam_user.b2", "IAM user Helper (aws_iam_user.b2) can make itself administrator: iam:AddUserToGroup on group EmergencyAccessGroup"]],
  "acct-alias": [["one-admin-user", "acct-alias", "aws_iam_user.bg2", "on a provider allowed in 111122223333 or 444455556666, which may be account 111122223333", "IAM user EmergencyAccess (aws_iam_user.bg) is one"]],
  "acct-multi": [["one-admin-user", "b", "aws_iam_user.bg", "on a provider allowed in 111122223333 or 444455556666, which may be account 111122223333"]],
  "acct-default-vs-multi": [
    ["one-admin-user", "a", "aws_iam_user.bg", "on the default credentials, which may reach account 111122223333 or 444455556666"],
    ["one-admin-user", "b", "aws_iam_user.bg", "on a provider allowed in 111122223333 or 444455556666, which may be the default credentials' account"],
  ],
  "esc-delete-deny": [["can-become-administrator", "esc-delete-deny", "aws_iam_user.m", "iam:DeleteUserPolicy on inline policy deny, which denies, on itself"]],
  "esc-detach-deny": [["can-become-administrator", "esc-detach-deny", "aws_iam_user.m", "iam:DetachUserPolicy on deny, which denies, on itself"]],
  "esc-leave-group": [["can-become-administrator", "esc-leave-group", "aws_iam_user.m", "iam:RemoveUserFromGroup on group Restricted, whose policies deny"]],
  "esc-role-delete-deny": [["can-become-administrator", "esc-role-delete-deny", "aws_iam_user.m", "iam:DeleteRolePolicy on inline policy d, which denies, on role R, which it can assume"]],
  "esc-role-policy-version": [["can-become-administrator", "esc-role-policy-version", "aws_iam_user.m", "iam:CreatePolicyVersion on policy rp of role R, which it can assume"]],
  "esc-role-boundary": [["can-become-administrator", "esc-role-boundary", "aws_iam_user.m", "iam:DeleteRolePermissionsBoundary on the boundary of role R, which it can assume"]],
  "esc2-key-then-version": [["can-become-administrator", "esc2-key-then-version", "aws_iam_user.m", "iam:CreatePolicyVersion on policy bp of user Bob, after iam:CreateAccessKey on user Bob"]],
  "esc2-join-then-version": [["can-become-administrator", "esc2-join-then-version", "aws_iam_user.m", "iam:CreatePolicyVersion on policy gp of group G, after iam:AddUserToGroup to join it"]],
  "esc2-trust-then-version": [["can-become-administrator", "esc2-trust-then-version", "aws_iam_user.m", "iam:CreatePolicyVersion on policy rp of role R, after iam:UpdateAssumeRolePolicy to let itself in"]],
  "out-sar": [["iam-outside-iam-resources", "out-sar", "aws_serverlessapplicationrepository_cloudformation_stack.x", "capabilities include CAPABILITY_IAM"]],
  "out-awscc-cfn": [["iam-outside-iam-resources", "out-awscc-cfn", "awscc_cloudformation_stack.x", "capabilities include CAPABILITY_NAMED_IAM"]],
  "out-cc-cfn": [["iam-outside-iam-resources", "out-cc-cfn", "aws_cloudcontrolapi_resource.x", "creates AWS::CloudFormation::Stack through the Cloud Control API"]],
  "out-cc-lower": [["iam-outside-iam-resources", "out-cc-lower", "aws_cloudcontrolapi_resource.x", "creates aws::iam::user through the Cloud Control API"]],
  "out-stackset-instance": [["iam-outside-iam-resources", "out-stackset-instance", "aws_cloudformation_stack_set_instance.x", "a stack set defined outside this configuration"]],
  "out-stack-instances": [["iam-outside-iam-resources", "out-stack-instances", "aws_cloudformation_stack_instances.x", "a stack set defined outside this configuration"]],
  "out-sc": [["iam-outside-iam-resources", "out-sc", "aws_servicecatalog_provisioned_product.x", "a Service Catalog product's CloudFormation template"]],
  "out-awscc-scpp": [["iam-outside-iam-resources", "out-awscc-scpp", "awscc_servicecatalog_cloud_formation_provisioned_product.x", "a Service Catalog product's CloudFormation template"]],
  "pw-len5-policy-nomin": [["break-glass-login-profile", "pw-len5-policy-nomin", "aws_iam_account_password_policy.p", "MinimumPasswordLength is 6, but passwordLength is 5"]],
  "pw-len-str": [["break-glass-login-profile", "pw-len-str", "aws_iam_account_password_policy.p", "MinimumPasswordLength is 40, but passwordLength is 32"]],
  "plan-role-inline-unknown": [["unresolved", "show", "aws_iam_role.r", 'inline_policy = "${aws_iam_user.m.arn (not known before apply)}" cannot be read before apply']],
  "plan-policydoc-deferred": [["unresolved", "show", "aws_iam_user_policy.p", 'policy = "${aws_iam_group.g.arn (not known before apply)}" cannot be read before apply']],
  "a1-two-denies": [["can-become-administrator", "a1-two-denies", "aws_iam_user.m", "iam:DeleteUserPolicy on inline policy deny, which denies, on itself", "iam:DeleteGroupPolicy on inline policy deny, which denies, on group Ops"]],
  "a1b-two-groups-deny": [["can-become-administrator", "a1b-two-groups-deny", "aws_iam_user.m", "iam:RemoveUserFromGroup on group Guard1, whose policies deny", "iam:RemoveUserFromGroup on group Guard2"]],
  "a4-delete-deny-then-put": [["can-become-administrator", "a4-delete-deny-then-put", "aws_iam_user.m", "iam:PutUserPolicy on itself, after iam:DeleteUserPolicy to drop what denies it"]],
  "a4b-leave-group-then-put": [["can-become-administrator", "a4b-leave-group-then-put", "aws_iam_user.m", "iam:PutUserPolicy on itself, after iam:RemoveUserFromGroup to drop what denies it"]],
  "a5-boundary-version-then-put": [["can-become-administrator", "a5-boundary-version-then-put", "aws_iam_user.m", "iam:PutUserPolicy on itself, after rewriting its permissions boundary"]],
  "a2-data-user-arn": [["can-become-administrator", "a2-data-user-arn", "aws_iam_user.m", "iam:PutUserPolicy on itself"]],
  "a2b-data-group-arn": [["can-become-administrator", "a2b-data-group-arn", "aws_iam_user.m", "iam:AddUserToGroup on group EmergencyAccessGroup, which grants administrator"]],
  "a2c-data-role-arn": [["can-become-administrator", "a2c-data-role-arn", "aws_iam_user.m", "iam:UpdateAssumeRolePolicy on role Admin, an administrator role"]],
  "b1-mfa-age-1s": [["one-admin-user", "b1-mfa-age-1s", "aws_iam_user.bg", "IAM user EmergencyAccess (aws_iam_user.bg) has no administrator access"]],
  // "0x384" is 900 to JavaScript's Number(); IAM's numeric operators are documented for decimal numbers.
  "mfa-age-hex": [["one-admin-user", "mfa-age-hex", "aws_iam_user.bg", "IAM user EmergencyAccess (aws_iam_user.bg) has no administrator access"]],
  "tA_role_deny_removal": [["can-become-administrator", "tA_role_deny_removal", "aws_iam_user.u", "after role iam-operator drops what denies it, as role iam-operator"]],
  "tC_role_boundary": [["can-become-administrator", "tC_role_boundary", "aws_iam_user.u", "after role bounded rewrites its permissions boundary, as role bounded"]],
  "tB_session_principal": [["can-become-administrator", "tB_session_principal", "aws_iam_user.u", "sts:AssumeRole on role admin, which trusts it by name, as role ci"]],
  "tD3_caller": [["can-become-administrator", "tD3_caller", "aws_iam_user.m", "iam:CreateAccessKey on the break-glass user EmergencyAccess"]],
  // "//" is a comment in a block body only: in a local's object it is a key, and for_each makes an instance of it.
  "expr-comment-key": [["one-admin-user", "expr-comment-key", 'aws_iam_user.u["//"]', 'IAM user Mallory (aws_iam_user.u["//"]) is an administrator through AdministratorAccess']],
  // Terraform merges override files over the module's blocks (here a local naming AdministratorAccess); the checks do not merge them.
  "module-override": [["unresolved", "module-override", "module.m", "the folder mod was not read", "override files"]],
  // A path_prefix that leaves out the AWS managed policy's path finds a customer policy of that name, whose document is the account's.
  "data-policy-path-prefix": [["unresolved", "data-policy-path-prefix", "aws_iam_user_policy_attachment.mallory", 'policy_arn = "${data.aws_iam_policy.ro.arn}" cannot be read before apply']],
  // The plan holds the policy as IAM gets it: "user/$${aws:username}" is a user named "$" and the name, so the Deny guards nothing.
  "plan-dollar-escape": [["can-become-administrator", "show", "aws_iam_user.mallory", "iam:AttachUserPolicy on itself"]],
  // The provider's merge raises a document's Version to its sources' (2012-10-17), under which IAM fills in ${aws:username}.
  "policydoc-merged-version": [["can-become-administrator", "policydoc-merged-version", "aws_iam_user.mallory", "iam:AttachUserPolicy on itself"]],
  // A Version from a variable decides whether ${aws:username} is a variable or text: not known, it fails closed.
  "policydoc-version-unknown": [["unresolved", "policydoc-version-unknown", "aws_iam_user_policy.mallory", "has a Version not known before apply"]],
  "policy-version-unknown": [["unresolved", "policy-version-unknown", "aws_iam_user_policy.mallory", "has a Version not known before apply"]],
  // Go's functions, not JavaScript's: each expression gives Allow "*" (or one instance) in Terraform; the checks compute the same or fail closed.
  "expr-replace-empty": [["one-admin-user", "expr-replace-empty", "aws_iam_user.mallory", "is an administrator through inline policy p"]],
  "expr-trimspace-nel": [["one-admin-user", "expr-trimspace-nel", "aws_iam_user.mallory", "is an administrator through inline policy p"]],
  "expr-format-precision": [["unresolved", "expr-format-precision", "aws_iam_user_policy.mallory", 'Action = format(\\"%.1s\\", \\"*nothing\\")', "cannot be read before apply"]],
  "expr-strip-markers": [["one-admin-user", "expr-strip-markers", "aws_iam_user.mallory", "is an administrator through inline policy p"]],
  "expr-try-format-d": [["one-admin-user", "expr-try-format-d", "aws_iam_user.mallory", "is an administrator through inline policy p"]],
  "expr-big-integer": [
    ["unresolved", "expr-big-integer", "aws_iam_user_policy_attachment.mallory[*]", "count could not be evaluated: the number 9007199254740993 is beyond what the checks compute exactly"],
    ["one-admin-user", "expr-big-integer", "aws_iam_user.mallory", "is an administrator through AdministratorAccess (aws_iam_user_policy_attachment.mallory[*])"],
  ],
  "expr-graphemes": [
    ["unresolved", "expr-graphemes", "aws_iam_user_policy_attachment.mallory[*]", "count could not be evaluated: length() of text beyond ASCII"],
    ["one-admin-user", "expr-graphemes", "aws_iam_user.mallory", "is an administrator through AdministratorAccess (aws_iam_user_policy_attachment.mallory[*])"],
  ],
  "expr-tonumber-hex": [["one-admin-user", "expr-tonumber-hex", "aws_iam_user.mallory", "is an administrator through AdministratorAccess (aws_iam_user_policy_attachment.mallory[0])"]],
  // Terraform iterates a map in key order: the first value of {b = ReadOnlyAccess, a = AdministratorAccess} is AdministratorAccess.
  "expr-map-order": [["one-admin-user", "expr-map-order", "aws_iam_user.mallory", "is an administrator through AdministratorAccess (aws_iam_user_policy_attachment.m)"]],
  // Plan JSON lists the login profile alone for lookup(p, "password") and values(p)[3], and terraform_data hands on its input: each output printed the password.
  "plan-password-whole": [
    ["sensitive-password-output", "show", "output.leak2", "output leak2 carries the console password"],
    ["sensitive-password-output", "show", "output.leak3", "output leak3 carries the console password"],
    ["sensitive-password-output", "show", "output.leak4", "output leak4 carries the console password"],
  ],
  // A third review: HCL evaluates both sides of && (an error try() catches), cty holds text in NFC, JSON object keys
  // are templates, tomap, lookup and compact convert to one type, zipmap and contains refuse what Terraform refuses.
  "expr-and-both-sides": [["one-admin-user", "expr-and-both-sides", "aws_iam_user.mallory", "is an administrator through AdministratorAccess (aws_iam_user_policy_attachment.mallory_admin[0])"]],
  "expr-nfc": [["one-admin-user", "expr-nfc", "aws_iam_user.mallory", "is an administrator through AdministratorAccess (aws_iam_user_policy_attachment.mallory_admin[0])"]],
  "expr-object-key-template": [["one-admin-user", "expr-object-key-template", "aws_iam_user.mallory", "is an administrator through AdministratorAccess (aws_iam_user_policy_attachment.mallory_admin)"]],
  "expr-tomap-types": [["one-admin-user", "expr-tomap-types", "aws_iam_user.mallory", "is an administrator through AdministratorAccess (aws_iam_user_policy_attachment.mallory_admin[0])"]],
  "expr-lookup-default-type": [["one-admin-user", "expr-lookup-default-type", "aws_iam_user.mallory", "is an administrator through AdministratorAccess (aws_iam_user_policy_attachment.mallory_admin[0])"]],
  "expr-zipmap-lengths": [["one-admin-user", "expr-zipmap-lengths", "aws_iam_user.mallory", "is an administrator through AdministratorAccess (aws_iam_user_policy_attachment.mallory_admin[0])"]],
  "expr-compact-strings": [["one-admin-user", "expr-compact-strings", "aws_iam_user.mallory", "is an administrator through AdministratorAccess (aws_iam_user_policy_attachment.mallory_admin[0])"]],
  "expr-contains-null": [["one-admin-user", "expr-contains-null", "aws_iam_user.mallory", "is an administrator through AdministratorAccess (aws_iam_user_policy_attachment.mallory_admin[0])"]],
  // The password through a policy document's json, a resource's tags_all, and an instance key with a dot in it.
  "pw-policy-document-json": [["sensitive-password-output", "pw-policy-document-json", "output.leak", "output leak carries the console password"]],
  "pw-tags-all": [["sensitive-password-output", "pw-tags-all", "output.leak", "output leak carries the console password"]],
  "pw-instance-key-dot": [["sensitive-password-output", "pw-instance-key-dot", "output.leak", "output leak carries the console password"]],
  // Controls: the same shapes, harmless; and what a platform team keeps beside the break-glass user.
  "t01_oidc": [],
  "t02_devs": [],
  "t04_misc": [],
  "f1-reset-string-false": [],
  "pw-len-str-ok": [],
  "ctl-user-boundary": [],
  // A role's policy on a bucket's objects, "${aws_s3_bucket.b.arn}/*": that bucket's objects only, readable before apply.
  "ctl-policydoc-bucket-synth": [],
  "ctl-role-attach": [["can-become-administrator", "ctl-role-attach", "aws_iam_user.m", "iam:AttachRolePolicy on role R, which it can assume"]],
};

it("has an expectation for every red-team input, and an input for every expectation", () => {
  const folders = fs.readdirSync(DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  expect(folders.sort()).toEqual(Object.keys(CASES).sort());
});

describe.each(Object.entries(CASES))("red-team input %s", (name, expected) => {
  const result = evaluate(loadDocuments(inputs(name)));
  const denies = result.violations.filter((v) => v.severity === "deny");

  it(expected.length > 0 ? "is denied where it is at fault" : "passes", () => {
    expect(denies.map((v) => [v.rule, v.stack, v.address])).toEqual(expected.map(([rule, stack, address]) => [rule, stack, address]));
    expect(result.passed).toBe(expected.length === 0);
  });

  if (expected.length > 0) {
    it.each(expected.map((e, i) => [i, e] as const))("finding %i names what it must", (i, [, , , ...mentions]) => {
      for (const m of mentions) expect(denies[i].message).toContain(m);
    });
  }
});
