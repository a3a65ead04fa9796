import { globIntersection, globMatch } from "./glob";
import { AttachedPolicy, IamRole, IamUser } from "./model";
import { hasCondition, isDenyUnlessMfa, onlyMfaConditions, Statement, withPolicyVariables } from "./policy-document";

// Effective permissions of a principal from its identity-based policies, as
// IAM evaluates them within one account (IAM User Guide, "Policy evaluation
// logic"): an explicit Deny wins; otherwise an Allow is needed in an identity
// policy and, when a permissions boundary is set, in the boundary as well.
// Service control policies, resource policies and session policies are out of
// scope (README, "What counts as an administrator").

export interface Permissions {
  /** Statements of the identity policies the checks could read. */
  readonly identity: PolicyStatement[];
  /** Statements of the permissions boundary, when one is set (an empty list allows nothing). */
  readonly boundary?: PolicyStatement[];
}

export interface PolicyStatement {
  readonly policy: AttachedPolicy;
  readonly statement: Statement;
}

export function statementsOf(policies: AttachedPolicy[]): PolicyStatement[] {
  return policies.flatMap((policy) => ("statements" in policy.document ? policy.document.statements.map((statement) => ({ policy, statement })) : []));
}

const permissionsOfUser = new WeakMap<IamUser, Permissions>();

/**
 * The user's own policies and its groups' policies, with its boundary, policy
 * variables filled in for it. Worked out once per user (the model does not
 * change once built, and several rules ask).
 */
export function userPermissions(user: IamUser): Permissions {
  let permissions = permissionsOfUser.get(user);
  if (!permissions) {
    const name = user.name.includes("${") ? undefined : user.name;
    permissions = {
      identity: statementsOf(userPolicies(user)).map((s) => forPrincipal(s, name)),
      boundary: user.boundary ? statementsOf([user.boundary]).map((s) => forPrincipal(s, name)) : undefined,
    };
    permissionsOfUser.set(user, permissions);
  }
  return permissions;
}

/**
 * Resource patterns as they apply to one principal. A Deny whose resource
 * depends on a variable the checks cannot fill is not sure to apply, so it
 * is counted as conditional (it removes nothing for the others' checks, and
 * still limits the break-glass user).
 */
function forPrincipal(ps: PolicyStatement, userName: string | undefined): PolicyStatement {
  const s = ps.statement;
  if (!s.variables) return ps;
  let unknown = false;
  const fill = (values: string[] | undefined) =>
    values?.map((v) => {
      if (!v.includes("${")) return v;
      const filled = withPolicyVariables(v, userName);
      unknown ||= filled.unknown;
      return filled.pattern;
    });
  const resources = fill(s.resources);
  const notResources = fill(s.notResources);
  if (resources === s.resources && notResources === s.notResources && !unknown) return ps;
  const condition = unknown && s.effect === "Deny" ? { ...s.condition, "(policy variable)": {} } : s.condition;
  return { policy: ps.policy, statement: { ...s, resources, notResources, condition } };
}

const permissionsOfRole = new WeakMap<IamRole, Permissions>();

/** A role's policies and boundary, worked out once per role: every user's escalation paths ask. */
export function rolePermissions(role: IamRole): Permissions {
  let permissions = permissionsOfRole.get(role);
  if (!permissions) {
    permissions = { identity: statementsOf(role.policies), boundary: role.boundary ? statementsOf([role.boundary]) : undefined };
    permissionsOfRole.set(role, permissions);
  }
  return permissions;
}

/** Every policy on the user's path: on the user, then on each of its groups. */
export function userPolicies(user: IamUser): AttachedPolicy[] {
  return [...user.policies, ...user.memberships.flatMap((m) => m.group.policies)];
}

function actionMatches(s: Statement, action: string): boolean {
  if (s.actions) return s.actions.some((p) => globMatch(p, action, { ignoreCase: true }));
  return !(s.notActions ?? []).some((p) => globMatch(p, action, { ignoreCase: true }));
}

