// Defensive readers for JSON of unknown shape: the rules must never throw on input.

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function asObject(value: unknown): JsonObject {
  return isObject(value) ? value : {};
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** A value that Terraform accepts as a list of strings or a single string. */
export function asStrings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return asArray(value).filter((v): v is string => typeof v === "string");
}

/** Terraform JSON writes a nested block as an object or a list of objects. */
export function blocks(value: unknown): JsonObject[] {
  if (isObject(value)) return [value];
  return asArray(value).filter(isObject);
}
