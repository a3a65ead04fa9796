import { evaluateDocuments, findDocuments, findingLine, isFailing, readEach } from "../policies";

/** What the gate does with a deny: stop synth, or only report it (for CI that reports first and fails later). */
export type GateMode = "enforce" | "report";

/** The mode BREAK_GLASS_POLICY_GATE asks for: `enforce` (the default) or `report`. */
export function gateMode(env: NodeJS.ProcessEnv = process.env): GateMode {
  const value = env.BREAK_GLASS_POLICY_GATE || "enforce";
  if (value !== "enforce" && value !== "report") {
    throw new Error(`BREAK_GLASS_POLICY_GATE: must be "enforce" or "report", not ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * Runs the policy checks on what synth just wrote, so `cdktf synth` and
 * `cdktf deploy` cannot emit a configuration that breaks a deny rule.
 * Warnings go to `warn`; any deny throws, one line per finding, unless `mode`
 * is `report`: then denies go to `warn` too and synth goes on, so a CI job can
 * publish the findings (SARIF) before it fails on them.
 */
export function checkPolicies(synthesizedDir: string, warn: (line: string) => void, mode: GateMode = gateMode()): void {
  const result = evaluateDocuments(readEach(findDocuments([synthesizedDir])));
  for (const v of result.violations.filter((v) => v.severity === "warn" || v.suppressed)) {
    warn(`${v.suppressed ? "suppressed" : "warning"} ${findingLine(v)}`);
  }
  const denied = result.violations.filter(isFailing);
  if (denied.length === 0) return;
  if (mode === "report") {
    for (const v of denied) warn(`deny (reported, not enforced: BREAK_GLASS_POLICY_GATE=report) ${findingLine(v)}`);
    return;
  }
  throw new Error(`policy check failed, nothing was written:\n${denied.map(findingLine).join("\n")}`);
}
