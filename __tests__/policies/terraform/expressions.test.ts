import { Scope, evaluate } from "../../../policies/terraform/evaluate";
import { evaluateJson, Unevaluable } from "../../../policies/terraform/json-values";
import { directReferences } from "../../../policies/terraform/output-references";
import { parseExpression, parseTemplate } from "../../../policies/terraform/parser";
import { printNode } from "../../../policies/terraform/print";
import { Instance, toModel, Unknown, Value } from "../../../policies/terraform/values";

// The expression language on its own: what is known is computed, what is not
// stays an Unknown whose text is the expression with the known parts filled in.

const scope: Scope = {
  lookup(name) {
    const roots: Record<string, Value> = {
      var: new Instance("var", (n) => (n === "names" ? ["b", "a", "b"] : n === "admin" ? "AdministratorAccess" : new Unknown(`var.${n}`))),
      local: new Instance("local", (n) => (n === "tags" ? { BreakGlass: "emergency-access" } : new Unknown(`local.${n}`))),
      // x is one instance; y has for_each, so it is a map of instances.
      aws_iam_user: new Instance("aws_iam_user", (n) =>
        n === "y"
          ? { k: new Instance('aws_iam_user.y["k"]', (a) => new Unknown(`aws_iam_user.y["k"].${a}`)) }
          : new Instance(`aws_iam_user.${n}`, (a) => new Unknown(`aws_iam_user.${n}.${a}`)),
      ),
      count: { index: 2 },
      each: { key: "k", value: { name: "Ops" } },
    };
    return roots[name];
  },
};

const value = (text: string) => toModel(evaluateJson(text, scope));

describe("Terraform expressions in JSON strings", () => {
  it("keeps strings without interpolation as they are", () => {
    expect(value("EmergencyAccess")).toBe("EmergencyAccess");
    expect(value("50% off {not a template}")).toBe("50% off {not a template}");
  });

  it("takes a lone interpolation as its value, not as a string", () => {
    expect(evaluateJson("${var.names}", scope)).toEqual(["b", "a", "b"]);
    expect(evaluateJson("${count.index}", scope)).toBe(2);
    expect(evaluateJson("${local.tags}", scope)).toEqual({ BreakGlass: "emergency-access" });
  });

  it("fills templates, and escapes $${ and %%{ as literal text", () => {
    expect(value("arn:aws:iam::aws:policy/${var.admin}")).toBe("arn:aws:iam::aws:policy/AdministratorAccess");
    expect(value("user-${each.key}-${count.index}")).toBe("user-k-2");
    expect(value("$${not.interpolated} %%{x}")).toBe("${not.interpolated} %{x}");
  });

  it("keeps a template with an unknown part as a template, known parts filled in", () => {
    expect(value("arn:${var.partition}:iam::aws:policy/${var.admin}")).toBe("arn:${var.partition}:iam::aws:policy/AdministratorAccess");
  });

  it("keeps a reference to an attribute not known before apply as the reference", () => {
    expect(value("${aws_iam_user.x.arn}")).toBe("${aws_iam_user.x.arn}");
  });

  it("normalizes instance keys from count.index and each.key into references", () => {
    expect(value("${aws_iam_user.y[each.key].arn}")).toBe('${aws_iam_user.y["k"].arn}');
    expect(value("${aws_iam_user.y[var.key].arn}")).toBe("${aws_iam_user.y[var.key].arn}");
  });

  it("evaluates operators, conditionals, for expressions and splats", () => {
    expect(evaluateJson("${count.index * 2 + 1 == 5 && !false}", scope)).toBe(true);
    expect(evaluateJson("${count.index > 1 ? \"yes\" : \"no\"}", scope)).toBe("yes");
    expect(evaluateJson("${[for n in var.names : upper(n) if n != \"a\"]}", scope)).toEqual(["B", "B"]);
    expect(evaluateJson("${{for i, n in var.names : n => i...}}", scope)).toEqual({ b: [0, 2], a: [1] });
    expect(evaluateJson("${[{n = 1}, {n = 2}][*].n}", scope)).toEqual([1, 2]);
    expect(evaluateJson("${var.names.1}", scope)).toBe("a");
  });

  it("keeps an unknown condition unknown instead of choosing a branch", () => {
    expect(value("${var.enabled ? 1 : 0}")).toBe("${var.enabled ? 1 : 0}");
  });

  it("runs the functions policy code uses", () => {
    const cases: [string, unknown][] = [
      ['${jsondecode("{\\"a\\": [1, 2]}")}', { a: [1, 2] }],
      ["${merge({a = 1}, {b = 2}, {a = 3})}", { a: 3, b: 2 }],
      ['${concat(["a"], var.names)}', ["a", "b", "a", "b"]],
      ['${flatten([["a"], [["b"]], "c"])}', ["a", "b", "c"]],
      ["${tolist(var.names)}", ["b", "a", "b"]],
      ["${toset(var.names)}", ["a", "b"]],
      ['${tomap({a = "x"})}', { a: "x" }],
      ['${format("%s-%d", "user", 7)}', "user-7"],
      ['${join(",", var.names)}', "b,a,b"],
      ['${lower("AdministratorAccess")}', "administratoraccess"],
      ['${upper("x")}', "X"],
      ['${replace("a-b-c", "-", "_")}', "a_b_c"],
      ['${replace("iam:Get", "iam:Get", "*")}', "*"],
      ["${element(var.names, 4)}", "a"],
      ['${lookup({a = "x"}, "b", "fallback")}', "fallback"],
      ['${coalesce("", null, "first")}', "first"],
      ["${try(local.tags.missing, \"fallback\")}", "fallback"],
      ["${can(local.tags.missing)}", false],
      ["${length(var.names)}", 3],
    ];
    for (const [text, expected] of cases) expect([text, evaluateJson(text, scope)]).toEqual([text, expected]);
  });

  it("encodes known structure with unknown leaves as JSON text whose leaves are ${...}", () => {
    const json = evaluateJson('${jsonencode({Statement = [{Effect = "Allow", Action = "iam:*", Resource = aws_iam_user.x.arn}]})}', scope);
    expect(JSON.parse(json as string)).toEqual({ Statement: [{ Effect: "Allow", Action: "iam:*", Resource: "${aws_iam_user.x.arn}" }] });
  });

  it("keeps a wholly unknown jsonencode argument, and functions of unknowns, unknown", () => {
    expect(value("${jsonencode(var.document)}")).toBe("${jsonencode(var.document)}");
    expect(value('${format("%s", var.name)}')).toBe('${format("%s", var.name)}');
    expect(value('${lookup(var.map, "k")}')).toBe('${lookup(var.map, "k")}');
  });

  it("does not take a function it does not implement for a known value", () => {
    expect(value('${file("policy.json")}')).toBe('${file("policy.json")}');
    expect(value('${templatefile("p.tftpl", {})}')).toBe('${templatefile("p.tftpl", {})}');
  });

  it("leaves what it cannot parse or evaluate as the string it was written as, never a literal", () => {
    for (const text of ["${%{ if true }x%{ endif }}", "%{ if true }admin%{ endif }", "${<<EOT\nx\nEOT\n}", "${var.names[9]}", "${nope.x}", "${1 +}"]) {
      const v = evaluateJson(text, scope);
      expect(v).toBeInstanceOf(Unevaluable);
      expect(toModel(v)).toBe(text);
    }
  });
});

