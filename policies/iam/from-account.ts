import type { GroupDetail, ManagedPolicyDetail, RoleDetail, UserDetail } from "@aws-sdk/client-iam";
import { awsManagedPolicy, isAwsManagedPolicyArn } from "./aws-managed-policies";
import { isBreakGlassUser } from "./from-terraform";
import { AttachedPolicy, CustomerPolicy, IamAccount, IamGroup, IamRole, IamUser, Origin, Unresolved } from "./model";
import { PolicyDocument, readPolicyDocument } from "./policy-document";

// The live front door: one account as GetAccountAuthorizationDetails describes
// it (IAM API Reference), with the break-glass user's credentials read apart.

/** Everything the audit reads of one account, once. */
export interface AccountSnapshot {
  readonly users: UserDetail[];
  readonly groups: GroupDetail[];
  readonly roles: RoleDetail[];
  /** Customer managed policies, each with its versions' documents. */
  readonly policies: ManagedPolicyDetail[];
  /** Default-version documents of attached AWS managed policies the bundled data does not know, by ARN. */
  readonly awsManagedDocuments?: Map<string, string>;
}

export interface UserCredentials {
  /** PasswordResetRequired of the login profile, or undefined when the user has none. */
  readonly loginProfile?: { passwordResetRequired: boolean };
  readonly accessKeyIds: string[];
}

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

/** The partition the account's own ARNs start with, when they all agree: IAM writes every ARN of an account with one. */
function partitionOf(snapshot: AccountSnapshot): string | undefined {
  const partitions = new Set([...snapshot.users, ...snapshot.groups, ...snapshot.roles].map((x) => /^arn:([^:]+):iam::/.exec(x.Arn ?? "")?.[1]));
  return partitions.size === 1 ? [...partitions][0] : undefined;
}

export function accountIdOf(snapshot: AccountSnapshot): string {
  const arn = [...snapshot.users, ...snapshot.groups, ...snapshot.roles].map((x) => x.Arn ?? "").find((a) => ACCOUNT_OF_ARN.test(a));
  return arn ? ACCOUNT_OF_ARN.exec(arn)![1] : "unknown";
}

/** The attached AWS managed policies whose documents the bundled data lacks: the audit reads these from the account. */
export function unknownAwsManagedPolicyArns(snapshot: AccountSnapshot): string[] {
  const arns = [...snapshot.users, ...snapshot.groups, ...snapshot.roles].flatMap((x) => [
    ...(x.AttachedManagedPolicies ?? []).map((p) => p.PolicyArn ?? ""),
    ("PermissionsBoundary" in x ? x.PermissionsBoundary?.PermissionsBoundaryArn : undefined) ?? "",
  ]);
  return [...new Set(arns)].filter((arn) => isAwsManagedPolicyArn(arn) && !awsManagedPolicy(arn));
}

