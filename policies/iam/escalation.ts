import { globIntersection, globMatch } from "./glob";
import { UNKNOWN_PART } from "./glob";
import { AttachedPolicy, IamAccount, IamGroup, IamRole, IamUser } from "./model";
import { Statement } from "./policy-document";
import { administratorGrant, isAdministrator, mayPerform, Permissions, rolePermissions, statementsOf, strictAdministratorGrant, userPermissions, userPolicies } from "./permissions";

// Ways a user who is not administrator can make itself one, or take over the
// break-glass identity. The reference lists are principalmapper's
// (principalmapper/graphing/iam_edges.py, gathering.py) and cloudsplaining's
// privilege-escalation actions (cloudsplaining/shared/constants.py), cut to the
// IAM and STS paths this tool can see: PassRole-to-a-service paths (EC2,
// Lambda, Glue, CloudFormation ...) need resource policies and service
// configuration and are out of scope (README, "What counts as an administrator").

/** Every action an escalation path starts with. */
export const ESCALATION_ACTIONS = [
  "iam:PutUserPolicy",
  "iam:AttachUserPolicy",
  "iam:PutUserPermissionsBoundary",
  "iam:DeleteUserPermissionsBoundary",
  "iam:PutGroupPolicy",
  "iam:AttachGroupPolicy",
  "iam:CreatePolicyVersion",
  "iam:SetDefaultPolicyVersion",
  "iam:AddUserToGroup",
  "iam:CreateLoginProfile",
  "iam:UpdateLoginProfile",
  "iam:CreateAccessKey",
  "sts:AssumeRole",
  "iam:UpdateAssumeRolePolicy",
];

// The actions of each kind of step, as the paths below combine them.
const NEW_VERSION = ["iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion"];
const CREDENTIALS = ["iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile"];
const USER_POLICY = ["iam:PutUserPolicy", "iam:AttachUserPolicy"];
const GROUP_POLICY = ["iam:PutGroupPolicy", "iam:AttachGroupPolicy"];
const ROLE_POLICY = ["iam:AttachRolePolicy", "iam:PutRolePolicy"];

/**
 * Whether a group's policies grant administrator or open an escalation path
 * to whoever is in it: what makes a group the checks cannot see into matter.
 */
export function groupGrantsPower(group: IamGroup): boolean {
  const identity = statementsOf(group.policies);
  return groupGrantsAdministrator(group) || ESCALATION_ACTIONS.some((action) => mayPerform({ identity }, action, "*"));
}

export interface EscalationPath {
  /** The IAM action that opens the path: `iam:AttachUserPolicy`. */
  readonly action: string;
  /** What it is done to, in words: `itself`, `group EmergencyAccessGroup`, `role Admin`. */
  readonly target: string;
  /** The policy that allows it (for a role that trusts the user by name: its trust policy). */
  readonly policy: AttachedPolicy;
}

/** Whether a group grants administrator to its members (AdministratorAccess or a policy as broad). */
export function groupGrantsAdministrator(group: IamGroup): boolean {
  let grants = groupGrants.get(group);
  if (grants === undefined) groupGrants.set(group, (grants = isAdministrator({ identity: statementsOf(group.policies) }) !== undefined));
  return grants;
}
const groupGrants = new WeakMap<IamGroup, boolean>();

/**
 * Whether a role's trust policy lets a principal (a user, or a role in a chain)
 * call sts:AssumeRole (IAM User Guide, "IAM JSON policy elements: Principal"):
 * naming the principal itself lets it in outright; naming the account (or `*`)
 * lets in any principal of the account whose own policies allow
 * sts:AssumeRole on the role.
 */
