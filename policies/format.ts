import { findingLine, isFailing, Result, Violation } from "./evaluate";
import { RULES } from "./rules";

export const FORMATS = ["text", "json", "sarif", "junit"] as const;
export type Format = (typeof FORMATS)[number];

export interface FormatContext {
  /** The tool's name in reports: break-glass-policy or break-glass-audit. */
  readonly tool: string;
  /** Every stack checked, so that JUnit can show passing checks too. */
  readonly stacks: string[];
  /** The file each stack was read from, for SARIF locations. */
  readonly sources?: Map<string, string>;
  /** The rules the result was checked against, for SARIF and JUnit; the policy rules unless given (the drill has its own). */
  readonly rules?: ReadonlyArray<{ readonly id: string; readonly title: string; readonly rationale: string; readonly severity?: string }>;
}

/** The result as the policy CLI and the audit print it. */
export function formatResult(result: Result, format: Format, context: FormatContext): string {
  switch (format) {
    case "json":
      return `${JSON.stringify(result, null, 2)}\n`;
    case "sarif":
      return `${JSON.stringify(sarif(result, context), null, 2)}\n`;
    case "junit":
      return junit(result, context);
    case "text":
      return text(result);
  }
}

function text(result: Result): string {
  const lines = result.violations.map((v) => `${v.suppressed ? "SUPPRESSED" : v.severity.toUpperCase()} ${findingLine(v)}`);
  const count = (severity: string) => result.violations.filter((v) => v.severity === severity && !v.suppressed).length;
  const suppressed = result.violations.filter((v) => v.suppressed).length;
  lines.push(`${result.passed ? "PASS" : "FAIL"}: ${count("deny")} denied, ${count("warn")} warned, ${suppressed} suppressed`);
  return `${lines.join("\n")}\n`;
}

/** SARIF 2.1.0, as GitHub code scanning ingests it. */
function sarif(result: Result, context: FormatContext): object {
  const checked = context.rules ?? RULES;
  const ruleIndex = new Map(checked.map((r, i) => [r.id, i]));
  const rules = checked.map((r) => ({
    id: r.id,
    name: r.id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: r.title },
    fullDescription: { text: r.rationale },
    help: { text: `${r.title}. ${r.rationale}` },
    defaultConfiguration: { level: r.severity === "deny" ? "error" : "warning" },
  }));
  const results = result.violations.map((v) => {
    const source = context.sources?.get(v.stack);
    return {
      ruleId: v.rule,
      ...(ruleIndex.has(v.rule) ? { ruleIndex: ruleIndex.get(v.rule) } : {}),
      level: v.severity === "deny" ? "error" : "warning",
      message: { text: v.message },
      locations: [
        {
          ...(source ? { physicalLocation: { artifactLocation: { uri: source } } } : {}),
          logicalLocations: [{ fullyQualifiedName: [v.stack, v.address].filter(Boolean).join("/"), kind: "resource" }],
        },
      ],
      ...(v.suppressed ? { suppressions: [{ kind: "external", justification: v.suppressed.reason }] } : {}),
    };
  });
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [{ tool: { driver: { name: context.tool, informationUri: "https://docs.aws.amazon.com/IAM/latest/UserGuide/getting-started-emergency-iam-user.html", rules } }, results }],
  };
}

/** JUnit XML: a test case per rule and stack, failing where the rule denies. */
function junit(result: Result, context: FormatContext): string {
  const checked = context.rules ?? RULES;
  const stacks = [...new Set([...context.stacks, ...result.violations.map((v) => v.stack)])];
  const cases: string[] = [];
  let failures = 0;
  for (const stack of stacks) {
    for (const rule of checked) {
      const found = result.violations.filter((v) => v.stack === stack && v.rule === rule.id);
      const denied = found.filter(isFailing);
      const body = [
        ...denied.map((v) => `      <failure type="${rule.id}" message="${xml(v.message)}">${xml(line(v))}</failure>`),
        ...(found.length > denied.length ? [`      <system-out>${xml(found.filter((v) => !denied.includes(v)).map(line).join("\n"))}</system-out>`] : []),
      ];
      if (denied.length > 0) failures++;
      const open = `    <testcase classname="${xml(stack)}" name="${xml(`${rule.id}: ${rule.title}`)}"`;
      cases.push(body.length ? `${open}>\n${body.join("\n")}\n    </testcase>` : `${open}/>`);
    }
  }
  for (const v of result.violations.filter((v) => !checked.some((r) => r.id === v.rule))) {
    failures++;
    cases.push(`    <testcase classname="${xml(v.stack)}" name="${xml(v.rule)}">\n      <failure type="${xml(v.rule)}" message="${xml(v.message)}"/>\n    </testcase>`);
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xml(context.tool)}" tests="${cases.length}" failures="${failures}">`,
    `  <testsuite name="${xml(context.tool)}" tests="${cases.length}" failures="${failures}">`,
    ...cases,
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}

function line(v: Violation): string {
  return `${v.suppressed ? "suppressed" : v.severity} ${findingLine(v)}`;
}

function xml(value: string): string {
  return value.replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!);
}
