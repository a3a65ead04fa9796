import { BREAK_GLASS_TAG_KEY, BREAK_GLASS_TAG_VALUE } from "../../modules/defaults";
import { asObject, asString, isObject } from "../json";
import { AccountKey, Model, Resource } from "../model";
import { awsManagedPolicy, isAwsManagedPolicyArn, withKnownPartition } from "./aws-managed-policies";
import { groupGrantsPower } from "./escalation";
import { ExclusiveSettings, policyKey } from "./exclusive";
import { UNKNOWN_PART } from "./glob";
import { argumentsLeftUnset } from "../terraform/plan";
import { AccountPasswordPolicy } from "./password-policy";
import { AttachedPolicy, CustomerPolicy, IamAccount, IamGroup, IamRole, IamUser, Origin, Unresolved } from "./model";
import { isExpression, PolicyDocument, policyDocumentFromBlocks, readPolicyDocument, Statement, unescapeTemplate } from "./policy-document";

// The Terraform front door: synthesized JSON or plan JSON, normalized into the
// policy model's resources, becomes one IAM picture per AWS account.

export interface BreakGlassNames {
  /** Names (lower case) that mark a user as the break-glass user besides the BreakGlass tag. */
  readonly names: Set<string>;
}

/** A user is the break-glass user when it carries the BreakGlass tag or has one of the break-glass names. */
export function isBreakGlassUser(name: string, tags: Record<string, unknown>, names: Set<string>): boolean {
  return tags[BREAK_GLASS_TAG_KEY] === BREAK_GLASS_TAG_VALUE || names.has(name.toLowerCase());
}

/**
 * A value that is one reference to another resource's attribute, as
 * synthesized JSON writes it and plan JSON's unknowns are put back:
 * `${aws_iam_user.u.name}`, `${aws_iam_user.u[0].name}`, `${module.m.aws_iam_group.g.name}`.
 */
const WHOLE_REFERENCE =
  /^\$\{((?:module\.[\w-]+(?:\[[^\]]+\])?\.)*(?:data\.)?([\w-]+)\.[\w-]+(?:\[[^\]]+\])?)\.(\w+)\}$/;

export function wholeReference(value: unknown): { address: string; type: string; attribute: string } | undefined {
  if (typeof value !== "string") return undefined;
  const m = WHOLE_REFERENCE.exec(value.trim());
  return m ? { address: m[1], type: m[2], attribute: m[3] } : undefined;
}

/** A model value as written, for messages and keys: JSON for anything but a string (String() throws on `{"toString": null}`). */
function written(value: unknown): string {
  return typeof value === "string" ? value : (JSON.stringify(value) ?? "undefined");
}

/** An entity's name for messages: what it was written as, "(unknown)" when it was not written. */
function nameOf(value: unknown): string {
  return value === undefined || value === null ? "(unknown)" : written(value);
}

function isLiteral(value: unknown): value is string {
  return typeof value === "string" && !isExpression(value);
}

const ACCOUNT_ID = /^\d{12}$/;

type Principal = "user" | "group" | "role";

/** The resource type in the ARN of what each IAM resource type (or data source) names. */
const IAM_ARN_KINDS = new Map([
  ["aws_iam_user", "user"],
  ["aws_iam_group", "group"],
  ["aws_iam_role", "role"],
  ["aws_iam_policy", "policy"],
]);

/** A number as Terraform converts it from a string argument ("32"); anything else as it is. */
function asNumber(value: unknown): unknown {
  return typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
}

/** A boolean as Terraform converts it from "true" or "false"; anything else as it is. */
function asBoolean(value: unknown): unknown {
  return value === "true" ? true : value === "false" ? false : value;
}

/** aws_iam_user_login_profile's password_length when not set. */
const DEFAULT_PASSWORD_LENGTH = 20;

/** The account-wide setting aws_iam_policy_attachment owns, for messages. */
function attachmentsOf(policy: AttachedPolicy): string {
  return `the attachments of policy ${policy.name} across the account`;
}

/**
 * The resource types whose values define or link IAM entities: IAM resources,
 * and the IAM data sources policies come from. What they refer to elsewhere,
 * evaluation follows by itself.
 */
export function isIamType(type: string): boolean {
  return type.startsWith("aws_iam_");
}

