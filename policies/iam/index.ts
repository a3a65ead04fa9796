// The IAM engine: one model of users, groups, roles and policies per account,
// built from Terraform or from the live account, and how IAM evaluates it.
import { DEFAULT_USER_NAME } from "../../modules/defaults";
import { Model } from "../model";
import { accountsFromTerraform } from "./from-terraform";
import { IamAccount, IamUser } from "./model";
import { administratorGrant, PolicyStatement, strictAdministratorGrant, userPermissions } from "./permissions";

export * from "./model";
export { escalationPaths, groupGrantsAdministrator } from "./escalation";
export type { EscalationPath } from "./escalation";
export { accountFromSnapshot, decodePolicyDocument, accountIdOf, unknownAwsManagedPolicyArns } from "./from-account";
export type { AccountSnapshot, UserCredentials } from "./from-account";
export { isBreakGlassUser, isIamType } from "./from-terraform";
export { administratorGrant, isAdministrator, limitingDenies, mayPerform, strictAdministratorGrant, userPermissions, userPolicies, rolePermissions } from "./permissions";
export { isDenyUnlessMfa, readPolicyDocument } from "./policy-document";

export interface IamOptions {
  /** Names (compared ignoring case) that mark a user as the break-glass user besides the BreakGlass tag. */
  readonly breakGlassUserNames?: string[];
}

export const DEFAULT_BREAK_GLASS_USER_NAMES = [DEFAULT_USER_NAME];

/** The names, in lower case, that mark a user as the break-glass user. */
export function breakGlassNames(options: IamOptions = {}): Set<string> {
  return new Set((options.breakGlassUserNames ?? DEFAULT_BREAK_GLASS_USER_NAMES).map((n) => n.toLowerCase()));
}

/** Each account's IAM picture from Terraform input. */
export function accountsOf(model: Model, options: IamOptions = {}): IamAccount[] {
  return accountsFromTerraform(model, breakGlassNames(options));
}

/** Every break-glass user defined in the input, with its account: what most rules look at. */
export function breakGlassUsers(accounts: IamAccount[]) {
  return accounts.flatMap((account) => account.users.filter((u) => u.breakGlass && u.origin).map((user) => ({ account, user })));
}

/**
 * The account's administrator users and the statement that makes each one.
 * Another user is one when its effective permissions cover everything; the
 * break-glass user needs AdministratorAccess's own shape in its identity
 * policies (what takes that away is the break-glass-can-act rule's).
 */
export function administrators(account: IamAccount): { user: IamUser; grant: PolicyStatement }[] {
  const breakGlass = breakGlassOf(account);
  return account.users.flatMap((user) => {
    // Another user marked as break-glass is judged as any user: its power may add up from any policies.
    const grant = user === breakGlass ? strictAdministratorGrant({ identity: userPermissions(user).identity }) : administratorGrant(user);
    return grant ? [{ user, grant }] : [];
  });
}

/**
 * The account's one break-glass user: the first marked one (tag or name) that
 * holds AdministratorAccess's shape, else the first marked one. A second
 * marked user is no exception to any rule.
 */
export function breakGlassOf(account: IamAccount): IamUser | undefined {
  if (breakGlassByAccount.has(account)) return breakGlassByAccount.get(account);
  const marked = account.users.filter((u) => u.breakGlass && u.origin);
  const user = marked.find((u) => strictAdministratorGrant({ identity: userPermissions(u).identity })) ?? marked[0];
  breakGlassByAccount.set(account, user);
  return user;
}
const breakGlassByAccount = new WeakMap<IamAccount, IamUser | undefined>();
