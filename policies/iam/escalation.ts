import { globIntersection, globMatch } from "./glob";
import { UNKNOWN_PART } from "./glob";
import { AttachedPolicy, IamAccount, IamGroup, IamRole, IamUser } from "./model";
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
  let found: "principal" | "account" | undefined;
  for (const s of role.trust.statements) {
    if (s.effect !== "Allow" || s.notPrincipals) continue;
    // A trust statement with NotAction lets in every action it does not name.
    const assumes = s.actions
      ? s.actions.some((a) => globMatch(a, "sts:AssumeRole", { ignoreCase: true }))
      : !(s.notActions ?? []).some((a) => globMatch(a, "sts:AssumeRole", { ignoreCase: true }));
    if (!assumes) continue;
    const aws = [...(s.principals?.["AWS"] ?? []), ...(s.principals?.["*"] ?? [])];
    for (const p of aws) {
      if (p === "*") found ??= "account";
      else if (/^\d{12}$/.test(p) || /:root$/.test(p)) {
        const acct = /^\d{12}$/.test(p) ? p : /^arn:[^:]+:iam::(\d{12}):root$/.exec(p)?.[1];
        if (!account.id || !acct || acct === account.id) found ??= "account";
      } else if (globIntersection(p, principalArn) !== undefined) found = "principal";
    }
  }
  return found;
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
  add(["iam:PutUserPolicy", "iam:AttachUserPolicy"], user.arn, "itself");
  if (user.boundary) add(["iam:PutUserPermissionsBoundary", "iam:DeleteUserPermissionsBoundary"], user.arn, "itself");
  // Policies on a group it is in.
  for (const { group } of user.memberships) add(["iam:PutGroupPolicy", "iam:AttachGroupPolicy"], group.arn, `group ${group.name}, which it is in`);
  // New default versions of customer managed policies that reach it.
  for (const policy of userPolicies(user)) {
    if (policy.customer) add(["iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion"], policy.customer.arn, `policy ${policy.customer.name}, which reaches it`);
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
  }
  return targets;
}

/** A principal acting for the user: the user itself, or a role it reaches by sts:AssumeRole, and how. */
interface Actor {
  readonly arn: string;
  readonly permissions: Permissions;
  /** The roles assumed on the way, in order. */
  readonly chain: IamRole[];
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
  const visit = (actor: Actor) => {
    const check = (action: string, resource: string, target: string) => {
      const grant = mayPerform(actor.permissions, action, resource);
      if (grant) paths.push({ action, target: `${target}${through(actor.chain)}`, policy: grant.policy });
    };
    for (const t of targets) check(t.action, t.resource, t.target);
    // A new role it trusts itself into, with any policy it likes.
    const newRole = `arn:${UNKNOWN_PART}:iam::${account.id ?? UNKNOWN_PART}:role/${UNKNOWN_PART}`;
    if (mayPerform(actor.permissions, "iam:CreateRole", newRole)) {
      for (const action of ["iam:AttachRolePolicy", "iam:PutRolePolicy"]) check(action, newRole, "a role it creates (with iam:CreateRole)");
    }
  };
  visit({ arn: user.arn, permissions: userPermissions(user), chain: [] });

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
        for (const action of ["iam:AttachRolePolicy", "iam:PutRolePolicy"]) {
          const grant = mayPerform(by.permissions, action, role.arn);
          if (grant) paths.push({ action, target: `role ${role.name}, which it can assume${through(by.chain)}`, policy: grant.policy });
        }
      }
      const next = { arn: role.arn, permissions: rolePermissions(role), chain };
      visit(next);
      queue.push(next);
    }
  }
  return paths;
}
