// References as synthesized JSON writes them: `${aws_iam_group.g.name}`.

/** `type.name.attr` or `data.type.name.attr`, optionally indexed: `aws_iam_user.u.name`. */
const REFERENCE = /^(data\.)?([a-zA-Z0-9_-]+)\.([a-zA-Z0-9_-]+)\.([a-zA-Z0-9_]+)(\[\d+\])?$/;

export interface Reference {
  /** `aws_iam_user.u` or `data.aws_iam_policy.p` */
  readonly address: string;
  readonly attribute: string;
}

export function parseReference(expression: string): Reference | undefined {
  const m = REFERENCE.exec(expression.trim());
  if (!m) return undefined;
  return { address: `${m[1] ?? ""}${m[2]}.${m[3]}`, attribute: m[4] };
}

/** The reference a value is, when the whole value is one interpolation: `${aws_iam_group.g.name}`. */
export function referenceOf(value: unknown): Reference | undefined {
  if (typeof value !== "string") return undefined;
  const m = /^\$\{([^{}]*)\}$/.exec(value);
  return m ? parseReference(m[1]) : undefined;
}

/** Every reference inside a value, at any depth. */
export function referencesIn(value: unknown, found: Reference[] = []): Reference[] {
  if (typeof value === "string") {
    for (const expression of interpolations(value)) {
      // An interpolation may hold an expression: take each reference-shaped word in it.
      for (const word of expression.split(/[^a-zA-Z0-9_.\[\]-]+/)) {
        const ref = parseReference(word);
        if (ref) found.push(ref);
      }
    }
  } else if (Array.isArray(value)) {
    for (const v of value) referencesIn(v, found);
  } else if (typeof value === "object" && value !== null) {
    for (const v of Object.values(value)) referencesIn(v, found);
  }
  return found;
}

/** Whether a string holds no interpolation, so it is the literal value Terraform will use. */
export function isLiteral(value: unknown): value is string {
  return typeof value === "string" && !value.includes("${");
}

/** The expressions inside `${...}`, which may nest braces: `${lookup({a = 1}, x.y.z)}`. */
function interpolations(text: string): string[] {
  const found: string[] = [];
  let start = text.indexOf("${");
  while (start !== -1) {
    let depth = 0;
    let end = start + 1;
    for (; end < text.length; end++) {
      if (text[end] === "{") depth++;
      else if (text[end] === "}" && --depth === 0) break;
    }
    found.push(text.slice(start + 2, end));
    start = text.indexOf("${", end);
  }
  return found;
}
