import { Result, Violation } from "./evaluate";

export const FORMATS = ["text", "json"] as const;
export type Format = (typeof FORMATS)[number];

/** The result as the policy CLI prints it. */
export function formatResult(result: Result, format: Format): string {
  if (format === "json") return `${JSON.stringify(result, null, 2)}\n`;
  const lines = result.violations.map(formatViolation);
  const count = (severity: string) => result.violations.filter((v) => v.severity === severity && !v.suppressed).length;
  const suppressed = result.violations.filter((v) => v.suppressed).length;
  lines.push(
    `${result.passed ? "PASS" : "FAIL"}: ${count("deny")} denied, ${count("warn")} warned, ${suppressed} suppressed`,
  );
  return `${lines.join("\n")}\n`;
}

function formatViolation(v: Violation): string {
  const level = v.suppressed ? "SUPPRESSED" : v.severity.toUpperCase();
  const where = [v.stack, v.address].filter(Boolean).join(" ");
  const reason = v.suppressed ? ` (suppressed: ${v.suppressed.reason})` : "";
  return `${level} [${v.rule}] ${where}: ${v.message}${reason}`;
}
