import { evaluateDocuments } from "../policies/evaluate";
import { findDocuments, readEach } from "../policies/load";

/**
 * Runs the policy checks on what synth just wrote, so `cdktf synth` and
 * `cdktf deploy` cannot emit a configuration that breaks a deny rule.
 * Warnings go to stderr; any deny throws, one line per finding.
 */
export function checkPolicies(synthesizedDir: string, warn: (line: string) => void): void {
  const result = evaluateDocuments(readEach(findDocuments([synthesizedDir])));
  const line = (v: (typeof result.violations)[number]) => `[${v.rule}] ${v.stack} ${v.address}: ${v.message}`.replace(/ +:/, ":");
  for (const v of result.violations.filter((v) => v.severity === "warn" || v.suppressed)) {
    warn(`${v.suppressed ? "suppressed" : "warning"} ${line(v)}`);
  }
  const denied = result.violations.filter((v) => v.severity === "deny" && !v.suppressed);
  if (denied.length > 0) {
    throw new Error(`policy check failed, nothing was written:\n${denied.map(line).join("\n")}`);
  }
}
