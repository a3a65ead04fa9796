import { spawnSync } from "node:child_process";
import { ROOT } from "./helpers/run";

// The Terraform and moto suites skip, saying why, on a machine without them;
// CI's BREAK_GLASS_REQUIRE_INTEGRATION=1 turns that skip into a failure.
describe("integration suites on a machine without the provider mirror", () => {
  const jest = (require: string) =>
    spawnSync(process.execPath, [require_("jest/bin/jest"), "--ci", "__tests__/integration/validate-plan.test.ts"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, TF_PROVIDER_MIRROR: "/nonexistent-mirror", BREAK_GLASS_REQUIRE_INTEGRATION: require, BREAK_GLASS_INTEGRATION_MISSING: "" },
      timeout: 120_000,
    });

  it("skip with the reason printed when not required", () => {
    const run = jest("");
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/skipping "terraform validate and plan": no filesystem mirror of hashicorp\/aws was found/);
    expect(run.stderr).toMatch(/Tests:\s+7 skipped, 7 total/);
  }, 120_000);

  it("fail when CI requires them", () => {
    const run = jest("1");
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/BREAK_GLASS_REQUIRE_INTEGRATION=1, but no filesystem mirror of hashicorp\/aws was found/);
    expect(run.stderr).toMatch(/Tests:\s+1 failed, 1 total/);
  }, 120_000);
});

function require_(id: string): string {
  return require.resolve(id, { paths: [ROOT] });
}
