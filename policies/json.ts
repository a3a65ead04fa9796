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

/**
 * Why text is not JSON, on one line, saying where: JSON.parse's reason
 * without the excerpt of the text V8 may quote (the text can hold a secret:
 * a plan's sensitive values, a password in Terraform's output), and its
 * position as line and column when V8 gives one.
 */
export function jsonSyntaxError(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  // V8 writes `Unexpected token 'x', "<excerpt>" is not valid JSON` (the excerpt
  // may start or end with ...), or `<reason> in JSON at position N`, or a bare reason.
  const token = /^Unexpected token '([^]+?)', (?:\.\.\.)?"/.exec(message);
  if (token) return `Unexpected token ${JSON.stringify(token[1])}`;
  const positioned = /^([^"]*?)(?: in JSON)? at position (\d+)/.exec(message);
  if (positioned) {
    const lines = text.slice(0, Number(positioned[2])).split("\n");
    return `${positioned[1]} at line ${lines.length}, column ${lines[lines.length - 1].length + 1}`;
  }
  // A reason that quotes nothing is V8's own words; anything else may quote the text.
  return /^[^"\n]*$/.test(message) ? message : "not JSON";
}
