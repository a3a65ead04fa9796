import { IamAccountPasswordPolicy } from "@cdktf/provider-aws/lib/iam-account-password-policy";
import { IamUser } from "@cdktf/provider-aws/lib/iam-user";
import { Testing } from "cdktf";
import { AccountBaselineStack } from "../examples/existing-app/main";

describe("examples/existing-app", () => {
  const json = Testing.synth(new AccountBaselineStack(Testing.app(), "account-baseline", { accountId: "111111111111", region: "eu-west-1" }));

  it("keeps the app's own resources and adds one break-glass user", () => {
    expect(json).toHaveResource(IamAccountPasswordPolicy);
    expect(json).toHaveResourceCount(IamUser, 1);
    expect(json).toHaveResourceWithProperties(IamUser, { name: "EmergencyAccess", tags: { Owner: "security-team", BreakGlass: "emergency-access" } });
  });

  it("passes the policy checks with exactly one admin user", () => {
    expect(json).toPassPolicies();
    expect(json).toHaveExactlyOneAdminUser();
    expect(JSON.parse(json).output.break_glass_password.sensitive).toBe(true);
  });
});
