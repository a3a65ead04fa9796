import { BREAK_GLASS_TAG_KEY, BREAK_GLASS_TAG_VALUE, DEFAULT_USER_NAME } from "../modules/defaults";
import { asObject, asString, asStrings } from "./json";
import { AccountKey, Model, Resource } from "./model";
import {
  deniesWithoutMfa,
  grantsAdministrator,
  Statement,
  statementsOfJson,
  statementsOfPolicyDocumentBlocks,
} from "./policy-document";
import { isLiteral, referenceOf } from "./references";

// Who is in which group, and which policies reach which user, per AWS account.

/** AdministratorAccess in any partition; synthesized JSON may leave the partition as an interpolation. */
const ADMINISTRATOR_ACCESS_ARN = /^arn:(aws|aws-[a-z-]+|\$\{[^{}]+\}):iam::aws:policy\/AdministratorAccess$/;
const CUSTOMER_POLICY_ARN = /^arn:[^:]+:iam::\d{12}:policy\/(?:.*\/)?([^/]+)$/;

export interface IamUser {
  /** Identity within the account: the resource's stack and address, or the name of a user not managed here. */
  readonly key: string;
  /** The user's name as configured: a literal or, before apply, an expression. */
  readonly name: string;
  readonly resource?: Resource;
  readonly breakGlass: boolean;
}

export interface IamGroup {
  readonly key: string;
  readonly name: string;
  readonly resource?: Resource;
  /** member user key -> the resources that make it a member */
  readonly members: Map<string, Resource[]>;
  readonly grants: Grant[];
}

/** A policy that reaches a user or group, and the resource that attaches it. */
export interface Grant {
  readonly via: Resource;
  /** What the policy is, for messages: `AdministratorAccess`, `aws_iam_policy.p`, `an inline policy`. */
  readonly policy: string;
  readonly administrator: boolean;
  readonly mfaRequired: boolean;
}

export interface AdminPath {
  readonly grant: Grant;
  /** Set when the user gets it through a group. */
  readonly group?: IamGroup;
  readonly membership?: Resource;
}

export interface Account {
  readonly key: AccountKey;
  readonly users: Map<string, IamUser>;
  readonly groups: Map<string, IamGroup>;
  /** user key -> policies attached or inline on the user itself */
  readonly userGrants: Map<string, Grant[]>;
  readonly loginProfiles: Map<string, Resource[]>;
  readonly accessKeys: Map<string, Resource[]>;
  readonly resources: Resource[];
}

export interface IamOptions {
  /** Names (compared ignoring case) that mark a user as the break-glass user besides the BreakGlass tag. */
  readonly breakGlassUserNames?: string[];
}

export const DEFAULT_BREAK_GLASS_USER_NAMES = [DEFAULT_USER_NAME];

/** Builds each account's IAM picture from the model, in one pass over its resources. */
export function accountsOf(model: Model, options: IamOptions = {}): Account[] {
  const byAccount = new Map<AccountKey, Resource[]>();
  for (const r of model.resources) {
    // Only AWS resources live in an AWS account; random_string, terraform_data and the like do not.
    if (!r.type.startsWith("aws_")) continue;
    const list = byAccount.get(r.account) ?? [];
    list.push(r);
    byAccount.set(r.account, list);
  }
  const names = breakGlassNames(options);
  return [...byAccount.entries()].map(([key, resources]) => new AccountBuilder(key, resources, names).build());
}

/** The names, in lower case, that mark a user as the break-glass user. */
export function breakGlassNames(options: IamOptions = {}): Set<string> {
  return new Set((options.breakGlassUserNames ?? DEFAULT_BREAK_GLASS_USER_NAMES).map((n) => n.toLowerCase()));
}

/** A user is the break-glass user when it carries the BreakGlass tag or has one of the break-glass names. */
export function isBreakGlassUser(name: string, tags: Record<string, unknown>, names: Set<string>): boolean {
  return tags[BREAK_GLASS_TAG_KEY] === BREAK_GLASS_TAG_VALUE || names.has(name.toLowerCase());
}

/** The ways a user gets administrator access: on itself, or through a group it is in. */
export function adminPaths(account: Account, user: IamUser): AdminPath[] {
  const paths: AdminPath[] = (account.userGrants.get(user.key) ?? [])
    .filter((g) => g.administrator)
    .map((grant) => ({ grant }));
  for (const group of account.groups.values()) {
    const memberships = group.members.get(user.key);
    if (!memberships) continue;
    for (const grant of group.grants.filter((g) => g.administrator)) {
      paths.push({ grant, group, membership: memberships[0] });
    }
  }
  return paths;
}

/** The groups a user is in. */
export function groupsOf(account: Account, user: IamUser): IamGroup[] {
  return [...account.groups.values()].filter((g) => g.members.has(user.key));
}

