import { awsManagedPolicy } from "../iam/aws-managed-policies";
import { policyVariable } from "../iam/policy-document";
import { containsUnknown, Instance, isMap, toModel, Unknown, Value } from "./values";

// Attributes that data sources compute from their arguments without calling
// AWS, worked out here as the AWS provider does, so policies built with them
// are read like literal ones.

/**
 * Attributes computed for a data source instance, given its evaluated
 * arguments, its address for unknown text, and the partition of its
 * provider's Region when known (see partitions.ts).
 */
export function computedAttributes(type: string, args: Record<string, Value>, address: string, partition?: string): Record<string, Value> {
  // aws_partition reads the partition from the provider's Region, with no call to AWS.
  if (type === "aws_partition") return partition ? { partition, id: partition } : {};
  if (type === "aws_iam_policy_document") {
    const json = policyDocumentJson(args, address);
    return { json, minified_json: json };
  }
  if (type === "aws_iam_policy") return managedPolicy(args);
  return {};
}

type Statement = Record<string, Value>;

class Unmergeable extends Error {}

/**
 * The `json` of an `aws_iam_policy_document`, merged as the provider documents
 * (https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/data-sources/iam_policy_document):
 * the statements of `source_policy_documents` in order (their sids must be
 * unique), then the `statement` blocks, then each of `override_policy_documents`;
 * at each step a statement with a non-empty sid replaces, in place, the
 * statement with the same sid, and any other statement is appended, and a
 * document of a later Version raises the result's (the provider's Merge in
 * internal/service/iam/policy_model.go: "let newDoc upgrade our Version"). What
 * cannot be known before apply stays `${...}` inside the JSON text; when the
 * merge itself depends on an unknown, the whole document is unknown.
 */
function policyDocumentJson(args: Record<string, Value>, address: string): Value {
  const unknown = new Unknown(`${address}.json`);
  try {
    const doc: { Version: Value; Id?: Value; Statement: Statement[] } = { Version: args.version ?? "2012-10-17", Statement: [] };
    const sources = documents(args.source_policy_documents);
    const sids = new Set<string>();
    for (const source of sources) {
      for (const s of source.Statement) {
        const sid = sidOf(s);
        if (sid && sids.has(sid)) throw new Unmergeable();
        if (sid) sids.add(sid);
      }
      merge(doc, source);
    }
    const own = list(args.statement).map(statementOf);
    const ownSids = own.map(sidOf).filter(Boolean);
    if (new Set(ownSids).size !== ownSids.length) throw new Unmergeable();
    merge(doc, { Statement: own, Id: args.policy_id ?? undefined });
    for (const override of documents(args.override_policy_documents)) merge(doc, override);
    return JSON.stringify(toModel(doc.Id === undefined || doc.Id === null ? { Version: doc.Version, Statement: doc.Statement } : doc));
  } catch (error) {
    if (error instanceof Unmergeable) return unknown;
    throw error;
  }
}

function merge(into: { Version: Value; Id?: Value; Statement: Statement[] }, from: { Version?: Value; Id?: Value; Statement: Statement[] }): void {
  if (from.Id !== undefined && from.Id !== null && from.Id !== "") into.Id = from.Id;
  into.Version = laterVersion(into.Version, from.Version);
  for (const statement of from.Statement) {
    const sid = sidOf(statement);
    const existing = sid ? into.Statement.findIndex((s) => sidOf(s) === sid) : -1;
    if (existing >= 0) into.Statement[existing] = statement;
    else into.Statement.push(statement);
  }
}

/** The later of two Versions, as the provider compares them (as strings); one not known before apply leaves the result not known. */
function laterVersion(current: Value, next: Value | undefined): Value {
  if (next === undefined || next === null || next === "" || typeof current !== "string") return current;
  if (typeof next !== "string") return next;
  return next > current ? next : current;
}

/** A statement's sid; an unknown sid makes the merge unknowable. */
function sidOf(statement: Statement): string {
  const sid = statement.Sid;
  if (sid === undefined || sid === null || sid === "") return "";
  if (typeof sid !== "string") throw new Unmergeable();
  return sid;
}

function list(value: Value | undefined): Value[] {
  if (value === undefined || value === null) return [];
  if (value instanceof Unknown || value instanceof Instance) throw new Unmergeable();
  return Array.isArray(value) ? value : [value];
}

