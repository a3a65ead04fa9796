import { IamGroup } from "@cdktf/provider-aws/lib/iam-group";
import { IamGroupMembership } from "@cdktf/provider-aws/lib/iam-group-membership";
import { IamGroupPoliciesExclusive } from "@cdktf/provider-aws/lib/iam-group-policies-exclusive";
import { IamGroupPolicyAttachment } from "@cdktf/provider-aws/lib/iam-group-policy-attachment";
import { IamGroupPolicyAttachmentsExclusive } from "@cdktf/provider-aws/lib/iam-group-policy-attachments-exclusive";
import { IamUser } from "@cdktf/provider-aws/lib/iam-user";
import { IamUserLoginProfile } from "@cdktf/provider-aws/lib/iam-user-login-profile";
import { IamUserPoliciesExclusive } from "@cdktf/provider-aws/lib/iam-user-policies-exclusive";
import { IamUserPolicyAttachmentsExclusive } from "@cdktf/provider-aws/lib/iam-user-policy-attachments-exclusive";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { StringResource } from "@cdktf/provider-random/lib/string-resource";
import { TerraformStack, Testing } from "cdktf";
import { BreakGlassUser, BreakGlassUserProps, InvalidPropError } from "../modules";
import { onlyResource, resourcesOf, synthStack } from "./helpers/synth";

function synthUser(user: BreakGlassUserProps) {
  return synthStack({ user });
}

describe("BreakGlassUser with no props: AWS's procedure as written", () => {
  const { json, tf } = synthStack();

  it("creates exactly one user, login profile, group, attachment and membership, and owns the user's and group's policies", () => {
    for (const type of [
      "aws_iam_user",
      "aws_iam_user_login_profile",
      "aws_iam_group",
      "aws_iam_group_policy_attachment",
      "aws_iam_group_membership",
    ]) {
      expect(Object.keys(resourcesOf(tf, type))).toHaveLength(1);
    }
    expect(Object.keys(tf.resource ?? {}).sort()).toEqual([
      "aws_iam_group",
      "aws_iam_group_membership",
      "aws_iam_group_policies_exclusive",
      "aws_iam_group_policy_attachment",
      "aws_iam_group_policy_attachments_exclusive",
      "aws_iam_user",
      "aws_iam_user_login_profile",
      "aws_iam_user_policies_exclusive",
      "aws_iam_user_policy_attachments_exclusive",
      // The default stack's account pin (BreakGlassStack), not the construct.
      "terraform_data",
    ]);
  });

  it("names the user EmergencyAccess at path /", () => {
    expect(json).toHaveResourceWithProperties(IamUser, { name: "EmergencyAccess", path: "/" });
  });

  it("marks the user with the BreakGlass tag the policy checks and the audit recognize", () => {
    expect(onlyResource(tf, "aws_iam_user").config.tags).toEqual({ BreakGlass: "emergency-access" });
  });

  it("gives the user console access with a 32-character password that need not be reset", () => {
    const user = onlyResource(tf, "aws_iam_user").id;
    expect(json).toHaveResourceWithProperties(IamUserLoginProfile, {
      user: `\${aws_iam_user.${user}.name}`,
      password_length: 32,
      password_reset_required: false,
    });
    expect(onlyResource(tf, "aws_iam_user_login_profile").config.pgp_key).toBeUndefined();
  });

  it("creates the group EmergencyAccessGroup with AdministratorAccess in the stack's partition", () => {
    const group = onlyResource(tf, "aws_iam_group").id;
    const partition = Object.keys(tf.data?.aws_partition ?? {})[0];
    expect(json).toHaveResourceWithProperties(IamGroup, { name: "EmergencyAccessGroup", path: "/" });
    expect(json).toHaveResourceWithProperties(IamGroupPolicyAttachment, {
      group: `\${aws_iam_group.${group}.name}`,
      policy_arn: `arn:\${data.aws_partition.${partition}.partition}:iam::aws:policy/AdministratorAccess`,
    });
  });

  it("makes the user the group's only member with the exclusive aws_iam_group_membership", () => {
    const user = onlyResource(tf, "aws_iam_user").id;
    const group = onlyResource(tf, "aws_iam_group").id;
    expect(json).toHaveResourceWithProperties(IamGroupMembership, {
      name: "EmergencyAccessGroup-membership",
      group: `\${aws_iam_group.${group}.name}`,
      users: [`\${aws_iam_user.${user}.name}`],
    });
  });

  it("needs neither the random provider nor a rotation trigger", () => {
    expect(json).not.toHaveResource(StringResource);
    expect(json).not.toHaveProvider(RandomProvider);
    expect(Object.keys(resourcesOf(tf, "terraform_data")).filter((id) => id.includes("rotation"))).toEqual([]);
  });

  it("leaves a changed password length for the next rotation instead of replacing the password at once", () => {
    expect(onlyResource(tf, "aws_iam_user_login_profile").config.lifecycle).toEqual({ ignore_changes: ["password_length"] });
  });

  it("owns the group's attached and inline policies: AdministratorAccess and nothing else", () => {
    const group = onlyResource(tf, "aws_iam_group").id;
    const partition = Object.keys(tf.data?.aws_partition ?? {})[0];
    expect(json).toHaveResourceWithProperties(IamGroupPolicyAttachmentsExclusive, {
      group_name: `\${aws_iam_group.${group}.name}`,
      policy_arns: [`arn:\${data.aws_partition.${partition}.partition}:iam::aws:policy/AdministratorAccess`],
    });
    expect(json).toHaveResourceWithProperties(IamGroupPoliciesExclusive, { group_name: `\${aws_iam_group.${group}.name}`, policy_names: [] });
  });

  it("owns the user's attached and inline policies: none, since its rights come through the group", () => {
    const user = onlyResource(tf, "aws_iam_user").id;
    expect(json).toHaveResourceWithProperties(IamUserPolicyAttachmentsExclusive, { user_name: `\${aws_iam_user.${user}.name}`, policy_arns: [] });
    expect(json).toHaveResourceWithProperties(IamUserPoliciesExclusive, { user_name: `\${aws_iam_user.${user}.name}`, policy_names: [] });
  });
});

