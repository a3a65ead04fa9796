import { accountsOf, IamAccount, IamOptions, isIamType } from "./iam";
import { isObject } from "./json";
import { Model, TerraformDocument } from "./model";
import { normalize } from "./normalize";
import { Severity } from "./rule";
import { RULES } from "./rules";
import { makesIamElsewhere } from "./rules/iam-outside-iam-resources";

/** A finding kept on purpose, as in cdk-nag: per rule and resource, with a written reason. */
export interface Suppression {
  readonly rule: string;
  /** Terraform address, e.g. `aws_iam_user.ci`, or `output.password`. */
  readonly address: string;
  /** Limits the suppression to one stack. */
  readonly stack?: string;
  readonly reason: string;
}

export interface Violation {
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  readonly stack: string;
  readonly address: string;
  /** Present when a suppression matched: the finding is still reported, but does not fail the check. */
  readonly suppressed?: { reason: string };
}

export interface Result {
  /** False exactly when an unsuppressed deny is present. */
  readonly passed: boolean;
  readonly violations: Violation[];
}

export interface EvaluateOptions extends IamOptions {
  readonly suppressions?: Suppression[];
}

/** Whether a finding fails the check: a deny that no suppression covers. */
export function isFailing(v: Violation): boolean {
  return v.severity === "deny" && !v.suppressed;
}

/** A finding on one line, as every output but the report formats prints it: `[rule] stack address: message`. */
export function findingLine(v: Violation): string {
  const where = [v.stack, v.address].filter(Boolean).join(" ");
  const reason = v.suppressed ? ` (suppressed: ${v.suppressed.reason})` : "";
  return `[${v.rule}] ${where}: ${v.message}${reason}`;
}

/** The rule id for inputs that are not Terraform at all. */
export const INPUT_RULE = "terraform-input";

/**
 * Runs every rule over synthesized Terraform JSON or plan JSON. `input` is one
 * document, a list of them ({ stack, json }), or a bare Terraform JSON value.
 * Never throws on the input's shape: what is not Terraform is reported as a deny.
 */
export function evaluate(input: unknown, options: EvaluateOptions = {}): Result {
  return evaluateDocuments(documentsOf(input), options);
}

/** Runs every rule over documents, which may be read one at a time as the checks reach them (see `readEach`). */
export function evaluateDocuments(documents: Iterable<TerraformDocument>, options: EvaluateOptions = {}): Result {
  return evaluateModel(normalize(documents, { resourcesOf: (type) => isIamType(type) || makesIamElsewhere(type) }), options);
}

/** Runs every rule over a normalized Terraform model. */
export function evaluateModel(model: Model, options: EvaluateOptions = {}): Result {
  return evaluateAccounts(model, accountsOf(model, options), options);
}

/** Runs every rule over IAM accounts built by either front door (the live audit builds its own). */
export function evaluateAccounts(model: Model, accounts: IamAccount[], options: EvaluateOptions = {}): Result {
  const violations: Violation[] = model.unreadable.map((u) => ({
    rule: INPUT_RULE,
    severity: "deny" as const,
    stack: u.stack,
    address: "",
    message: `${u.stack} ${u.reason}: give synthesized JSON (cdktf.out) or \`terraform show -json\` output.`,
  }));
  for (const rule of RULES) {
    for (const finding of rule.check({ model, accounts })) {
      const suppression = (options.suppressions ?? []).find(
        (s) =>
          s.rule === rule.id &&
          s.address === finding.address &&
          (s.stack === undefined || s.stack === finding.stack) &&
          typeof s.reason === "string" &&
          s.reason.trim() !== "",
      );
      violations.push({
        rule: rule.id,
        severity: rule.severity,
        message: finding.message,
        stack: finding.stack,
        address: finding.address,
        ...(suppression ? { suppressed: { reason: suppression.reason } } : {}),
      });
    }
  }
  return { passed: !violations.some(isFailing), violations };
}

function isDocument(value: unknown): value is TerraformDocument {
  return isObject(value) && typeof value.stack === "string" && "json" in value;
}

function documentsOf(input: unknown): TerraformDocument[] {
  if (isDocument(input)) return [input];
  if (Array.isArray(input) && input.length > 0 && input.every(isDocument)) return input;
  return [{ stack: "input", json: input }];
}