/** Builds each account's IAM picture from the model. */
export function accountsFromTerraform(model: Model, names: Set<string>): IamAccount[] {
  const byAccount = new Map<AccountKey, { stack: string; partition?: string; resources: Resource[] }>();
  for (const [key, { stack, partition }] of model.accounts ?? []) byAccount.set(key, { stack, partition, resources: [] });
  for (const r of model.resources) {
    // Only AWS resources live in an AWS account; random_string, terraform_data and the like do not.
    if (!r.type.startsWith("aws_")) continue;
    const account = byAccount.get(r.account) ?? { stack: r.stack, resources: [] };
    account.resources.push(r);
    byAccount.set(r.account, account);
  }
  return [...byAccount.entries()].map(([key, { stack, partition, resources }]) => new TerraformAccount(key, stack, partition, resources, names).build());
}

interface MutableUser extends IamUser {
  policies: AttachedPolicy[];
  memberships: { group: IamGroup; via: Origin }[];
  loginProfiles: IamUser["loginProfiles"];
  accessKeys: Origin[];
  boundary?: AttachedPolicy;
}
interface MutableRole extends IamRole {
  boundary?: AttachedPolicy;
}

class TerraformAccount {
  private readonly id?: string;
  private readonly users = new Map<string, MutableUser>();
  private readonly groups = new Map<string, IamGroup>();
  private readonly roles = new Map<string, MutableRole>();
  private readonly policies = new Map<string, CustomerPolicy>();
  /** lower-case name (per stack, then account-wide) -> key */
  private readonly userNames = new Map<string, string>();
  private readonly groupNames = new Map<string, string>();
  private readonly roleNames = new Map<string, string>();
  private readonly policyNames = new Map<string, string>();
  /** stack + address -> resource, for references, which never cross stacks */
  private readonly byAddress = new Map<string, Resource>();
  private readonly unresolved: Unresolved[] = [];
  private readonly exclusive = new ExclusiveSettings();
  private passwordPolicy?: IamAccount["passwordPolicy"];
  /** customer managed policies already reported as unreadable */
  private readonly reported = new Set<string>();

  constructor(
    private readonly key: AccountKey,
    /** The stack that first reaches the account. */
    private readonly stack: string,
    /** The account's partition, when every provider that reaches it names a Region of one. */
    private readonly partition: string | undefined,
    private readonly resources: Resource[],
    private readonly breakGlassNames: Set<string>,
  ) {
    if (ACCOUNT_ID.test(key)) this.id = key;
  }

  build(): IamAccount {
    // What references reach here are IAM resources and data sources; the rest need no index.
    for (const r of this.resources) if (isIamType(r.type)) this.byAddress.set(`${r.stack}\0${r.address}`, r);
    const managed = this.resources.filter((r) => r.mode === "managed");
    for (const r of managed) this.define(r);
    // Customer managed policies' documents before the attachments that carry them.
    for (const r of managed) if (r.type === "aws_iam_policy") this.readCustomerPolicy(r);
    for (const r of managed) this.link(r);
    this.failOnGroupsDefinedElsewhere();
    return {
      key: this.key,
      id: this.id,
      stack: this.stack,
      partition: this.partition,
      users: [...this.users.values()],
      groups: [...this.groups.values()],
      roles: [...this.roles.values()],
      unresolved: this.unresolved,
      conflicts: this.exclusive.conflicts(),
      passwordPolicy: this.passwordPolicy,
    };
  }

  private origin(r: Resource): Origin {
    return { input: "terraform", stack: r.stack, address: r.address };
  }

  /** The ARN IAM will give the entity, with UNKNOWN_PART for what is not known before apply. */
  private arn(kind: string, path: unknown, name: unknown): string {
    // IAM's default path is "/"; a path not known before apply may be any, and UNKNOWN_PART matches any run, "" included.
    const p = path === undefined || path === null ? "/" : isLiteral(path) ? path : `/${UNKNOWN_PART}`;
    return `arn:${this.partition ?? UNKNOWN_PART}:iam::${this.id ?? UNKNOWN_PART}:${kind}${p}${isLiteral(name) ? name : UNKNOWN_PART}`;
  }

