import { Model, Resource } from "../policies/model";
import { AccountSnapshot, UserCredentials } from "./read-account";

// The live account as the policy rules see Terraform: each user, group,
// attachment and inline policy becomes the resource that would have made it,
// so the audit and the policy checks judge by the same rules and messages.

const ACCOUNT_OF_ARN = /^arn:[^:]+:iam::(\d{12}):/;

/**
 * GetAccountAuthorizationDetails returns policy documents URL-encoded
 * (RFC 3986); some implementations return them decoded. Accept both.
 */
export function decodePolicyDocument(document: string | undefined): string | undefined {
  if (document === undefined) return undefined;
  if (document.trimStart().startsWith("{")) return document;
  try {
    return decodeURIComponent(document);
  } catch {
    return document;
  }
}

export function accountIdOf(snapshot: AccountSnapshot): string {
  const arn = [...snapshot.users, ...snapshot.groups].map((x) => x.Arn ?? "").find((a) => ACCOUNT_OF_ARN.test(a));
  return arn ? ACCOUNT_OF_ARN.exec(arn)![1] : "unknown";
}

/** What the audit's findings name as their "stack": the account. */
export function accountLabelOf(snapshot: AccountSnapshot): string {
  return `account ${accountIdOf(snapshot)}`;
}

export function toModel(snapshot: AccountSnapshot, credentials: Map<string, UserCredentials>): Model {
  const account = accountIdOf(snapshot);
  const stack = accountLabelOf(snapshot);
  const resources: Resource[] = [];
  const add = (type: string, address: string, values: Record<string, unknown>) =>
    resources.push({ stack, mode: "managed", type, name: address, address, values, provider: "aws", account });

  for (const user of snapshot.users) {
    const name = user.UserName ?? "";
    const arn = user.Arn ?? name;
    add("aws_iam_user", arn, { name, tags: Object.fromEntries((user.Tags ?? []).map((t) => [t.Key, t.Value])) });
    for (const policy of user.AttachedManagedPolicies ?? []) {
      add("aws_iam_user_policy_attachment", `${arn} attached ${policy.PolicyName}`, { user: name, policy_arn: policy.PolicyArn });
    }
    for (const policy of user.UserPolicyList ?? []) {
      add("aws_iam_user_policy", `${arn} inline ${policy.PolicyName}`, { user: name, policy: decodePolicyDocument(policy.PolicyDocument) });
    }
    if ((user.GroupList ?? []).length > 0) {
      add("aws_iam_user_group_membership", `${arn} groups`, { user: name, groups: user.GroupList });
    }
    const creds = credentials.get(name);
    if (creds?.loginProfile) {
      add("aws_iam_user_login_profile", `${arn} login profile`, { user: name, password_reset_required: creds.loginProfile.passwordResetRequired });
    }
    for (const id of creds?.accessKeyIds ?? []) add("aws_iam_access_key", `${arn} access key ${id}`, { user: name });
  }
  for (const group of snapshot.groups) {
    const name = group.GroupName ?? "";
    const arn = group.Arn ?? name;
    add("aws_iam_group", arn, { name });
    for (const policy of group.AttachedManagedPolicies ?? []) {
      add("aws_iam_group_policy_attachment", `${arn} attached ${policy.PolicyName}`, { group: name, policy_arn: policy.PolicyArn });
    }
    for (const policy of group.GroupPolicyList ?? []) {
      add("aws_iam_group_policy", `${arn} inline ${policy.PolicyName}`, { group: name, policy: decodePolicyDocument(policy.PolicyDocument) });
    }
  }
  for (const policy of snapshot.policies) {
    const document = (policy.PolicyVersionList ?? []).find((v) => v.IsDefaultVersion)?.Document;
    const arn = policy.Arn ?? "";
    add("aws_iam_policy", arn, { name: policy.PolicyName ?? arn.split("/").pop(), arn, policy: decodePolicyDocument(document) });
  }
  return { resources, outputs: [], unreadable: [] };
}