function trustFor(account: IamAccount, role: IamRole, principalArn: string): "principal" | "account" | undefined {
  if (!("statements" in role.trust)) return undefined;
  // A role's sessions are principals too (`assumed-role/<name>/<session>`), and the caller names the session.
  const roleName = /:role\/(?:.*\/)?([^/]+)$/.exec(principalArn)?.[1];
  const session = roleName === undefined ? undefined : `arn:${account.partition ?? UNKNOWN_PART}:sts::${account.id ?? UNKNOWN_PART}:assumed-role/${roleName}/${UNKNOWN_PART}`;
  let found: "principal" | "account" | undefined;
  for (const s of role.trust.statements) {
    if (s.effect !== "Allow" || s.notPrincipals) continue;
    if (!trustAllows(s, "sts:AssumeRole")) continue;
    const aws = [...(s.principals?.["AWS"] ?? []), ...(s.principals?.["*"] ?? [])];
    for (const p of aws) {
      if (p === "*") found ??= "account";
      else if (/^\d{12}$/.test(p) || /:root$/.test(p)) {
        const acct = /^\d{12}$/.test(p) ? p : /^arn:[^:]+:iam::(\d{12}):root$/.exec(p)?.[1];
        if (!account.id || !acct || acct === account.id) found ??= "account";
      } else if (globIntersection(p, principalArn) !== undefined || (session !== undefined && globIntersection(p, session) !== undefined)) found = "principal";
    }
  }
  return found;
}

/** Whether a trust statement names the action; one with NotAction lets in every action it does not name. */
function trustAllows(s: Statement, action: string): boolean {
  return s.actions ? s.actions.some((a) => globMatch(a, action, { ignoreCase: true })) : !(s.notActions ?? []).some((a) => globMatch(a, action, { ignoreCase: true }));
}

/** The SAML providers (their ARN patterns) a role's trust lets assume it with sts:AssumeRoleWithSAML. */
function samlProvidersTrusted(role: IamRole): string[] {
  if (!("statements" in role.trust)) return [];
  const providers: string[] = [];
  for (const s of role.trust.statements) {
    if (s.effect !== "Allow" || s.notPrincipals || !trustAllows(s, "sts:AssumeRoleWithSAML")) continue;
    // An OIDC provider is named by its URL; a SAML provider by its ARN, or by a reference not known before apply.
    for (const p of s.principals?.["Federated"] ?? []) if (p.startsWith("arn:") && !p.includes(":oidc-provider/")) providers.push(p);
  }
  return providers;
}

/** One action on one resource that would make the user administrator, and what it is done to, in words. */
interface Target {
  readonly action: string;
  readonly resource: string;
  readonly target: string;
}

/** What, done by anyone acting for the user (itself, or a role it reaches), makes the user administrator. */
function targetsFor(account: IamAccount, user: IamUser): Target[] {
  const targets: Target[] = [];
  const add = (actions: string[], resource: string, target: string) => actions.forEach((action) => targets.push({ action, resource, target }));
  // Policies on itself.
  add(USER_POLICY, user.arn, "itself");
  if (user.boundary) add(["iam:PutUserPermissionsBoundary", "iam:DeleteUserPermissionsBoundary"], user.arn, "itself");
  // Policies on a group it is in.
  for (const { group } of user.memberships) add(GROUP_POLICY, group.arn, `group ${group.name}, which it is in`);
  // New default versions of customer managed policies that reach it.
  for (const policy of userPolicies(user)) {
    if (policy.customer) add(NEW_VERSION, policy.customer.arn, `policy ${policy.customer.name}, which reaches it`);
  }
  // Removing the policies with a Deny in them (or leaving the groups that carry them), when those Denies are all that keep it
  // from administrator. Each removal counts, though several may be needed: the checks err towards finding a path.
  const permissions = userPermissions(user);
  const denying = userPolicies(user).filter(hasDeny);
  if (denying.length > 0 && isAdministrator({ identity: permissions.identity.filter((s) => !denying.includes(s.policy)), boundary: permissions.boundary })) {
    for (const { action, resource, target } of denyRemovals(user)) add([action], resource, target);
  }
  // A new version of its boundary, when the boundary is all that keeps its own policies from making it administrator.
  if (user.boundary?.customer && isAdministrator({ identity: permissions.identity })) {
    add(NEW_VERSION, user.boundary.customer.arn, `policy ${user.boundary.customer.name}, its permissions boundary`);
  }
  // Joining a group that grants administrator.
  for (const group of account.groups.filter(groupGrantsAdministrator)) {
    if (!group.members.has(user.key)) add(["iam:AddUserToGroup"], group.arn, `group ${group.name}, which grants administrator`);
  }
  // Taking over an administrator user's credentials: the break-glass user's above all.
  for (const other of account.users) {
    if (other === user) continue;
    if (!other.breakGlass && !strictAdministratorGrant(userPermissions(other)) && !administratorGrant(other)) continue;
    const whose = other.breakGlass ? `the break-glass user ${other.name}` : `administrator ${other.name}`;
    add(["iam:CreateLoginProfile", "iam:UpdateLoginProfile", "iam:CreateAccessKey"], other.arn, whose);
  }
  // Rewriting who may assume an administrator role.
  for (const role of account.roles.filter((r) => administratorGrant(r))) {
    add(["iam:UpdateAssumeRolePolicy"], role.arn, `role ${role.name}, an administrator role`);
    // Replacing the metadata, and so the signing certificate, of a SAML provider the role trusts: the user then signs its
    // own assertion for sts:AssumeRoleWithSAML, which takes no AWS credentials (IAM API Reference, UpdateSAMLProvider;
    // STS API Reference, AssumeRoleWithSAML).
    for (const provider of samlProvidersTrusted(role)) {
      const name = /:saml-provider\/([^/]+)$/.exec(provider)?.[1];
      add(["iam:UpdateSAMLProvider"], provider, `${name ? `SAML provider ${name}` : "the SAML provider"} that administrator role ${role.name} trusts`);
    }
  }
  return targets;
}