  /** First pass: the entities, so that the second can link to them by address or name. */
  private define(r: Resource): void {
    // Only IAM resources define or link IAM entities; others' values are not even worked out.
    if (!isIamType(r.type)) return;
    const v = r.values;
    const key = `${r.stack}\0${r.address}`;
    const name = asString(v.name) ?? r.address;
    switch (r.type) {
      case "aws_iam_user": {
        const tags = { ...asObject(v.tags_all), ...asObject(v.tags) };
        this.users.set(key, {
          key,
          name,
          arn: this.arn("user", v.path, v.name),
          origin: this.origin(r),
          // A name not known before apply can still carry the tag, but matches no break-glass name.
          breakGlass: isBreakGlassUser(isLiteral(name) ? name : "", tags, this.breakGlassNames),
          policies: [],
          memberships: [],
          loginProfiles: [],
          accessKeys: [],
        });
        this.indexName(this.userNames, r.stack, v.name, key);
        break;
      }
      case "aws_iam_group":
        this.groups.set(key, { key, name, arn: this.arn("group", v.path, v.name), origin: this.origin(r), policies: [], members: new Map() });
        this.indexName(this.groupNames, r.stack, v.name, key);
        break;
      case "aws_iam_role":
        this.roles.set(key, {
          key,
          name,
          arn: this.arn("role", v.path, v.name),
          origin: this.origin(r),
          trust: { unreadable: "is not read yet" },
          policies: [],
        });
        this.indexName(this.roleNames, r.stack, v.name, key);
        break;
      case "aws_iam_policy": {
        const arn = isLiteral(v.arn) ? v.arn : this.arn("policy", v.path, v.name);
        this.policies.set(key, { key, name: isLiteral(v.name) ? v.name : r.address, arn, origin: this.origin(r), document: { unreadable: "is not read yet" } });
        this.indexName(this.policyNames, r.stack, v.name, key);
        if (isLiteral(v.arn)) this.policyNames.set(`arn\0${v.arn}`, key);
        break;
      }
    }
  }

  /** Names are looked up in the resource's own stack first, then in the whole account. */
  private indexName(names: Map<string, string>, stack: string, name: unknown, key: string): void {
    if (!isLiteral(name)) return;
    const lower = name.toLowerCase();
    if (!names.has(`${stack}\0${lower}`)) names.set(`${stack}\0${lower}`, key);
    if (!names.has(lower)) names.set(lower, key);
  }

