import { auditAccount } from "../../audit/audit";
import { evaluate, Result } from "../../policies/evaluate";
import { iamClient } from "../../testing/iam-client";
import { IAM_SETUPS, IamSetup, Place } from "../fixtures/iam-setups";
import { accountAddress, createInAccount, terraformJson } from "../helpers/iam-setup";
import { describeIntegration, useMoto } from "../helpers/integration";

// The IAM setups for real: each created in moto through the IAM API and
// audited, judged as its Terraform JSON is: the same denies, rule by rule, at
// the same place in each input's terms. (Their plan JSON is checked in
// __tests__/iam/setups.test.ts, from fixtures real Terraform made.)

function denies(result: Result): { rule: string; address: string }[] {
  return result.violations
    .filter((v) => v.severity === "deny" && !v.suppressed)
    .map((v) => ({ rule: v.rule, address: v.address }))
    .sort((a, b) => `${a.rule}${a.address}`.localeCompare(`${b.rule}${b.address}`));
}

function expected(setup: IamSetup, address: (p: Place) => string): { rule: string; address: string }[] {
  return setup.denies.map((d) => ({ rule: d.rule, address: address(d.at) })).sort((a, b) => `${a.rule}${a.address}`.localeCompare(`${b.rule}${b.address}`));
}

describeIntegration("IAM setups in moto", () => {
  const moto = useMoto();
  const reset = async () => {
    const response = await fetch(`${moto.current.endpoint}/moto-api/reset`, { method: "POST" });
    expect(response.ok).toBe(true);
  };

  describe.each(IAM_SETUPS.map((s) => [s.name, s] as const))("%s", (_, setup) => {
    if (setup.notInMoto) {
      it(`is judged on the live account only from a stubbed reader: ${setup.notInMoto}`, () => {
        expect(setup.denies.length).toBeGreaterThan(0);
      });
    } else {
      it("gets the same denies from the audit of a moto account holding it", async () => {
        await reset();
        const iam = iamClient(moto.current.endpoint);
        await createInAccount(iam, setup);
        const { account, result } = await auditAccount(iam);
        expect(account).toBe("account 123456789012");
        expect(denies(result)).toEqual(expected(setup, accountAddress));
        expect(denies(result).map((d) => d.rule)).toEqual(denies(evaluate({ stack: "main", json: terraformJson(setup) })).map((d) => d.rule));
        for (const d of setup.denies) {
          const found = result.violations.find((v) => v.rule === d.rule)!;
          for (const words of d.says) expect(found.message).toContain(words);
        }
      }, 60_000);
    }
  });
});
