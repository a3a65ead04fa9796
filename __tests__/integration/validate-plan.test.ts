import { BreakGlassStack, BreakGlassStackProps } from "../../modules";
import { evaluate } from "../../policies/evaluate";
import { MOTO_ACCOUNT_ID } from "../../testing/moto";
import { describeIntegration, StackDir, useMoto } from "../helpers/integration";

// Real Terraform and the real AWS provider read what we synthesize.
describeIntegration("terraform validate and plan", () => {
  const moto = useMoto();
  const env = () => moto.current.env;
  const stackDir = (props: BreakGlassStackProps) => StackDir.synth((app) => new BreakGlassStack(app, "break-glass", props), "break-glass", env);

  const variants: [string, BreakGlassStackProps][] = [
    ["the default stack", {}],
    [
      "every option whose providers are mirrored",
      {
        region: "eu-west-1",
        accountId: MOTO_ACCOUNT_ID,
        roleArn: `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/BreakGlassDeployer`,
        user: {
          userName: "Break.Glass+1",
          groupName: "BreakGlassAdmins",
          path: "/emergency/",
          tags: { Owner: "security" },
          passwordLength: 64,
          passwordRotationToken: "2026-Q4",
        },
      },
    ],
  ];

  describe.each(variants)("%s", (_, props) => {
    const stack = stackDir(props);
    let plan: any;

    beforeAll(() => {
      stack.init();
      plan = stack.planJson();
    }, 120_000);

    it("is valid Terraform", () => {
      expect(stack.ok("validate", "-json").stdout).toContain('"valid": true');
    });

    it("plans exactly the resources of AWS's procedure, with what keeps it so", () => {
      const creates = plan.resource_changes
        .filter((r: any) => r.change.actions.includes("create"))
        .map((r: any) => r.type)
        .sort();
      const procedure = ["aws_iam_group", "aws_iam_group_membership", "aws_iam_group_policy_attachment", "aws_iam_user", "aws_iam_user_login_profile"];
      // Exclusive management of the user's and group's policies, so an out-of-band one is drift.
      const exclusive = ["aws_iam_group_policies_exclusive", "aws_iam_group_policy_attachments_exclusive", "aws_iam_user_policies_exclusive", "aws_iam_user_policy_attachments_exclusive"];
      // The account pin (a stack without accountId) and the rotation token are terraform_data.
      const pin = props.accountId ? [] : ["terraform_data", "terraform_data"];
      const rotation = props.user?.passwordRotationToken ? ["terraform_data"] : [];
      expect(creates).toEqual([...procedure, ...exclusive, ...pin, ...rotation].sort());
      const attachment = plan.resource_changes.find((r: any) => r.type === "aws_iam_group_policy_attachment");
      expect(attachment.change.after.policy_arn).toBe("arn:aws:iam::aws:policy/AdministratorAccess");
      const profile = plan.resource_changes.find((r: any) => r.type === "aws_iam_user_login_profile");
      expect(profile.change.after).toMatchObject({ password_reset_required: false, password_length: props.user?.passwordLength ?? 32 });
    });

    it("passes the policy checks on the plan JSON", () => {
      const result = evaluate({ stack: "break-glass", json: plan });
      expect(result.violations.filter((v) => v.severity === "deny")).toEqual([]);
      expect(result.passed).toBe(true);
      expect(plan).toPassPolicies();
      expect(plan).toHaveExactlyOneAdminUser();
    });
  });

  describe("a stack pinned to another account", () => {
    const stack = stackDir({ accountId: "111111111111" });

    it("refuses to plan with credentials for the wrong account", () => {
      stack.init();
      const run = stack.run("plan", "-input=false");
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/AWS account ID not allowed: 123456789012/);
    }, 120_000);
  });
});