  /** Second pass: documents, memberships, attachments, credentials. */
  private link(r: Resource): void {
    if (!isIamType(r.type)) return;
    const v = r.values;
    const via = this.origin(r);
    switch (r.type) {
      case "aws_iam_user":
        if (v.permissions_boundary !== undefined && v.permissions_boundary !== null && v.permissions_boundary !== "") {
          this.users.get(`${r.stack}\0${r.address}`)!.boundary = this.managedPolicy(r, "permissions_boundary", v.permissions_boundary);
        }
        break;
      case "aws_iam_role": {
        const role = this.roles.get(`${r.stack}\0${r.address}`)!;
        Object.assign(role, { trust: this.document(r, "assume_role_policy", v.assume_role_policy) });
        if (v.permissions_boundary) role.boundary = this.managedPolicy(r, "permissions_boundary", v.permissions_boundary);
        if (typeof v.inline_policy === "string") this.fail(r, "inline_policy", v.inline_policy, "is inline policies not known before apply");
        for (const inline of Array.isArray(v.inline_policy) ? v.inline_policy : isObject(v.inline_policy) ? [v.inline_policy] : []) {
          const body = asObject(inline);
          if (body.policy === undefined) continue;
          role.policies.push(this.inlinePolicy(r, "inline_policy", body.policy, asString(body.name)));
        }
        // Both arguments are exclusive when the configuration sets them: what they do not list is removed (provider docs, aws_iam_role).
        const unset = argumentsLeftUnset(v);
        if (v.managed_policy_arns !== undefined && v.managed_policy_arns !== null) {
          if (unset.includes("managed_policy_arns")) for (const arn of this.list(r, "managed_policy_arns")) role.policies.push(this.managedPolicy(r, "managed_policy_arns", arn));
          else this.ownManaged("role", role, r, "managed_policy_arns");
        }
        if (Array.isArray(v.inline_policy) && v.inline_policy.length > 0 && !unset.includes("inline_policy")) {
          this.ownInline("role", role, r, v.inline_policy.map((inline) => asObject(inline).name).filter((name) => name !== undefined));
        }
        break;
      }
      case "aws_iam_group_membership": {
        const group = this.group(r, "group", v.group);
        const users = this.list(r, "users").map((user) => this.user(r, "users", user));
        for (const user of users) this.addMember(group, user, via);
        // Members it does not list are removed (provider docs, aws_iam_group_membership).
        this.exclusive.own(`members\0${group.key}`, `the members of group ${group.name}`, r, users.map((u) => u.key));
        break;
      }
      case "aws_iam_user_group_membership": {
        const user = this.user(r, "user", v.user);
        for (const name of this.list(r, "groups")) {
          const group = this.group(r, "groups", name);
          this.addMember(group, user, via);
          this.exclusive.claim(`members\0${group.key}`, `the members of group ${group.name}`, r, user.key, `user ${user.name}`);
        }
        break;
      }
      case "aws_iam_group_policy_attachment": {
        const group = this.group(r, "group", v.group);
        this.attachManaged("group", group, r, this.managedPolicy(r, "policy_arn", v.policy_arn));
        break;
      }
      case "aws_iam_group_policy_attachments_exclusive":
        this.ownManaged("group", this.group(r, "group_name", v.group_name), r, "policy_arns");
        break;
      case "aws_iam_group_policy":
        this.putInline("group", this.group(r, "group", v.group), r, v);
        break;
      case "aws_iam_group_policies_exclusive":
        this.ownInline("group", this.group(r, "group_name", v.group_name), r, this.list(r, "policy_names"));
        break;
      case "aws_iam_user_policy_attachment":
        this.attachManaged("user", this.user(r, "user", v.user), r, this.managedPolicy(r, "policy_arn", v.policy_arn));
        break;
      case "aws_iam_user_policy_attachments_exclusive":
        this.ownManaged("user", this.user(r, "user_name", v.user_name), r, "policy_arns");
        break;
      case "aws_iam_user_policy":
        this.putInline("user", this.user(r, "user", v.user), r, v);
        break;
      case "aws_iam_user_policies_exclusive":
        this.ownInline("user", this.user(r, "user_name", v.user_name), r, this.list(r, "policy_names"));
        break;
      case "aws_iam_role_policy_attachment":
        this.attachManaged("role", this.role(r, "role", v.role), r, this.managedPolicy(r, "policy_arn", v.policy_arn));
        break;
      case "aws_iam_role_policy_attachments_exclusive":
        this.ownManaged("role", this.role(r, "role_name", v.role_name), r, "policy_arns");
        break;
      case "aws_iam_role_policy":
        this.putInline("role", this.role(r, "role", v.role), r, v);
        break;
      case "aws_iam_role_policies_exclusive":
        this.ownInline("role", this.role(r, "role_name", v.role_name), r, this.list(r, "policy_names"));
        break;
      case "aws_iam_policy_attachment": {
        // Exclusive across the account: every other attachment of the policy is revoked (provider docs, aws_iam_policy_attachment).
        const policy = this.managedPolicy(r, "policy_arn", v.policy_arn);
        const holders = [
          ...this.list(r, "users").map((user) => ["user", this.user(r, "users", user)] as const),
          ...this.list(r, "groups").map((group) => ["group", this.group(r, "groups", group)] as const),
          ...this.list(r, "roles").map((role) => ["role", this.role(r, "roles", role)] as const),
        ];
        for (const [kind, holder] of holders) this.attachManaged(kind, holder, r, policy);
        this.exclusive.own(`policy\0${policyKey(policy)}`, attachmentsOf(policy), r, holders.map(([kind, holder]) => `${kind}\0${holder.key}`));
        break;
      }
      case "aws_iam_user_login_profile":
        // The provider generates password_length characters, 20 unless set (provider docs, aws_iam_user_login_profile).
        this.user(r, "user", v.user).loginProfiles.push({ via, passwordResetRequired: asBoolean(v.password_reset_required), passwordLength: asNumber(v.password_length) ?? DEFAULT_PASSWORD_LENGTH });
        break;
      case "aws_iam_account_password_policy":
        this.readPasswordPolicy(r);
        break;
      case "aws_iam_access_key":
        this.user(r, "user", v.user).accessKeys.push(via);
        break;
      // Other standing credentials of a user, each for some APIs (EC2's SOAP, CodeCommit, Keyspaces), with the user's permissions.
      case "aws_iam_signing_certificate":
      case "aws_iam_service_specific_credential":
        this.user(r, "user_name", v.user_name).accessKeys.push(via);
        break;
      case "aws_iam_user_ssh_key":
        this.user(r, "username", v.username).accessKeys.push(via);
        break;
    }
  }

  /**
   * The account's one password policy: what decides whether the break-glass
   * password can be created and whether it expires must be read, or the checks fail closed.
   */
  private readPasswordPolicy(r: Resource): void {
    const v = r.values;
    const read = <T>(attribute: string, type: "number" | "boolean"): T | undefined => {
      // Terraform converts "14" and "true" to the argument's type.
      const value = type === "number" ? asNumber(v[attribute]) : asBoolean(v[attribute]);
      if (value === undefined || value === null || typeof value === type) return (value ?? undefined) as T | undefined;
      this.fail(r, attribute, value, "decides whether the break-glass password can be set and whether it expires");
      return undefined;
    };
    const policy: AccountPasswordPolicy = {
      // UpdateAccountPasswordPolicy's default when the argument is left out (IAM API Reference).
      MinimumPasswordLength: read<number>("minimum_password_length", "number") ?? (v.minimum_password_length === undefined || v.minimum_password_length === null ? 6 : undefined),
      RequireLowercaseCharacters: read<boolean>("require_lowercase_characters", "boolean"),
      RequireUppercaseCharacters: read<boolean>("require_uppercase_characters", "boolean"),
      RequireNumbers: read<boolean>("require_numbers", "boolean"),
      RequireSymbols: read<boolean>("require_symbols", "boolean"),
      MaxPasswordAge: read<number>("max_password_age", "number"),
      HardExpiry: read<boolean>("hard_expiry", "boolean"),
    };
    this.passwordPolicy ??= { via: this.origin(r), policy };
    // An account has one password policy: two resources overwrite each other.
    this.exclusive.own("password-policy", "the account password policy", r, []);
  }

