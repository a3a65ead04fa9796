import { ParseError } from "./ast";
import { evaluate, Scope } from "./evaluate";
import { parseTemplate } from "./parser";
import { EvalError, Value, Unknown } from "./values";

// In Terraform JSON every string where an expression is expected is a string
// template; arrays and objects are tuples and objects of such values
// (https://developer.hashicorp.com/terraform/language/syntax/json#expression-mapping).

/** Evaluates a JSON value in expression mode. What cannot be evaluated stays its original string. */
export function evaluateJson(value: unknown, scope: Scope): Value {
  if (typeof value === "string") return evaluateString(value, scope);
  if (Array.isArray(value)) return value.map((v) => evaluateJson(v, scope));
  if (typeof value === "object" && value !== null) {
    const result: Record<string, Value> = {};
    for (const [key, v] of Object.entries(value)) if (key !== "//") result[key] = evaluateJson(v, scope);
    return result;
  }
  if (typeof value === "number" || typeof value === "boolean" || value === null) return value;
  return null;
}

/** A literal JSON value, as a variable's default is: not a template. */
export function literalJson(value: unknown): Value {
  if (Array.isArray(value)) return value.map(literalJson);
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, literalJson(v)]));
  return value === undefined ? null : (value as Value);
}

function evaluateString(text: string, scope: Scope): Value {
  if (!text.includes("${") && !text.includes("%{")) return text;
  try {
    return evaluate(parseTemplate(text), scope);
  } catch (error) {
    if (error instanceof ParseError || error instanceof EvalError) return unevaluable(text, error.message);
    throw error;
  }
}

/** A value this reader could not evaluate: it stays the string it was written as. */
export class Unevaluable extends Unknown {
  constructor(
    original: string,
    readonly reason: string,
  ) {
    const whole = /^\$\{([\s\S]*)\}$/.exec(original);
    super(whole && !whole[1].includes("${") ? whole[1] : JSON.stringify(original), original);
  }
}

function unevaluable(text: string, reason: string): Value {
  return new Unevaluable(text, reason);
}
