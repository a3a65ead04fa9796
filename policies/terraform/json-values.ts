import { Node, ParseError } from "./ast";
import { evaluate, Scope } from "./evaluate";
import { byText } from "../text-cache";
import { nfc } from "./go-text";
import { parseTemplate } from "./parser";
import { EvalError, Unmirrored, Value, Unknown } from "./values";

// In Terraform JSON every string where an expression is expected is a string
// template; arrays and objects are tuples and objects of such values
// (https://developer.hashicorp.com/terraform/language/syntax/json#expression-mapping).

/**
 * Evaluates a JSON value in expression mode. What cannot be evaluated stays
 * its original string. Parts without templates are returned as they are, not
 * copied: most of a configuration is literal.
 */
export function evaluateJson(value: unknown, scope: Scope): Value {
  if (typeof value === "string") return evaluateString(value, scope);
  if (Array.isArray(value)) {
    let result: Value[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v = evaluateJson(value[i], scope);
      if (v !== value[i] && !result) result = value.slice(0, i) as Value[];
      if (result) result.push(v);
    }
    return result ?? (value as Value[]);
  }
  if (typeof value === "object" && value !== null) {
    // An object where an expression is expected is an object constructor: "//" is one of its keys,
    // a comment only in a block body (https://developer.hashicorp.com/terraform/language/syntax/json#comment-properties).
    const object = value as Record<string, unknown>;
    if (Object.keys(object).some(isTemplate)) return templatedKeys(object, scope);
    let result: Record<string, Value> | undefined;
    for (const key in object) {
      const v = evaluateJson(object[key], scope);
      if (v !== object[key] && !result) result = { ...(object as Record<string, Value>) };
      if (result) result[key] = v;
    }
    return result ?? (object as Record<string, Value>);
  }
  if (typeof value === "number" || typeof value === "boolean" || value === null) return value;
  return null;
}

function isTemplate(text: string): boolean {
  return text.includes("${") || text.includes("%{");
}

/** An object whose keys are templates too (hcl json/structure.go: "we allow keys to contain interpolation expressions"). */
function templatedKeys(object: Record<string, unknown>, scope: Scope): Value {
  const result: Record<string, Value> = {};
  for (const key in object) {
    const k = isTemplate(key) ? evaluateString(key, scope) : key;
    if (typeof k !== "string") return new Unevaluable(JSON.stringify(object), "an object key is not known before apply, or is not a string");
    if (k in result) return new Unevaluable(JSON.stringify(object), `two keys are "${k}"`);
    result[k] = evaluateJson(object[key], scope);
  }
  return result;
}

/** A literal JSON value, as a variable's default is: not a template. */
export function literalJson(value: unknown): Value {
  if (Array.isArray(value)) return value.map(literalJson);
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, literalJson(v)]));
  return value === undefined ? null : (value as Value);
}

/** A template parsed once per text (see text-cache.ts). */
export const parseCached: (text: string) => Node = byText(parseTemplate);

function evaluateString(text: string, scope: Scope): Value {
  if (!text.includes("${") && !text.includes("%{")) return nfc(text);
  try {
    return evaluate(parseCached(text), scope);
  } catch (error) {
    if (error instanceof ParseError || error instanceof EvalError || error instanceof Unmirrored) return unevaluable(text, error.message);
    // An expression nested deeper than the call stack allows.
    if (error instanceof RangeError) return unevaluable(text, "nested too deeply");
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
