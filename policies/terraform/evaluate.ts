import { Node } from "./ast";
import { equalOperands, toBool, toNumber, toStringValue, unified, wholeResult } from "./convert";
import { callFunction } from "./functions";
import { nfc } from "./go-text";
import { printNode } from "./print";
import { EvalError, Instance, isMap, iterationPairs, toHcl, typeName, Unknown, Unmirrored, Value } from "./values";

// Evaluates an expression tree as Terraform would before apply: what the
// configuration decides is computed, what only apply knows stays Unknown,
// carrying its text. Terraform's errors (a missing key, a bad type) throw
// EvalError, which `try` and `can` catch.

/** What names mean where an expression is evaluated. */
export interface Scope {
  /** The value of a root name (`var`, `local`, `aws_iam_user`, `count`, ...); undefined when it means nothing here. */
  lookup(name: string): Value | undefined;
}

export function evaluate(node: Node, scope: Scope): Value {
  const value = evaluateTarget(node, scope);
  if (typeof value === "object" && value !== null) touchWhole(value);
  return value;
}

/** A resource or module output object used whole, not through one of its attributes, carries all of them. */
function touchWhole(value: Exclude<Value, string | number | boolean | null>): void {
  if (value instanceof Instance) {
    value.touch();
  } else if (Array.isArray(value)) {
    for (const v of value) if (v instanceof Instance) v.touch();
  } else if (!(value instanceof Unknown)) {
    for (const k in value) {
      const v = value[k];
      if (v instanceof Instance) v.touch();
    }
  }
}

/** A node's value, which may be an object whose attributes a traversal reads next. */
function evaluateTarget(node: Node, scope: Scope): Value {
  switch (node.kind) {
    case "literal":
      return node.value;
    case "template":
      return template(node.parts, scope);
    case "tuple":
      return node.items.map((item) => evaluate(item, scope));
    case "object":
      return object(node.entries, scope);
    case "variable": {
      const value = scope.lookup(node.name);
      if (value === undefined) throw new EvalError(`unknown name "${node.name}"`);
      return value;
    }
    case "getAttr":
      return getAttr(evaluateTarget(node.target, scope), node.name);
    case "index": {
      const target = evaluateTarget(node.target, scope);
      const key = evaluate(node.key, scope);
      // An unknown key into a known collection: name the collection as written, not its whole value.
      if (key instanceof Unknown && !(target instanceof Unknown) && isTraversal(node.target)) {
        return new Unknown(`${printNode(node.target)}[${key.text}]`);
      }
      return index(target, key);
    }
    case "splat":
      return splat(evaluateTarget(node.source, scope), node.body, scope);
    case "splatItem":
      throw new EvalError("a splat item outside a splat");
    case "paren":
      return evaluateTarget(node.inner, scope);
    case "call":
      return call(node, scope);
    case "unary":
      return unary(node.op, evaluate(node.operand, scope));
    case "binary":
      return binary(node.op, node.left, node.right, scope);
    case "conditional": {
      const condition = evaluate(node.condition, scope);
      if (condition instanceof Unknown) {
        return new Unknown(`${condition.text} ? ${printNode(node.then)} : ${printNode(node.else)}`);
      }
      // Terraform evaluates both results and unifies their types: `true ? 1 : "x"` is "1".
      const [chosen, other] = toBool(condition) ? [node.then, node.else] : [node.else, node.then];
      const value = evaluate(chosen, scope);
      let otherValue: Value = null;
      try {
        otherValue = evaluate(other, scope);
      } catch (error) {
        // Only the chosen result's errors are Terraform's answer; the other's type is then not known.
        if (!(error instanceof EvalError)) throw error;
      }
      return unified(value, [otherValue]);
    }
    case "for":
      return forExpression(node, scope);
  }
}

function isTraversal(node: Node): boolean {
  return node.kind === "variable" || ((node.kind === "getAttr" || node.kind === "index") && isTraversal(node.target));
}

