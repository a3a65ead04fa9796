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
    ['format("%s-%d-%q-%%-%v-%f", "a", 2.7, "b", ["c"], 1.5)', 'a-2-"b"-%-["c"]-1.5'],
    ['format("%v", "plain")', "plain"],
    ['format("%5s|", "x")', "x|"],
    ['join(", ", ["a", 1, true])', "a, 1, true"],
    ['lower("AbC")', "abc"],
    ['upper("AbC")', "ABC"],
    ['replace("a-b-c", "-", "+")', "a+b+c"],
    ['replace("abc", "", "x")', "abc"],
    ['replace("user-12", "/(\\\\w+)-(\\\\d+)/", "$${2}.$${1}")', "12.user"],
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
    ['replace("a", "/(/", "b")', "replace(): bad regular expression /(/"],
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
    ['element(["a", "b", "c"], -1)', "c"],
    ['element(["a", "b", "c"], 1.9)', "b"],
    ['lookup({a = "x"}, "a", "fallback")', "x"],
    ['lookup({a = "x"}, "b", "fallback")', "fallback"],
    ['coalesce(null, "", "a", "b")', "a"],
    ['coalescelist([], ["a"], ["b"])', ["a"]],
    ['length("héllo")', 5],
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
    const mixed = callFunction("toset", [[2, 1, 2]]) as Value[];
    expect(mixed).toEqual([2, 1]);
    expect(isSet(mixed)).toBe(true);
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
