import { AccountKey, Unresolved } from "../model";
import { AccountPasswordPolicy } from "./password-policy";
import { PolicyDocument } from "./policy-document";

// One IAM picture of an account, whichever front door built it: Terraform
// (synthesized or plan JSON) or the live account (GetAccountAuthorizationDetails).
// Every element remembers where it came from, so findings can point there.

/** Where an element was read: a Terraform resource, or an entity of the live account. */
export interface Origin {
  readonly input: "terraform" | "account";
  /** The stack (Terraform) or `account <id>` (live). */
  readonly stack: string;
  /** The Terraform address, or the ARN (with what was read of it) on the live account. */
  readonly address: string;
  /** On the live account: the AWS CLI call that removes or changes it. */
  readonly remedy?: string;
}

/** A policy that reaches a principal: attached managed, inline, or used as a permissions boundary. */
export interface AttachedPolicy {
  /** For messages: `AdministratorAccess`, `aws_iam_policy.p`, `inline policy admin`. */
  readonly name: string;
  readonly kind: "aws-managed" | "customer-managed" | "inline";
  /** Managed policies' ARN as written (may hold `*` where unknown before apply). */
  readonly arn?: string;
  /** The attachment, inline policy or boundary setting that puts it there. */
  readonly via: Origin;
  readonly document: PolicyDocument;
  /** The customer managed policy itself, for iam:CreatePolicyVersion paths. */
  readonly customer?: CustomerPolicy;
}

export interface CustomerPolicy {
  readonly key: string;
  readonly name: string;
  /** ARN as a pattern: `*` stands for what is not known before apply. */
  readonly arn: string;
  readonly origin: Origin;
  readonly document: PolicyDocument;
}

export interface Membership {
  readonly group: IamGroup;
  readonly via: Origin;
}

export interface IamUser {
  readonly key: string;
  /** The name as configured: a literal or, before apply, an expression. */
  readonly name: string;
  /** ARN as a pattern: `*` stands for what is not known before apply. */
  readonly arn: string;
  /** Absent for a user only named (attached to) but not defined in the input. */
  readonly origin?: Origin;
  readonly breakGlass: boolean;
  readonly policies: AttachedPolicy[];
  readonly boundary?: AttachedPolicy;
  readonly memberships: Membership[];
  /** Terraform's login profiles, with the length of the password they generate (unknown on the live account). */
  readonly loginProfiles: { via: Origin; passwordResetRequired: unknown; passwordLength?: unknown }[];
  readonly accessKeys: Origin[];
}

export interface IamGroup {
  readonly key: string;
  readonly name: string;
  readonly arn: string;
  readonly origin?: Origin;
  readonly policies: AttachedPolicy[];
  /** member user key -> what makes it a member */
  readonly members: Map<string, Origin[]>;
}

export interface IamRole {
  readonly key: string;
  readonly name: string;
  readonly arn: string;
  readonly origin?: Origin;
  readonly trust: PolicyDocument;
  readonly policies: AttachedPolicy[];
  readonly boundary?: AttachedPolicy;
}

/** A value that decides who is administrator but could not be read: the checks fail closed on it. */
export type { Unresolved } from "../model";

export interface IamAccount {
  readonly key: AccountKey;
  /** Account id when known: what ARNs are built with. */
  readonly id?: string;
  /** Where account-wide findings point. */
  readonly stack: string;
  /** The partition ARNs start with (`aws`, `aws-us-gov`, ...) when known. */
  readonly partition?: string;
  readonly users: IamUser[];
  readonly groups: IamGroup[];
  readonly roles: IamRole[];
  readonly unresolved: Unresolved[];
  /** The account password policy Terraform sets (the live account's is the drill's to read). */
  readonly passwordPolicy?: { readonly via: Origin; readonly policy: AccountPasswordPolicy };
  /** Terraform resources that undo each other's IAM settings on every apply (see exclusive.ts); none on the live account. */
  readonly conflicts?: ExclusiveConflict[];
}

/** Where two resources fight over a setting one of them owns exclusively, pointed at the owner. */
export interface ExclusiveConflict {
  readonly stack: string;
  readonly address: string;
  readonly message: string;
}

/** "IAM user Mallory (aws_iam_user.mallory)" or, live, "IAM user Mallory (arn:aws:iam::...:user/Mallory)". */
export function describeUser(user: IamUser): string {
  return user.origin ? `IAM user ${user.name} (${user.origin.address})` : `IAM user ${user.name}`;
}

/** "AdministratorAccess (aws_iam_group_policy_attachment.x)" or, live, "AdministratorAccess". */
export function describePolicy(policy: AttachedPolicy): string {
  return policy.via.input === "terraform" ? `${policy.name} (${policy.via.address})` : policy.name;
}

/** What to do about something an origin put there, in the words of its input. */
export function remedy(origin: Origin, terraformVerb = "remove"): string {
  return origin.input === "terraform" ? `${terraformVerb} ${origin.address}` : (origin.remedy ?? `change ${origin.address}`);
}
