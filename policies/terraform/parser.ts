import { Node, ParseError } from "./ast";
import { exactNumber } from "./convert";
import { goTrimEnd, goTrimStart, nfc } from "./go-text";

// A recursive-descent parser for Terraform's native expression syntax and its
// string templates, as HCL's native syntax specification defines them. No
// maintained npm package parses HCL expressions into a tree (the cdktf HCL
// tools convert whole files to JSON and keep expressions as `${...}` text), so
// this one is written for what cdktf and hand-written Terraform JSON hold.
// What it does not support (template directives `%{...}`, heredocs) is a
// ParseError, and the value then stays unevaluated: the checks fail closed.

const BINARY_PRECEDENCE: [string[], number][] = [
  [["||"], 1],
  [["&&"], 2],
  [["==", "!="], 3],
  [[">=", "<=", ">", "<"], 4],
  [["+", "-"], 5],
  [["*", "/", "%"], 6],
];

/**
 * Parses a string of Terraform JSON as the template it is: `"EmergencyAccess"`,
 * `"${aws_iam_user.u.name}"`, `"arn:${data.aws_partition.p.partition}:iam::aws:policy/X"`.
 */
export function parseTemplate(text: string): Node {
  const parser = new Parser(text);
  const node = parser.template(undefined);
  parser.expectEnd();
  return node;
}

/** Parses one expression: `aws_iam_user.u[0].name`, `var.enabled ? 1 : 0`. */
export function parseExpression(text: string): Node {
  const parser = new Parser(text);
  const node = parser.expression();
  parser.skipSpace();
  parser.expectEnd();
  return node;
}

const SPACE = /(?:\s+|#[^\n]*|\/\/[^\n]*|\/\*[\s\S]*?\*\/)+/y;
const NUMBER = /\d+(\.\d+)?([eE][+-]?\d+)?/y;
const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_-]*/y;
const DIGITS = /\d+/y;
const BARE_KEY = /[A-Za-z_][A-Za-z0-9_-]*(?=\s*[=:](?!=))/y;
const FOR = /for\s/y;
const IF = /if\s/y;
const ESCAPE = /\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})/y;

class Parser {
  private pos = 0;

  constructor(private readonly text: string) {}

  /** Matches a sticky pattern at the current position, without copying the rest of the text. */
  private match(pattern: RegExp): RegExpExecArray | null {
    pattern.lastIndex = this.pos;
    return pattern.exec(this.text);
  }

  expectEnd(): void {
    if (this.pos < this.text.length) this.fail(`unexpected "${this.text.slice(this.pos, this.pos + 10)}"`);
  }

  private fail(message: string): never {
    throw new ParseError(`${message} at character ${this.pos + 1}`);
  }

  private peek(s: string): boolean {
    return this.text.startsWith(s, this.pos);
  }

  private eat(s: string): boolean {
    this.skipSpace();
    if (!this.peek(s)) return false;
    this.pos += s.length;
    return true;
  }

  private expect(s: string): void {
    if (!this.eat(s)) this.fail(`expected "${s}"`);
  }

  skipSpace(): void {
    const m = this.match(SPACE);
    if (m) this.pos += m[0].length;
  }

