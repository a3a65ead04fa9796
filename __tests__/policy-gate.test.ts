import { IamUser } from "@cdktf/provider-aws/lib/iam-user";
import { IamUserPolicyAttachment } from "@cdktf/provider-aws/lib/iam-user-policy-attachment";
import { App } from "cdktf";
import * as fs from "node:fs";
import * as path from "node:path";
import { checkPolicies, gateMode } from "../synth/policy-gate";
import { synthesize } from "../synth/synth";
import { BreakGlassStack } from "../modules";
import { tempDir } from "./helpers/run";

// The app runs the policy checks at synth: a deny leaves cdktf.out as it was.

/** The break-glass stack with a second administrator, Mallory: a deny. */
function withSecondAdministrator(app: App): void {
  const stack = new BreakGlassStack(app, "break-glass");
  const user = new IamUser(stack, "mallory", { name: "Mallory" });
  new IamUserPolicyAttachment(stack, "admin", { user: user.name, policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" });
}

describe("synth with the policy gate", () => {
  const dir = tempDir();

  it("writes nothing when a deny rule fails", () => {
    const outdir = path.join(dir, "cdktf.out");
    fs.mkdirSync(outdir);
    fs.writeFileSync(path.join(outdir, "previous"), "kept");
    const warnings: string[] = [];
    expect(() =>
      synthesize(
        withSecondAdministrator,
        outdir,
        { check: (staging) => checkPolicies(staging, (line) => warnings.push(line)) },
      ),
    ).toThrow(/^policy check failed, nothing was written:\n\[one-admin-user\] break-glass aws_iam_user\.mallory: IAM user Mallory/);
    expect(fs.readdirSync(outdir)).toEqual(["previous"]);
    expect(fs.readdirSync(dir)).toEqual(["cdktf.out"]);
    expect(warnings).toEqual([expect.stringMatching(/^warning \[break-glass-mfa\] break-glass aws_iam_user\.emergency_access/)]);
  });

  it("only reports a deny with BREAK_GLASS_POLICY_GATE=report, and writes the output", () => {
    const outdir = path.join(dir, "report", "cdktf.out");
    const lines: string[] = [];
    synthesize(
      withSecondAdministrator,
      outdir,
      { check: (staging) => checkPolicies(staging, (line) => lines.push(line), gateMode({ BREAK_GLASS_POLICY_GATE: "report" })) },
    );
    expect(fs.readdirSync(path.join(outdir, "stacks"))).toEqual(["break-glass"]);
    expect(lines).toContainEqual(expect.stringMatching(/^deny \(reported, not enforced: BREAK_GLASS_POLICY_GATE=report\) \[one-admin-user\] break-glass aws_iam_user\.mallory: /));
  });

  it("names the variable and the rule for a mode it does not know", () => {
    expect(() => gateMode({ BREAK_GLASS_POLICY_GATE: "warn" })).toThrow('BREAK_GLASS_POLICY_GATE: must be "enforce" or "report", not "warn"');
    expect(gateMode({})).toBe("enforce");
  });

  it("replaces the output when every check passes", () => {
    const outdir = path.join(dir, "ok", "cdktf.out");
    synthesize((app) => new BreakGlassStack(app, "break-glass"), outdir, { check: (staging) => checkPolicies(staging, () => undefined) });
    expect(fs.readdirSync(path.join(outdir, "stacks"))).toEqual(["break-glass"]);
  });
});
