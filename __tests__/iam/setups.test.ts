import { evaluate, evaluateAccounts, Result } from "../../policies/evaluate";
import { accountFromSnapshot, breakGlassNames } from "../../policies/iam";
import { IAM_SETUPS, IamSetup } from "../fixtures/iam-setups";
import * as fs from "node:fs";
import * as path from "node:path";
import { accountAddress, accountSnapshot, iamSetupSlug, terraformAddress, terraformJson } from "../helpers/iam-setup";

/** Plan JSON real Terraform made from each setup (`npm run fixtures:iam-plans`). */
const PLANS = path.resolve(__dirname, "../fixtures/plans-iam");

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

  it("as the plan JSON real Terraform made from it", () => {
    const plan = JSON.parse(fs.readFileSync(path.join(PLANS, `${iamSetupSlug(setup)}.json`), "utf8"));
    // A fixture made from another version of the setup would prove nothing.
    const planned = plan.configuration.root_module.resources.map((r: { address: string }) => r.address).sort();
    const configured = Object.entries(terraformJson(setup).resource as Record<string, object>).flatMap(([type, byName]) => Object.keys(byName).map((n) => `${type}.${n}`));
    expect(planned).toEqual(configured.sort());
    expectDenies(evaluate({ stack: "main", json: plan }), setup, terraformAddress);
  });

  it("as the live account describes it", () => {
    const account = accountFromSnapshot(accountSnapshot(setup), new Map([["EmergencyAccess", { loginProfile: { passwordResetRequired: false }, accessKeyIds: [] }]]), breakGlassNames());
    expectDenies(evaluateAccounts({ resources: [], outputs: [], unreadable: [] }, [account]), setup, accountAddress);
  });
});

it("has a plan fixture for exactly the setups", () => {
  expect(fs.readdirSync(PLANS).sort()).toEqual(IAM_SETUPS.map((s) => `${iamSetupSlug(s)}.json`).sort());
});