  /** A managed policy attached to a principal: one of its managed policies, and one of the policy's attachments in the account. */
  private attachManaged(kind: Principal, holder: { key: string; name: string; policies: AttachedPolicy[] }, r: Resource, policy: AttachedPolicy): void {
    holder.policies.push(policy);
    const key = policyKey(policy);
    this.exclusive.claim(`managed\0${kind}\0${holder.key}`, `the managed policies of ${kind} ${holder.name}`, r, key, `policy ${policy.name}`);
    this.exclusive.claim(`policy\0${key}`, attachmentsOf(policy), r, `${kind}\0${holder.key}`, `${kind} ${holder.name}`);
  }

  /** An exclusive list of a principal's managed policies: each attached, and no others. */
  private ownManaged(kind: Principal, holder: { key: string; name: string; policies: AttachedPolicy[] }, r: Resource, attribute: string): void {
    const policies = this.list(r, attribute).map((arn) => this.managedPolicy(r, attribute, arn));
    for (const policy of policies) this.attachManaged(kind, holder, r, policy);
    this.exclusive.own(`managed\0${kind}\0${holder.key}`, `the managed policies of ${kind} ${holder.name}`, r, policies.map(policyKey));
  }

  /** An inline policy put on a principal; one without a literal name can never be listed by an exclusive owner. */
  private putInline(kind: Principal, holder: { key: string; name: string; policies: AttachedPolicy[] }, r: Resource, v: Resource["values"]): void {
    const name = asString(v.name);
    holder.policies.push(this.inlinePolicy(r, "policy", v.policy, name));
    const item = name !== undefined && isLiteral(name) ? name : `\0${r.address}`;
    this.exclusive.claim(`inline\0${kind}\0${holder.key}`, `the inline policies of ${kind} ${holder.name}`, r, item, name ? `inline policy ${name}` : `the inline policy of ${r.address}`);
  }

  /** An exclusive list of a principal's inline policy names: the others are deleted. */
  private ownInline(kind: Principal, holder: { key: string; name: string }, r: Resource, names: unknown[]): void {
    this.exclusive.own(`inline\0${kind}\0${holder.key}`, `the inline policies of ${kind} ${holder.name}`, r, names.filter(isLiteral));
  }

  /**
   * A group only named here is defined elsewhere: joining it may grant
   * anything, and what is attached to it reaches members the checks cannot see.
   */
  private failOnGroupsDefinedElsewhere(): void {
    for (const group of this.groups.values()) {
      // Defined here, or named by an expression (reported where it stands).
      if (group.origin || group.key.startsWith("expression\0")) continue;
      for (const [, vias] of group.members) {
        for (const via of vias) {
          this.unresolved.push({ stack: via.stack, address: via.address, attribute: "group", expression: group.name, reason: "names a group not defined in this configuration, whose policies the checks cannot read" });
        }
      }
      if (group.members.size > 0 || !groupGrantsPower(group)) continue;
      for (const policy of group.policies) {
        this.unresolved.push({ stack: policy.via.stack, address: policy.via.address, attribute: "group", expression: group.name, reason: "gives power to a group not defined in this configuration, whose members the checks cannot see" });
      }
    }
  }

  private readCustomerPolicy(r: Resource): void {
    const key = `${r.stack}\0${r.address}`;
    const policy = this.policies.get(key)!;
    this.policies.set(key, { ...policy, document: this.document(r, "policy", r.values.policy, false) });
  }

  private fail(r: Resource, attribute: string, value: unknown, reason?: string): void {
    this.unresolved.push({
      stack: r.stack,
      address: r.address,
      attribute,
      expression: written(value),
      ...(reason ? { reason } : {}),
    });
  }

  /** A list attribute; a list that is itself not known before apply fails closed. */
  private list(r: Resource, attribute: string): unknown[] {
    const value = r.values[attribute];
    if (value === undefined || value === null) return [];
    if (Array.isArray(value)) return value;
    this.fail(r, attribute, value, "is not a list the checks can read");
    return [];
  }

