import { compareCodePoints } from "./go-text";
import { EvalError, isMap, typeName, Unmirrored, Value } from "./values";

// Terraform's automatic conversions between primitive types.

/** Equal as Terraform compares: by type and value, a map's keys in any order. */
export function equal(a: Value, b: Value): boolean {
  return canonical(a) === canonical(b);
}

/** `==` and `!=`: Terraform compares collections by their types too (a tuple is no list), which this reader does not track. */
export function equalOperands(a: Value, b: Value): boolean {
  if ((typeof a === "object" && a !== null) || (typeof b === "object" && b !== null)) throw new Unmirrored("== or != between collections, whose types decide the answer");
  return equal(a, b);
}

type Kind = "null" | "string" | "number" | "bool" | "collection" | "unknown";

/** The kinds among values, null left out: one kind, or none, is one type. */
export function kindsOf(values: Value[]): Set<Kind> {
  const kinds = new Set(values.map(kindOf));
  kinds.delete("null");
  return kinds;
}

export function kindOf(value: Value): Kind {
  if (value === null) return "null";
  if (typeof value === "string") return "string";
  if (typeof value === "number") return "number";
  if (typeof value === "boolean") return "bool";
  return Array.isArray(value) || isMap(value) ? "collection" : "unknown";
}

/**
 * Values of one type, as Terraform unifies the results of a conditional or
 * the arguments of coalesce: a number or bool beside a string becomes a
 * string; a number beside a bool, or a collection beside a primitive, is an
 * error; collections are unified here only when they hold strings alone.
 */
export function unified(chosen: Value, others: Value[]): Value {
  // Beside a value whose type is not known, a number or bool may yet become a string.
  if (others.some((o) => kindOf(o) === "unknown") && (kindOf(chosen) === "number" || kindOf(chosen) === "bool")) {
    throw new Unmirrored("a number or bool beside a value whose type is not known");
  }
  const kinds = kindsOf([chosen, ...others]);
  kinds.delete("unknown");
  if (kinds.size <= 1) {
    if (!kinds.has("collection")) return chosen;
    const strings = (v: Value) => kindOf(v) !== "collection" || Object.values(v as object).every((e) => typeof e === "string");
    if ([chosen, ...others].every(strings)) return chosen;
    throw new Unmirrored("collections whose element types Terraform would unify");
  }
  if (kinds.has("collection")) throw new EvalError("a collection beside a primitive value: inconsistent types");
  if (kinds.has("string")) return chosen === null || chosen instanceof Object ? chosen : toStringValue(chosen);
  throw new EvalError("a number beside a bool: inconsistent types");
}

function canonical(value: Value): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (isMap(value)) {
    const keys = Object.keys(value).sort(compareCodePoints);
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** Numbers and bools convert to strings; null and collections do not. */
export function toStringValue(value: Value): string {
  if (typeof value === "string") return value;
  if (typeof value === "number") return numberText(value);
  if (typeof value === "boolean") return String(value);
  throw new EvalError(`a ${typeName(value)} where a string is required`);
}

/**
 * A number as Terraform writes it: in full, never with an exponent, which
 * JavaScript uses from 1e21 up and below 1e-6.
 */
function numberText(n: number): string {
  if (Object.is(n, -0)) return "-0";
  const size = Math.abs(n);
  if (!Number.isFinite(n) || size >= 1e21 || (size !== 0 && size < 1e-6)) throw new Unmirrored(`the number ${n} as text`);
  return String(n);
}

/**
 * A decimal number as Terraform reads one from a string (cty's ParseNumberVal,
 * Go's big.ParseFloat in base 10): sign, digits, a fraction, an exponent. Not
 * hex, not spaces around it, which JavaScript's Number() would take.
 */
const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

export function toNumber(value: Value): number {
  if (typeof value === "number") return value;
  if (typeof value === "string" && /^[-+]?inf(inity)?$/i.test(value)) throw new Unmirrored(`the number ${value}`);
  if (typeof value === "string" && DECIMAL.test(value)) return exactNumber(value);
  throw new EvalError(`a ${typeName(value)} where a number is required`);
}

/**
 * A number written as text, where JavaScript holds it exactly as Terraform
 * does (Terraform's numbers are arbitrary-precision): a whole number up to
 * 2^53, or at most 15 significant digits.
 */
export function exactNumber(text: string): number {
  const n = Number(text);
  const integer = /^[-+]?\d+$/.test(text);
  const digits = text.replace(/[eE].*$/, "").replace(/[-+.]/g, "").replace(/^0+/, "").replace(/0+$/, "");
  // A number too small for a double becomes 0 (1e-400); Terraform's is not 0.
  const exact = integer ? Number.isSafeInteger(n) : digits.length <= 15 && Number.isFinite(n) && (n !== 0 || digits === "");
  if (!exact) throw new Unmirrored(`the number ${text} is beyond what the checks compute exactly`);
  return n;
}

/**
 * The first number in JSON text that JSON.parse would not read exactly
 * (see exactNumber); undefined when every one is exact. Numbers inside
 * strings are not numbers.
 */
export function inexactNumberIn(json: string): string | undefined {
  for (const number of json.replace(/"(?:[^"\\]|\\.)*"/g, '""').match(/-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?/g) ?? []) {
    try {
      exactNumber(number);
    } catch {
      return number;
    }
  }
  return undefined;
}

/** A number arithmetic gives as Terraform would: only whole numbers JavaScript holds exactly are sure to be. */
export function wholeResult(n: number, what: string): number {
  if (!Number.isSafeInteger(n)) throw new Unmirrored(`${what} that is not a whole number the checks compute exactly`);
  return n;
}

export function toBool(value: Value): boolean {
  if (typeof value === "boolean") return value;
  if (value === "true" || value === "false") return value === "true";
  throw new EvalError(`a ${typeName(value)} where a bool is required`);
}
