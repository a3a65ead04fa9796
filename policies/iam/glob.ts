// IAM's wildcards: `*` matches any run of characters (also none), `?` any one
// character (IAM User Guide, "IAM JSON policy elements: Action" and
// "...: Resource"). Action names compare without regard to case; ARNs with it.

/**
 * Stands, in an ARN the checks build, for a part not known before apply (the
 * partition, a name from an expression): any run of characters but `:`, as no
 * partition, account id or IAM name holds one.
 */
export const UNKNOWN_PART = "\u0001";

export interface GlobOptions {
  readonly ignoreCase?: boolean;
}

const cache = new Map<string, RegExp>();

function regexOf(pattern: string, ignoreCase: boolean): RegExp {
  const key = `${ignoreCase ? "i" : "c"}${pattern}`;
  let re = cache.get(key);
  if (!re) {
    const body = pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")
      .replace(new RegExp(UNKNOWN_PART, "g"), "[^:]*");
    re = new RegExp(`^${body}$`, ignoreCase ? "is" : "s");
    if (cache.size > 10_000) cache.clear();
    cache.set(key, re);
  }
  return re;
}

/** Whether a concrete string matches an IAM wildcard pattern. */
export function globMatch(pattern: string, text: string, options: GlobOptions = {}): boolean {
  if (pattern === "*") return true;
  return regexOf(pattern, options.ignoreCase ?? false).test(text);
}

/**
 * A string both patterns match, or undefined when none exists. Both sides may
 * hold wildcards: this answers "could this Resource pattern name that ARN" when
 * parts of the ARN are not known before apply (written as `*`).
 */
const intersections = new Map<string, string | null>();

export function globIntersection(a: string, b: string, options: GlobOptions = {}): string | undefined {
  // The first pattern's length marks where the second begins, whatever characters either holds.
  const key = `${options.ignoreCase ? "i" : "c"}${a.length}:${a}${b}`;
  const known = intersections.get(key);
  if (known !== undefined) return known ?? undefined;
  const found = intersect(a, b, options);
  if (intersections.size > 100_000) intersections.clear();
  intersections.set(key, found ?? null);
  return found;
}

function intersect(a: string, b: string, options: GlobOptions): string | undefined {
  const norm = (s: string) => (options.ignoreCase ? s.toLowerCase() : s);
  const p = norm(a);
  const q = norm(b);
  const seen = new Set<number>();
  // Depth-first over positions (i in p, j in q); each step consumes one character
  // or lets a `*` match nothing. Memoised, so O(|p| * |q|).
  const star = (c: string | undefined) => c === "*" || c === UNKNOWN_PART;
  const wild = (c: string | undefined) => star(c) || c === "?";
  const visit = (i: number, j: number): string | undefined => {
    const key = i * (q.length + 1) + j;
    if (seen.has(key)) return undefined;
    seen.add(key);
    if (i === p.length && j === q.length) return "";
    const pc = p[i];
    const qc = q[j];
    // A star may match nothing.
    if (star(pc)) {
      const skip = visit(i + 1, j);
      if (skip !== undefined) return skip;
    }
    if (star(qc)) {
      const skip = visit(i, j + 1);
      if (skip !== undefined) return skip;
    }
    // One side spent: the other could only still match with stars, tried above.
    if (i === p.length || j === q.length) return undefined;
    // Both stars: consuming on both is the same as skipping one, tried above.
    if (star(pc) && star(qc)) return undefined;
    // Consume one character on both sides; a star stays on its position.
    let ch: string | undefined;
    if (wild(pc)) ch = wild(qc) ? "x" : qc;
    else if (wild(qc) || qc === pc) ch = pc;
    if (ch === undefined || (ch === ":" && (pc === UNKNOWN_PART || qc === UNKNOWN_PART))) return undefined;
    const rest = visit(star(pc) ? i : i + 1, star(qc) ? j : j + 1);
    return rest === undefined ? undefined : ch + rest;
  };
  return visit(0, 0);
}