describe("BreakGlassUser props", () => {
  it("takes a user name, group name, path and tags", () => {
    const tags = { Purpose: "break-glass", Owner: "security" };
    const { json } = synthUser({ userName: "Root.Backup+1", groupName: "BreakGlassAdmins", path: "/emergency/", tags });
    expect(json).toHaveResourceWithProperties(IamUser, {
      name: "Root.Backup+1",
      path: "/emergency/",
      tags: { ...tags, BreakGlass: "emergency-access" },
    });
    expect(json).toHaveResourceWithProperties(IamGroup, { name: "BreakGlassAdmins", path: "/emergency/" });
    expect(json).toHaveResourceWithProperties(IamGroupMembership, { name: "BreakGlassAdmins-membership" });
  });

  it.each([14, 64, 128])("takes a password length of %i", (passwordLength) => {
    expect(synthUser({ passwordLength }).json).toHaveResourceWithProperties(IamUserLoginProfile, {
      password_length: passwordLength,
    });
  });

  it("accepts names at AWS's length limits", () => {
    const { json } = synthUser({ userName: "u".repeat(64), groupName: "g".repeat(128) });
    expect(json).toHaveResourceWithProperties(IamUser, { name: "u".repeat(64) });
    expect(json).toHaveResourceWithProperties(IamGroup, { name: "g".repeat(128) });
  });

  it("puts every resource and data source on the given provider", () => {
    const stack = new TerraformStack(Testing.app(), "aliased");
    const provider = new AwsProvider(stack, "security", { alias: "security", region: "eu-west-1" });
    new BreakGlassUser(stack, "emergency_access", { provider });
    const tf = JSON.parse(Testing.synth(stack));
    const blocks = [...Object.values(tf.resource), ...Object.values(tf.data)].flatMap((byId: any) => Object.values(byId));
    expect(blocks.length).toBeGreaterThanOrEqual(7);
    for (const block of blocks as any[]) expect(block.provider).toBe("aws.security");
  });
});

describe("BreakGlassUser validation", () => {
  const cases: [string, BreakGlassUserProps, RegExp][] = [
    ["an empty user name", { userName: "" }, /^userName: must be 1-64 characters of letters, digits and \+=,\.@_-$/],
    ["a 65-character user name", { userName: "u".repeat(65) }, /^userName: must be 1-64 /],
    ["a user name with a space", { userName: "Emergency Access" }, /^userName: /],
    ["a user name with a slash", { userName: "a/b" }, /^userName: /],
    ["an empty group name", { groupName: "" }, /^groupName: must be 1-128 characters/],
    ["a 129-character group name", { groupName: "g".repeat(129) }, /^groupName: must be 1-128 /],
    ["a group name with a colon", { groupName: "a:b" }, /^groupName: /],
    ["a path without slashes", { path: "emergency" }, /^path: must be "\/" or begin and end with "\/"/],
    ["a path without its closing slash", { path: "/emergency" }, /^path: /],
    ["a path with a space", { path: "/a b/" }, /^path: /],
    ["a 513-character path", { path: `/${"p".repeat(511)}/` }, /^path: must be at most 512 characters$/],
    ["a password length of 13", { passwordLength: 13 }, /^passwordLength: must be from 14 to 128$/],
    ["a password length of 129", { passwordLength: 129 }, /^passwordLength: must be from 14 to 128$/],
    ["a fractional password length", { passwordLength: 32.5 }, /^passwordLength: must be a whole number$/],
    ["50 tags", { tags: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, "v"])) }, /^tags: must hold at most 49 tags \(IAM allows 50; one is the BreakGlass marker\)$/],
    ["the reserved tag key", { tags: { breakglass: "no" } }, /^tags: must not use the reserved key BreakGlass$/],
    ["a 129-character tag key", { tags: { ["k".repeat(129)]: "v" } }, /^tags: keys must be 1-128 characters$/],
    ["a 257-character tag value", { tags: { k: "v".repeat(257) } }, /^tags: values must be at most 256 characters$/],
    ["an empty rotation token", { passwordRotationToken: "" }, /^passwordRotationToken: must not be empty$/],
    ["a 58-character user name with a random suffix", { userName: "u".repeat(58), randomSuffix: true }, /^userName: must be 1-57 characters .* when randomSuffix is on$/],
  ];

  it.each(cases)("rejects %s, naming the prop and the rule in one line", (_, props, message) => {
    let error: unknown;
    try {
      synthUser(props);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidPropError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain("\n");
  });
});

