import { Scope } from "../../../policies/terraform/evaluate";
import { callFunction } from "../../../policies/terraform/functions";
import { evaluateJson, Unevaluable } from "../../../policies/terraform/json-values";
import { isSet, toModel, Unknown, Value } from "../../../policies/terraform/values";

// Terraform's built-in functions as the reader implements them, each with the
// answer `terraform console` gives; and, where an argument is not known before
// apply, an unknown call, never a guess.

const scope: Scope = { lookup: (name) => (name === "var" ? undefined : undefined) };
const value = (expression: string): unknown => toModel(evaluateJson(`\${${expression}}`, scope));
const unknownArg = new Unknown("var.x");
/** What the reader could not evaluate stays the text it was, with the reason. */
const failure = (expression: string): string => {
  const result = evaluateJson(`\${${expression}}`, scope);
  expect(result).toBeInstanceOf(Unevaluable);
  return (result as Unevaluable).reason;
};

describe("functions that need every argument known", () => {
  it.each<[string, unknown]>([
    ['format("%s-%d-%q-%%-%v-%t", "a", 2, "b", "c", "true")', 'a-2-"b"-%-c-true'],
    ['format("%v", "plain")', "plain"],
    ['join(", ", ["a", 1, true])', "a, 1, true"],
    ['lower("AbC")', "abc"],
    ['upper("AbC")', "ABC"],
    ['replace("a-b-c", "-", "+")', "a+b+c"],
    ['replace("abc", "", "x")', "xaxbxcx"],
    ['replace("/", "/", "x")', "x"],
    ['jsondecode("{\\"a\\": [1, \\"b\\"]}")', { a: [1, "b"] }],
    ['split(",", "a,b,,c")', ["a", "b", "", "c"]],
    ['trimspace("  a b \\n")', "a b"],
    ['startswith("arn:aws:iam", "arn:")', true],
    ['startswith("arn:aws:iam", "iam")', false],
    ['endswith("AdministratorAccess", "Access")', true],
    ['endswith("AdministratorAccess", "Admin")', false],
    ["tostring(5)", "5"],
    ["tostring(null)", null],
    ['tonumber("5")', 5],
    ["tonumber(null)", null],
    ['tobool("true")', true],
    ['tobool("false")', false],
    ["tobool(null)", null],
    ['contains(["a", "b"], "b")', true],
    ['contains(["a", "b"], "c")', false],
    ['distinct(["b", "a", "b", "a"])', ["b", "a"]],
    ['sort(["b", "a", "c"])', ["a", "b", "c"]],
    ["range(3)", [0, 1, 2]],
    ["range(1, 4)", [1, 2, 3]],
    ["range(4, 1)", [4, 3, 2]],
    ["range(0, 10, 4)", [0, 4, 8]],
    ["range(3, 3)", []],
    ['zipmap(["a", "b"], [1, 2])', { a: 1, b: 2 }],
    ['compact(["a", "", null, "b"])', ["a", "b"]],
  ])("%s is %j", (expression, expected) => {
    expect(value(expression)).toEqual(expected);
  });

  it.each(["format", "join", "lower", "upper", "replace", "jsondecode", "split", "trimspace", "startswith", "endswith", "tostring", "tonumber", "tobool", "contains", "distinct", "sort", "range", "zipmap", "compact"])(
    "%s of an unknown argument is an unknown call, written as HCL",
    (name) => {
      const result = callFunction(name, ["a", unknownArg]);
      expect(result).toBeInstanceOf(Unknown);
      expect((result as Unknown).text).toBe(`${name}("a", var.x)`);
    },
  );

  it.each([
    ['format("%s %s", "a")', "format(): too few arguments"],
    ['jsondecode("{nope")', "jsondecode() of text that is not JSON"],
    ['format("%s %s", "a", "b", "c")', "format(): too many arguments; only 2 used by the format string"],
    ['element(["a", "b"], -1)', "element(): the index must not be negative"],
    ['element(["a", "b"], 1.9)', "element(): the index must be a whole number"],
    ["range(1, 5, 0)", "range() step 0"],
    ["range(2000)", "range() too long"],
    ['tonumber("five")', "where a number is required"],
    ['tonumber(" ")', "where a number is required"],
    ['tobool("yes")', "where a bool is required"],
    ['join(",", "a")', "where a list is required"],
    ['lower(["a"])', "where a string is required"],
  ])("%s fails: %s", (expression, message) => {
    expect(failure(expression)).toContain(message);
  });
});