/** A principal acting for the user: the user itself, or a role it reaches by sts:AssumeRole, and how. */
interface Actor {
  readonly arn: string;
  readonly permissions: Permissions;
  /** The roles assumed on the way, in order. */
  readonly chain: IamRole[];
  /** What it undid of its own limits first, in words. */
  readonly after?: string;
}

/**
 * The ways the user can become administrator: itself, or through the roles it
 * can assume, one after another (role chaining, IAM User Guide, "Methods to
 * assume a role"). Each path is the action, what it is done to and the policy
 * allowing it; errs towards finding a path where an ARN is not known before apply.
 */
export function escalationPaths(account: IamAccount, user: IamUser): EscalationPath[] {
  const targets = targetsFor(account, user);
  const paths: EscalationPath[] = [];
  const through = (chain: IamRole[]) => (chain.length === 0 ? "" : `, as role ${chain.map((r) => r.name).join(" then role ")}`);
  const found = new Set<string>();
  const visit = (actor: Actor) => {
    const push = (path: EscalationPath) => {
      // A path the user has as it is needs no undoing first.
      const key = `${path.action}\0${path.target}${through(actor.chain)}`;
      if (actor.after ? found.has(key) : (found.add(key), false)) return;
      paths.push({ ...path, target: `${path.target}${actor.after ? `, after ${actor.after}` : ""}${through(actor.chain)}` });
    };
    const check = (action: string, resource: string, target: string) => {
      const grant = mayPerform(actor.permissions, action, resource);
      if (grant) push({ action, target, policy: grant.policy });
    };
    for (const t of targets) check(t.action, t.resource, t.target);
    for (const path of twoStepPaths(account, user, actor)) push(path);
    // Renamed first: IAM does not rewrite the policies that name a user or group
    // (IAM User Guide, "Renaming an IAM user", "Renaming an IAM group"), so a
    // Deny on the old ARN no longer applies, and the new name is the actor's choice.
    // Any user or group a path acts on (itself, the break-glass user, an administrators' group), when the
    // name is what stops it: a path it has as it is needs no renaming.
    for (const t of targets) {
      const kind = /^arn:[^:]*:iam::[^:]*:(user|group)\//.exec(t.resource)?.[1];
      if (!kind || mayPerform(actor.permissions, t.action, t.resource)) continue;
      const rename = kind === "user" ? "iam:UpdateUser" : "iam:UpdateGroup";
      if (!mayPerform(actor.permissions, rename, t.resource)) continue;
      check(t.action, anyOf(account, kind), `${t.target}, after ${rename} to rename ${t.target === "itself" ? "itself" : "it"}`);
    }
    // A new role it trusts itself into, with any policy it likes.
    const newRole = anyOf(account, "role");
    if (mayPerform(actor.permissions, "iam:CreateRole", newRole)) {
      for (const action of ROLE_POLICY) check(action, newRole, "a role it creates (with iam:CreateRole)");
    }
  };
  visit({ arn: user.arn, permissions: userPermissions(user), chain: [] });
  for (const { permissions, after } of freedPermissions(user, userPermissions(user))) visit({ arn: user.arn, permissions, chain: [], after });

  // Roles reached one after another: each may be administrator, or may be made one.
  const reached = new Set<IamRole>();
  const queue: Actor[] = [{ arn: user.arn, permissions: userPermissions(user), chain: [] }];
  while (queue.length > 0) {
    const actor = queue.shift()!;
    for (const role of account.roles) {
      if (reached.has(role)) continue;
      const trust = trustFor(account, role, actor.arn);
      if (!trust) continue;
      const allowed = trust === "principal" ? undefined : mayPerform(actor.permissions, "sts:AssumeRole", role.arn);
      if (trust === "account" && !allowed) continue;
      reached.add(role);
      const chain = [...actor.chain, role];
      const trustPolicy: AttachedPolicy = {
        name: `the trust policy of role ${role.name}`,
        kind: "inline",
        via: role.origin ?? { input: "terraform", stack: account.stack, address: role.name },
        document: role.trust,
      };
      const how = trust === "principal" ? "which trusts it by name" : "an administrator role that trusts its account";
      if (administratorGrant(role)) {
        paths.push({ action: "sts:AssumeRole", target: `role ${role.name}, ${how}${through(actor.chain)}`, policy: allowed?.policy ?? trustPolicy });
        continue;
      }
      // A role that is not administrator may be made one: by whoever assumes it, or by the one who reached it.
      for (const by of [actor, { arn: role.arn, permissions: rolePermissions(role), chain }]) {
        for (const { action, resource, target } of roleTargets(role)) {
          const grant = mayPerform(by.permissions, action, resource);
          if (grant) paths.push({ action, target: `${target}${through(by.chain)}`, policy: grant.policy });
        }
      }
      const next = { arn: role.arn, permissions: rolePermissions(role), chain };
      visit(next);
      // The role's own limits undone first, by itself: its Denies removed, its boundary rewritten.
      for (const { permissions, after } of freedRole(role, next.permissions)) visit({ ...next, permissions, after });
      queue.push(next);
    }
  }
  return paths;
}

