// Values of Terraform's expression language as the reader evaluates them.
// Known values are plain JSON; a value Terraform only knows at apply time (or
// that this reader cannot work out) is an Unknown that remembers, as HCL
// text, the expression it stands for, so the model can keep it as `${...}`.

import { compareCodePoints } from "./go-text";
import { quote } from "./print";

export type Value = null | boolean | number | string | Value[] | { [key: string]: Value } | Unknown | Instance;

/** A value not known before apply, or not evaluable here. */
export class Unknown {
  /**
   * @param text the expression as HCL text, with what is known filled in: `aws_iam_user.x[0].arn`
   * @param template set when the value is a string template with unknown parts: its text with `${...}` kept
   */
  constructor(
    readonly text: string,
    readonly template?: string,
  ) {}

  /** How the model stores it: the template itself, else the expression in `${...}`. */
  toModelString(): string {
    return this.template ?? `\${${this.text}}`;
  }
}

/**
 * One instance of a resource or data source, as a reference sees it. Its
 * attributes are evaluated on demand, because resources refer to each other
 * in any order.
 */
export class Instance {
  constructor(
    /** `aws_iam_user.x[0]`, `module.m.data.aws_iam_policy.p` */
    readonly address: string,
    private readonly read: (attribute: string) => Value,
    /** Called when the whole object is used, not one attribute of it: it then carries every attribute. */
    private readonly whole?: () => void,
  ) {}

  get(attribute: string): Value {
    return this.read(attribute);
  }

  /** The whole object is used as a value (`values(x)`, `lookup(x, "k")`, `nonsensitive(x)`). */
  touch(): void {
    this.whole?.();
  }
}

/**
 * Sets are lists here, remembered as sets: iterating one (for, dynamic)
 * gives each element as its own key, as Terraform does, where a list gives
 * its index.
 */
const SETS = new WeakSet<Value[]>();

export function markSet(list: Value[]): Value[] {
  SETS.add(list);
  return list;
}

export function isSet(value: Value): boolean {
  return Array.isArray(value) && SETS.has(value);
}

/** The key, value pairs of a collection as `for` and `dynamic` iterate them. */
export function iterationPairs(collection: Value[] | { [key: string]: Value }): [Value, Value][] {
  if (Array.isArray(collection)) return collection.map((v, i) => [isSet(collection) ? v : i, v]);
  // Terraform iterates a map in the order of its keys, not as it was written.
  return Object.keys(collection)
    .sort(compareCodePoints)
    .map((k) => [k, collection[k]]);
}

export function isMap(value: Value): value is { [key: string]: Value } {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Unknown) && !(value instanceof Instance);
}

/** Whether a value holds an unknown anywhere inside it. */
export function containsUnknown(value: Value): boolean {
  if (value instanceof Unknown || value instanceof Instance) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (isMap(value)) return Object.values(value).some(containsUnknown);
  return false;
}

/** A known value as HCL text, for the text of an unknown expression that contains it. */
export function toHcl(value: Value): string {
  if (value instanceof Unknown) return value.text;
  if (value instanceof Instance) return value.address;
  if (value === null) return "null";
  if (typeof value === "string") return quote(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(toHcl).join(", ")}]`;
  return `{${Object.entries(value)
    .map(([k, v]) => `${JSON.stringify(k)} = ${toHcl(v)}`)
    .join(", ")}}`;
}

/**
 * A value as the model stores it (see policies/model.ts): plain JSON, with
 * every unknown leaf as its `${...}` string at the deepest level it occurs.
 */
export function toModel(value: Value): unknown {
  if (value instanceof Unknown) return value.toModelString();
  if (value instanceof Instance) return `\${${value.address}}`;
  // Unchanged parts are shared, not copied.
  if (Array.isArray(value)) {
    let mapped: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v = toModel(value[i]);
      if (v !== value[i] && !mapped) mapped = value.slice(0, i);
      if (mapped) mapped.push(v);
    }
    return mapped ?? value;
  }
  if (isMap(value)) {
    let result: Record<string, unknown> | undefined;
    for (const key in value) {
      const v = toModel(value[key]);
      if (v !== value[key] && !result) result = { ...value };
      if (result) result[key] = v;
    }
    return result ?? value;
  }
  return value;
}

/** Terraform's type name of a value, for error messages. */
export function typeName(value: Value): string {
  if (value === null) return "null";
  if (value instanceof Unknown) return "unknown";
  if (value instanceof Instance) return "object";
  if (Array.isArray(value)) return "tuple";
  if (typeof value === "object") return "object";
  return typeof value;
}

/** An expression Terraform would reject, or this reader cannot evaluate. */
export class EvalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EvalError";
  }
}

/**
 * Where this reader cannot be sure to compute what Terraform would (numbers
 * past JavaScript's exact integers, Unicode text where Go and JavaScript
 * differ, format flags, regular expressions). Unlike EvalError it is no
 * Terraform error, so `try` and `can` do not catch it: the whole value it is
 * part of is not known, and fails closed where it decides who is administrator.
 */
export class Unmirrored extends Error {
  constructor(message: string) {
    super(message);
    this.name = "Unmirrored";
  }
}
