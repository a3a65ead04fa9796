import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { BreakGlassUser, BreakGlassUserProps, InvalidPropError } from "../modules";
import { evaluate } from "../policies/evaluate";
import { TOKEN_STACK, TokenStack } from "./helpers/token-stack";
import { onlyResource } from "./helpers/synth";

// A prop given as a cdktf token is known only at plan: it is passed through
// for Terraform and the AWS provider to check, as aws-cdk-lib does.

describe("BreakGlassUser with props from Terraform variables", () => {
  const stack = new TokenStack(Testing.app());
  const tf = JSON.parse(Testing.synth(stack));

  it("synthesizes, writing each variable as a reference", () => {
    const user = onlyResource(tf, "aws_iam_user").config;
    expect(user.name).toBe("${var.user_name}");
    expect(user.path).toBe("${var.iam_path}");
    expect(user.tags).toEqual({ Owner: "${var.owner}", BreakGlass: "emergency-access" });
    const group = onlyResource(tf, "aws_iam_group").config;
    expect(group).toMatchObject({ name: "${var.group_name}", path: "${var.iam_path}" });
    expect(onlyResource(tf, "aws_iam_group_membership").config.name).toBe("${var.group_name}-membership");
    expect(onlyResource(tf, "aws_iam_user_login_profile").config.password_length).toBe("${var.password_length}");
    // The length's floor, which the provider does not enforce, checked by Terraform at plan.
    expect(onlyResource(tf, "aws_iam_user_login_profile").config.lifecycle.precondition).toEqual([
      {
        condition: "${(((var.password_length >= 14) && (var.password_length <= 128)) && (floor(var.password_length) == var.password_length))}",
        error_message: "passwordLength: must be a whole number from 14 to 128.",
      },
    ]);
    expect(onlyResource(tf, "terraform_data").config.input).toEqual({ token: "${var.rotation}" });
    expect(Object.keys(tf.variable).sort()).toEqual(["group_name", "iam_path", "owner", "password_length", "rotation", "user_name"]);
    expect(tf.variable.password_length.type).toBe("number");
  });

  it("passes the policy checks: the user is known by its tag, and the group's member and policy by reference, so no unknown value decides who is administrator", () => {
    const result = evaluate({ stack: TOKEN_STACK, json: tf });
    const user = onlyResource(tf, "aws_iam_user").id;
    // The same single warning as the default stack: administrator without MFA, until requireMfa.
    expect(result.violations.map((v) => [v.rule, v.severity, v.address])).toEqual([["break-glass-mfa", "warn", `aws_iam_user.${user}`]]);
    expect(result.passed).toBe(true);
  });
});

describe.each<[keyof BreakGlassUserProps, "string" | "number", string, string]>([
  ["userName", "string", "aws_iam_user", "name"],
  ["groupName", "string", "aws_iam_group", "name"],
  ["path", "string", "aws_iam_user", "path"],
  ["passwordLength", "number", "aws_iam_user_login_profile", "password_length"],
  ["passwordRotationToken", "string", "terraform_data", "input"],
  ["pgpKey", "string", "aws_iam_user_login_profile", "pgp_key"],
])("BreakGlassUser with %s alone from a Terraform variable", (prop, type, resource, argument) => {
  it(`writes ${resource}.${argument} as the variable's reference`, () => {
    const stack = new TerraformStack(Testing.app(), "one-token");
    const variable = new TerraformVariable(stack, "value", { type });
    new BreakGlassUser(stack, "emergency_access", { [prop]: type === "number" ? variable.numberValue : variable.stringValue });
    const value = onlyResource(JSON.parse(Testing.synth(stack)), resource).config[argument];
    expect(value).toEqual(argument === "input" ? { token: "${var.value}" } : "${var.value}");
  });
});

describe("BreakGlassUser tokens where a value must be known at synth", () => {
  // Each of these decides which resources exist, so Terraform cannot supply it later.
  it.each([
    ["randomSuffix", "bool"],
    ["requireMfa", "bool"],
    ["protect", "bool"],
    ["alerts", "object({ email = string })"],
  ])("rejects %s as a Terraform variable, in one line naming it", (prop, type) => {
    const stack = new TerraformStack(Testing.app(), "flags");
    const variable = new TerraformVariable(stack, "value", { type });
    const props = { [prop]: type === "bool" ? variable.booleanValue : variable.value } as unknown as BreakGlassUserProps;
    expect(() => new BreakGlassUser(stack, "emergency_access", props)).toThrow(InvalidPropError);
    expect(() => new BreakGlassUser(stack, "emergency_access_again", props)).toThrow(
      new RegExp(`^${prop}: must be known at synth, not a token \\(it decides which resources exist\\)$`),
    );
  });

  it("still checks the props that are not tokens beside ones that are", () => {
    const stack = new TerraformStack(Testing.app(), "mixed");
    const userName = new TerraformVariable(stack, "user_name", { type: "string" }).stringValue;
    expect(() => new BreakGlassUser(stack, "emergency_access", { userName, passwordLength: 13 })).toThrow(/^passwordLength: must be from 14 to 128$/);
  });
});