describe("BreakGlassUser randomSuffix", () => {
  const { json, tf } = synthUser({ randomSuffix: true });

  it("appends six random lowercase letters and digits kept in state", () => {
    const suffix = onlyResource(tf, "random_string");
    expect(suffix.config).toMatchObject({ length: 6, upper: false, special: false });
    expect(suffix.config.keepers).toBeUndefined();
    expect(json).toHaveResourceWithProperties(IamUser, { name: `EmergencyAccess-\${random_string.${suffix.id}.result}` });
    expect(json).toHaveProvider(RandomProvider);
  });

  it("accepts a 57-character name, which the suffix brings to 64", () => {
    expect(synthUser({ userName: "u".repeat(57), randomSuffix: true }).json).toHaveResource(StringResource);
  });

  it("shares one random provider between break-glass users in one stack", () => {
    const stack = new TerraformStack(Testing.app(), "two");
    new AwsProvider(stack, "aws", {});
    new BreakGlassUser(stack, "a", { randomSuffix: true, userName: "A", groupName: "GA" });
    new BreakGlassUser(stack, "b", { randomSuffix: true, userName: "B", groupName: "GB" });
    const tf = JSON.parse(Testing.synth(stack));
    expect(tf.provider.random).toHaveLength(1);
    expect(Object.keys(tf.resource.random_string)).toHaveLength(2);
  });
});

describe("BreakGlassUser passwordRotationToken", () => {
  it("replaces the login profile whenever the token held by terraform_data changes", () => {
    const { json, tf } = synthStack({ accountId: "111111111111", user: { passwordRotationToken: "2026-Q4" } });
    const rotation = onlyResource(tf, "terraform_data");
    expect(rotation.config.input).toEqual({ token: "2026-Q4" });
    expect(json).toHaveResourceWithProperties(IamUserLoginProfile, {
      // A bare address, as Terraform requires in replace_triggered_by.
      lifecycle: { replace_triggered_by: [`terraform_data.${rotation.id}`], ignore_changes: ["password_length"] },
    });
    expect(json).not.toHaveProvider(RandomProvider);
  });
});

describe("BreakGlassUser literal strings", () => {
  // Terraform reads string arguments as templates; config and props are data.
  const { tf } = synthStack({
    accountId: "111111111111",
    user: { tags: { Host: '${file("/etc/hostname")}', "%{ if true }k%{ endif }": "v", Price: "$5", Escaped: "$${x}" },
    path: "/${path.cwd}/",
    passwordRotationToken: "${uuid()}" },
  });

  it("escapes ${ and %{ in tags, path and the rotation token", () => {
    const user = onlyResource(tf, "aws_iam_user").config;
    expect(user.tags).toEqual({
      Host: '$${file("/etc/hostname")}',
      "%%{ if true }k%%{ endif }": "v",
      Price: "$5",
      Escaped: "$$${x}",
      BreakGlass: "emergency-access",
    });
    expect(user.path).toBe("/$${path.cwd}/");
    expect(onlyResource(tf, "aws_iam_group").config.path).toBe("/$${path.cwd}/");
    expect(onlyResource(tf, "terraform_data").config.input).toEqual({ token: "$${uuid()}" });
  });

  it("keeps cdktf tokens, such as a reference made in code, as expressions", () => {
    const stack = new TerraformStack(Testing.app(), "tokens");
    new AwsProvider(stack, "aws", {});
    const other = new IamUser(stack, "other", { name: "Other" });
    new BreakGlassUser(stack, "emergency_access", { tags: { Peer: other.name, Mixed: `cost $${other.name} ${"${x}"}` } });
    const tags = Object.values<any>(JSON.parse(Testing.synth(stack)).resource.aws_iam_user).find((u) => u.name === "EmergencyAccess").tags;
    expect(tags.Peer).toBe("${aws_iam_user.other.name}");
    // A "$" just before a reference must not turn it into the escape "$${".
    expect(tags.Mixed).toBe('cost ${"$"}${aws_iam_user.other.name} $${x}');
  });
});
