// IAM's wildcards: `*` matches any run of characters (also none), `?` any one
// character (IAM User Guide, "IAM JSON policy elements: Action" and
// "...: Resource"). Action names compare without regard to case; ARNs with it.

export interface GlobOptions {
  readonly ignoreCase?: boolean;
}

const cache = new Map<string, RegExp>();

function regexOf(pattern: string, ignoreCase: boolean): RegExp {
  const key = `${ignoreCase ? "i" : "c"}${pattern}`;
  let re = cache.get(key);
  if (!re) {
    const body = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
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
export function globIntersection(a: string, b: string, options: GlobOptions = {}): string | undefined {
  const norm = (s: string) => (options.ignoreCase ? s.toLowerCase() : s);
  const p = norm(a);
  const q = norm(b);
  const seen = new Set<number>();
  // Depth-first over positions (i in p, j in q); each step consumes one character
  // or lets a `*` match nothing. Memoised, so O(|p| * |q|).
  const visit = (i: number, j: number): string | undefined => {
    const key = i * (q.length + 1) + j;
    if (seen.has(key)) return undefined;
    seen.add(key);
    if (i === p.length && j === q.length) return "";
    const pc = p[i];
    const qc = q[j];
    if (pc === "*") {
      const skip = visit(i + 1, j);
      if (skip !== undefined) return skip;
    }
    if (qc === "*") {
      const skip = visit(i, j + 1);
      if (skip !== undefined) return skip;
    }
    if (i === p.length || j === q.length) {
      // One side is spent: the other can only still match if what's left is all stars.
      return undefined;
    }
    // Consume one character on both sides (a star may stay on its position).
    const nextI = pc === "*" ? i : i + 1;
    const nextJ = qc === "*" ? j : j + 1;
    if (pc === "*" && qc === "*") return undefined; // both stars: skipping either was tried
    let ch: string | undefined;
    if (pc === "*" || pc === "?") ch = qc === "*" || qc === "?" ? "x" : qc;
    else if (qc === "*" || qc === "?" || qc === pc) ch = pc;
    if (ch === undefined) return undefined;
    const rest = visit(nextI, nextJ);
    return rest === undefined ? undefined : ch + rest;
  };
  return visit(0, 0);
}

/** Whether pattern `outer` matches every string that `inner` matches (sound for the shapes IAM uses; false when unsure). */
export function globCovers(outer: string, inner: string, options: GlobOptions = {}): boolean {
  if (outer === "*") return true;
  if (!/[*?]/.test(inner)) return globMatch(outer, inner, options);
  // `inner` has wildcards: `outer` covers it when it is `inner`'s literal prefix followed by `*`.
  const prefix = inner.slice(0, inner.search(/[*?]/));
  return outer.endsWith("*") && !/[*?]/.test(outer.slice(0, -1)) && globMatch(`${outer}`, prefix, options);
}