  private addMember(group: IamGroup, user: MutableUser, via: Origin): void {
    const list = group.members.get(user.key) ?? [];
    list.push(via);
    group.members.set(user.key, list);
    if (!user.memberships.some((m) => m.group === group)) user.memberships.push({ group, via });
  }

  /** The entity a value names: by reference within the stack, else by name within the account. */
  private find<T>(r: Resource, attribute: string, value: unknown, type: string, entities: Map<string, T>, names: Map<string, string>): { key: string; entity?: T } {
    const ref = wholeReference(value);
    if (ref && ref.type === type) {
      const key = `${r.stack}\0${ref.address}`;
      if (entities.has(key)) return { key, entity: entities.get(key) };
    }
    if (isLiteral(value)) {
      const lower = value.toLowerCase();
      const key = names.get(`${r.stack}\0${lower}`) ?? names.get(lower) ?? `name\0${lower}`;
      return { key, entity: entities.get(key) };
    }
    this.fail(r, attribute, value, `does not name a ${type} the checks can find`);
    return { key: `expression\0${r.stack}\0${r.address}\0${attribute}\0${written(value)}` };
  }

  private user(r: Resource, attribute: string, value: unknown): MutableUser {
    const { key, entity } = this.find(r, attribute, value, "aws_iam_user", this.users, this.userNames);
    if (entity) return entity;
    // A user not defined here, only named: it exists in the account all the same.
    const name = isLiteral(value) ? value : nameOf(value);
    const user: MutableUser = {
      key,
      name,
      arn: this.arn("user", "/", isLiteral(value) ? value : undefined),
      breakGlass: isLiteral(value) && isBreakGlassUser(value, {}, this.breakGlassNames),
      policies: [],
      memberships: [],
      loginProfiles: [],
      accessKeys: [],
    };
    this.users.set(key, user);
    return user;
  }

  private group(r: Resource, attribute: string, value: unknown): IamGroup {
    const { key, entity } = this.find(r, attribute, value, "aws_iam_group", this.groups, this.groupNames);
    if (entity) return entity;
    const group: IamGroup = { key, name: nameOf(value), arn: this.arn("group", "/", isLiteral(value) ? value : undefined), policies: [], members: new Map() };
    this.groups.set(key, group);
    return group;
  }

  private role(r: Resource, attribute: string, value: unknown): MutableRole {
    const { key, entity } = this.find(r, attribute, value, "aws_iam_role", this.roles, this.roleNames);
    if (entity) return entity;
    const role: MutableRole = {
      key,
      name: nameOf(value),
      arn: this.arn("role", "/", isLiteral(value) ? value : undefined),
      trust: { unreadable: "is defined outside this configuration" },
      policies: [],
    };
    this.roles.set(key, role);
    return role;
  }

  /** A managed policy an ARN names: AWS managed (from the data file) or customer managed (defined here). */
  private managedPolicy(r: Resource, attribute: string, value: unknown): AttachedPolicy {
    const via = this.origin(r);
    const ref = wholeReference(value);
    if (ref?.type === "aws_iam_policy" && !ref.address.startsWith("data.") && ref.attribute === "arn") {
      const customer = this.policies.get(`${r.stack}\0${ref.address}`);
      if (customer) return this.customerPolicy(customer, customer.arn, via);
    }
    if (ref?.type === "aws_iam_policy" && ref.address.startsWith("data.")) return this.dataPolicy(r, attribute, ref.address, via);
    if (typeof value === "string" && isAwsManagedPolicyArn(withKnownPartition(value))) {
      const policy = awsManagedPolicy(withKnownPartition(value));
      if (policy) return { name: policy.name, kind: "aws-managed", arn: value, via, document: readPolicyDocument(policy.document) };
      this.fail(r, attribute, value, "names an AWS managed policy the checks do not know");
      return { name: value, kind: "aws-managed", arn: value, via, document: { unreadable: "is an AWS managed policy the checks do not know" } };
    }
    if (isLiteral(value)) {
      const name = /^arn:[^:]+:iam::\d{12}:policy\/(?:.*\/)?([^/]+)$/.exec(value)?.[1];
      const key = this.policyNames.get(`arn\0${value}`) ?? (name ? (this.policyNames.get(`${r.stack}\0${name.toLowerCase()}`) ?? this.policyNames.get(name.toLowerCase())) : undefined);
      const customer = key ? this.policies.get(key) : undefined;
      if (customer) return this.customerPolicy(customer, value, via);
      this.fail(r, attribute, value, "names a policy that is not defined in this configuration");
      return { name: value, kind: "customer-managed", arn: value, via, document: { unreadable: "is defined outside this configuration" } };
    }
    this.fail(r, attribute, value, "is not a policy ARN the checks can read");
    return { name: written(value), kind: "customer-managed", via, document: { unreadable: "is not known before apply" } };
  }

