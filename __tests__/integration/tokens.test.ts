import { evaluate } from "../../policies/evaluate";
import { describeIntegration, StackDir, useMoto } from "../helpers/integration";
import { TOKEN_STACK, TokenStack } from "../helpers/token-stack";

// Props given as Terraform variables: Terraform and the AWS provider accept
// what synth passed through, and the values given at plan reach the resources.
describeIntegration("BreakGlassUser props from Terraform variables", () => {
  const moto = useMoto();
  const stack = StackDir.synth((app) => new TokenStack(app), TOKEN_STACK, () => moto.current.env);

  beforeAll(() => stack.init(), 120_000);

  it("is valid Terraform", () => {
    expect(stack.ok("validate", "-json").stdout).toContain('"valid": true');
  });

  const vars = { user_name: "Break.Glass", group_name: "BreakGlassAdmins", iam_path: "/emergency/", owner: "security", password_length: "40", rotation: "2026-Q4" };
  const varArgs = (values: Record<string, string>) => Object.entries(values).flatMap(([k, v]) => ["-var", `${k}=${v}`]);

  it("plans the values given for the variables, and the plan passes the policy checks", () => {
    stack.ok("plan", "-input=false", "-out=plan.bin", ...varArgs(vars));
    const plan = JSON.parse(stack.ok("show", "-json", "plan.bin").stdout);
    const after = (type: string) => plan.resource_changes.find((r: any) => r.type === type).change.after;
    expect(after("aws_iam_user")).toMatchObject({ name: "Break.Glass", path: "/emergency/", tags: { Owner: "security", BreakGlass: "emergency-access" } });
    expect(after("aws_iam_group")).toMatchObject({ name: "BreakGlassAdmins", path: "/emergency/" });
    expect(after("aws_iam_user_login_profile")).toMatchObject({ user: "Break.Glass", password_length: 40, password_reset_required: false });
    const result = evaluate({ stack: TOKEN_STACK, json: plan });
    expect(result.violations.filter((v) => v.severity === "deny")).toEqual([]);
    expect(result.passed).toBe(true);
  }, 120_000);

  it("refuses to plan a password length under the floor, naming the prop and the rule", () => {
    const run = stack.run("plan", "-input=false", ...varArgs({ ...vars, password_length: "8" }));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("passwordLength: must be a whole number from 14 to 128.");
  }, 120_000);
});