/** Whether the statement can apply to some ARN the `resource` pattern stands for. */
function resourceMayMatch(s: Statement, resource: string): boolean {
  if (s.resources) return s.resources.some((p) => globIntersection(p, resource) !== undefined);
  if (s.notResources) return !s.notResources.some((p) => covers(p, resource));
  return false;
}

/** Whether the statement applies to every ARN the `resource` pattern stands for. */
function resourceSurelyMatches(s: Statement, resource: string): boolean {
  if (s.resources) return s.resources.some((p) => covers(p, resource));
  if (s.notResources) return !s.notResources.some((p) => globIntersection(p, resource) !== undefined);
  return false;
}

/** `pattern` matches every string `resource` does; exact for a concrete resource, and for `*`. */
function covers(pattern: string, resource: string): boolean {
  if (pattern === "*") return true;
  if (!/[*?]/.test(resource)) return globMatch(pattern, resource);
  return pattern === resource;
}

/**
 * A Deny that surely applies: unconditional (a conditional Deny may not apply,
 * so it is not counted as removing power), and not the deny-unless-MFA pattern,
 * which a user who signs in with MFA never meets.
 */
function surelyDenies(s: Statement, action: string, resource: string): boolean {
  return s.effect === "Deny" && !hasCondition(s) && actionMatches(s, action) && resourceSurelyMatches(s, resource);
}

function mayAllow(statements: PolicyStatement[], action: string, resource: string): PolicyStatement | undefined {
  if (statements.some(({ statement }) => surelyDenies(statement, action, resource))) return undefined;
  // A condition on an Allow does not make it less of a grant: it may be met.
  return statements.find(({ statement: s }) => s.effect === "Allow" && actionMatches(s, action) && resourceMayMatch(s, resource));
}

/**
 * Whether the principal may be allowed `action` on some resource the pattern
 * stands for (`*` in `resource` for parts not known before apply), and through
 * which statement. Errs towards "allowed": this is what escalation paths ask.
 */
export function mayPerform(permissions: Permissions, action: string, resource: string): PolicyStatement | undefined {
  const allowed = mayAllow(permissions.identity, action, resource);
  if (!allowed) return undefined;
  if (permissions.boundary && !mayAllow(permissions.boundary, action, resource)) return undefined;
  return allowed;
}

/** An action no real service has: allowed only by wildcards that reach every action. */
const FRESH_ACTION = "zzfresh:ZzFresh";
const FRESH_RESOURCE = "arn:zzfresh:zzfresh:zz-fresh-1:000000000000:zzfresh/zzfresh";

/**
 * Whether the principal is allowed every action on every resource. Exact for
 * every action and ARN the policies name (and their wildcard-instances and the
 * overlaps of NotAction and NotResource lists), and for one action and one ARN
 * that no policy names: when every one of them is allowed, so is everything.
 */
export function isAdministrator(permissions: Permissions): PolicyStatement | undefined {
  const first = mayPerform(permissions, FRESH_ACTION, FRESH_RESOURCE);
  if (!first) return undefined;
  // The common case, AdministratorAccess with nothing that could take from it: no need to look further.
  const everything = permissions.identity.find(({ statement }) => allowsEverything(statement));
  const denies = permissions.identity.some(({ statement: s }) => s.effect === "Deny" && !hasCondition(s));
  if (everything && !denies && !permissions.boundary) return everything;
  // Conditional Denies never apply here (see surelyDenies), so they split nothing.
  const all = [...permissions.identity, ...(permissions.boundary ?? [])].map((p) => p.statement).filter((s) => s.effect === "Allow" || !hasCondition(s));
  const actions = candidates(all, (s) => [...(s.actions ?? []), ...(s.notActions ?? [])], (s) => s.notActions, FRESH_ACTION, true);
  const resources = candidates(all, (s) => [...(s.resources ?? []), ...(s.notResources ?? [])], (s) => s.notResources, FRESH_RESOURCE, false);
  for (const action of actions) {
    for (const resource of resources.filter(couldExist)) if (!mayPerform(permissions, action, resource)) return undefined;
  }
  return first;
}