function template(parts: (string | Node)[], scope: Scope): Value {
  const values: Value[] = [];
  let known = true;
  for (const p of parts) {
    const v = typeof p === "string" ? p : evaluate(p, scope);
    if (v instanceof Unknown || v instanceof Instance) known = false;
    values.push(v);
  }
  if (known) {
    let text = "";
    for (const v of values) text += toStringValue(v);
    return nfc(text);
  }
  // Known parts are filled in; unknown ones stay interpolations, so the model keeps the template.
  let text = "";
  values.forEach((v, i) => {
    if (typeof parts[i] === "string") text += (v as string).replace(/\$\{/g, () => "$${");
    else if (v instanceof Unknown || v instanceof Instance) text += `\${${toHcl(v)}}`;
    else text += toStringValue(v).replace(/\$\{/g, () => "$${");
  });
  return new Unknown(JSON.stringify(text), text);
}

function object(entries: { key: Node; value: Node }[], scope: Scope): Value {
  const result: Record<string, Value> = {};
  const unknownKeys: string[] = [];
  for (const entry of entries) {
    const key = evaluate(entry.key, scope);
    const value = evaluate(entry.value, scope);
    if (key instanceof Unknown || key instanceof Instance) {
      unknownKeys.push(`${toHcl(key)} = ${toHcl(value)}`);
      continue;
    }
    result[toStringValue(key)] = value;
  }
  if (unknownKeys.length === 0) return result;
  return new Unknown(`{${[...Object.entries(result).map(([k, v]) => `${JSON.stringify(k)} = ${toHcl(v)}`), ...unknownKeys].join(", ")}}`);
}

export function getAttr(target: Value, name: string): Value {
  if (target instanceof Unknown) return new Unknown(`${target.text}.${name}`);
  if (target instanceof Instance) return target.get(name);
  if (isMap(target)) {
    if (!(name in target)) throw new EvalError(`no attribute "${name}"`);
    return target[name];
  }
  throw new EvalError(`cannot read attribute "${name}" of a ${typeName(target)}`);
}

export function index(target: Value, key: Value): Value {
  if (target instanceof Unknown || key instanceof Unknown) return new Unknown(`${toHcl(target)}[${toHcl(key)}]`);
  if (target instanceof Instance) return target.get(toStringValue(key));
  if (Array.isArray(target)) {
    const i = toNumber(key);
    if (!Number.isInteger(i) || i < 0 || i >= target.length) throw new EvalError(`index ${i} out of range`);
    return target[i];
  }
  if (isMap(target)) {
    const k = toStringValue(key);
    if (!(k in target)) throw new EvalError(`no key "${k}"`);
    return target[k];
  }
  throw new EvalError(`cannot index a ${typeName(target)}`);
}

function splat(source: Value, body: Node, scope: Scope): Value {
  if (source instanceof Unknown) return new Unknown(`${source.text}[*]${printNode(body)}`);
  const items = source === null ? [] : Array.isArray(source) ? source : [source];
  return items.map((item) => evaluateSplatBody(body, item, scope));
}

function evaluateSplatBody(body: Node, item: Value, scope: Scope): Value {
  switch (body.kind) {
    case "splatItem":
      return item;
    case "getAttr":
      return getAttr(evaluateSplatBody(body.target, item, scope), body.name);
    case "index":
      return index(evaluateSplatBody(body.target, item, scope), evaluate(body.key, scope));
    default:
      throw new EvalError("unexpected splat");
  }
}

function call(node: Extract<Node, { kind: "call" }>, scope: Scope): Value {
  // try and can take their arguments unevaluated: an error in one is their answer.
  if (node.name === "try" || node.name === "can") {
    for (const arg of node.args) {
      try {
        const value = evaluate(arg, scope);
        if (node.name === "can") return value instanceof Unknown ? new Unknown(`can(${value.text})`) : true;
        return value;
      } catch (error) {
        if (!(error instanceof EvalError)) throw error;
        if (node.name === "can") return false;
      }
    }
    throw new EvalError("no argument of try() could be evaluated");
  }
  let args = node.args.map((arg) => evaluate(arg, scope));
  if (node.expandLast) {
    const last = args[args.length - 1];
    if (last instanceof Unknown) return new Unknown(`${node.name}(${args.map(toHcl).join(", ")}...)`);
    if (!Array.isArray(last)) throw new EvalError("only a list can be expanded with ...");
    args = [...args.slice(0, -1), ...last];
  }
  return callFunction(node.name, args);
}

function unary(op: "!" | "-", operand: Value): Value {
  if (operand instanceof Unknown) return new Unknown(`${op}${operand.text}`);
  return op === "!" ? !toBool(operand) : -toNumber(operand);
}

function binary(op: string, leftNode: Node, rightNode: Node, scope: Scope): Value {
  // HCL evaluates both sides, && and || too: `false && tobool("x")` is an error, which try() catches;
  // a known left side that decides the answer still decides it when the right is not known.
  const left = evaluate(leftNode, scope);
  const right = evaluate(rightNode, scope);
  if (op === "&&" && !(left instanceof Unknown) && !(left instanceof Instance) && !toBool(left)) return false;
  if (op === "||" && !(left instanceof Unknown) && !(left instanceof Instance) && toBool(left)) return true;
  if (left instanceof Unknown || right instanceof Unknown || left instanceof Instance || right instanceof Instance) {
    return new Unknown(`${toHcl(left)} ${op} ${toHcl(right)}`);
  }
  switch (op) {
    case "&&":
      return toBool(left) && toBool(right);
    case "||":
      return toBool(left) || toBool(right);
    case "==":
      return equalOperands(left, right);
    case "!=":
      return !equalOperands(left, right);
    // Terraform's numbers are arbitrary-precision; JavaScript's agree with them on whole numbers up to 2^53.
    case "<":
      return whole(left, op) < whole(right, op);
    case "<=":
      return whole(left, op) <= whole(right, op);
    case ">":
      return whole(left, op) > whole(right, op);
    case ">=":
      return whole(left, op) >= whole(right, op);
    case "+":
      return wholeResult(whole(left, op) + whole(right, op), `a sum`);
    case "-":
      return wholeResult(whole(left, op) - whole(right, op), `a difference`);
    case "*":
      return wholeResult(whole(left, op) * whole(right, op), `a product`);
    case "/":
      if (whole(right, op) === 0) throw new EvalError("division by zero");
      return quotient(whole(left, op), whole(right, op));
    case "%":
      if (whole(right, op) === 0) throw new EvalError("division by zero");
      return wholeResult(whole(left, op) % whole(right, op), `a remainder`);
  }
  throw new EvalError(`unknown operator ${op}`);
}

/** A quotient of whole numbers when JavaScript writes it exactly as Terraform does (7 / 2 is 3.5; 1 / 3 is not written alike). */
function quotient(dividend: number, divisor: number): number {
  const q = dividend / divisor;
  if (Number.isSafeInteger(q)) return q;
  const digits = String(q).replace(/^-?0*\.?0*/, "").replace(".", "");
  if (!/e/i.test(String(q)) && digits.length <= 15 && q * divisor === dividend) return q;
  throw new Unmirrored(`the quotient ${dividend} / ${divisor} is not one the checks compute exactly`);
}

/** An operand of arithmetic or comparison, which this reader works out only for whole numbers JavaScript holds exactly. */
function whole(value: Value, op: string): number {
  return wholeResult(toNumber(value), `an operand of ${op}`);
}

function forExpression(node: Extract<Node, { kind: "for" }>, scope: Scope): Value {
  const collection = evaluate(node.collection, scope);
  if (collection instanceof Unknown || collection instanceof Instance) return new Unknown(printNode({ ...node, collection: { kind: "variable", name: toHcl(collection) } }));
  if (!Array.isArray(collection) && !isMap(collection)) throw new EvalError(`cannot iterate over a ${typeName(collection)}`);
  const pairs = iterationPairs(collection);

  const items: Value[] = [];
  const entries: [Value, Value][] = [];
  for (const [k, v] of pairs) {
    const inner: Scope = {
      lookup: (name) => (name === node.valueVar ? v : name === node.keyVar ? k : scope.lookup(name)),
    };
    if (node.condition) {
      const keep = evaluate(node.condition, inner);
      if (keep instanceof Unknown) return new Unknown(printNode(node));
      if (!toBool(keep)) continue;
    }
    if (node.keyExpr) entries.push([evaluate(node.keyExpr, inner), evaluate(node.valueExpr, inner)]);
    else items.push(evaluate(node.valueExpr, inner));
  }
  if (!node.keyExpr) return items;
  const result: Record<string, Value> = {};
  for (const [k, v] of entries) {
    if (k instanceof Unknown || k instanceof Instance) return new Unknown(printNode(node));
    const key = toStringValue(k);
    if (node.grouping) ((result[key] ??= []) as Value[]).push(v);
    else if (key in result) throw new EvalError(`duplicate key "${key}" in a for expression`);
    else result[key] = v;
  }
  return result;
}