/** The ARN pattern of any entity of a kind in the account: one not named yet, or one the principal creates. */
function anyOf(account: IamAccount, kind: string): string {
  return `arn:${account.partition ?? UNKNOWN_PART}:iam::${account.id ?? UNKNOWN_PART}:${kind}/${UNKNOWN_PART}`;
}

/** Whether a policy holds a Deny: removing it may be all a principal needs. */
function hasDeny(policy: AttachedPolicy): boolean {
  return "statements" in policy.document && policy.document.statements.some((s) => s.effect === "Deny");
}

/** Each call that takes a Deny-carrying policy away from the user: deleting or detaching it, or leaving its group. */
function denyRemovals(user: IamUser): (Target & { policies: AttachedPolicy[] })[] {
  const removals: (Target & { policies: AttachedPolicy[] })[] = [];
  for (const policy of user.policies.filter(hasDeny)) {
    removals.push({ action: policy.kind === "inline" ? "iam:DeleteUserPolicy" : "iam:DetachUserPolicy", resource: user.arn, target: `${policy.name}, which denies, on itself`, policies: [policy] });
  }
  for (const { group } of user.memberships) {
    for (const policy of group.policies.filter(hasDeny)) {
      removals.push({ action: policy.kind === "inline" ? "iam:DeleteGroupPolicy" : "iam:DetachGroupPolicy", resource: group.arn, target: `${policy.name}, which denies, on group ${group.name}`, policies: [policy] });
    }
    if (group.policies.some(hasDeny)) removals.push({ action: "iam:RemoveUserFromGroup", resource: group.arn, target: `group ${group.name}, whose policies deny`, policies: group.policies });
  }
  return removals;
}

