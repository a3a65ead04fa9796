import { equal, toBool, toNumber, toStringValue } from "./convert";
import { ascii, compareCodePoints, goTrimSpace } from "./go-text";
import { containsUnknown, EvalError, Instance, isMap, markSet, toHcl, toModel, typeName, Unknown, Unmirrored, Value } from "./values";

// Terraform's built-in functions that policy code commonly uses
// (https://developer.hashicorp.com/terraform/language/functions). A function
// this reader does not implement (file, templatefile, timestamp, ...) gives an
// Unknown, so the value it feeds is never mistaken for a literal.

type Fn = (args: Value[]) => Value;

/** Functions that need every argument fully known. */
const STRICT: Record<string, Fn> = {
  format: ([spec, ...rest]) => format(toStringValue(spec), rest),
  join: ([separator, list]) => asList(list).map(toStringValue).join(toStringValue(separator)),
  lower: ([s]) => ascii(toStringValue(s), "lower()").toLowerCase(),
  upper: ([s]) => ascii(toStringValue(s), "upper()").toUpperCase(),
  replace: ([s, search, replacement]) => replace(toStringValue(s), toStringValue(search), toStringValue(replacement)),
  jsondecode: ([s]) => jsondecode(toStringValue(s)),
  // Go splits on "" between characters (code points), JavaScript between UTF-16 units.
  split: ([separator, s]) => (toStringValue(separator) === "" ? Array.from(toStringValue(s)) : toStringValue(s).split(toStringValue(separator))),
  trimspace: ([s]) => goTrimSpace(toStringValue(s)),
  startswith: ([s, prefix]) => toStringValue(s).startsWith(toStringValue(prefix)),
  endswith: ([s, suffix]) => toStringValue(s).endsWith(toStringValue(suffix)),
  tostring: ([v]) => (v === null ? null : toStringValue(v)),
  tonumber: ([v]) => (v === null ? null : toNumber(v)),
  tobool: ([v]) => (v === null ? null : toBool(v)),
  contains: ([list, v]) => asList(list).some((item) => equal(item, v)),
  distinct: ([list]) => asList(list).filter((v, i, all) => all.findIndex((w) => equal(v, w)) === i),
  sort: ([list]) => asList(list).map(toStringValue).sort(compareCodePoints),
  range: (args) => range(args.map(toNumber)),
  zipmap: ([keys, values]) => Object.fromEntries(asList(keys).map((k, i) => [toStringValue(k), asList(values)[i]])),
  compact: ([list]) => asList(list).filter((v) => v !== null && v !== ""),
};

/** Functions that work on known structure even where leaves are unknown. */
const STRUCTURAL: Record<string, Fn> = {
  // Unknown leaves become `${...}` strings inside the JSON text; a wholly unknown value keeps the call unknown.
  jsonencode: ([v]) => JSON.stringify(toModel(known(v))),
  merge: (args) => Object.assign({}, ...args.filter((a) => a !== null).map(asMap)),
  concat: (args) => args.flatMap(asList),
  flatten: ([list]) => flatten(asList(list)),
  tolist: ([v]) => (v === null ? null : asList(v)),
  toset: ([v]) => (v === null ? null : toSet(asList(v))),
  tomap: ([v]) => (v === null ? null : asMap(v)),
  element: ([list, i]) => element(asList(list), i),
  lookup: ([map, key, ...fallback]) => lookup(asMap(map), key, fallback),
  coalesce: (args) => coalesce(args, (v) => v === null || v === ""),
  coalescelist: (args) => coalesce(args, (v) => asList(v).length === 0),
  length: ([v]) => length(v),
  keys: ([map]) => Object.keys(asMap(map)).sort(compareCodePoints),
  values: ([map]) => Object.entries(asMap(map)).sort(([a], [b]) => compareCodePoints(a, b)).map(([, v]) => v),
  one: ([list]) => one(asList(list)),
};

