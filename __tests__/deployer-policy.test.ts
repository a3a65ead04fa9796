import { deployerPolicy } from "../app/deployer-policy";
import { BreakGlassStackProps } from "../modules";
import { synthStack } from "./helpers/synth";

const policyFor = (props: BreakGlassStackProps) => deployerPolicy(synthStack(props).tf);
const resources = (props: BreakGlassStackProps) => Object.fromEntries(policyFor(props).Statement.map((s) => [s.Sid, s.Resource]));

describe("deployerPolicy", () => {
  it("scopes the user and group statements to the stack's exact ARNs in its account", () => {
    expect(resources({ accountId: "111111111111", user: { userName: "BreakGlass", groupName: "Admins", path: "/emergency/" } })).toEqual({
      ManageBreakGlassUser: "arn:aws:iam::111111111111:user/emergency/BreakGlass",
      ManageBreakGlassGroup: "arn:aws:iam::111111111111:group/emergency/Admins",
      AttachOnlyAdministratorAccess: "arn:aws:iam::111111111111:group/emergency/Admins",
    });
  });

  it("lets the deployer attach AdministratorAccess and nothing else", () => {
    const attach = policyFor({}).Statement.find((s) => s.Sid === "AttachOnlyAdministratorAccess")!;
    expect(attach.Action).toEqual(["iam:AttachGroupPolicy", "iam:DetachGroupPolicy"]);
    expect(attach.Condition).toEqual({ ArnEquals: { "iam:PolicyARN": "arn:aws:iam::aws:policy/AdministratorAccess" } });
  });

  it("uses the partition of the stack's region", () => {
    expect(resources({ region: "us-gov-west-1", accountId: "111111111111" }).ManageBreakGlassUser).toBe("arn:aws-us-gov:iam::111111111111:user/EmergencyAccess");
  });

  it("matches any suffix when the user name gets a random one", () => {
    expect(resources({ user: { randomSuffix: true } }).ManageBreakGlassUser).toBe("arn:aws:iam::*:user/EmergencyAccess-*");
  });

  it("adds the MFA policy and alert statements only for the options that need them", () => {
    expect(policyFor({}).Statement.map((s) => s.Sid)).toEqual(["ManageBreakGlassUser", "ManageBreakGlassGroup", "AttachOnlyAdministratorAccess"]);
    const hardened = policyFor({ accountId: "111111111111", user: { requireMfa: true, alerts: { email: "security@example.com" } } });
    expect(Object.fromEntries(hardened.Statement.map((s) => [s.Sid, s.Resource]))).toMatchObject({
      ManageRequireMfaPolicy: "arn:aws:iam::111111111111:group/EmergencyAccessGroup",
      ManageSignInAlertTopic: "arn:aws:sns:us-east-1:111111111111:EmergencyAccessGroup-activity",
      ManageAlertForwardingRole: "arn:aws:iam::111111111111:role/EmergencyAccessGroup-alerts-forward",
    });
    const rules = hardened.Statement.find((s) => s.Sid === "ManageSignInAlertRule")!.Resource as string[];
    expect(rules).toHaveLength(3 + 16);
    expect(rules).toContain("arn:aws:events:us-east-1:111111111111:rule/EmergencyAccessGroup-tamper");
    expect(rules).toContain("arn:aws:events:eu-north-1:111111111111:rule/EmergencyAccessGroup-forward");
  });

  it("refuses a stack that is not a break-glass stack", () => {
    expect(() => deployerPolicy({ resource: {} })).toThrow("the stack has not exactly one aws_iam_user and one aws_iam_group: is it a break-glass stack?");
  });
});