// Where Go and JavaScript part ways: each answer is what `terraform console`
// (Terraform 1.11) gives; where the reader cannot be sure to give the same, the
// value is not worked out at all, and `try` does not take that for an error.
describe("as Terraform computes it, or not at all", () => {
  it.each<[string, unknown]>([
    ['trimspace("\\u0085*")', "*"],
    ['trimspace("\\ufeff*")', "\ufeff*"],
    ['try(format("%d", 1.5), "*")', "*"],
    ['try(tonumber("0x0"), 1)', 1],
    ['tonumber("+1")', 1],
    ['tonumber(".5")', 0.5],
    ['[for k, v in {"b" = "R", "a" = "A"} : v][0]', "A"],
    ['keys({"b" = 1, "a" = 2})', ["a", "b"]],
    ['sort(["b", "a", "\\U0001F600", "\\uFFFD"])', ["a", "b", "\uFFFD", "\u{1F600}"]],
    ['coalesce(1, "x")', "1"],
    ['true ? 1 : "x"', "1"],
    ['try(true ? 0 : {}, 1)', 1],
    ['tolist(toset([1, 0]))[1]', 1],
    ["tostring(-0)", "-0"],
    ["jsonencode({b = 1, a = 2})", '{"a":2,"b":1}'],
    ['try(false && tobool("x"), "err")', "err"],
    ['"e\\u0301" == "\\u00e9"', true],
    ['tomap({a = 1, b = "x"})', { a: "1", b: "x" }],
    ['lookup(tomap({a = "x"}), "b", 1)', "1"],
    ['try(zipmap(["a", "b"], ["x"]), "err")', "err"],
    ['compact(["a", 1])', ["a", "1"]],
    ['can(contains(["a"], null))', false],
    ['jsonencode("<&>")', '"\\u003c\\u0026\\u003e"'],
    ['replace("", "", "*")', "*"],
    ["7 / 2", 3.5],
  ])("%s is %j", (expression, expected) => {
    expect(value(expression)).toEqual(expected);
  });

  it("takes the white space beside a template's strip markers, as Terraform does", () => {
    expect(toModel(evaluateJson('  ${~ "*" ~}  ', scope))).toBe("*");
    expect(toModel(evaluateJson('a \n ${~ "*" ~} \t b', scope))).toBe("a*b");
    expect(toModel(evaluateJson('a ${"*" ~} b ${~ "?"}', scope))).toBe("a *b?");
  });

  it.each([
    ["9007199254740993 - 9007199254740992", "the number 9007199254740993 is beyond what the checks compute exactly"],
    ['length("g\\u0301")', "length() of text beyond ASCII"],
    ['upper("straße")', "upper() of text beyond ASCII"],
    ['format("%x", 255)', 'format() with "%x"'],
    ['format("%.1s", "*nothing")', 'format() with "%."'],
    ['format("%5s|", "x")', 'format() with "%5"'],
    ['format("%f", 1.5)', 'format() with "%f"'],
    ['format("%v", ["c"])', "format() %v of a collection"],
    ["1 / 3", "the quotient 1 / 3 is not one the checks compute exactly"],
    // Terraform compares collections by type too: tolist([]) == [] is false, ["a"] == ["a"] true.
    ["tolist([]) == []", "== or != between collections"],
    ['{a = 1, b = 2} == {b = 2, a = 1}', "== or != between collections"],
    ['distinct([1, "1"])', "distinct() of elements of several types"],
    ["length(range(0, 1, 0.1))", "an argument of range() that is not a whole number the checks compute exactly"],
    ["1e-400 == 0", "the number 1e-400 is beyond what the checks compute exactly"],
    ['jsondecode("9007199254740993")', "the number 9007199254740993 is beyond what the checks compute exactly"],
    ['jsonencode("a\\u0001")', "jsonencode() of text with control characters"],
    ['format("%s", 1e21)', "the number 1e+21 as text"],
    // Go's RE2 and JavaScript's engine part ways on `.` and \r, on an empty match after a match, on text past U+FFFF,
    // and JavaScript's can backtrack for ever (`(a+)+$`): no regular expression is worked out.
    ['replace("user-12", "/(\\\\w+)-(\\\\d+)/", "$${2}.$${1}")', "replace() with the regular expression /(\\w+)-(\\d+)/"],
    ['replace("b", "/b*/", "x")', "replace() with the regular expression /b*/"],
    ['replace("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", "/(a+)+$/", "x")', "replace() with the regular expression /(a+)+$/"],
  ])("%s is not worked out: %s", (expression, reason) => {
    expect(failure(expression)).toContain(reason);
    // Nor is it an error that try() would pass over for its fallback.
    expect(failure(`try(${expression}, "fallback")`)).toContain(reason);
  });
});

