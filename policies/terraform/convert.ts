import { EvalError, typeName, Value } from "./values";

// Terraform's automatic conversions between primitive types.

export function equal(a: Value, b: Value): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Numbers and bools convert to strings; null and collections do not. */
export function toStringValue(value: Value): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw new EvalError(`a ${typeName(value)} where a string is required`);
}

export function toNumber(value: Value): number {
  if (typeof value === "number") return value;
  if (typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value))) return Number(value);
  throw new EvalError(`a ${typeName(value)} where a number is required`);
}

export function toBool(value: Value): boolean {
  if (typeof value === "boolean") return value;
  if (value === "true" || value === "false") return value === "true";
  throw new EvalError(`a ${typeName(value)} where a bool is required`);
}
