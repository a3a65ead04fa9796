import { Resource } from "../model";
import { AttachedPolicy, ExclusiveConflict } from "./model";

// Some AWS provider resources own an IAM setting outright and remove on
// every apply what they do not list: a group's members
// (aws_iam_group_membership), a principal's managed or inline policies
// (aws_iam_*_policy_attachments_exclusive, aws_iam_*_policies_exclusive,
// aws_iam_role's managed_policy_arns and inline_policy), or every attachment
// of one policy across the account (aws_iam_policy_attachment). Beside
// another resource that adds to the same setting, or a second owner, what
// holds after apply depends on which ran last: the checks cannot say who
// is administrator, and the break-glass group can lose its power or its user.

interface Owner {
  readonly r: Resource;
  readonly items: ReadonlySet<string>;
}

interface Claim {
  readonly r: Resource;
  readonly item: string;
  /** What the claim adds, for messages: `user Mallory`, `policy AdministratorAccess`. */
  readonly label: string;
}

interface Setting {
  /** For messages: `the members of group EmergencyAccessGroup`. */
  readonly what: string;
  readonly owners: Owner[];
  readonly claims: Claim[];
}

/** The key of a managed policy, the same however its ARN was written. */
export function policyKey(policy: AttachedPolicy): string {
  if (policy.customer) return `customer\0${policy.customer.key}`;
  return policy.kind === "aws-managed" ? `aws\0${policy.name}` : `arn\0${policy.arn ?? policy.name}`;
}

/** Which resources own which settings exclusively, and what other resources add to them. */
export class ExclusiveSettings {
  private readonly settings = new Map<string, Setting>();

  /** `r` owns the setting: after apply it holds `items` and nothing else. */
  own(setting: string, what: string, r: Resource, items: Iterable<string>): void {
    this.setting(setting, what).owners.push({ r, items: new Set(items) });
  }

  /** `r` adds `item` to the setting. */
  claim(setting: string, what: string, r: Resource, item: string, label: string): void {
    this.setting(setting, what).claims.push({ r, item, label });
  }

  /** Each second owner, and each claim an owner leaves out, pointed at the owner. */
  conflicts(): ExclusiveConflict[] {
    const found: ExclusiveConflict[] = [];
    for (const { what, owners, claims } of this.settings.values()) {
      // Most settings have no owner: only claims (attachments, memberships).
      if (owners.length === 0) continue;
      const first = owners[0];
      for (const other of owners.slice(1)) {
        found.push({
          stack: other.r.stack,
          address: other.r.address,
          message: `${other.r.address} and ${where(first.r, other.r)} both manage ${what} exclusively: each removes what the other sets on every apply, so what holds after apply depends on which runs last; keep one.`,
        });
      }
      for (const owner of owners) {
        // One finding per item left out, naming every resource that adds it; usually the owner lists them all.
        const left = claims.filter((claim) => !owner.items.has(claim.item));
        if (left.length === 0) continue;
        const byItem = new Map<string, Claim[]>();
        for (const claim of left) {
          const adders = byItem.get(claim.item);
          if (adders) adders.push(claim);
          else byItem.set(claim.item, [claim]);
        }
        for (const adders of byItem.values()) {
          const names = [...new Set(adders.map((c) => where(c.r, owner.r)))];
          found.push({
            stack: owner.r.stack,
            address: owner.r.address,
            message: `${owner.r.address} manages ${what} exclusively and leaves out ${adders[0].label}, which ${names.join(" and ")} ${names.length > 1 ? "add" : "adds"}: each undoes the other on every apply; list it in ${owner.r.address}, or remove what adds it.`,
          });
        }
      }
    }
    return found;
  }

  private setting(key: string, what: string): Setting {
    let setting = this.settings.get(key);
    if (!setting) this.settings.set(key, (setting = { what, owners: [], claims: [] }));
    return setting;
  }
}

/** A resource's address, with its stack when it is not the stack of the finding. */
function where(r: Resource, from: Resource): string {
  return r.stack === from.stack ? r.address : `${r.address} (stack ${r.stack})`;
}