  /** An attached customer managed policy; one whose document cannot be read fails closed where it is defined. */
  private customerPolicy(customer: CustomerPolicy, arn: string, via: Origin): AttachedPolicy {
    if ("unreadable" in customer.document && !this.reported.has(customer.key)) {
      this.reported.add(customer.key);
      const r = this.byAddress.get(customer.key)!;
      this.fail(r, "policy", customer.document.expression ?? r.values.policy, `is a policy document that ${customer.document.unreadable}`);
    }
    return { name: customer.name, kind: "customer-managed", arn, via, document: customer.document, customer };
  }

  /**
   * `data.aws_iam_policy`: its document when Terraform read it (plan JSON), else the AWS managed policy whose ARN
   * it has (data-sources.ts works that out from `arn`, or from `name` and `path_prefix`).
   */
  private dataPolicy(r: Resource, attribute: string, address: string, via: Origin): AttachedPolicy {
    const data = this.byAddress.get(`${r.stack}\0${address}`);
    const v = data?.values ?? {};
    const arn = isLiteral(v.arn) ? withKnownPartition(v.arn) : undefined;
    const managed = arn ? awsManagedPolicy(arn) : undefined;
    if (isLiteral(v.policy)) {
      return { name: managed?.name ?? address, kind: managed ? "aws-managed" : "customer-managed", arn, via, document: readPolicyDocument(v.policy) };
    }
    if (managed) return { name: managed.name, kind: "aws-managed", arn: arn ?? `arn:aws:iam::aws:policy${managed.path}${managed.name}`, via, document: readPolicyDocument(managed.document) };
    this.fail(r, attribute, `\${${address}.arn}`, "names a policy the checks cannot read before apply");
    return { name: address, kind: "customer-managed", via, document: { unreadable: "is not known before apply" } };
  }

  private inlinePolicy(r: Resource, attribute: string, value: unknown, name: string | undefined): AttachedPolicy {
    return { name: name && isLiteral(name) ? `inline policy ${name}` : "an inline policy", kind: "inline", via: this.origin(r), document: this.document(r, attribute, value) };
  }

  /**
   * A policy document: JSON text, or a reference to an `aws_iam_policy_document`
   * (its computed `json` when known, else its blocks). What cannot be read fails closed.
   */
  private document(r: Resource, attribute: string, value: unknown, report = true): PolicyDocument {
    const ref = wholeReference(value);
    let document: PolicyDocument;
    // Text known whole is the policy as written, `$${` and all; text with parts not known before apply is
    // a template, whose known parts write a literal `${` as `$${` (see template() in terraform/evaluate.ts).
    let escaped = false;
    if (ref?.type === "aws_iam_policy_document" && ref.address.startsWith("data.")) {
      const data = this.byAddress.get(`${r.stack}\0${ref.address}`);
      document = !data
        ? { unreadable: `refers to ${ref.address}, which is not in the configuration` }
        : isLiteral(data.values.json)
          ? readPolicyDocument(data.values.json)
          : policyDocumentFromBlocks(data.values);
    } else if (ref?.type === "aws_iam_policy" && ref.address.startsWith("data.") && ref.attribute === "policy") {
      document = this.dataPolicy(r, attribute, ref.address, this.origin(r)).document;
    } else if (typeof value === "string" && !value.trimStart().startsWith("{")) {
      document = { unreadable: "is not known before apply" };
    } else {
      document = readPolicyDocument(value);
      escaped = typeof value === "string" && isExpression(value);
    }
    if ("statements" in document) document = this.withKnownArns(r, document, escaped);
    if (report && "unreadable" in document) this.fail(r, attribute, document.expression ?? value, `is a policy document that ${document.unreadable}`);
    return document;
  }

