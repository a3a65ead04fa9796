import { IamUser } from "@cdktf/provider-aws/lib/iam-user";
import { IamUserPolicyAttachment } from "@cdktf/provider-aws/lib/iam-user-policy-attachment";
import { IamGroup } from "@cdktf/provider-aws/lib/iam-group";
import { Testing } from "cdktf";
import { BreakGlassStack } from "../../modules";

function synth(addIntruder: boolean): string {
  const stack = new BreakGlassStack(Testing.app(), "break-glass");
  if (addIntruder) {
    const user = new IamUser(stack, "mallory", { name: "Mallory" });
    new IamUserPolicyAttachment(stack, "mallory_admin", { user: user.name, policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" });
  }
  return Testing.synth(stack);
}

describe("the policy pack's Jest matchers", () => {
  it("pass on the default stack", () => {
    const json = synth(false);
    expect(json).toPassPolicies();
    expect(json).toHaveExactlyOneAdminUser();
    expect(json).toHaveResourceCount(IamUser, 1);
    expect(json).toHaveResourceCount(IamGroup, 1);
  });

  it("fail, naming the culprit, when a second administrator sneaks in", () => {
    const json = synth(true);
    expect(json).not.toPassPolicies();
    expect(json).not.toHaveExactlyOneAdminUser();
    expect(json).toHaveResourceCount(IamUser, 2);
    expect(() => expect(json).toPassPolicies()).toThrow(/one-admin-user.*Mallory/);
    expect(() => expect(json).toHaveExactlyOneAdminUser()).toThrow(/found IAM user EmergencyAccess .* \[break-glass\], IAM user Mallory/);
    expect(() => expect(json).toHaveResourceCount(IamUser, 1)).toThrow("expected 1 aws_iam_user resource(s), found 2");
  });

  it("take suppressions", () => {
    expect(synth(true)).toPassPolicies({
      suppressions: [{ rule: "one-admin-user", address: "aws_iam_user.mallory", reason: "tested on purpose" }],
    });
  });
});
