import { asString, blocks, isObject, JsonObject } from "../json";
import { byText } from "../text-cache";



// IAM policy documents, read as IAM reads them (IAM User Guide, "IAM JSON
// policy element reference"): a Statement is one object or a list; Action,
// NotAction, Resource, NotResource and Principal values are a string or a list.

export type Effect = "Allow" | "Deny";

export interface Statement {
  readonly sid?: string;
  readonly effect: Effect;
  /** Exactly one of actions / notActions is set (IAM requires one). */
  readonly actions?: string[];
  readonly notActions?: string[];
  /** Identity policies need one of resources / notResources; a trust policy has neither. */
  readonly resources?: string[];
  readonly notResources?: string[];
  /** `Principal` of a trust policy: type -> values; `"*"` is written as { "*": ["*"] }. */
  readonly principals?: Record<string, string[]>;
  readonly notPrincipals?: Record<string, string[]>;
  /** operator -> condition key -> values, as in IAM JSON. */
  readonly condition: Record<string, Record<string, string[]>>;
  /**
   * Whether IAM fills in policy variables: only in documents of Version
   * 2012-10-17 (IAM User Guide, "IAM JSON policy elements: Version"); elsewhere
   * `${aws:username}` is literal text.
   */
  readonly variables?: boolean;
}

/** `expression`: the part of the document that could not be read, when it is one value. */
export type PolicyDocument = { readonly statements: Statement[] } | { readonly unreadable: string; readonly expression?: string };

/**
 * Reads a policy document given as JSON text or as an object. What IAM would
 * reject or this reader cannot be sure of is `unreadable`, with the reason:
 * a document the checks cannot read must never count as granting nothing.
 */
export function readPolicyDocument(document: unknown): PolicyDocument {
  // AWS managed policies' documents are shared objects, attached in every account: read each once.
  if (isObject(document)) {
    let read = readObjects.get(document);
    if (!read) readObjects.set(document, (read = readParsed(document)));
    return read;
  }
  return typeof document === "string" ? readText(document) : readParsed(document);
}

// What is read is shared, never changed: the rules only read documents.
const readObjects = new WeakMap<object, PolicyDocument>();
/** A document given as text, read once per text (see text-cache.ts). */
const readText = byText(readParsed);

function readParsed(document: unknown): PolicyDocument {
  let parsed = document;
  if (typeof document === "string") {
    try {
      parsed = JSON.parse(document);
    } catch {
      return { unreadable: "is not JSON" };
    }
  }
  if (!isObject(parsed)) return { unreadable: "is not a JSON object" };
  if (!("Statement" in parsed)) return { unreadable: "has no Statement" };
  const raw = Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement];
  const variables = fillsVariables(parsed.Version, raw);
  if (variables === undefined) return UNKNOWN_VERSION;
  const statements: Statement[] = [];
  for (const [i, s] of raw.entries()) {
    const statement = readStatement(s);
    if (typeof statement === "string") return { unreadable: `Statement ${i}: ${statement}` };
    statements.push(variables ? { ...statement, variables } : statement);
  }
  return { statements };
}

const UNKNOWN_VERSION = { unreadable: "has a Version not known before apply, which decides whether IAM fills in its policy variables" };

/**
 * Whether IAM fills in the policy variables of statements under a Version:
 * only under 2012-10-17 (IAM User Guide, "IAM JSON policy elements: Version").
 * Undefined when the Version is not known before apply and the statements
 * hold a `${`, which is then either a variable or text.
 */
function fillsVariables(version: unknown, statements: unknown): boolean | undefined {
  if (typeof version === "string" && isExpression(version)) return JSON.stringify(statements).includes("${") ? undefined : false;
  return version === "2012-10-17";
}

function readStatement(s: unknown): Statement | string {
  if (!isObject(s)) return "is not an object";
  const effect = s.Effect;
  if (effect !== "Allow" && effect !== "Deny") return `Effect ${JSON.stringify(effect)} is neither "Allow" nor "Deny"`;
  const list = (key: string): string[] | undefined | string => {
    const v = s[key];
    if (v === undefined) return undefined;
    const values = Array.isArray(v) ? v : [v];
    if (!values.every((x) => typeof x === "string")) return `${key} holds a value that is not a string`;
    return values as string[];
  };
  const fields: Record<string, string[] | undefined> = {};
  for (const key of ["Action", "NotAction", "Resource", "NotResource"]) {
    const v = list(key);
    if (typeof v === "string") return v;
    fields[key] = v;
  }
  if ((fields.Action === undefined) === (fields.NotAction === undefined)) return "needs exactly one of Action and NotAction";
  const principals = readPrincipal(s.Principal);
  const notPrincipals = readPrincipal(s.NotPrincipal);
  if (principals === null || notPrincipals === null) return "has a Principal that is neither \"*\" nor an object of strings";
  const condition = readCondition(s.Condition);
  if (condition === undefined) return "has a Condition that is not an object of objects";
  return {
    sid: asString(s.Sid),
    effect,
    actions: fields.Action,
    notActions: fields.NotAction,
    resources: fields.Resource,
    notResources: fields.NotResource,
    principals,
    notPrincipals,
    condition,
  };
}

