import { globIntersection, globMatch } from "./glob";
import { AttachedPolicy, IamAccount, IamGroup, IamRole, IamUser } from "./model";
import { administratorGrant, isAdministrator, mayPerform, rolePermissions, statementsOf, strictAdministratorGrant, userPermissions, userPolicies } from "./permissions";

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

/** Roles that are administrator and whose trust policy lets the user in. */
function assumableAdminRoles(account: IamAccount, user: IamUser): { role: IamRole; direct: boolean }[] {
  return account.roles.flatMap((role) => {
    if (!isAdministrator(rolePermissions(role))) return [];
    const trust = trustFor(account, role, user);
    return trust ? [{ role, direct: trust === "user" }] : [];
  });
}

/**
 * Whether a role's trust policy lets the user call sts:AssumeRole (IAM User
 * Guide, "IAM JSON policy elements: Principal"): naming the user itself lets it
 * in outright; naming the account (or `*`) lets in any of its users whose own
 * policies allow sts:AssumeRole on the role.
 */
function trustFor(account: IamAccount, role: IamRole, user: IamUser): "user" | "account" | undefined {
  if (!("statements" in role.trust)) return undefined;
  let found: "user" | "account" | undefined;
  for (const s of role.trust.statements) {
    if (s.effect !== "Allow" || s.notPrincipals) continue;
    const actions = s.actions ?? [];
    if (!actions.some((a) => globMatch(a, "sts:AssumeRole", { ignoreCase: true }))) continue;
    const aws = [...(s.principals?.["AWS"] ?? []), ...(s.principals?.["*"] ?? [])];
    for (const p of aws) {
      if (p === "*") found ??= "account";
      else if (/^\d{12}$/.test(p) || /:root$/.test(p)) {
        const acct = /^\d{12}$/.test(p) ? p : /^arn:[^:]+:iam::(\d{12}):root$/.exec(p)?.[1];
        if (!account.id || !acct || acct === account.id) found ??= "account";
      } else if (globIntersection(p, user.arn) !== undefined) found = "user";
    }
  }
  return found;
}

/**
 * The ways the user can become administrator. Each path is the action, what
 * it is done to, and the statement allowing it; errs towards finding a path
 * where an ARN is not known before apply.
 */
export function escalationPaths(account: IamAccount, user: IamUser): EscalationPath[] {
  const permissions = userPermissions(user);
  const paths: EscalationPath[] = [];
  const check = (action: string, resource: string, target: string) => {
    const grant = mayPerform(permissions, action, resource);
    if (grant) paths.push({ action, target, policy: grant.policy });
  };
  // Policies on itself.
  for (const action of ["iam:PutUserPolicy", "iam:AttachUserPolicy", "iam:PutUserPermissionsBoundary", "iam:DeleteUserPermissionsBoundary"]) {
    if (action.includes("Boundary") && !user.boundary) continue;
    check(action, user.arn, "itself");
  }
  // Policies on a group it is in.
  for (const { group } of user.memberships) {
    for (const action of ["iam:PutGroupPolicy", "iam:AttachGroupPolicy"]) check(action, group.arn, `group ${group.name}, which it is in`);
  }
  // New default versions of customer managed policies that reach it.
  for (const policy of userPolicies(user)) {
    if (!policy.customer) continue;
    for (const action of ["iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion"]) check(action, policy.customer.arn, `policy ${policy.customer.name}, which reaches it`);
  }
  // Joining a group that grants administrator.
  for (const group of account.groups.filter(groupGrantsAdministrator)) {
    if (!group.members.has(user.key)) check("iam:AddUserToGroup", group.arn, `group ${group.name}, which grants administrator`);
  }
  // Taking over an administrator user's credentials: the break-glass user's above all.
  for (const other of account.users) {
    if (other === user) continue;
    if (!other.breakGlass && !strictAdministratorGrant(userPermissions(other)) && !administratorGrant(other)) continue;
    const whose = other.breakGlass ? `the break-glass user ${other.name}` : `administrator ${other.name}`;
    for (const action of ["iam:CreateLoginProfile", "iam:UpdateLoginProfile", "iam:CreateAccessKey"]) check(action, other.arn, whose);
  }
  // Assuming an administrator role that trusts it; or rewriting such a role's trust.
  for (const { role, direct } of assumableAdminRoles(account, user)) {
    if (direct) {
      const via = role.origin ?? { input: "terraform" as const, stack: account.stack, address: role.name };
      paths.push({ action: "sts:AssumeRole", target: `role ${role.name}, which trusts it by name`, policy: { name: `the trust policy of role ${role.name}`, kind: "inline", via, document: role.trust } });
    } else check("sts:AssumeRole", role.arn, `role ${role.name}, an administrator role that trusts its account`);
  }
  for (const role of account.roles.filter((r) => isAdministrator(rolePermissions(r)))) {
    check("iam:UpdateAssumeRolePolicy", role.arn, `role ${role.name}, an administrator role`);
  }
  return paths;
}