/**
 * The user's permissions once it has undone its own limits, each in one call
 * it may make: the Deny-carrying policies it may remove, the boundary it may
 * rewrite or delete. Every path from there is a path, one step longer.
 */
function freedPermissions(user: IamUser, own: Permissions): Freed[] {
  const removable = denyRemovals(user).filter((r) => mayPerform(own, r.action, r.resource));
  const dropped = `${[...new Set(removable.map((r) => r.action))].join(" and ")} to drop what denies it`;
  return freedOf(own, new Set(removable.flatMap((r) => r.policies)), boundaryRewritable(own, user.boundary, user.arn, "User"), {
    dropped,
    rewritten: "rewriting its permissions boundary",
    both: `${dropped} and rewriting its permissions boundary`,
  });
}

/** freedPermissions for a role: its Deny-carrying policies it may delete or detach, its boundary it may rewrite or delete. */
function freedRole(role: IamRole, own: Permissions): Freed[] {
  const removable = roleDenyRemovals(role).filter((r) => mayPerform(own, r.action, r.resource));
  return freedOf(own, new Set(removable.map((r) => r.policy)), boundaryRewritable(own, role.boundary, role.arn, "Role"), {
    dropped: `role ${role.name} drops what denies it`,
    rewritten: `role ${role.name} rewrites its permissions boundary`,
    both: `role ${role.name} drops what denies it and rewrites its permissions boundary`,
  });
}

interface Freed {
  readonly permissions: Permissions;
  /** What was undone, in words. */
  readonly after: string;
}

/** The permissions without the removed policies, without the boundary, and without both, as far as each can be undone. */
function freedOf(own: Permissions, removed: Set<AttachedPolicy>, rewritable: boolean, words: { dropped: string; rewritten: string; both: string }): Freed[] {
  const freed: Freed[] = [];
  const withoutDenies = own.identity.filter((s) => !removed.has(s.policy));
  if (removed.size > 0) freed.push({ permissions: { identity: withoutDenies, boundary: own.boundary }, after: words.dropped });
  if (rewritable) freed.push({ permissions: { identity: own.identity, boundary: undefined }, after: words.rewritten });
  if (removed.size > 0 && rewritable) freed.push({ permissions: { identity: withoutDenies, boundary: undefined }, after: words.both });
  return freed;
}

/** Whether a principal may set, delete or write a new version of its own boundary. */
function boundaryRewritable(own: Permissions, boundary: AttachedPolicy | undefined, arn: string, kind: "User" | "Role"): boolean {
  if (!boundary) return false;
  if ([`iam:Put${kind}PermissionsBoundary`, `iam:Delete${kind}PermissionsBoundary`].some((action) => mayPerform(own, action, arn))) return true;
  return boundary.customer !== undefined && NEW_VERSION.some((action) => mayPerform(own, action, boundary.customer!.arn));
}

/** Each call that takes a Deny-carrying policy away from a role: deleting or detaching it. */
function roleDenyRemovals(role: IamRole): { action: string; resource: string; policy: AttachedPolicy }[] {
  return role.policies.filter(hasDeny).map((policy) => ({ action: policy.kind === "inline" ? "iam:DeleteRolePolicy" : "iam:DetachRolePolicy", resource: role.arn, policy }));
}

/** What makes a role one can assume administrator: a policy put or attached, a new version of one it has, its boundary lifted. */
function roleTargets(role: IamRole): Target[] {
  const target = `role ${role.name}, which it can assume`;
  const targets: Target[] = ROLE_POLICY.map((action) => ({ action, resource: role.arn, target }));
  for (const policy of role.policies) {
    if (policy.customer) for (const action of NEW_VERSION) targets.push({ action, resource: policy.customer.arn, target: `policy ${policy.customer.name} of ${target}` });
  }
  const boundary = role.boundary ? statementsOf([role.boundary]) : undefined;
  for (const { action, resource, policy } of roleDenyRemovals(role)) {
    if (isAdministrator({ identity: statementsOf(role.policies.filter((p) => p !== policy)), boundary })) targets.push({ action, resource, target: `${policy.name}, which denies, on ${target}` });
  }
  if (role.boundary && isAdministrator({ identity: statementsOf(role.policies) })) {
    for (const action of ["iam:PutRolePermissionsBoundary", "iam:DeleteRolePermissionsBoundary"]) targets.push({ action, resource: role.arn, target: `the boundary of ${target}` });
    if (role.boundary.customer) for (const action of NEW_VERSION) targets.push({ action, resource: role.boundary.customer.arn, target: `policy ${role.boundary.customer.name}, the boundary of ${target}` });
  }
  return targets;
}

