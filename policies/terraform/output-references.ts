import { Node } from "./ast";
import { byText } from "../text-cache";
import { parseCached } from "./json-values";

// What an output's value refers to, read from its syntax when that is enough:
// an output only needs the resource attributes it carries, and evaluating
// every output of every stack costs more than reading them.

const NOT_RESOURCES = new Set(["var", "local", "module", "count", "each", "path", "terraform", "self"]);

/**
 * The resource attributes a JSON value refers to (`aws_iam_user_login_profile.p.password`),
 * or undefined when it refers to anything whose value must be evaluated to
 * know (locals, variables, module outputs, computed indexes), or cannot be parsed.
 */
export function directReferences(value: unknown): readonly string[] | undefined {
  return typeof value === "string" ? stringReferences(value) : referencesOf(value);
}

/** An output written as one string, as outputs of one app are, stack after stack (see text-cache.ts). */
const stringReferences = byText<readonly string[] | undefined>(referencesOf);

function referencesOf(value: unknown): string[] | undefined {
  const found: string[] = [];
  const walk = (v: unknown): boolean => {
    if (typeof v === "string") {
      if (!v.includes("${") && !v.includes("%{")) return true;
      let node: Node;
      try {
        node = parseCached(v);
      } catch {
        return false;
      }
      return references(node, found);
    }
    if (Array.isArray(v)) return v.every(walk);
    if (typeof v === "object" && v !== null) return Object.values(v).every(walk);
    return true;
  };
  return walk(value) ? found : undefined;
}

/** Collects `[data.]type.name[literal].attr` traversals; false on anything else that names a value. */
function references(node: Node, found: string[]): boolean {
  switch (node.kind) {
    case "literal":
    case "splatItem":
      return true;
    case "variable":
      return false;
    case "getAttr":
    case "index": {
      const reference = traversal(node);
      if (reference !== undefined) {
        found.push(reference);
        return true;
      }
      return node.kind === "index" ? references(node.target, found) && references(node.key, found) : references(node.target, found);
    }
    case "template":
      return node.parts.every((p) => typeof p === "string" || references(p, found));
    case "tuple":
      return node.items.every((i) => references(i, found));
    case "object":
      return node.entries.every((e) => references(e.key, found) && references(e.value, found));
    case "splat":
      return references(node.source, found) && references(node.body, found);
    case "call":
      return node.args.every((a) => references(a, found));
    case "unary":
      return references(node.operand, found);
    case "binary":
      return references(node.left, found) && references(node.right, found);
    case "conditional":
      return references(node.condition, found) && references(node.then, found) && references(node.else, found);
    case "paren":
      return references(node.inner, found);
    case "for":
      return false;
  }
}

/** `type.name.attr`, `type.name[0].attr`, `data.type.name.attr` as one reference; undefined otherwise. */
function traversal(node: Node): string | undefined {
  const steps: string[] = [];
  let current = node;
  for (;;) {
    if (current.kind === "getAttr") {
      steps.unshift(`.${current.name}`);
      current = current.target;
    } else if (current.kind === "index" && current.key.kind === "literal" && current.key.value !== null && typeof current.key.value !== "boolean") {
      steps.unshift(`[${JSON.stringify(current.key.value)}]`);
      current = current.target;
    } else {
      break;
    }
  }
  if (current.kind !== "variable" || NOT_RESOURCES.has(current.name)) return undefined;
  const isData = current.name === "data";
  const needed = isData ? 2 : 1;
  const names = steps.slice(0, needed);
  if (names.length < needed || names.some((s) => !s.startsWith(".")) || steps.length <= needed) return undefined;
  let rest = steps.slice(needed);
  let key = "";
  if (rest[0].startsWith("[")) {
    key = rest[0];
    rest = rest.slice(1);
  }
  if (rest.length === 0 || !rest[0].startsWith(".")) return undefined;
  return `${current.name}${names.join("")}${key}${rest[0]}`;
}
