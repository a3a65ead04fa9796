import { IamAccount } from "./iam";
import { Model } from "./model";

export type Severity = "deny" | "warn";

/** What a rule found: where, and what to do about it, in one sentence. */
export interface Finding {
  readonly stack: string;
  /** The Terraform address (or, live, the ARN) to change; empty for an account-wide finding. */
  readonly address: string;
  readonly message: string;
}

export interface RuleContext {
  readonly model: Model;
  readonly accounts: IamAccount[];
}

/** A policy rule: a pure function of the model. */
export interface Rule {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  /** Why it matters, with the AWS documentation it follows, for reports. */
  readonly rationale: string;
  check(context: RuleContext): Finding[];
}

/** Where an account-wide finding points: the account's first stack. */
export function accountFinding(account: IamAccount, message: string): Finding {
  return { stack: account.stack, address: "", message };
}