  /**
   * A template up to `end` (a closing quote), or to the end of the text. With
   * `end` it is a quoted string in an expression, which has backslash escapes;
   * JSON strings have had theirs decoded already.
   */
  template(end: '"' | undefined): Node {
    const parts: (string | Node)[] = [];
    let literal = "";
    let stripNext = false;
    for (;;) {
      if (this.pos >= this.text.length) {
        if (end) this.fail("unterminated string");
        break;
      }
      if (end && this.peek(end)) {
        this.pos++;
        break;
      }
      if (this.peek("$${") || this.peek("%%{")) {
        literal += this.text.slice(this.pos + 1, this.pos + 3);
        this.pos += 3;
      } else if (this.peek("${")) {
        this.pos += 2;
        // Strip markers take the white space of the literal beside them (HCL's template spec: `${~` before, `~}` after).
        if (this.eat("~")) literal = goTrimEnd(literal);
        if (literal) parts.push(literal);
        literal = "";
        parts.push(this.expression());
        stripNext = this.eat("~");
        this.expect("}");
      } else if (this.peek("%{")) {
        this.fail("template directives (%{...}) are not supported");
      } else if (end && this.peek("\\")) {
        literal += this.escape();
      } else {
        literal += this.text[this.pos++];
      }
      if (stripNext && literal) {
        literal = goTrimStart(literal);
        // Still white space so far: what follows may be more of it.
        stripNext = literal === "";
      }
    }
    if (literal) parts.push(literal);
    if (parts.length === 1 && typeof parts[0] !== "string") return parts[0];
    if (parts.every((p) => typeof p === "string")) return { kind: "literal", value: nfc(parts.join("")) };
    return { kind: "template", parts };
  }