/** Policy documents given as JSON text; a document not known as text is unknowable. */
function documents(value: Value | undefined): { Version?: Value; Id?: Value; Statement: Statement[] }[] {
  return list(value).map((text) => {
    if (typeof text !== "string") throw new Unmergeable();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Unmergeable();
    }
    if (!isMap(parsed as Value)) throw new Unmergeable();
    const doc = parsed as Record<string, Value>;
    const statements = doc.Statement === undefined ? [] : Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
    return { Version: doc.Version, Id: doc.Id, Statement: statements.filter((s): s is Statement => isMap(s)) };
  });
}

/** One `statement` block as IAM JSON; a one-element list is written as the string, as the provider does. */
function statementOf(block: Value): Statement {
  if (!isMap(block)) throw new Unmergeable();
  const statement: Statement = {};
  const put = (key: string, value: Value | undefined) => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value) && value.length === 0) return;
    statement[key] = Array.isArray(value) && value.length === 1 ? value[0] : value;
  };
  put("Sid", block.sid);
  statement.Effect = block.effect ?? "Allow";
  put("Action", policyVariables(block.actions));
  put("NotAction", policyVariables(block.not_actions));
  put("Resource", policyVariables(block.resources));
  put("NotResource", policyVariables(block.not_resources));
  put("Principal", principals(block.principals));
  put("NotPrincipal", principals(block.not_principals));
  put("Condition", conditions(block.condition));
  return statement;
}

/** Strings, or lists of them, with `&{...}` written `${...}` (see policyVariable). */
function policyVariables(value: Value | undefined): Value | undefined {
  if (typeof value === "string") return policyVariable(value);
  return Array.isArray(value) ? value.map((v) => policyVariables(v) as Value) : value;
}

function principals(value: Value | undefined): Value | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Unknown || value instanceof Instance || containsUnknownShape(value)) return value instanceof Unknown ? value : new Unknown("principals");
  const result: Record<string, Value> = {};
  for (const p of Array.isArray(value) ? value : [value]) {
    if (!isMap(p) || typeof p.type !== "string") return new Unknown("principals");
    const ids = policyVariables(Array.isArray(p.identifiers) ? p.identifiers : [p.identifiers]) as Value[];
    const existing = result[p.type];
    const all = [...(Array.isArray(existing) ? existing : existing === undefined ? [] : [existing]), ...ids];
    result[p.type] = all.length === 1 ? all[0] : all;
  }
  return result;
}

function conditions(value: Value | undefined): Value | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Unknown || value instanceof Instance) return value;
  const result: Record<string, Record<string, Value>> = {};
  for (const c of Array.isArray(value) ? value : [value]) {
    if (!isMap(c) || typeof c.test !== "string" || typeof c.variable !== "string") return new Unknown("condition");
    const values = policyVariables(Array.isArray(c.values) && c.values.length === 1 ? c.values[0] : c.values) ?? null;
    (result[c.test] ??= {})[c.variable] = values;
  }
  return result;
}

/** Whether the list-of-blocks shape itself (not a leaf) is unknown. */
function containsUnknownShape(value: Value): boolean {
  return Array.isArray(value) ? value.some((v) => v instanceof Unknown) : false;
}

/**
 * `data.aws_iam_policy` of an AWS managed policy, by ARN or by name: its
 * document is AWS's, so `policy` and `arn` are known before apply. A
 * `path_prefix` that leaves out the AWS managed policy's path finds only a
 * customer managed policy of that name, whose document is the account's: not known.
 */
function managedPolicy(args: Record<string, Value>): Record<string, Value> {
  const arn = typeof args.arn === "string" ? args.arn : undefined;
  const name = typeof args.name === "string" ? args.name : undefined;
  const prefix = args.path_prefix ?? undefined;
  if (containsUnknown(args.arn ?? null) || containsUnknown(args.name ?? null)) return {};
  if (prefix !== undefined && (typeof prefix !== "string" || arn !== undefined)) return {};
  // By name the data source looks in every path (under path_prefix, when given); AWS managed policies live in a few.
  const candidates = arn ? [arn] : name ? ["/", "/service-role/", "/job-function/", "/aws-service-role/"].map((p) => `arn:aws:iam::aws:policy${p}${name}`) : [];
  for (const candidate of candidates) {
    const policy = awsManagedPolicy(candidate);
    if (policy && (prefix === undefined || policy.path.startsWith(prefix))) {
      return { arn: candidate, name: policy.name, path: policy.path, policy: JSON.stringify(policy.document), default_version_id: policy.version };
    }
  }
  return {};
}
