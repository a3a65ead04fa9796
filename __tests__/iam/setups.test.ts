import { evaluate, evaluateAccounts, Result } from "../../policies/evaluate";
import { accountFromSnapshot, breakGlassNames } from "../../policies/iam";
import { IAM_SETUPS, IamSetup } from "../fixtures/iam-setups";
import { accountAddress, accountSnapshot, terraformAddress, terraformJson } from "../helpers/iam-setup";

// Each IAM setup as Terraform JSON and as the live account's description:
// the same denies, pointing at the same place in each input's own terms.

function expectDenies(result: Result, setup: IamSetup, address: (p: IamSetup["denies"][number]["at"]) => string): void {
  const denies = result.violations.filter((v) => v.severity === "deny" && !v.suppressed);
  expect(denies.map((v) => ({ rule: v.rule, address: v.address })).sort((a, b) => a.rule.localeCompare(b.rule))).toEqual(
    setup.denies.map((d) => ({ rule: d.rule, address: address(d.at) })).sort((a, b) => a.rule.localeCompare(b.rule)),
  );
  for (const expected of setup.denies) {
    const found = denies.find((v) => v.rule === expected.rule)!;
    for (const words of expected.says) expect(found.message).toContain(words);
  }
  expect(result.passed).toBe(setup.denies.length === 0);
  expect(result.violations.filter((v) => v.severity === "warn")).toEqual([]);
}

describe.each(IAM_SETUPS.map((s) => [s.name, s] as const))("IAM setup: %s", (_, setup) => {
  it("as Terraform JSON", () => {
    expectDenies(evaluate({ stack: "main", json: terraformJson(setup) }), setup, terraformAddress);
  });

  it("as the live account describes it", () => {
    const account = accountFromSnapshot(accountSnapshot(setup), new Map([["EmergencyAccess", { loginProfile: { passwordResetRequired: false }, accessKeyIds: [] }]]), breakGlassNames());
    expectDenies(evaluateAccounts({ resources: [], outputs: [], unreadable: [] }, [account]), setup, accountAddress);
  });
});