export function callFunction(name: string, args: Value[]): Value {
  const text = () => new Unknown(`${name}(${args.map(toHcl).join(", ")})`);
  const strict = STRICT[name];
  if (strict) return args.some(containsUnknown) ? text() : strict(args);
  const structural = STRUCTURAL[name];
  if (!structural) return text();
  try {
    return structural(args);
  } catch (error) {
    // An unknown where the function needs to see structure: the whole call is unknown.
    if (error instanceof NeedsKnown) return text();
    throw error;
  }
}

class NeedsKnown extends Error {}

function known(v: Value): Exclude<Value, Unknown | Instance> {
  if (v instanceof Unknown || v instanceof Instance) throw new NeedsKnown();
  return v;
}

function asList(v: Value): Value[] {
  const value = known(v);
  if (Array.isArray(value)) return value;
  throw new EvalError(`a ${typeName(value)} where a list is required`);
}

function asMap(v: Value): Record<string, Value> {
  const value = known(v);
  if (isMap(value)) return value;
  throw new EvalError(`a ${typeName(value)} where a map is required`);
}

function flatten(list: Value[]): Value[] {
  return list.flatMap((v) => (Array.isArray(known(v)) ? flatten(v as Value[]) : [v]));
}

/** Terraform orders a set of strings lexically; unknown elements are kept as they are. */
function toSet(list: Value[]): Value[] {
  const distinct = list.filter((v, i) => containsUnknown(v) || list.findIndex((w) => equal(v, w)) === i);
  if (distinct.every((v) => typeof v === "string")) return markSet([...(distinct as string[])].sort(compareCodePoints));
  return markSet(distinct);
}

function element(list: Value[], i: Value): Value {
  if (list.length === 0) throw new EvalError("element() of an empty list");
  const n = toNumber(known(i));
  // Terraform refuses an index that is not whole, or negative; a larger one wraps around.
  if (!Number.isInteger(n)) throw new EvalError("element(): the index must be a whole number");
  if (n < 0) throw new EvalError("element(): the index must not be negative");
  return list[n % list.length];
}

function lookup(map: Record<string, Value>, key: Value, fallback: Value[]): Value {
  const k = toStringValue(known(key));
  if (k in map) return map[k];
  if (fallback.length > 0) return fallback[0];
  throw new EvalError(`lookup() found no key "${k}"`);
}

function coalesce(args: Value[], empty: (v: Value) => boolean): Value {
  for (const arg of args) {
    if (!empty(known(arg))) return arg;
  }
  throw new EvalError("no non-empty argument");
}

function length(v: Value): Value {
  const value = known(v);
  // Terraform counts grapheme clusters; in ASCII each character is one.
  if (typeof value === "string") return ascii(value, "length()").length;
  if (Array.isArray(value)) return value.length;
  if (isMap(value)) return Object.keys(value).length;
  throw new EvalError(`length() of a ${typeName(value)}`);
}

function one(list: Value[]): Value {
  if (list.length > 1) throw new EvalError("one() of a list with more than one element");
  return list.length === 0 ? null : list[0];
}

function range(args: number[]): Value[] {
  const [start, end, step] = args.length === 1 ? [0, args[0], 1] : [args[0], args[1], args[2] ?? (args[1] >= args[0] ? 1 : -1)];
  if (step === 0) throw new EvalError("range() step 0");
  const result: number[] = [];
  for (let i = start; step > 0 ? i < end : i > end; i += step) {
    result.push(i);
    if (result.length > 1024) throw new EvalError("range() too long");
  }
  return result;
}

/**
 * A regular expression Go's RE2 and JavaScript read alike: ASCII literals,
 * classes, groups without flags or names, quantifiers, anchors and the
 * ASCII escapes \d and \w (JavaScript's \s and \b are not Go's).
 */
