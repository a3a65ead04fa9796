// References as the model holds them: `${aws_iam_group.g.name}`,
// `${aws_iam_user.x[0].name}`, `${module.m.aws_iam_user.x["k"].arn}`.

const KEY = String.raw`\[(?:\d+|"(?:[^"\\]|\\.)*")\]`;
const NAME = "[a-zA-Z0-9_-]+";
/**
 * `[module.m[key].]...[data.]type.name[key].attr[index]`: a resource or data
 * source attribute, with the instance key of a resource with count or
 * for_each and the module path as plan JSON writes addresses.
 */
const REFERENCE = new RegExp(
  String.raw`^((?:module\.${NAME}(?:${KEY})?\.)*)(data\.)?(${NAME})\.(${NAME})(${KEY})?\.([a-zA-Z0-9_]+)(\[\d+\])?$`,
);
/** Root names that are not resource types. */
const NOT_RESOURCES = new Set(["var", "local", "module", "each", "count", "path", "terraform", "self", "data"]);

export interface Reference {
  /** `aws_iam_user.u`, `data.aws_iam_policy.p`, `aws_iam_user.x[0]`, `module.m.aws_iam_user.x` */
  readonly address: string;
  readonly attribute: string;
}

export function parseReference(expression: string): Reference | undefined {
  const m = REFERENCE.exec(expression.trim());
  if (!m || NOT_RESOURCES.has(m[3])) return undefined;
  return { address: `${m[1]}${m[2] ?? ""}${m[3]}.${m[4]}${m[5] ?? ""}`, attribute: m[6] };
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
      for (const word of expression.split(/[^a-zA-Z0-9_.\[\]"-]+/)) {
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