function readPrincipal(p: unknown): Record<string, string[]> | undefined | null {
  if (p === undefined) return undefined;
  if (p === "*") return { "*": ["*"] };
  if (!isObject(p)) return null;
  const out: Record<string, string[]> = {};
  for (const [type, v] of Object.entries(p)) {
    const values = Array.isArray(v) ? v : [v];
    if (!values.every((x) => typeof x === "string")) return null;
    out[type] = values as string[];
  }
  return out;
}

function readCondition(c: unknown): Record<string, Record<string, string[]>> | undefined {
  if (c === undefined) return {};
  if (!isObject(c)) return undefined;
  const out: Record<string, Record<string, string[]>> = {};
  for (const [op, byKey] of Object.entries(c)) {
    if (!isObject(byKey)) return undefined;
    out[op] = Object.fromEntries(Object.entries(byKey).map(([k, v]) => [k, (Array.isArray(v) ? v : [v]).map(String)]));
  }
  return out;
}

/**
 * The statements an `aws_iam_policy_document` data source's blocks describe,
 * when its computed `json` is not at hand (synthesized JSON before plan).
 */
/**
 * aws_iam_policy_document writes `&{...}` as `${...}`, its way to spell an IAM
 * policy variable in HCL (provider docs, aws_iam_policy_document: "Context Variable Interpolation").
 */
