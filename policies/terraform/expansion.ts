import { toNumber, toStringValue } from "./convert";
import { Scope } from "./evaluate";
import { evaluateJson, Unevaluable } from "./json-values";
import { containsUnknown, EvalError, isMap, Unknown, Value } from "./values";

// `count` and `for_each` (https://developer.hashicorp.com/terraform/language/meta-arguments/count,
// .../for_each): a block stands for one instance per element when Terraform
// knows the collection at plan time, and for an unknown number otherwise.

/**
 * The most instances one block is expanded into. More is no configuration a
 * team writes, and expanding it would only stall the checks: it fails closed.
 */
export const MAX_INSTANCES = 10_000;

export type Expansion =
  | { kind: "single" }
  | { kind: "count"; count: number }
  | { kind: "each"; entries: [string, Value][] }
  | { kind: "unknown"; argument: "count" | "for_each"; expression: string; reason: string };

/** Why an argument's value is not known: apply decides it, or this reader could not evaluate it (and says why). */
function unknownReason(argument: string, value: Unknown): string {
  return value instanceof Unevaluable ? `${argument} could not be evaluated: ${value.reason}` : `${argument} is not known before apply`;
}

/** How many instances a block has, and their keys. */
export function expansionOf(body: Record<string, unknown>, scope: Scope): Expansion {
  if ("count" in body) {
    const expression = String(typeof body.count === "string" ? body.count : JSON.stringify(body.count));
    const value = evaluateJson(body.count, scope);
    if (value instanceof Unknown) return { kind: "unknown", argument: "count", expression, reason: unknownReason("count", value) };
    try {
      const count = toNumber(value);
      if (!Number.isInteger(count) || count < 0) throw new EvalError("count must be a whole number");
      if (count > MAX_INSTANCES) throw new EvalError(`count is ${count}, more instances than the checks expand (${MAX_INSTANCES})`);
      return { kind: "count", count };
    } catch (error) {
      return { kind: "unknown", argument: "count", expression, reason: (error as Error).message };
    }
  }
  if ("for_each" in body) {
    const expression = String(typeof body.for_each === "string" ? body.for_each : JSON.stringify(body.for_each));
    const value = evaluateJson(body.for_each, scope);
    const unknown = (reason: string): Expansion => ({ kind: "unknown", argument: "for_each", expression, reason });
    if (value instanceof Unknown) return unknown(unknownReason("for_each", value));
    // A map's keys decide the instances; its values may still be unknown.
    const tooMany = () => unknown(`for_each has more elements than the checks expand (${MAX_INSTANCES})`);
    if (isMap(value)) return Object.keys(value).length > MAX_INSTANCES ? tooMany() : { kind: "each", entries: Object.entries(value) };
    if (Array.isArray(value)) {
      if (value.length > MAX_INSTANCES) return tooMany();
      if (value.some(containsUnknown)) return unknown("for_each holds elements not known before apply");
      try {
        const keys = [...new Set(value.map(toStringValue))];
        return { kind: "each", entries: keys.map((k) => [k, k]) };
      } catch {
        return unknown("for_each must be a map or a set of strings");
      }
    }
    return unknown("for_each must be a map or a set of strings");
  }
  return SINGLE;
}

const SINGLE: Expansion = { kind: "single" };

/** The address suffix of one instance: `[0]`, `["k"]`, as plan JSON writes it. */
export function instanceKey(key: number | string | undefined): string {
  if (key === undefined) return "";
  return typeof key === "number" ? `[${key}]` : `[${JSON.stringify(key)}]`;
}

/** The `count` / `each` names one instance sees. */
export function instanceNames(expansion: Expansion, key: number | string | undefined, value: Value): Record<string, Value> {
  switch (expansion.kind) {
    case "count":
      return { count: { index: key as number } };
    case "each":
      return { each: { key: key as string, value } };
    case "unknown":
      return expansion.argument === "count"
        ? { count: { index: new Unknown("count.index") } }
        : { each: { key: new Unknown("each.key"), value: new Unknown("each.value") } };
    default:
      return {};
  }
}
