import { compareCodePoints } from "./go-text";
import { EvalError, isMap, typeName, Unmirrored, Value } from "./values";

// Terraform's automatic conversions between primitive types.

/** Equal as Terraform compares: by type and value, a map's keys in any order. */
export function equal(a: Value, b: Value): boolean {
  return canonical(a) === canonical(b);
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
  if (integer ? !Number.isSafeInteger(n) : digits.length > 15 || !Number.isFinite(n)) throw new Unmirrored(`the number ${text} is beyond what the checks compute exactly`);
  return n;
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