/**
 * Paths of two steps through another principal: take a user's credentials and
 * give that user power (or create one); join a group and give it power (or
 * create one); rewrite a role's trust to let itself in and give the role power.
 * Each is looked for only when the actor may take the first step on some
 * principal at all, so that an account of many users stays quick.
 */
function twoStepPaths(account: IamAccount, user: IamUser, actor: Actor): EscalationPath[] {
  const found: EscalationPath[] = [];
  const can = (action: string, resource: string) => mayPerform(actor.permissions, action, resource);
  const first = (actions: string[], resource: string) => actions.find((action) => can(action, resource));
  const then = (actions: string[], resource: string, target: string, after: string) => {
    for (const action of actions) {
      const grant = can(action, resource);
      if (grant) found.push({ action, target: `${target}, after ${after}`, policy: grant.policy });
    }
  };
  /** A new default version of each customer managed policy in `policies`: as good as putting a policy there. */
  const newVersions = (policies: AttachedPolicy[], whose: string, after: string) => {
    for (const policy of policies) if (policy.customer) then(NEW_VERSION, policy.customer.arn, `policy ${policy.customer.name} of ${whose}`, after);
  };

  if (first(CREDENTIALS, anyOf(account, "user"))) {
    for (const other of account.users) {
      // Administrators' and the break-glass user's credentials are a path by themselves (targetsFor).
      if (other === user || other.breakGlass || administratorGrant(other)) continue;
      const taken = first(CREDENTIALS, other.arn);
      if (!taken) continue;
      const after = `${taken} on user ${other.name}`;
      then(USER_POLICY, other.arn, `user ${other.name}`, after);
      newVersions(userPolicies(other), `user ${other.name}`, after);
      for (const { group } of other.memberships) then(GROUP_POLICY, group.arn, `group ${group.name}, which user ${other.name} is in`, after);
      for (const group of account.groups.filter(groupGrantsAdministrator)) {
        if (!group.members.has(other.key)) then(["iam:AddUserToGroup"], group.arn, `group ${group.name}, which grants administrator, for user ${other.name}`, after);
      }
    }
    const created = can("iam:CreateUser", anyOf(account, "user")) ? first(CREDENTIALS, anyOf(account, "user")) : undefined;
    if (created) then(USER_POLICY, anyOf(account, "user"), "a user it creates", `iam:CreateUser and ${created}`);
  }
  if (can("iam:AddUserToGroup", anyOf(account, "group"))) {
    for (const group of account.groups) {
      if (group.members.has(user.key) || groupGrantsAdministrator(group) || !can("iam:AddUserToGroup", group.arn)) continue;
      then(GROUP_POLICY, group.arn, `group ${group.name}`, "iam:AddUserToGroup to join it");
      newVersions(group.policies, `group ${group.name}`, "iam:AddUserToGroup to join it");
    }
    if (can("iam:CreateGroup", anyOf(account, "group"))) then(GROUP_POLICY, anyOf(account, "group"), "a group it creates", "iam:CreateGroup and iam:AddUserToGroup");
  }
  if (can("iam:UpdateAssumeRolePolicy", anyOf(account, "role"))) {
    for (const role of account.roles) {
      // An administrator role's trust is a path by itself (targetsFor).
      if (administratorGrant(role) || !can("iam:UpdateAssumeRolePolicy", role.arn)) continue;
      then(ROLE_POLICY, role.arn, `role ${role.name}`, "iam:UpdateAssumeRolePolicy to let itself in");
      newVersions(role.policies, `role ${role.name}`, "iam:UpdateAssumeRolePolicy to let itself in");
    }
  }
  return found;
}
