import { equal, toBool, toNumber, toStringValue } from "./convert";
import { containsUnknown, EvalError, Instance, isMap, markSet, toHcl, toModel, typeName, Unknown, Value } from "./values";

// Terraform's built-in functions that policy code commonly uses
// (https://developer.hashicorp.com/terraform/language/functions). A function
// this reader does not implement (file, templatefile, timestamp, ...) gives an
// Unknown, so the value it feeds is never mistaken for a literal.

type Fn = (args: Value[]) => Value;

/** Functions that need every argument fully known. */
const STRICT: Record<string, Fn> = {
  format: ([spec, ...rest]) => format(toStringValue(spec), rest),
  join: ([separator, list]) => asList(list).map(toStringValue).join(toStringValue(separator)),
  lower: ([s]) => toStringValue(s).toLowerCase(),
  upper: ([s]) => toStringValue(s).toUpperCase(),
  replace: ([s, search, replacement]) => replace(toStringValue(s), toStringValue(search), toStringValue(replacement)),
  jsondecode: ([s]) => jsondecode(toStringValue(s)),
  split: ([separator, s]) => toStringValue(s).split(toStringValue(separator)),
  trimspace: ([s]) => toStringValue(s).trim(),
  startswith: ([s, prefix]) => toStringValue(s).startsWith(toStringValue(prefix)),
  endswith: ([s, suffix]) => toStringValue(s).endsWith(toStringValue(suffix)),
  tostring: ([v]) => (v === null ? null : toStringValue(v)),
  tonumber: ([v]) => (v === null ? null : toNumber(v)),
  tobool: ([v]) => (v === null ? null : toBool(v)),
  contains: ([list, v]) => asList(list).some((item) => equal(item, v)),
  distinct: ([list]) => asList(list).filter((v, i, all) => all.findIndex((w) => equal(v, w)) === i),
  sort: ([list]) => asList(list).map(toStringValue).sort(),
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
  keys: ([map]) => Object.keys(asMap(map)).sort(),
  values: ([map]) => Object.entries(asMap(map)).sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v),
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
  if (distinct.every((v) => typeof v === "string")) return markSet([...(distinct as string[])].sort());
  return markSet(distinct);
}

function element(list: Value[], i: Value): Value {
  if (list.length === 0) throw new EvalError("element() of an empty list");
  const n = toNumber(known(i));
  return list[((Math.floor(n) % list.length) + list.length) % list.length];
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
  if (typeof value === "string") return [...value].length;
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

/** `replace` treats a search string in slashes as a regular expression. */
function replace(s: string, search: string, replacement: string): string {
  if (search.length > 1 && search.startsWith("/") && search.endsWith("/")) {
    let pattern: RegExp;
    try {
      pattern = new RegExp(search.slice(1, -1), "g");
    } catch {
      throw new EvalError(`replace(): bad regular expression ${search}`);
    }
    return s.replace(pattern, replacement.replace(/\$\{(\d+)\}/g, "$$$1"));
  }
  return search === "" ? s : s.split(search).join(replacement);
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

/** `format` verbs: %s %d %f %v %q %%, which is what policy code uses. */
function format(spec: string, args: Value[]): string {
  let i = 0;
  return spec.replace(/%([-+ #0]*\d*(?:\.\d+)?)?([sdfvqt%])/g, (_, _flags, verb: string) => {
    if (verb === "%") return "%";
    if (i >= args.length) throw new EvalError("format(): too few arguments");
    const arg = args[i++];
    if (verb === "d") return String(Math.trunc(toNumber(arg)));
    if (verb === "f") return String(toNumber(arg));
    if (verb === "q") return JSON.stringify(toStringValue(arg));
    if (verb === "v" && typeof arg === "object" && arg !== null) return JSON.stringify(toModel(arg));
    return toStringValue(arg);
  });
}