export function describeUser(user: IamUser): string {
  return user.resource ? `IAM user ${user.name} (${user.resource.address})` : `IAM user ${user.name}`;
}

export function describePath(path: AdminPath): string {
  const policy = `${path.grant.policy} (${path.grant.via.address})`;
  return path.group ? `group ${path.group.name}, which has ${policy}` : `${policy} on the user itself`;
}

class AccountBuilder {
  private readonly users = new Map<string, IamUser>();
  private readonly groups = new Map<string, IamGroup>();
  private readonly userNames = new Map<string, string>();
  private readonly groupNames = new Map<string, string>();
  /** stack + address -> resource, for references, which never cross stacks */
  private readonly byAddress = new Map<string, Resource>();
  /** customer managed policies by ARN and by lower-case name */
  private readonly policiesByName = new Map<string, Resource>();
  private readonly userGrants = new Map<string, Grant[]>();
  private readonly loginProfiles = new Map<string, Resource[]>();
  private readonly accessKeys = new Map<string, Resource[]>();

  constructor(
    private readonly key: AccountKey,
    private readonly resources: Resource[],
    private readonly breakGlassNames: Set<string>,
  ) {}

  build(): Account {
    for (const r of this.resources) {
      this.byAddress.set(`${r.stack}\0${r.address}`, r);
      if (r.mode !== "managed") continue;
      const name = asString(r.values.name);
      if (r.type === "aws_iam_user") this.addUser(r);
      if (r.type === "aws_iam_group") this.addGroup(r);
      if (r.type === "aws_iam_policy") {
        // Found by the ARN an attachment names: the exact ARN when known (plan JSON, the live audit), else the name in it.
        const arn = asString(r.values.arn);
        if (isLiteral(arn)) this.policiesByName.set(arn, r);
        if (isLiteral(name)) this.policiesByName.set(name.toLowerCase(), r);
      }
    }
    for (const r of this.resources) if (r.mode === "managed") this.link(r);
    return {
      key: this.key,
      users: this.users,
      groups: this.groups,
      userGrants: this.userGrants,
      loginProfiles: this.loginProfiles,
      accessKeys: this.accessKeys,
      resources: this.resources,
    };
  }

  private addUser(r: Resource): void {
    const name = asString(r.values.name) ?? r.address;
    const tags = { ...asObject(r.values.tags_all), ...asObject(r.values.tags) };
    const user: IamUser = {
      key: `${r.stack}\0${r.address}`,
      name,
      resource: r,
      breakGlass: isBreakGlassUser(name, tags, this.breakGlassNames),
    };
    this.users.set(user.key, user);
    if (isLiteral(name)) this.indexName(this.userNames, r.stack, name, user.key);
  }

  private addGroup(r: Resource): void {
    const name = asString(r.values.name) ?? r.address;
    const group: IamGroup = { key: `${r.stack}\0${r.address}`, name, resource: r, members: new Map(), grants: [] };
    this.groups.set(group.key, group);
    if (isLiteral(name)) this.indexName(this.groupNames, r.stack, name, group.key);
  }

  /**
   * Names are looked up in the resource's own stack first, then in the whole
   * account: plan JSON has replaced references with the names they resolve to.
   */
  private indexName(names: Map<string, string>, stack: string, name: string, key: string): void {
    const lower = name.toLowerCase();
    if (!names.has(`${stack}\0${lower}`)) names.set(`${stack}\0${lower}`, key);
    if (!names.has(lower)) names.set(lower, key);
  }

  private link(r: Resource): void {
    const v = r.values;
    switch (r.type) {
      case "aws_iam_group_membership":
        for (const user of asStrings(v.users)) this.addMember(this.group(r, v.group), this.user(r, user), r);
        break;
      case "aws_iam_user_group_membership":
        for (const group of asStrings(v.groups)) this.addMember(this.group(r, group), this.user(r, v.user), r);
        break;
      case "aws_iam_group_policy_attachment":
        this.group(r, v.group).grants.push(this.managedGrant(r, v.policy_arn));
        break;
      case "aws_iam_group_policy_attachments_exclusive":
        for (const arn of asStrings(v.policy_arns)) this.group(r, v.group_name).grants.push(this.managedGrant(r, arn));
        break;
      case "aws_iam_group_policy":
        this.group(r, v.group).grants.push(this.inlineGrant(r, v.policy));
        break;
      case "aws_iam_policy_attachment": {
        const grant = this.managedGrant(r, v.policy_arn);
        for (const user of asStrings(v.users)) this.addUserGrant(this.user(r, user), grant);
        for (const group of asStrings(v.groups)) this.group(r, group).grants.push(grant);
        break;
      }
      case "aws_iam_user_policy_attachment":
        this.addUserGrant(this.user(r, v.user), this.managedGrant(r, v.policy_arn));
        break;
      case "aws_iam_user_policy_attachments_exclusive":
        for (const arn of asStrings(v.policy_arns)) this.addUserGrant(this.user(r, v.user_name), this.managedGrant(r, arn));
        break;
      case "aws_iam_user_policy":
        this.addUserGrant(this.user(r, v.user), this.inlineGrant(r, v.policy));
        break;
      case "aws_iam_user_login_profile":
        push(this.loginProfiles, this.user(r, v.user).key, r);
        break;
      case "aws_iam_access_key":
        push(this.accessKeys, this.user(r, v.user).key, r);
        break;
    }
  }