export function accountFromSnapshot(snapshot: AccountSnapshot, credentials: Map<string, UserCredentials>, names: Set<string>): IamAccount {
  const id = accountIdOf(snapshot);
  const stack = `account ${id}`;
  const unresolved: Unresolved[] = [];
  const at = (address: string, remedy: string): Origin => ({ input: "account", stack, address, remedy });

  const customer = new Map<string, CustomerPolicy>();
  for (const p of snapshot.policies) {
    const arn = p.Arn ?? "";
    const text = decodePolicyDocument((p.PolicyVersionList ?? []).find((v) => v.IsDefaultVersion)?.Document);
    customer.set(arn, { key: arn, name: p.PolicyName ?? arn.split("/").pop() ?? arn, arn, origin: at(arn, `aws iam create-policy-version --policy-arn ${arn} --set-as-default`), document: readPolicyDocument(text) });
  }
  const reported = new Set<string>();

  const document = (origin: Origin, text: string | undefined): PolicyDocument => {
    const d = readPolicyDocument(decodePolicyDocument(text));
    if ("unreadable" in d) unresolved.push({ stack, address: origin.address, attribute: "PolicyDocument", expression: text ?? "(none)", reason: `is a policy document that ${d.unreadable}` });
    return d;
  };
  const managed = (arn: string, name: string | undefined, via: Origin): AttachedPolicy => {
    const own = customer.get(arn);
    if (own) {
      // A customer managed policy whose default version cannot be read fails closed where it is attached.
      if ("unreadable" in own.document && !reported.has(arn)) {
        reported.add(arn);
        unresolved.push({ stack, address: arn, attribute: "DefaultVersion", expression: arn, reason: `is a policy document that ${own.document.unreadable}` });
      }
      return { name: own.name, kind: "customer-managed", arn, via, document: own.document, customer: own };
    }
    const known = awsManagedPolicy(arn);
    if (known) return { name: known.name, kind: "aws-managed", arn, via, document: readPolicyDocument(known.document) };
    const read = snapshot.awsManagedDocuments?.get(arn);
    if (read !== undefined) return { name: name ?? arn, kind: "aws-managed", arn, via, document: document(via, read) };
    unresolved.push({ stack, address: via.address, attribute: "PolicyArn", expression: arn, reason: "names a managed policy whose document could not be read" });
    return { name: name ?? arn, kind: isAwsManagedPolicyArn(arn) ? "aws-managed" : "customer-managed", arn, via, document: { unreadable: "could not be read" } };
  };

  const groups = new Map<string, IamGroup>();
  for (const g of snapshot.groups) {
    const name = g.GroupName ?? "";
    const arn = g.Arn ?? name;
    const group: IamGroup = { key: arn, name, arn, origin: at(arn, `aws iam delete-group --group-name ${name}`), policies: [], members: new Map() };
    for (const p of g.AttachedManagedPolicies ?? []) {
      const via = at(`${arn} attached ${p.PolicyName}`, `aws iam detach-group-policy --group-name ${name} --policy-arn ${p.PolicyArn}`);
      group.policies.push(managed(p.PolicyArn ?? "", p.PolicyName, via));
    }
    for (const p of g.GroupPolicyList ?? []) {
      const via = at(`${arn} inline ${p.PolicyName}`, `aws iam delete-group-policy --group-name ${name} --policy-name ${p.PolicyName}`);
      group.policies.push({ name: `inline policy ${p.PolicyName}`, kind: "inline", via, document: document(via, p.PolicyDocument) });
    }
    groups.set(name.toLowerCase(), group);
  }

  const users: IamUser[] = snapshot.users.map((u) => {
    const name = u.UserName ?? "";
    const arn = u.Arn ?? name;
    const tags = Object.fromEntries((u.Tags ?? []).map((t) => [t.Key, t.Value]));
    const policies: AttachedPolicy[] = [
      ...(u.AttachedManagedPolicies ?? []).map((p) =>
        managed(p.PolicyArn ?? "", p.PolicyName, at(`${arn} attached ${p.PolicyName}`, `aws iam detach-user-policy --user-name ${name} --policy-arn ${p.PolicyArn}`)),
      ),
      ...(u.UserPolicyList ?? []).map((p): AttachedPolicy => {
        const via = at(`${arn} inline ${p.PolicyName}`, `aws iam delete-user-policy --user-name ${name} --policy-name ${p.PolicyName}`);
        return { name: `inline policy ${p.PolicyName}`, kind: "inline", via, document: document(via, p.PolicyDocument) };
      }),
    ];
    const boundaryArn = u.PermissionsBoundary?.PermissionsBoundaryArn;
    const creds = credentials.get(name);
    const user: IamUser = {
      key: arn,
      name,
      arn,
      origin: at(arn, `aws iam delete-user --user-name ${name}`),
      breakGlass: isBreakGlassUser(name, tags, names),
      policies,
      ...(boundaryArn
        ? { boundary: managed(boundaryArn, undefined, at(`${arn} permissions boundary`, `aws iam delete-user-permissions-boundary --user-name ${name}`)) }
        : {}),
      memberships: [],
      loginProfiles: creds?.loginProfile
        ? [{ via: at(`${arn} login profile`, `aws iam update-login-profile --user-name ${name} --no-password-reset-required`), passwordResetRequired: creds.loginProfile.passwordResetRequired }]
        : [],
      accessKeys: (creds?.accessKeyIds ?? []).map((k) => at(`${arn} access key ${k}`, `aws iam delete-access-key --user-name ${name} --access-key-id ${k}`)),
    };
    for (const groupName of u.GroupList ?? []) {
      const group = groups.get(groupName.toLowerCase());
      if (!group) continue;
      const via = at(`${arn} in group ${groupName}`, `aws iam remove-user-from-group --group-name ${groupName} --user-name ${name}`);
      group.members.set(user.key, [via]);
      user.memberships.push({ group, via });
    }
    return user;
  });

  const roles: IamRole[] = snapshot.roles.map((r) => {
    const name = r.RoleName ?? "";
    const arn = r.Arn ?? name;
    const origin = at(arn, `aws iam update-assume-role-policy --role-name ${name} --policy-document file://trust.json`);
    const boundaryArn = r.PermissionsBoundary?.PermissionsBoundaryArn;
    return {
      key: arn,
      name,
      arn,
      origin,
      trust: document(at(`${arn} trust policy`, origin.remedy!), r.AssumeRolePolicyDocument),
      policies: [
        ...(r.AttachedManagedPolicies ?? []).map((p) =>
          managed(p.PolicyArn ?? "", p.PolicyName, at(`${arn} attached ${p.PolicyName}`, `aws iam detach-role-policy --role-name ${name} --policy-arn ${p.PolicyArn}`)),
        ),
        ...(r.RolePolicyList ?? []).map((p): AttachedPolicy => {
          const via = at(`${arn} inline ${p.PolicyName}`, `aws iam delete-role-policy --role-name ${name} --policy-name ${p.PolicyName}`);
          return { name: `inline policy ${p.PolicyName}`, kind: "inline", via, document: document(via, p.PolicyDocument) };
        }),
      ],
      ...(boundaryArn ? { boundary: managed(boundaryArn, undefined, at(`${arn} permissions boundary`, `aws iam delete-role-permissions-boundary --role-name ${name}`)) } : {}),
    };
  });

  return { key: id, id: /^\d{12}$/.test(id) ? id : undefined, partition: partitionOf(snapshot), stack, users, groups: [...groups.values()], roles, unresolved };
}