describe("the parser", () => {
  it("parses and prints expressions back to equivalent text", () => {
    for (const text of [
      "aws_iam_user.x[0].name",
      'aws_iam_user.x["k"].arn',
      "var.enabled ? 1 : 0",
      "[for k, v in var.m : v if k != \"x\"]",
      "merge(local.a, {b = 1})",
      "aws_iam_user.x[*].name",
      "concat(var.a, var.b...)",
    ]) {
      expect(printNode(parseExpression(text))).toBe(text);
    }
  });

  it("reads quoted strings with escapes inside expressions", () => {
    expect(evaluate(parseExpression('"a\\"b\\n\\u0041"'), scope)).toBe('a"b\nA');
    // A template that is one interpolation is that value, unconverted, as HCL specifies.
    expect(evaluate(parseTemplate('${"${count.index}"}'), scope)).toBe(2);
    expect(evaluate(parseTemplate('${"n${count.index}"}'), scope)).toBe("n2");
  });

  it("respects operator precedence", () => {
    expect(evaluate(parseExpression("1 + 2 * 3 >= 7 || false"), scope)).toBe(true);
    expect(evaluate(parseExpression("-1 - -2"), scope)).toBe(1);
    expect(evaluate(parseExpression("!(1 == 1) && true"), scope)).toBe(false);
  });
});

describe("an output's references read from its syntax", () => {
  it("names the resource attributes a value carries, with literal instance keys", () => {
    expect(directReferences("${aws_iam_user_login_profile.p.password}")).toEqual(["aws_iam_user_login_profile.p.password"]);
    expect(directReferences('${aws_iam_user.x["k"].arn}-${data.aws_partition.p.partition}')).toEqual(['aws_iam_user.x["k"].arn', "data.aws_partition.p.partition"]);
    expect(directReferences({ a: ["${lower(aws_iam_user.x[0].name)}"] })).toEqual(["aws_iam_user.x[0].name"]);
    expect(directReferences("literal")).toEqual([]);
  });

  it("leaves to evaluation what only evaluation can follow", () => {
    for (const value of ["${local.pw}", "${var.x}", "${module.m.pw}", "${aws_iam_user.x[count.index].name}", "${[for u in aws_iam_user.x : u.name]}", "${aws_iam_user.x}", "%{ if true }x%{ endif }"]) {
      expect([value, directReferences(value)]).toEqual([value, undefined]);
    }
  });
});