/**
 * Whether an ARN could name a real resource: not one with a literal `*` or `?`
 * (from `${*}`, `${?}`) or an unfilled policy variable, which no ARN holds. A
 * Deny of only such resources takes nothing away.
 */
function couldExist(resource: string): boolean {
  return !/[\u0002\u0003]|\$\{/.test(resource);
}

/** Concrete strings that stand for every region of the pattern space the statements split it into. */
function candidates(
  statements: Statement[],
  patternsOf: (s: Statement) => string[],
  negatedOf: (s: Statement) => string[] | undefined,
  fresh: string,
  ignoreCase: boolean,
): string[] {
  const out = new Set<string>([fresh]);
  const patterns = new Set(statements.flatMap(patternsOf));
  for (const p of patterns) for (const c of instances(p)) out.add(c);
  // A string outside several NotAction (NotResource) lists at once can be in the overlap of their patterns.
  const negated = [...new Set(statements.flatMap((s) => negatedOf(s) ?? []))];
  if (negated.length <= 200) {
    for (let i = 0; i < negated.length; i++) {
      for (let j = i + 1; j < negated.length; j++) {
        const both = globIntersection(negated[i], negated[j], { ignoreCase });
        if (both !== undefined) out.add(both);
      }
    }
  }
  return [...out];
}

/** A few strings a pattern matches: each `*` as nothing or as a fresh word, each `?` as one letter. */
function instances(pattern: string): string[] {
  if (!/[*?]/.test(pattern)) return [pattern];
  return [pattern.replace(/\*/g, "").replace(/\?/g, "q"), pattern.replace(/\*/g, "Zzq9").replace(/\?/g, "q")];
}

/** Matches every action: `*` or `*:*` (every action name has a service prefix). */
const EVERY_ACTION = new Set(["*", "*:*"]);

/** AdministratorAccess's own statement: Allow of every action on every resource (whatever its conditions). */
function allowsEverything(s: Statement): boolean {
  return s.effect === "Allow" && (s.actions ?? []).some((a) => EVERY_ACTION.has(a)) && (s.resources ?? []).includes("*");
}

/**
 * The strict form the break-glass user needs: one Allow of every action on
 * every resource with at most MFA conditions (AdministratorAccess's own
 * statement), in its identity policies and, when it has one, in its boundary.
 * Looser shapes that add up to everything (NotAction, several statements)
 * are not trusted for the emergency path.
 */
export function strictAdministratorGrant(permissions: Permissions): PolicyStatement | undefined {
  const grant = (statements: PolicyStatement[]) =>
    statements.find(({ statement }) => allowsEverything(statement) && onlyMfaConditions(statement));
  const identity = grant(permissions.identity);
  if (!identity) return undefined;
  if (permissions.boundary && !grant(permissions.boundary)) return undefined;
  return identity;
}

/** Denies on the principal's path that could take something away (all but deny-unless-MFA). */
export function limitingDenies(permissions: Permissions): PolicyStatement[] {
  return [...permissions.identity, ...(permissions.boundary ?? [])].filter(
    ({ statement: s }) => s.effect === "Deny" && !isDenyUnlessMfa(s),
  );
}

const grants = new WeakMap<IamUser | IamRole, PolicyStatement | null>();

/** isAdministrator of a user or role, worked out once for each: several rules, and every user's escalation paths, ask. */
export function administratorGrant(principal: IamUser | IamRole): PolicyStatement | undefined {
  if (!grants.has(principal)) {
    const permissions = "trust" in principal ? rolePermissions(principal) : userPermissions(principal);
    grants.set(principal, isAdministrator(permissions) ?? null);
  }
  return grants.get(principal) ?? undefined;
}