  private escape(): string {
    const next = this.text[this.pos + 1];
    const simple: Record<string, string> = { n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\" };
    if (next in simple) {
      this.pos += 2;
      return simple[next];
    }
    const m = this.match(ESCAPE);
    if (!m) this.fail("bad escape sequence");
    this.pos += m[0].length;
    return String.fromCodePoint(parseInt(m[1].slice(1), 16));
  }

  expression(): Node {
    const condition = this.binary(1);
    if (!this.eat("?")) return condition;
    const then = this.expression();
    this.expect(":");
    const otherwise = this.expression();
    return { kind: "conditional", condition, then, else: otherwise };
  }

  private binary(level: number): Node {
    if (level > BINARY_PRECEDENCE.length) return this.unary();
    let left = this.binary(level + 1);
    const ops = BINARY_PRECEDENCE[level - 1][0];
    for (;;) {
      this.skipSpace();
      // `>=` must win over `>`; the order of BINARY_PRECEDENCE's lists sees to it.
      const op = ops.find((o) => this.peek(o));
      if (!op) return left;
      this.pos += op.length;
      const right = this.binary(level + 1);
      left = { kind: "binary", op, left, right };
    }
  }

  private unary(): Node {
    this.skipSpace();
    if (this.peek("!") && !this.peek("!=")) {
      this.pos++;
      return { kind: "unary", op: "!", operand: this.unary() };
    }
    if (this.peek("-")) {
      this.pos++;
      return { kind: "unary", op: "-", operand: this.unary() };
    }
    return this.postfix(this.primary());
  }

  /** Attribute access, indexes and splats after a primary expression. */
  private postfix(node: Node): Node {
    for (;;) {
      this.skipSpace();
      if (this.peek(".*")) {
        this.pos += 2;
        return { kind: "splat", source: node, body: this.splatBody(true) };
      }
      if (this.peek("[*]")) {
        this.pos += 3;
        return { kind: "splat", source: node, body: this.splatBody(false) };
      }
      if (this.peek(".") && !this.peek("..")) {
        this.pos++;
        this.skipSpace();
        const index = this.match(DIGITS);
        if (index) {
          // The legacy index form `list.0`.
          this.pos += index[0].length;
          node = { kind: "index", target: node, key: { kind: "literal", value: Number(index[0]) } };
        } else {
          node = { kind: "getAttr", target: node, name: this.identifier() };
        }
      } else if (this.peek("[")) {
        this.pos++;
        const key = this.expression();
        this.expect("]");
        node = { kind: "index", target: node, key };
      } else {
        return node;
      }
    }
  }

  /** The traversal after a splat, applied to each element; an attribute-only splat (`.*`) takes no indexes. */
  private splatBody(attributesOnly: boolean): Node {
    let body: Node = { kind: "splatItem" };
    for (;;) {
      this.skipSpace();
      if (this.peek(".") && !this.peek("..") && !this.peek(".*")) {
        this.pos++;
        body = { kind: "getAttr", target: body, name: this.identifier() };
      } else if (!attributesOnly && this.peek("[") && !this.peek("[*]")) {
        this.pos++;
        const key = this.expression();
        this.expect("]");
        body = { kind: "index", target: body, key };
      } else {
        return body;
      }
    }
  }

  private identifier(): string {
    this.skipSpace();
    const m = this.match(IDENTIFIER);
    if (!m) this.fail("expected a name");
    this.pos += m[0].length;
    return m[0];
  }

  private primary(): Node {
    this.skipSpace();
    const number = this.match(NUMBER);
    if (number) {
      this.pos += number[0].length;
      return { kind: "literal", value: exactNumber(number[0]) };
    }
    if (this.peek('"')) {
      this.pos++;
      return this.template('"');
    }
    if (this.peek("<<")) this.fail("heredoc strings are not supported");
    if (this.peek("(")) {
      this.pos++;
      const inner = this.expression();
      this.expect(")");
      return { kind: "paren", inner };
    }
    if (this.peek("[")) {
      this.pos++;
      return this.tupleOrFor();
    }
    if (this.peek("{")) {
      this.pos++;
      return this.objectOrFor();
    }
    const name = this.identifier();
    if (name === "true" || name === "false") return { kind: "literal", value: name === "true" };
    if (name === "null") return { kind: "literal", value: null };
    this.skipSpace();
    if (this.peek("(")) {
      this.pos++;
      return this.call(name);
    }
    if (this.peek("::")) this.fail("provider-defined functions are not supported");
    return { kind: "variable", name };
  }

  private call(name: string): Node {
    const args: Node[] = [];
    let expandLast = false;
    while (!this.eat(")")) {
      args.push(this.expression());
      if (this.eat("...")) expandLast = true;
      if (!this.eat(",")) {
        this.expect(")");
        break;
      }
    }
    return { kind: "call", name, args, expandLast };
  }

  private isForKeyword(): boolean {
    this.skipSpace();
    return this.match(FOR) !== null;
  }

  private tupleOrFor(): Node {
    if (this.isForKeyword()) return this.forExpression("]");
    const items: Node[] = [];
    while (!this.eat("]")) {
      items.push(this.expression());
      if (!this.eat(",")) {
        this.expect("]");
        break;
      }
    }
    return { kind: "tuple", items };
  }

  private objectOrFor(): Node {
    if (this.isForKeyword()) return this.forExpression("}");
    const entries: { key: Node; value: Node }[] = [];
    while (!this.eat("}")) {
      this.skipSpace();
      // A bare name as key is the name itself, not a variable: `{ Effect = "Allow" }`.
      const bare = this.match(BARE_KEY);
      let key: Node;
      if (bare) {
        this.pos += bare[0].length;
        key = { kind: "literal", value: bare[0] };
      } else {
        key = this.expression();
      }
      if (!this.eat("=") && !this.eat(":")) this.fail('expected "=" or ":"');
      entries.push({ key, value: this.expression() });
      if (!this.eat(",")) this.skipSpace();
    }
    return { kind: "object", entries };
  }

  private forExpression(close: "]" | "}"): Node {
    this.expect("for");
    let valueVar = this.identifier();
    let keyVar: string | undefined;
    if (this.eat(",")) {
      keyVar = valueVar;
      valueVar = this.identifier();
    }
    this.expect("in");
    const collection = this.expression();
    this.expect(":");
    let keyExpr: Node | undefined;
    let valueExpr = this.expression();
    if (close === "}") {
      this.expect("=>");
      keyExpr = valueExpr;
      valueExpr = this.expression();
    }
    const grouping = close === "}" && this.eat("...");
    let condition: Node | undefined;
    this.skipSpace();
    if (this.match(IF)) {
      this.pos += 2;
      condition = this.expression();
    }
    this.expect(close);
    return { kind: "for", keyVar, valueVar, collection, keyExpr, valueExpr, condition, grouping };
  }
}
