import { Scope } from "../../../policies/terraform/evaluate";
import { evaluateJson, Unevaluable } from "../../../policies/terraform/json-values";
import { parseExpression } from "../../../policies/terraform/parser";
import { printNode, quote } from "../../../policies/terraform/print";
import { Instance, toModel, Unknown, Value } from "../../../policies/terraform/values";

// The evaluator, operator by operator: the answer Terraform gives, the error
// it gives, and what stays unknown (with the text it keeps) before apply.

const VARIABLES: Record<string, Value> = { list: ["a", "b"], map: { k1: "v1", k2: "v2" }, users: [{ name: "A" }, { name: "B" }], one: { name: "solo" }, none: null };
const scope: Scope = {
  lookup(name) {
    const roots: Record<string, Value> = {
      var: new Instance("var", (n) => (n in VARIABLES ? VARIABLES[n] : new Unknown(`var.${n}`))),
      aws_iam_user: new Instance("aws_iam_user", (n) => new Instance(`aws_iam_user.${n}`, (a) => new Unknown(`aws_iam_user.${n}.${a}`))),
    };
    return roots[name];
  },
};
const value = (expression: string): unknown => toModel(evaluateJson(`\${${expression}}`, scope));
const unknownText = (expression: string): string => {
  const result = evaluateJson(`\${${expression}}`, scope);
  expect(result).toBeInstanceOf(Unknown);
  expect(result).not.toBeInstanceOf(Unevaluable);
  return (result as Unknown).text;
};
const failure = (expression: string): string => {
  const result = evaluateJson(`\${${expression}}`, scope);
  expect(result).toBeInstanceOf(Unevaluable);
  return (result as Unevaluable).reason;
};

describe("known values", () => {
  it.each<[string, unknown]>([
    ["1 + 2 * 3", 7],
    ["(1 + 2) * 3", 9],
    ["7 - 10", -3],
    ["7 / 2", 3.5],
    ["7 % 4", 3],
    ['"3" + 4', 7],
    ["-(2)", -2],
    ["!true", false],
    ["!false", true],
    ["1 < 2", true],
    ["2 < 2", false],
    ["2 <= 2", true],
    ["3 <= 2", false],
    ["3 > 2", true],
    ["2 > 2", false],
    ["2 >= 2", true],
    ["1 >= 2", false],
    ['"a" == "a"', true],
    ['"a" == "b"', false],
    ['"a" != "b"', true],
    ['"a" != "a"', false],
    ["true && true", true],
    ["true && false", false],
    ["false && var.unknown", false],
    ["true || var.unknown", true],
    ["false || true", true],
    ["false || false", false],
    ['true ? "yes" : "no"', "yes"],
    ['false ? "yes" : "no"', "no"],
    ['"true" ? "yes" : "no"', "yes"],
    ["var.list[1]", "b"],
    ['var.map["k2"]', "v2"],
    ["var.map.k1", "v1"],
    ["var.users[*].name", ["A", "B"]],
    ["var.one[*].name", ["solo"]],
    ["var.none[*]", []],
    ["var.users[*]", [{ name: "A" }, { name: "B" }]],
    ['[for s in var.list : upper(s)]', ["A", "B"]],
    ['[for i, s in var.list : "${i}-${s}"]', ["0-a", "1-b"]],
    ['[for s in var.list : s if s != "a"]', ["b"]],
    ["{for k, v in var.map : v => k}", { v1: "k1", v2: "k2" }],
    ['{for s in ["a", "b", "a"] : s => s...}', { a: ["a", "a"], b: ["b"] }],
    ['{a = 1, "b" = 2}', { a: 1, b: 2 }],
    ['try(var.map["nope"], "fallback")', "fallback"],
    ['try(var.map["k1"], "fallback")', "v1"],
    ['can(var.map["nope"])', false],
    ['can(var.map["k1"])', true],
    // The last argument's elements become the arguments.
    ['concat(["x"], [["a"], ["b"]]...)', ["x", "a", "b"]],
  ])("%s is %j", (expression, expected) => {
    expect(value(expression)).toEqual(expected);
  });

  it("fills a template of known parts, and keeps a template with unknown parts as one, escaping literal ${", () => {
    expect(value('"${var.list[0]}-${1 + 1}-${true}"')).toBe("a-2-true");
    const t = evaluateJson("$${x}-${var.unknown}-${var.list[0]}", scope) as Unknown;
    expect(t).toBeInstanceOf(Unknown);
    expect(toModel(t)).toBe("$${x}-${var.unknown}-a");
  });
});

