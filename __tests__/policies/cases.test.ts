import * as fs from "node:fs";
import { CASES, PolicyCase } from "../fixtures/cases";
import { evaluate, Result } from "../../policies/evaluate";
import { loadDocuments } from "../../policies/load";
import { casePlanFiles, PLANS, synthesizeCase } from "../helpers/cases";

function expectVerdict(result: Result, c: PolicyCase): void {
  const denies = result.violations.filter((v) => v.severity === "deny" && !v.suppressed);
  expect(denies.map((v) => v.rule).sort()).toEqual([...c.denies].sort());
  expect(result.passed).toBe(c.denies.length === 0);
  expect(result.violations.filter((v) => v.rule === "break-glass-mfa")).toHaveLength(c.warnings ?? 0);
  for (const v of denies) {
    // Each message names the resource (or, account-wide, the account) and says what to do.
    expect(v.message).toMatch(v.address ? new RegExp(v.address.replace(/[.]/g, "\\.") + "|IAM user|group|output") : /account/);
    expect(v.message).toMatch(/: [a-z]/);
    expect(v.stack).not.toBe("");
  }
  for (const s of c.suppressions ?? []) {
    expect(result.violations).toContainEqual(
      expect.objectContaining({ rule: s.rule, address: s.address, suppressed: { reason: s.reason } }),
    );
  }
}

describe.each(CASES.map((c) => [c.name, c] as const))("policy case %s", (_, c) => {
  it("gets the expected verdict on synthesized JSON", () => {
    expectVerdict(evaluate(synthesizeCase(c), { suppressions: c.suppressions }), c);
  });

  if (c.noPlan) {
    it(`has no plan fixture: ${c.noPlan}`, () => {
      expect(casePlanFiles(c)).toEqual([]);
    });
  } else {
    it("gets the same verdict on the plan JSON real Terraform made from it", () => {
      const files = casePlanFiles(c);
      expect(files.length).toBeGreaterThan(0);
      expectVerdict(evaluate(loadDocuments(files), { suppressions: c.suppressions }), c);
    });
  }
});

it("has a plan fixture folder for exactly the cases Terraform can plan", () => {
  const planned = CASES.filter((c) => !c.noPlan).map((c) => c.name).sort();
  expect(fs.readdirSync(PLANS).sort()).toEqual(planned);
});
