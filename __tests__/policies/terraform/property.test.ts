import fc from "fast-check";
import { evaluate } from "../../../policies/evaluate";
import { breakGlassStyle, compliant, secondAdmin, syntaxStyle, withSecondAdmin } from "./generators";

// Whatever combination of Terraform's constructs expresses a second
// administrator, the checks never pass; the same constructs used compliantly do.

describe("a second administrator through any combination of constructs", () => {
  it("never passes", () => {
    fc.assert(
      fc.property(breakGlassStyle, secondAdmin, syntaxStyle, (style, admin, syntax) => {
        const { json, modules } = withSecondAdmin(style, admin, syntax);
        const result = evaluate({ stack: "main", json, modules });
        if (result.passed) throw new Error(`passed: ${JSON.stringify({ style, admin, syntax })}`);
        expect(result.violations.some((v) => v.rule === "one-admin-user" && v.severity === "deny")).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it("passes the same constructs used compliantly: count = 1, a name from a local, an override that narrows a star", () => {
    fc.assert(
      fc.property(breakGlassStyle, syntaxStyle, fc.boolean(), (style, syntax, narrowed) => {
        const { json, modules } = compliant(style, syntax, narrowed);
        const result = evaluate({ stack: "main", json, modules });
        const denied = result.violations.filter((v) => v.severity === "deny");
        if (!result.passed) throw new Error(`denied ${JSON.stringify(denied)} for ${JSON.stringify({ style, syntax, narrowed })}`);
      }),
      { numRuns: 200 },
    );
  });
});
