import { IamGroup } from "@cdktf/provider-aws/lib/iam-group";
import { IamGroupMembership } from "@cdktf/provider-aws/lib/iam-group-membership";
import { IamGroupPolicyAttachment } from "@cdktf/provider-aws/lib/iam-group-policy-attachment";
import { IamUser } from "@cdktf/provider-aws/lib/iam-user";
import { IamUserLoginProfile } from "@cdktf/provider-aws/lib/iam-user-login-profile";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { BreakGlassUser } from "../modules";
import { evaluate } from "../policies/evaluate";
import { onlyResource } from "./helpers/synth";

// The resources of AWS's procedure, reachable for what the props do not offer.

function consumerStack() {
  const stack = new TerraformStack(Testing.app(), "consumer");
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  return { stack, breakGlass: new BreakGlassUser(stack, "emergency_access") };
}

describe("BreakGlassUser escape hatches", () => {
  it("exposes the user, login profile, group, AdministratorAccess attachment and membership it synthesizes", () => {
    const { stack, breakGlass } = consumerStack();
    const tf = JSON.parse(Testing.synth(stack));
    const hatches: [unknown, unknown, string][] = [
      [breakGlass.user, IamUser, "aws_iam_user"],
      [breakGlass.loginProfile, IamUserLoginProfile, "aws_iam_user_login_profile"],
      [breakGlass.group, IamGroup, "aws_iam_group"],
      [breakGlass.administratorAccess, IamGroupPolicyAttachment, "aws_iam_group_policy_attachment"],
      [breakGlass.membership, IamGroupMembership, "aws_iam_group_membership"],
    ];
    for (const [resource, type, tfType] of hatches) {
      expect(resource).toBeInstanceOf(type as new (...args: never[]) => unknown);
      expect((resource as IamUser).friendlyUniqueId).toBe(onlyResource(tf, tfType).id);
    }
  });

  it("makes the user node.defaultChild, as aws-cdk constructs do", () => {
    const { breakGlass } = consumerStack();
    expect(breakGlass.node.defaultChild).toBe(breakGlass.user);
  });

  it("lets an argument the props do not offer reach the synthesized resource", () => {
    const { stack, breakGlass } = consumerStack();
    breakGlass.user.forceDestroy = true;
    breakGlass.group.addOverride("lifecycle.create_before_destroy", true);
    const tf = JSON.parse(Testing.synth(stack));
    expect(onlyResource(tf, "aws_iam_user").config.force_destroy).toBe(true);
    expect(onlyResource(tf, "aws_iam_group").config.lifecycle).toEqual({ create_before_destroy: true });
  });

  it("leaves the policy checks to judge the result: a policy ARN from a variable is an unresolved deny on the attachment, and one the group's exclusive list leaves out", () => {
    const { stack, breakGlass } = consumerStack();
    breakGlass.administratorAccess.policyArn = new TerraformVariable(stack, "policy_arn", { type: "string" }).stringValue;
    const tf = JSON.parse(Testing.synth(stack));
    const result = evaluate({ stack: "consumer", json: tf });
    const attachment = `aws_iam_group_policy_attachment.${onlyResource(tf, "aws_iam_group_policy_attachment").id}`;
    const exclusive = `aws_iam_group_policy_attachments_exclusive.${onlyResource(tf, "aws_iam_group_policy_attachments_exclusive").id}`;
    expect(result.violations.filter((v) => v.severity === "deny").map((v) => [v.rule, v.address])).toEqual([
      ["unresolved", attachment],
      ["exclusive-resources", exclusive],
    ]);
    expect(result.violations.find((v) => v.rule === "unresolved")?.message).toContain('policy_arn = "${var.policy_arn}" cannot be read before apply');
    expect(result.violations.find((v) => v.rule === "exclusive-resources")?.message).toContain(`leaves out policy \${var.policy_arn}, which ${attachment} adds`);
    expect(result.passed).toBe(false);
  });
});