  /**
   * Values not known before apply inside a document: a Resource that is
   * another resource's ARN becomes that ARN's pattern (an IAM entity's, or one
   * that names only that resource); anything else fails closed. `escaped`:
   * the document's text is a template, so its known values write `${` as `$${`.
   */
  private withKnownArns(r: Resource, document: { statements: Statement[] }, escaped: boolean): PolicyDocument {
    // A document of literals only, the usual one, is read as it is.
    if (!document.statements.some(holdsTemplate)) return document;
    const statements = document.statements.map((s) => {
      if (!holdsTemplate(s)) return s;
      let approximated = false;
      const resolve = (values: string[] | undefined) =>
        values?.map((value) => {
          if (!isExpression(value)) return escaped ? unescapeTemplate(value) : value;
          const partial = partialArn(value);
          if (partial === undefined) {
            const { arn, widened } = this.resourceArn(r, value);
            if (widened) approximated = true;
            return arn;
          }
          approximated = true;
          return partial;
        });
      const principals = (p: Record<string, string[]> | undefined) =>
        p && Object.fromEntries(Object.entries(p).map(([type, values]) => [type, resolve(values)!]));
      const resolved = {
        ...s,
        actions: escaped ? s.actions?.map(unescapeTemplate) : s.actions,
        notActions: escaped ? s.notActions?.map(unescapeTemplate) : s.notActions,
        resources: resolve(s.resources),
        notResources: resolve(s.notResources),
        principals: principals(s.principals),
        notPrincipals: principals(s.notPrincipals),
      };
      // A Deny on an ARN only partly known is not sure to apply: count it as conditional.
      return approximated && s.effect === "Deny" ? { ...resolved, condition: { ...s.condition, "(not known before apply)": {} } } : resolved;
    });
    for (const s of statements) {
      const opaque = [...(s.actions ?? []), ...(s.notActions ?? []), ...(s.resources ?? []), ...(s.notResources ?? []), ...Object.values(s.principals ?? {}).flat(), ...Object.values(s.notPrincipals ?? {}).flat()].find(isExpression);
      if (opaque !== undefined) return { unreadable: "holds a value not known before apply", expression: opaque };
    }
    return { statements };
  }

  /**
   * Another resource's ARN as the pattern of what it can name, followed by a
   * literal path when there is one (`${aws_s3_bucket.b.arn}/*`: that bucket's objects only).
   */
  private resourceArn(r: Resource, value: string): { arn: string; widened: boolean } {
    const m = /^(\$\{[^{}]+\})((?:[/:][^$\s]*)?)$/.exec(value.trim());
    const ref = m ? wholeReference(m[1]) : undefined;
    if (!m || !ref || ref.attribute !== "arn") return { arn: value, widened: false };
    const key = `${r.stack}\0${ref.address}`;
    const entity = this.users.get(key) ?? this.groups.get(key) ?? this.roles.get(key) ?? this.policies.get(key);
    // An IAM entity not defined here (a data source's, a module's output) may be any of its kind in the account.
    const kind = IAM_ARN_KINDS.get(ref.type);
    // So may whoever runs Terraform (aws_caller_identity's arn): a user or a role of the account.
    const iam = ref.type.startsWith("aws_iam_") || ref.type === "aws_caller_identity";
    const elsewhere = !iam ? undefined : kind ? this.arn(kind, undefined, undefined) : `arn:${this.partition ?? UNKNOWN_PART}:iam::${this.id ?? UNKNOWN_PART}:${UNKNOWN_PART}`;
    // Another resource's ARN names that resource only: it can never be `*`. One widened to its kind makes a Deny unsure.
    return { arn: `${entity ? entity.arn : (elsewhere ?? `arn:unknown:${ref.address}`)}${unescapeTemplate(m[2])}`, widened: !entity && elsewhere !== undefined };
  }
}

/** Whether a statement's actions, resources or principals hold a `$`: an expression, or an escaped `$${`. */
function holdsTemplate(s: Statement): boolean {
  const has = (values: string[] | undefined) => values !== undefined && values.some((v) => v.includes("$"));
  const hasPrincipal = (p: Record<string, string[]> | undefined) => p !== undefined && Object.values(p).some(has);
  return has(s.actions) || has(s.notActions) || has(s.resources) || has(s.notResources) || hasPrincipal(s.principals) || hasPrincipal(s.notPrincipals);
}

/**
 * An ARN written as a template with parts not known before apply,
 * `arn:${data.aws_partition.p.partition}:events:us-east-1:${local.account}:event-bus/default`,
 * as a pattern with `*` for each unknown part: it may name whatever those parts
 * become, and nothing that its literal parts rule out. Undefined for anything else.
 */
export function partialArn(value: string): string | undefined {
  if (!value.startsWith("arn:")) return undefined;
  let out = "";
  for (let i = 0; i < value.length; i++) {
    if (value.startsWith("$${", i)) {
      out += "${";
      i += 2;
    } else if (value.startsWith("${", i)) {
      let depth = 0;
      let j = i + 1;
      for (; j < value.length; j++) {
        if (value[j] === "{") depth++;
        else if (value[j] === "}" && --depth === 0) break;
      }
      if (j >= value.length) return undefined;
      out += "*";
      i = j;
    } else out += value[i];
  }
  return out;
}
