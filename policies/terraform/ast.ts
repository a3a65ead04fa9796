// The syntax tree of Terraform's expression and template language
// (https://developer.hashicorp.com/terraform/language/expressions).

export type Node =
  | { kind: "literal"; value: null | boolean | number | string }
  /** A string template: literal text and interpolations. One lone interpolation is its expression's value. */
  | { kind: "template"; parts: (string | Node)[] }
  | { kind: "tuple"; items: Node[] }
  | { kind: "object"; entries: { key: Node; value: Node }[] }
  /** A root name: `var`, `local`, `aws_iam_user`, `count`, a `for` variable. */
  | { kind: "variable"; name: string }
  | { kind: "getAttr"; target: Node; name: string }
  | { kind: "index"; target: Node; key: Node }
  /** `source[*].rest`: `body` is applied to each element, which it reads as `splatItem`. */
  | { kind: "splat"; source: Node; body: Node }
  | { kind: "splatItem" }
  | { kind: "call"; name: string; args: Node[]; expandLast: boolean }
  | { kind: "unary"; op: "!" | "-"; operand: Node }
  | { kind: "binary"; op: string; left: Node; right: Node }
  | { kind: "conditional"; condition: Node; then: Node; else: Node }
  | {
      kind: "for";
      keyVar?: string;
      valueVar: string;
      collection: Node;
      keyExpr?: Node;
      valueExpr: Node;
      condition?: Node;
      grouping: boolean;
    }
  | { kind: "paren"; inner: Node };

export class ParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ParseError";
  }
}
