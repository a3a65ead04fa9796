import { asArray, asObject, asString, asStrings, blocks, isObject, JsonObject } from "./json";

/** One IAM policy statement, reduced to what the rules need. */
export interface Statement {
  readonly effect: string;
  readonly actions: string[];
  readonly notActions: string[];
  readonly resources: string[];
  readonly notResources: string[];
  /** operator -> condition key -> values, as in IAM JSON. */
  readonly condition: Record<string, Record<string, string[]>>;
}

/** Statements of an IAM policy document given as JSON text or as an object; undefined when it is neither. */
export function statementsOfJson(document: unknown): Statement[] | undefined {
  let parsed = document;
  if (typeof document === "string") {
    try {
      parsed = JSON.parse(document);
    } catch {
      return undefined;
    }
  }
  if (!isObject(parsed)) return undefined;
  const statements = Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement];
  return statements.filter(isObject).map((s) => ({
    effect: asString(s.Effect) ?? "",
    actions: asStrings(s.Action),
    notActions: asStrings(s.NotAction),
    resources: asStrings(s.Resource),
    notResources: asStrings(s.NotResource),
    condition: Object.fromEntries(
      Object.entries(asObject(s.Condition)).map(([op, byKey]) => [
        op,
        Object.fromEntries(Object.entries(asObject(byKey)).map(([k, v]) => [k, conditionValues(v)])),
      ]),
    ),
  }));
}

/** Statements of an `aws_iam_policy_document` data source's configuration blocks. */
export function statementsOfPolicyDocumentBlocks(values: JsonObject): Statement[] {
  return blocks(values.statement).map((s) => {
    const condition: Record<string, Record<string, string[]>> = {};
    for (const c of blocks(s.condition)) {
      const test = asString(c.test);
      const variable = asString(c.variable);
      if (test && variable) (condition[test] ??= {})[variable] = conditionValues(c.values);
    }
    return {
      effect: asString(s.effect) ?? "Allow",
      actions: asStrings(s.actions),
      notActions: asStrings(s.not_actions),
      resources: asStrings(s.resources),
      notResources: asStrings(s.not_resources),
      condition,
    };
  });
}

function conditionValues(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).filter((v) => v !== undefined && v !== null).map(String);
}

/** An Allow of every action on every resource: what AdministratorAccess grants. */
export function grantsAdministrator(statements: Statement[]): boolean {
  return statements.some(
    (s) =>
      s.effect === "Allow" &&
      s.actions.includes("*") &&
      s.resources.includes("*") &&
      s.notActions.length === 0 &&
      s.notResources.length === 0,
  );
}

/** A Deny that applies unless the caller signed in with MFA: AWS's "deny everything else unless MFA" pattern. */
export function deniesWithoutMfa(statements: Statement[]): boolean {
  return statements.some(
    (s) =>
      s.effect === "Deny" &&
      ["Bool", "BoolIfExists"].some((op) =>
        asArray(s.condition[op]?.["aws:MultiFactorAuthPresent"]).some((v) => String(v).toLowerCase() === "false"),
      ),
  );
}
