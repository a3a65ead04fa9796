import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreateLoginProfileCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from "@aws-sdk/client-iam";
import type { AccountSnapshot } from "../../policies/iam";
import { ACCOUNT, IamSetup, Place } from "../fixtures/iam-setups";

// One IAM setup, built as each input kind the checks read.

const tf = (name: string) => name.toLowerCase().replace(/[^a-z0-9_]/g, "_");
const shortName = (arn: string) => arn.split("/").pop()!;
const customerArn = (name: string) => `arn:aws:iam::${ACCOUNT}:policy/${name}`;
const arnOf = (ref: string) => (ref.startsWith("policy:") ? customerArn(ref.slice(7)) : ref);
/** Terraform reads `${` in a string as an interpolation: a literal one (an IAM policy variable) is written `$${`. */
const literal = (document: unknown) => JSON.stringify(document).replace(/\$\{/g, () => "$${");

/** Where a finding points, in Terraform addresses. */
export function terraformAddress(place: Place): string {
  switch (place.kind) {
    case "user":
    case "user-boundary":
      return `aws_iam_user.${tf(place.user)}`;
    case "user-inline":
      return `aws_iam_user_policy.${tf(place.user)}_${tf(place.policy)}`;
    case "user-attached":
      return `aws_iam_user_policy_attachment.${tf(place.user)}_${tf(place.policy)}`;
    case "group-inline":
      return `aws_iam_group_policy.${tf(place.group)}_${tf(place.policy)}`;
    case "group-attached":
      return `aws_iam_group_policy_attachment.${tf(place.group)}_${tf(place.policy)}`;
  }
}

/** Where a finding points on the live account: the entity's ARN and what was read of it. */
export function accountAddress(place: Place): string {
  const user = (name: string) => `arn:aws:iam::${ACCOUNT}:user/${name}`;
  const group = (name: string) => `arn:aws:iam::${ACCOUNT}:group/${name}`;
  switch (place.kind) {
    case "user":
      return user(place.user);
    case "user-boundary":
      return `${user(place.user)} permissions boundary`;
    case "user-inline":
      return `${user(place.user)} inline ${place.policy}`;
    case "user-attached":
      return `${user(place.user)} attached ${place.policy}`;
    case "group-inline":
      return `${group(place.group)} inline ${place.policy}`;
    case "group-attached":
      return `${group(place.group)} attached ${place.policy}`;
  }
}

/** The setup as a Terraform JSON configuration, with the provider pinned to the account. */
export function terraformJson(setup: IamSetup): Record<string, unknown> {
  const resource: Record<string, Record<string, unknown>> = {};
  const add = (type: string, name: string, body: object) => ((resource[type] ??= {})[name] = body);
  const policyArn = (ref: string) => (ref.startsWith("policy:") ? `\${aws_iam_policy.${tf(ref.slice(7))}.arn}` : ref);
  for (const p of setup.policies ?? []) add("aws_iam_policy", tf(p.name), { name: p.name, policy: literal(p.document) });
  for (const g of setup.groups) {
    add("aws_iam_group", tf(g.name), { name: g.name });
    const group = `\${aws_iam_group.${tf(g.name)}.name}`;
    for (const [name, doc] of Object.entries(g.inline ?? {})) add("aws_iam_group_policy", `${tf(g.name)}_${tf(name)}`, { group, name, policy: literal(doc) });
    for (const ref of g.attached ?? []) add("aws_iam_group_policy_attachment", `${tf(g.name)}_${tf(shortName(arnOf(ref)))}`, { group, policy_arn: policyArn(ref) });
    const members = setup.users.filter((u) => u.groups?.includes(g.name)).map((u) => `\${aws_iam_user.${tf(u.name)}.name}`);
    if (members.length > 0) add("aws_iam_group_membership", tf(g.name), { name: `${g.name}-members`, group, users: members });
  }
  for (const u of setup.users) {
    add("aws_iam_user", tf(u.name), { name: u.name, ...(u.tags ? { tags: u.tags } : {}), ...(u.boundary ? { permissions_boundary: policyArn(u.boundary) } : {}) });
    const user = `\${aws_iam_user.${tf(u.name)}.name}`;
    for (const [name, doc] of Object.entries(u.inline ?? {})) add("aws_iam_user_policy", `${tf(u.name)}_${tf(name)}`, { user, name, policy: literal(doc) });
    for (const ref of u.attached ?? []) add("aws_iam_user_policy_attachment", `${tf(u.name)}_${tf(shortName(arnOf(ref)))}`, { user, policy_arn: policyArn(ref) });
    if (u.loginProfile) add("aws_iam_user_login_profile", tf(u.name), { user, password_reset_required: false });
  }
  for (const r of setup.roles ?? []) {
    add("aws_iam_role", tf(r.name), { name: r.name, assume_role_policy: literal(r.trust) });
    for (const ref of r.attached ?? []) add("aws_iam_role_policy_attachment", `${tf(r.name)}_${tf(shortName(arnOf(ref)))}`, { role: `\${aws_iam_role.${tf(r.name)}.name}`, policy_arn: policyArn(ref) });
    for (const [name, doc] of Object.entries(r.inline ?? {})) add("aws_iam_role_policy", `${tf(r.name)}_${tf(name)}`, { role: `\${aws_iam_role.${tf(r.name)}.name}`, name, policy: literal(doc) });
  }
  return {
    terraform: { required_providers: { aws: { source: "hashicorp/aws", version: "5.100.0" } } },
    provider: { aws: [{ region: "us-east-1", allowed_account_ids: [ACCOUNT] }] },
    resource,
  };
}

/** The setup as GetAccountAuthorizationDetails describes it: the audit's reader, stubbed. */
export function accountSnapshot(setup: IamSetup): AccountSnapshot {
  const encoded = (doc: unknown) => encodeURIComponent(JSON.stringify(doc));
  const attached = (refs: string[] | undefined) => (refs ?? []).map((ref) => ({ PolicyName: shortName(arnOf(ref)), PolicyArn: arnOf(ref) }));
  return {
    users: setup.users.map((u) => ({
      UserName: u.name,
      Arn: `arn:aws:iam::${ACCOUNT}:user/${u.name}`,
      Tags: Object.entries(u.tags ?? {}).map(([Key, Value]) => ({ Key, Value })),
      GroupList: u.groups ?? [],
      UserPolicyList: Object.entries(u.inline ?? {}).map(([PolicyName, doc]) => ({ PolicyName, PolicyDocument: encoded(doc) })),
      AttachedManagedPolicies: attached(u.attached),
      ...(u.boundary ? { PermissionsBoundary: { PermissionsBoundaryType: "PermissionsBoundaryPolicy" as const, PermissionsBoundaryArn: arnOf(u.boundary) } } : {}),
    })),
    groups: setup.groups.map((g) => ({
      GroupName: g.name,
      Arn: `arn:aws:iam::${ACCOUNT}:group/${g.name}`,
      GroupPolicyList: Object.entries(g.inline ?? {}).map(([PolicyName, doc]) => ({ PolicyName, PolicyDocument: encoded(doc) })),
      AttachedManagedPolicies: attached(g.attached),
    })),
    roles: (setup.roles ?? []).map((r) => ({
      RoleName: r.name,
      Arn: `arn:aws:iam::${ACCOUNT}:role/${r.name}`,
      AssumeRolePolicyDocument: encoded(r.trust),
      AttachedManagedPolicies: attached(r.attached),
      RolePolicyList: Object.entries(r.inline ?? {}).map(([PolicyName, doc]) => ({ PolicyName, PolicyDocument: encoded(doc) })),
    })),
    policies: (setup.policies ?? []).map((p) => ({
      PolicyName: p.name,
      Arn: customerArn(p.name),
      PolicyVersionList: [{ IsDefaultVersion: true, VersionId: "v1", Document: encoded(p.document) }],
    })),
  };
}

/** Creates the setup in a (moto) account through the IAM API, as an administrator would by hand. */
export async function createInAccount(iam: IAMClient, setup: IamSetup): Promise<void> {
  for (const p of setup.policies ?? []) await iam.send(new CreatePolicyCommand({ PolicyName: p.name, PolicyDocument: JSON.stringify(p.document) }));
  for (const g of setup.groups) {
    await iam.send(new CreateGroupCommand({ GroupName: g.name }));
    for (const [PolicyName, doc] of Object.entries(g.inline ?? {})) await iam.send(new PutGroupPolicyCommand({ GroupName: g.name, PolicyName, PolicyDocument: JSON.stringify(doc) }));
    for (const ref of g.attached ?? []) await iam.send(new AttachGroupPolicyCommand({ GroupName: g.name, PolicyArn: arnOf(ref) }));
  }
  for (const u of setup.users) {
    await iam.send(new CreateUserCommand({ UserName: u.name, Tags: Object.entries(u.tags ?? {}).map(([Key, Value]) => ({ Key, Value })) }));
    for (const [PolicyName, doc] of Object.entries(u.inline ?? {})) await iam.send(new PutUserPolicyCommand({ UserName: u.name, PolicyName, PolicyDocument: JSON.stringify(doc) }));
    for (const ref of u.attached ?? []) await iam.send(new AttachUserPolicyCommand({ UserName: u.name, PolicyArn: arnOf(ref) }));
    for (const g of u.groups ?? []) await iam.send(new AddUserToGroupCommand({ GroupName: g, UserName: u.name }));
    if (u.loginProfile) await iam.send(new CreateLoginProfileCommand({ UserName: u.name, Password: "Correct-Horse-Battery-Staple-1", PasswordResetRequired: false }));
  }
  for (const r of setup.roles ?? []) {
    await iam.send(new CreateRoleCommand({ RoleName: r.name, AssumeRolePolicyDocument: JSON.stringify(r.trust) }));
    for (const ref of r.attached ?? []) await iam.send(new AttachRolePolicyCommand({ RoleName: r.name, PolicyArn: arnOf(ref) }));
    for (const [PolicyName, doc] of Object.entries(r.inline ?? {})) await iam.send(new PutRolePolicyCommand({ RoleName: r.name, PolicyName, PolicyDocument: JSON.stringify(doc) }));
  }
}

/** The setup's file name: `another-user-with-action` for "another user with Action *:*". */
export function iamSetupSlug(setup: IamSetup): string {
  return setup.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}