describe("unknown values keep their text", () => {
  it.each<[string, string]>([
    ["var.u + 1", "var.u + 1"],
    ["1 == var.u", "1 == var.u"],
    ["var.u && true", "var.u && true"],
    ["!var.u", "!var.u"],
    ["-var.u", "-var.u"],
    ['var.u ? "a" : "b"', 'var.u ? "a" : "b"'],
    ["var.u.name", "var.u.name"],
    ["var.u[0]", "var.u[0]"],
    ["var.list[var.u]", "var.list[var.u]"],
    ["var.u[*].name", "var.u[*].name"],
    ["can(var.u)", "can(var.u)"],
    ["concat(var.u...)", "concat(var.u...)"],
    ["aws_iam_user.x.arn", "aws_iam_user.x.arn"],
    ["aws_iam_user.x == 1", "aws_iam_user.x == 1"],
    ["{(var.u) = 1, a = 2}", '{"a" = 2, var.u = 1}'],
  ])("%s", (expression, text) => {
    expect(unknownText(expression)).toBe(text);
  });

  it("keeps a for expression over an unknown, or with an unknown condition or key, unknown", () => {
    expect(unknownText("[for s in var.u : s]")).toContain("for s in var.u");
    expect(unknownText("[for s in var.list : s if s == var.u]")).toContain("if s == var.u");
    expect(unknownText("{for s in var.list : var.u => s}")).toContain("var.u => s");
  });
});

describe("errors, caught as Terraform's own", () => {
  it.each([
    ["nothing.here", 'unknown name "nothing"'],
    ["var.list[2]", "index 2 out of range"],
    ["var.list[-1]", "index -1 out of range"],
    ["var.list[0.5]", "index 0.5 out of range"],
    ['var.map["k3"]', 'no key "k3"'],
    ["var.map.k3", 'no attribute "k3"'],
    ['"s".name', 'cannot read attribute "name" of a string'],
    ["true[0]", "cannot index a bool"],
    ["1 / 0", "division by zero"],
    ["1 % 0", "division by zero"],
    ['try(var.map["x"], var.list[5])', "no argument of try() could be evaluated"],
    ['concat("a"...)', "only a list can be expanded with ..."],
    ['[for s in "abc" : s]', "cannot iterate over a string"],
    ['{for s in ["a", "a"] : s => s}', 'duplicate key "a" in a for expression'],
    ['!"maybe"', "where a bool is required"],
  ])("%s: %s", (expression, reason) => {
    expect(failure(expression)).toContain(reason);
  });
});

describe("JSON values", () => {
  it("evaluates arrays and objects member by member, keeps \"//\" as an object key, and returns literal parts as they are", () => {
    const literal = { a: ["x", 1, true, null], b: { c: "d" } };
    expect(evaluateJson(literal, scope)).toBe(literal);
    const list = ["x", "${var.list[0]}"];
    expect(evaluateJson(list, scope)).toEqual(["x", "a"]);
    // "//" is a comment only in a block body; where an expression is expected it is a key like any other.
    expect(evaluateJson({ "//": "note", a: "x" }, scope)).toEqual({ "//": "note", a: "x" });
    expect(evaluateJson({ a: "${var.list[1]}", b: "y" }, scope)).toEqual({ a: "b", b: "y" });
    expect(evaluateJson(undefined, scope)).toBeNull();
  });

  it("keeps what it cannot parse as the string it was, with the reason", () => {
    const bad = evaluateJson("${var.list[}", scope) as Unevaluable;
    expect(bad).toBeInstanceOf(Unevaluable);
    expect(toModel(bad)).toBe("${var.list[}");
    const deep = evaluateJson(`\${${"(".repeat(5000)}1${")".repeat(5000)}}`, scope) as Unevaluable;
    expect(deep).toBeInstanceOf(Unevaluable);
  });
});

describe("printing", () => {
  it("quotes a string so that ${ and %{ in it stay literal when read back", () => {
    expect(quote('a${b}%{c}"\n')).toBe('"a$${b}%%{c}\\"\\n"');
    for (const text of ["${var.x}", "%{ if x }", "plain", 'say "hi"']) {
      expect(toModel(evaluateJson(`\${${quote(text)}}`, scope))).toBe(text);
      expect(printNode(parseExpression(quote(text)))).toBe(quote(text));
    }
  });
});
