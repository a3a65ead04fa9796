import { Result, Violation } from "../../policies";
import { DRILL_CHECKS } from "./checks";
import { DrillOptions, DrillSnapshot } from "./snapshot";

/** Runs every drill check on what was read from the account; the result is the audit's, so every report format works. */
export function runDrill(snapshot: DrillSnapshot, options: DrillOptions): Result {
  const violations: Violation[] = DRILL_CHECKS.flatMap((c) =>
    c.check(snapshot, options).map((f) => ({ rule: c.id, severity: f.severity, message: f.message, stack: snapshot.account, address: f.address })),
  );
  return { passed: !violations.some((v) => v.severity === "deny"), violations };
}