export function policyVariable(text: string): string {
  return text.replace(/&\{/g, "${");
}

export function policyDocumentFromBlocks(values: JsonObject): PolicyDocument {
  // A `dynamic` block whose for_each is not known before apply leaves its blocks an expression: any statements at all.
  const opaque = (v: unknown) => typeof v === "string";
  if (opaque(values.statement)) return { unreadable: "has statement blocks not known before apply" };
  if (blocks(values.statement).some((s) => ["condition", "principals", "not_principals"].some((kind) => opaque(s[kind])))) {
    return { unreadable: "has a statement whose blocks are not known before apply" };
  }
  const statements: Statement[] = [];
  for (const s of blocks(values.statement)) {
    const condition: Record<string, Record<string, string[]>> = {};
    for (const c of blocks(s.condition)) {
      const test = asString(c.test);
      const variable = asString(c.variable);
      if (!test || !variable) return { unreadable: "has a condition block without test or variable" };
      // JSON text for what is not a string (String() throws on an object whose toString is not a function).
      const text = (v: unknown) => (typeof v === "string" ? v : (JSON.stringify(v) ?? "null"));
      (condition[test] ??= {})[variable] = (Array.isArray(c.values) ? c.values : [c.values]).map((v) => policyVariable(text(v)));
    }
    // Plan JSON writes an argument not set as null: absent, as in the configuration.
    const strings = (v: unknown): string[] | undefined =>
      v === undefined || v === null ? undefined : (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string").map(policyVariable);
    const principals = (kind: string): Record<string, string[]> | undefined => {
      const found = blocks(s[kind]);
      if (found.length === 0) return undefined;
      const out: Record<string, string[]> = {};
      for (const p of found) (out[asString(p.type) ?? "?"] ??= []).push(...(strings(p.identifiers) ?? []));
      return out;
    };
    const actions = strings(s.actions);
    const notActions = strings(s.not_actions);
    if ((actions === undefined) === (notActions === undefined)) return { unreadable: "has a statement without exactly one of actions and not_actions" };
    const effect = asString(s.effect) ?? "Allow";
    if (effect !== "Allow" && effect !== "Deny") return { unreadable: `has effect ${JSON.stringify(effect)}` };
    statements.push({
      sid: asString(s.sid),
      effect,
      actions,
      notActions,
      resources: strings(s.resources),
      notResources: strings(s.not_resources),
      principals: principals("principals"),
      notPrincipals: principals("not_principals"),
      condition,
    });
  }
  const set = (v: unknown) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);
  if (set(values.source_policy_documents) || set(values.override_policy_documents)) {
    return { unreadable: "merges source_policy_documents or override_policy_documents, which are only merged at plan time" };
  }
  // The data source's version defaults to 2012-10-17.
  const variables = fillsVariables(values.version ?? "2012-10-17", values.statement);
  if (variables === undefined) return UNKNOWN_VERSION;
  return { statements: variables ? statements.map((s) => ({ ...s, variables })) : statements };
}

/**
 * A Terraform interpolation inside a value: `${aws_s3_bucket.b.arn}`, not
 * known before apply. Not one: `$${...}` (Terraform's escape for a literal
 * `${`) and IAM policy variables such as `${aws:username}` (IAM User Guide,
 * "IAM policy elements: Variables and tags"), which no Terraform reference
 * looks like (references hold no colon).
 */
export function isExpression(value: string): boolean {
  return /(^|[^$])\$\{(?!\s*(?:[\w-]+:[\w\/.-]+|[*?$])\s*\})/.test(value);
}

/** Terraform's literal `$${` as the `${` it stands for. */
export function unescapeTemplate(value: string): string {
  return value.replace(/\$\$\{/g, "${");
}

const POLICY_VARIABLE = /\$\{\s*([^}]*?)\s*\}/g;

/**
 * Stand for the literal characters `*` and `?` that `${*}` and `${?}` write
 * (IAM User Guide, "IAM policy elements: Variables and tags", special
 * characters): no wildcard, and in no ARN the checks build.
 */
export const LITERAL_STAR = "\u0002";
export const LITERAL_QUESTION_MARK = "\u0003";

/**
 * A Resource pattern with IAM policy variables filled in for one user:
 * `${aws:username}` is its name; `${*}`, `${?}` and `${$}` are those
 * characters, literally; any other variable could be anything and becomes
 * `*`. Returns whether a variable other than aws:username was met.
 */
export function withPolicyVariables(pattern: string, userName: string | undefined): { pattern: string; unknown: boolean } {
  let unknown = false;
  const filled = pattern.replace(POLICY_VARIABLE, (_, name: string) => {
    if (name.toLowerCase() === "aws:username" && userName !== undefined) return userName;
    if (name === "*") return LITERAL_STAR;
    if (name === "?") return LITERAL_QUESTION_MARK;
    if (name === "$") return "$";
    unknown = true;
    return "*";
  });
  return { pattern: filled, unknown };
}

/**
 * A Deny that applies only without MFA: AWS's "deny everything but MFA set-up
 * unless signed in with MFA" pattern (IAM User Guide, "AWS: Allows
 * MFA-authenticated IAM users to manage their own credentials"). It removes
 * nothing from a user who signs in with MFA.
 */
export function isDenyUnlessMfa(s: Statement): boolean {
  if (s.effect !== "Deny") return false;
  const ops = Object.entries(s.condition);
  return (
    ops.length > 0 &&
    ops.every(([op, byKey]) => {
      const entries = Object.entries(byKey);
      return (
        ["bool", "boolifexists"].includes(op.toLowerCase()) &&
        entries.length > 0 &&
        entries.every(([k, values]) => k.toLowerCase() === "aws:multifactorauthpresent" && values.length > 0 && values.every((v) => v.toLowerCase() === "false"))
      );
    })
  );
}

/**
 * The shortest MFA age a grant may require and still be usable: aws:MultiFactorAuthAge
 * counts seconds since MFA sign-in, and 900 s is the shortest session STS issues
 * (AssumeRole, DurationSeconds). A shorter limit lapses within every session.
 */
export const MIN_MFA_AGE_SECONDS = 900;

/**
 * A number as a numeric condition operator's value is written: digits, with a
 * decimal part or not (IAM User Guide, "IAM JSON policy elements: Condition
 * operators", numeric). Hex, exponents, signs and spaces are not read as a
 * number here, though JavaScript's Number() would: IAM may not.
 */
const CONDITION_NUMBER = /^\d+(\.\d+)?$/;

/**
 * Whether every condition of a statement only asks for MFA, so that a user who
 * signs in with MFA meets it: `aws:MultiFactorAuthPresent` true (Bool,
 * BoolIfExists), or `aws:MultiFactorAuthAge` below at least MIN_MFA_AGE_SECONDS
 * (NumericLessThan[Equals][IfExists]) (IAM User Guide, "AWS global
 * condition context keys"). Anything else may never be met, or lapses too soon
 * to work in: `false`, a Null test, an age of a few seconds.
 */
export function onlyMfaConditions(s: Statement): boolean {
  return Object.entries(s.condition).every(([op, byKey]) =>
    Object.entries(byKey).every(([key, values]) => {
      const k = key.toLowerCase();
      const o = op.toLowerCase();
      if (k === "aws:multifactorauthpresent") return (o === "bool" || o === "boolifexists") && values.length > 0 && values.every((v) => v.toLowerCase() === "true");
      if (k === "aws:multifactorauthage") {
        return /^numericlessthan(equals)?(ifexists)?$/.test(o) && values.length > 0 && values.every((v) => CONDITION_NUMBER.test(v) && Number(v) >= MIN_MFA_AGE_SECONDS);
      }
      return false;
    }),
  );
}

export function hasCondition(s: Statement): boolean {
  return Object.keys(s.condition).length > 0;
}