const PORTABLE_PATTERN = /^(?:[\w !"#%&',\-.:;<=>@\]\[`{}~^$|*+?()/]|\\[dwDW.\\/\-[\]{}()*+?^$|])*$/;

/**
 * `replace` as Go's strings.Replace, or with a search string in slashes as a
 * regular expression (Go's regexp.ReplaceAllString). An empty search string
 * puts the replacement before every character and at the end.
 */
function replace(s: string, search: string, replacement: string): string {
  if (search.length > 1 && search.startsWith("/") && search.endsWith("/")) {
    const source = search.slice(1, -1);
    // Go's patterns are RE2's: only the ground RE2 and JavaScript share is read here.
    if (!PORTABLE_PATTERN.test(source) || source.includes("(?")) throw new Unmirrored(`replace() with the regular expression ${search}`);
    let pattern: RegExp;
    try {
      pattern = new RegExp(source, "g");
    } catch {
      throw new Unmirrored(`replace() with the regular expression ${search}`);
    }
    return s.replace(pattern, (...match) => expand(replacement, match.slice(0, -2) as (string | undefined)[]));
  }
  if (search === "") return replacement === "" ? s : replacement + Array.from(s).map((c) => c + replacement).join("");
  return s.split(search).join(replacement);
}

/**
 * A regular expression's replacement as Go's regexp.Expand writes it: `$$` is
 * `$`; `$name` (the longest run of letters, digits and _) or `${name}` is the
 * group of that number, empty when there is none; a `$` starting neither is itself.
 */
function expand(template: string, groups: (string | undefined)[]): string {
  let out = "";
  for (let i = 0; i < template.length; ) {
    if (template[i] !== "$") {
      out += template[i++];
      continue;
    }
    if (template[i + 1] === "$") {
      out += "$";
      i += 2;
      continue;
    }
    const m = /^\{(\w+)\}|^(\w+)/.exec(template.slice(i + 1));
    if (!m) {
      out += "$";
      i++;
      continue;
    }
    const name = m[1] ?? m[2];
    // A number without leading zeros names a group; any other name a named group, which portable patterns do not have.
    const number = /^(0|[1-9]\d{0,7})$/.test(name) ? Number(name) : -1;
    out += number >= 0 ? (groups[number] ?? "") : "";
    i += 1 + m[0].length;
  }
  return out;
}

/** A string that is exactly one `${...}` came from an unknown leaf of jsonencode: it is unknown again. */
function jsondecode(s: string): Value {
  let parsed: unknown;
  try {
    parsed = JSON.parse(s);
  } catch {
    throw new EvalError("jsondecode() of text that is not JSON");
  }
  const revive = (v: unknown): Value => {
    if (typeof v === "string") {
      const m = /^\$\{([^{}]*)\}$/.exec(v);
      return m ? new Unknown(m[1]) : v;
    }
    if (Array.isArray(v)) return v.map(revive);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, w]) => [k, revive(w)]));
    return v as Value;
  };
  return revive(parsed);
}

/**
 * `format` with the verbs %s %d %t %v %q and %%, without flags, width,
 * precision or argument indexes: what policy code uses, and what this reader
 * writes exactly as Terraform does. Anything else is not worked out here.
 */
function format(spec: string, args: Value[]): string {
  let i = 0;
  const text = spec.replace(/%(.?)/gs, (whole, verb: string) => {
    if (verb === "%") return "%";
    if (!"sdtvq".includes(verb) || verb === "") throw new Unmirrored(`format() with ${JSON.stringify(whole)}`);
    if (i >= args.length) throw new EvalError("format(): too few arguments");
    const arg = args[i++];
    if (verb === "d") {
      const n = toNumber(arg);
      // Terraform refuses %d of a number that is not whole (it does not truncate it).
      if (!Number.isInteger(n)) throw new EvalError(`format(): %d of ${n}, which is not a whole number`);
      return toStringValue(n);
    }
    if (verb === "t") return String(toBool(arg));
    if (verb === "q") {
      const s = toStringValue(arg);
      // Go's %q and JSON quote printable ASCII alike.
      if (!/^[\x20-\x7e]*$/.test(s)) throw new Unmirrored("format() %q of text beyond printable ASCII");
      return JSON.stringify(s);
    }
    if (verb === "v" && typeof arg === "object" && arg !== null) throw new Unmirrored("format() %v of a collection");
    return toStringValue(arg);
  });
  if (i < args.length) throw new EvalError(`format(): too many arguments; only ${i} used by the format string`);
  return text;
}