  private addMember(group: IamGroup, user: IamUser, via: Resource): void {
    const list = group.members.get(user.key) ?? [];
    list.push(via);
    group.members.set(user.key, list);
  }

  private addUserGrant(user: IamUser, grant: Grant): void {
    push(this.userGrants, user.key, grant);
  }

  /** The user a value names: by reference within the stack, else by name within the account. */
  private user(from: Resource, value: unknown): IamUser {
    const key = this.resolve(from, value, "aws_iam_user", this.userNames);
    const existing = this.users.get(key);
    if (existing) return existing;
    const name = String(value ?? "(unknown)");
    const user: IamUser = { key, name, breakGlass: isBreakGlassUser(name, {}, this.breakGlassNames) };
    this.users.set(key, user);
    return user;
  }

  private group(from: Resource, value: unknown): IamGroup {
    const key = this.resolve(from, value, "aws_iam_group", this.groupNames);
    const existing = this.groups.get(key);
    if (existing) return existing;
    const group: IamGroup = { key, name: String(value ?? "(unknown)"), members: new Map(), grants: [] };
    this.groups.set(key, group);
    return group;
  }

  private resolve(from: Resource, value: unknown, type: string, names: Map<string, string>): string {
    const ref = referenceOf(value);
    if (ref && ref.address.startsWith(`${type}.`)) return `${from.stack}\0${ref.address}`;
    if (isLiteral(value)) {
      const lower = value.toLowerCase();
      return names.get(`${from.stack}\0${lower}`) ?? names.get(lower) ?? `name\0${lower}`;
    }
    return `expression\0${from.stack}\0${String(value)}`;
  }

  private managedGrant(via: Resource, arn: unknown): Grant {
    if (typeof arn === "string" && ADMINISTRATOR_ACCESS_ARN.test(arn)) {
      return { via, policy: "AdministratorAccess", administrator: true, mfaRequired: false };
    }
    const ref = referenceOf(arn);
    const target = ref ? this.byAddress.get(`${via.stack}\0${ref.address}`) : undefined;
    if (target?.type === "aws_iam_policy" && target.mode === "data") {
      const name = asString(target.values.name);
      const targetArn = asString(target.values.arn);
      const isAdmin = name === "AdministratorAccess" || (targetArn !== undefined && ADMINISTRATOR_ACCESS_ARN.test(targetArn));
      if (isAdmin) return { via, policy: `AdministratorAccess (${target.address})`, administrator: true, mfaRequired: false };
    }
    const customName = typeof arn === "string" ? CUSTOMER_POLICY_ARN.exec(arn)?.[1] : undefined;
    const custom =
      target?.type === "aws_iam_policy" && target.mode === "managed"
        ? target
        : customName
          ? (this.policiesByName.get(arn as string) ?? this.policiesByName.get(customName.toLowerCase()))
          : undefined;
    if (custom) return this.documentGrant(via, custom.address, custom, custom.values.policy);
    return { via, policy: typeof arn === "string" ? arn : "a policy", administrator: false, mfaRequired: false };
  }

  private inlineGrant(via: Resource, document: unknown): Grant {
    return this.documentGrant(via, "an inline policy", via, document);
  }

  private documentGrant(via: Resource, policy: string, owner: Resource, document: unknown): Grant {
    const statements = this.statements(owner, document) ?? [];
    return { via, policy, administrator: grantsAdministrator(statements), mfaRequired: deniesWithoutMfa(statements) };
  }

  private statements(owner: Resource, document: unknown): Statement[] | undefined {
    const ref = referenceOf(document);
    const target = ref ? this.byAddress.get(`${owner.stack}\0${ref.address}`) : undefined;
    if (target?.type === "aws_iam_policy_document") {
      return statementsOfJson(target.values.json) ?? statementsOfPolicyDocumentBlocks(target.values);
    }
    return statementsOfJson(document);
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key) ?? [];
  list.push(value);
  map.set(key, list);
}

/** Every break-glass user, with its account: what most rules look at. */
export function breakGlassUsers(accounts: Account[]): { account: Account; user: IamUser }[] {
  return accounts.flatMap((account) => [...account.users.values()].filter((u) => u.breakGlass).map((user) => ({ account, user })));
}
