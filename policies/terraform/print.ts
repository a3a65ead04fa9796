import { Node } from "./ast";

/** An expression as HCL text again, for messages and for the text of values that stay unknown. */
export function printNode(node: Node): string {
  switch (node.kind) {
    case "literal":
      return node.value === null ? "null" : typeof node.value === "string" ? quote(node.value) : String(node.value);
    case "template":
      return `"${node.parts.map((p) => (typeof p === "string" ? quote(p).slice(1, -1) : `\${${printNode(p)}}`)).join("")}"`;
    case "tuple":
      return `[${node.items.map(printNode).join(", ")}]`;
    case "object":
      return `{${node.entries.map((e) => `${printKey(e.key)} = ${printNode(e.value)}`).join(", ")}}`;
    case "variable":
      return node.name;
    case "getAttr":
      return `${printNode(node.target)}.${node.name}`;
    case "index":
      return `${printNode(node.target)}[${printNode(node.key)}]`;
    case "splat":
      return `${printNode(node.source)}[*]${printNode(node.body)}`;
    case "splatItem":
      return "";
    case "call":
      return `${node.name}(${node.args.map(printNode).join(", ")}${node.expandLast ? "..." : ""})`;
    case "unary":
      return `${node.op}${printNode(node.operand)}`;
    case "binary":
      return `${printNode(node.left)} ${node.op} ${printNode(node.right)}`;
    case "conditional":
      return `${printNode(node.condition)} ? ${printNode(node.then)} : ${printNode(node.else)}`;
    case "paren":
      return `(${printNode(node.inner)})`;
    case "for": {
      const vars = node.keyVar ? `${node.keyVar}, ${node.valueVar}` : node.valueVar;
      const body = node.keyExpr ? `${printNode(node.keyExpr)} => ${printNode(node.valueExpr)}` : printNode(node.valueExpr);
      const tail = `${node.grouping ? "..." : ""}${node.condition ? ` if ${printNode(node.condition)}` : ""}`;
      const [open, close] = node.keyExpr ? ["{", "}"] : ["[", "]"];
      return `${open}for ${vars} in ${printNode(node.collection)} : ${body}${tail}${close}`;
    }
  }
}

/** A string as an HCL quoted string: JSON's escapes, and `${` / `%{` doubled so they stay literal. */
export function quote(text: string): string {
  return JSON.stringify(text).replace(/\$\{/g, () => "$${").replace(/%\{/g, "%%{");
}

/** An object key: a bare name when it is one, as it is usually written. */
function printKey(key: Node): string {
  return key.kind === "literal" && typeof key.value === "string" && /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key.value) ? key.value : printNode(key);
}