describe("functions that work on known structure", () => {
  it.each<[string, unknown]>([
    ['jsonencode({a = [1, "b"], c = null})', '{"a":[1,"b"],"c":null}'],
    ["merge({a = 1, b = 1}, null, {b = 2})", { a: 1, b: 2 }],
    ['concat(["a"], [], ["b", "c"])', ["a", "b", "c"]],
    ['flatten([["a", ["b"]], [], "c"])', ["a", "b", "c"]],
    ['tolist(["a"])', ["a"]],
    ["tolist(null)", null],
    ["toset(null)", null],
    ['tomap({a = "b"})', { a: "b" }],
    ["tomap(null)", null],
    ['element(["a", "b", "c"], 4)', "b"],

    ['lookup({a = "x"}, "a", "fallback")', "x"],
    ['lookup({a = "x"}, "b", "fallback")', "fallback"],
    ['coalesce(null, "", "a", "b")', "a"],
    ['coalescelist([], ["a"], ["b"])', ["a"]],
    ['length("hello")', 5],
    ['length(["a", "b"])', 2],
    ["length({a = 1})", 1],
    ['keys({b = 1, a = 2})', ["a", "b"]],
    ['values({b = 1, a = 2, c = 3})', [2, 1, 3]],
    ['one(["a"])', "a"],
    ["one([])", null],
  ])("%s is %j", (expression, expected) => {
    expect(value(expression)).toEqual(expected);
  });

  it("toset orders strings, drops repeats and marks a set", () => {
    const set = callFunction("toset", [["b", "a", "b"]]) as Value[];
    expect(set).toEqual(["a", "b"]);
    expect(isSet(set)).toBe(true);
    // terraform console: toset([2, 1, 2]) is toset([1, 2]).
    const numbers = callFunction("toset", [[2, 1, 2]]) as Value[];
    expect(numbers).toEqual([1, 2]);
    expect(isSet(numbers)).toBe(true);
    // Unknown elements are kept, each, and not ordered.
    expect(toModel(callFunction("toset", [["b", unknownArg, unknownArg]]))).toEqual(["b", "${var.x}", "${var.x}"]);
  });

  it("keeps known structure with unknown leaves, and is unknown where it needs to see an unknown", () => {
    expect(toModel(callFunction("concat", [["a"], [unknownArg]]))).toEqual(["a", "${var.x}"]);
    expect(callFunction("jsonencode", [{ a: unknownArg }])).toBe('{"a":"${var.x}"}');
    expect(callFunction("lookup", [{ a: "x" }, "a"])).toBe("x");
    for (const [name, args] of [
      ["concat", [unknownArg]],
      ["jsonencode", [unknownArg]],
      ["merge", [{ a: 1 }, unknownArg]],
      ["length", [unknownArg]],
      ["element", [["a"], unknownArg]],
      ["lookup", [{ a: 1 }, unknownArg]],
      ["coalesce", [null, unknownArg, "a"]],
      ["flatten", [[["a"], unknownArg]]],
      ["keys", [unknownArg]],
    ] as [string, Value[]][]) {
      const result = callFunction(name, args);
      expect([name, result instanceof Unknown]).toEqual([name, true]);
      expect((result as Unknown).text.startsWith(`${name}(`)).toBe(true);
    }
    // A function the reader does not implement is unknown, whatever its arguments.
    expect((callFunction("timestamp", []) as Unknown).text).toBe("timestamp()");
    expect((callFunction("file", ["policy.json"]) as Unknown).text).toBe('file("policy.json")');
  });

  it.each([
    ["element([], 0)", "element() of an empty list"],
    ['lookup({a = 1}, "b")', 'lookup() found no key "b"'],
    ['coalesce(null, "")', "no non-empty argument"],
    ['one(["a", "b"])', "one() of a list with more than one element"],
    ["length(5)", "length() of a number"],
    ['merge(["a"])', "where a map is required"],
    ['concat("a")', "where a list is required"],
  ])("%s fails: %s", (expression, message) => {
    expect(failure(expression)).toContain(message);
  });
});
