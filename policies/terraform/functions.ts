import { equal, exactNumber, inexactNumberIn, kindOf, kindsOf, toBool, toNumber, toStringValue, unified, wholeResult } from "./convert";
import { ascii, compareCodePoints, goTrimSpace, nfc } from "./go-text";
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
  contains: ([list, v]) => {
    if (v === null) throw new EvalError("contains(): the value must not be null");
    return asList(list).some((item) => equal(item, v));
  },
  distinct: ([list]) => oneKind(asList(list), "distinct()").filter((v, i, all) => all.findIndex((w) => equal(v, w)) === i),
  sort: ([list]) => asList(list).map(toStringValue).sort(compareCodePoints),
  range: (args) => range(args.map((a) => wholeResult(toNumber(a), "an argument of range()"))),
  zipmap: ([keys, values]) => {
    if (asList(keys).length !== asList(values).length) throw new EvalError("zipmap(): the number of keys does not match the number of values");
    return Object.fromEntries(asList(keys).map((k, i) => [toStringValue(k), asList(values)[i]]));
  },
  // compact takes a list of strings: numbers and bools become text first.
  compact: ([list]) => asList(list).filter((v) => v !== null).map(toStringValue).filter((v) => v !== ""),
};

/** Functions that work on known structure even where leaves are unknown. */
const STRUCTURAL: Record<string, Fn> = {
  // Unknown leaves become `${...}` strings inside the JSON text; a wholly unknown value keeps the call unknown.
  jsonencode: ([v]) => goJson(toModel(known(v))),
  merge: (args) => Object.assign({}, ...args.filter((a) => a !== null).map(asMap)),
  concat: (args) => args.flatMap(asList),
  flatten: ([list]) => flatten(asList(list)),
  tolist: ([v]) => (v === null ? null : oneKind(asList(v), "tolist()")),
  toset: ([v]) => (v === null ? null : toSet(oneKind(asList(v), "toset()"))),
  tomap: ([v]) => (v === null ? null : toMap(asMap(v))),
  element: ([list, i]) => element(asList(list), i),
  lookup: ([map, key, ...fallback]) => lookup(asMap(map), key, fallback),
  coalesce: (args) => unified(coalesce(args, (v) => v === null || v === ""), args),
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
  // Terraform orders a set of strings lexically, of numbers by value, of bools false first.
  if (distinct.every((v) => typeof v === "string")) return markSet([...(distinct as string[])].sort(compareCodePoints));
  if (distinct.every((v) => typeof v === "number")) return markSet([...(distinct as number[])].sort((a, b) => a - b));
  if (distinct.every((v) => typeof v === "boolean")) return markSet([...distinct].sort((a, b) => Number(a) - Number(b)));
  return markSet(distinct);
}

/**
 * A list's elements as one type: Terraform converts a tuple of numbers and
 * strings to a list of strings (`distinct([1, "1"])` is `["1"]`); this reader
 * takes only lists whose primitives are all of one kind.
 */
function oneKind(list: Value[], what: string): Value[] {
  const kinds = kindsOf(list);
  kinds.delete("unknown");
  if (kinds.size > 1) throw new Unmirrored(`${what} of elements of several types`);
  return list;
}

/**
 * JSON as Terraform's jsonencode writes it (Go's encoding/json): object keys
 * sorted, and <, >, & and U+2028, U+2029 escaped. Control characters other
 * than \n, \r and \t are written otherwise by Go: not worked out.
 */
function goJson(value: unknown): string {
  const write = (v: unknown): string => {
    if (typeof v === "string") {
      // eslint-disable-next-line no-control-regex
      if (/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(v)) throw new Unmirrored("jsonencode() of text with control characters");
      return JSON.stringify(v).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
    }
    if (typeof v === "number") return toStringValue(v);
    if (Array.isArray(v)) return `[${v.map(write).join(",")}]`;
    if (typeof v === "object" && v !== null) {
      const keys = Object.keys(v).sort(compareCodePoints);
      return `{${keys.map((k) => `${write(k)}:${write((v as Record<string, unknown>)[k])}`).join(",")}}`;
    }
    return JSON.stringify(v) ?? "null";
  };
  return write(value);
}

function element(list: Value[], i: Value): Value {
  if (list.length === 0) throw new EvalError("element() of an empty list");
  const n = toNumber(known(i));
  // Terraform refuses an index that is not whole, or negative; a larger one wraps around.
  if (!Number.isInteger(n)) throw new EvalError("element(): the index must be a whole number");
  if (n < 0) throw new EvalError("element(): the index must not be negative");
  return list[n % list.length];
}

/**
 * A map's values as one type, as tomap() converts them: numbers and bools
 * beside strings become strings; a number beside a bool is an error; anything
 * else mixed (collections, unknowns beside numbers) is not worked out here.
 */
function toMap(map: Record<string, Value>): Record<string, Value> {
  const kinds = kindsOf(Object.values(map));
  if (kinds.size <= 1) return map;
  if (kinds.has("collection") || kinds.has("unknown")) throw new Unmirrored("tomap() of values of several types");
  if (!kinds.has("string")) throw new EvalError("tomap(): a number beside a bool");
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k, v === null ? null : toStringValue(v)]));
}

function lookup(map: Record<string, Value>, key: Value, fallback: Value[]): Value {
  const k = toStringValue(known(key));
  if (k in map) return map[k];
  if (fallback.length > 0) return convertedTo(Object.values(map), fallback[0]);
  throw new EvalError(`lookup() found no key "${k}"`);
}

/** lookup()'s default, converted to the type of the map's values (`lookup(tomap({a = "x"}), "b", 1)` is "1"). */
function convertedTo(values: Value[], value: Value): Value {
  const kinds = kindsOf(values);
  if (kinds.size === 0 || value === null) return value;
  if (kinds.size > 1 || kinds.has("collection") || kinds.has("unknown") || kindOf(value) === "collection" || kindOf(value) === "unknown") {
    throw new Unmirrored("lookup() of a default whose type the map's values may change");
  }
  const [kind] = kinds;
  return kind === "string" ? toStringValue(value) : kind === "number" ? toNumber(value) : toBool(value);
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
 * `replace` as Go's strings.Replace: an empty search string puts the
 * replacement before every character and at the end. A search string in
 * slashes is a regular expression in Go's RE2 syntax, which JavaScript's
 * engine reads otherwise (`.` and `\r`, empty matches after a match, text
 * past U+FFFF, repeat limits, and backtracking that can take forever): not
 * worked out here.
 */
function replace(s: string, search: string, replacement: string): string {
  if (search.length > 1 && search.startsWith("/") && search.endsWith("/")) throw new Unmirrored(`replace() with the regular expression ${search}`);
  if (search === "") return replacement === "" ? s : replacement + Array.from(s).map((c) => c + replacement).join("");
  return s.split(search).join(replacement);
}

/** A string that is exactly one `${...}` came from an unknown leaf of jsonencode: it is unknown again. */
function jsondecode(s: string): Value {
  let parsed: unknown;
  try {
    parsed = JSON.parse(s);
  } catch {
    throw new EvalError("jsondecode() of text that is not JSON");
  }
  // A number JSON.parse read is exact only if its text is (Terraform's are arbitrary-precision).
  const inexact = inexactNumberIn(s);
  // exactNumber refuses it, in words that name the number.
  if (inexact !== undefined) exactNumber(inexact);
  const revive = (v: unknown): Value => {
    if (typeof v === "string") {
      const m = /^\$\{([^{}]*)\}$/.exec(v);
      return m ? new Unknown(m[1]) : nfc(v);
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
