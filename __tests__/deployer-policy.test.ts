import { deployerPolicy } from "../operator/deployer-policy";
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
      ManageSignInAlertRule: ["sign-in", "activity", "tamper", "forward"].map((rule) => `arn:aws:events:*:111111111111:rule/Admins-${rule}`),
      ManageAlertForwardingRole: "arn:aws:iam::111111111111:role/Admins-alerts-forward",
      ManageSignInAlertTopic: "arn:aws:sns:*:111111111111:Admins-activity",
    });
  });

  it("lets the deployer attach AdministratorAccess and nothing else", () => {
    const attach = policyFor({}).Statement.find((s) => s.Sid === "AttachOnlyAdministratorAccess")!;
    expect(attach.Action).toEqual(["iam:AttachGroupPolicy"]);
    expect(policyFor({}).Statement.filter((s) => s.Action.includes("iam:AttachGroupPolicy"))).toHaveLength(1);
    expect(attach.Condition).toEqual({ ArnEquals: { "iam:PolicyARN": "arn:aws:iam::aws:policy/AdministratorAccess" } });
  });

  it("uses the partition of the stack's region", () => {
    expect(resources({ region: "us-gov-west-1", accountId: "111111111111" }).ManageBreakGlassUser).toBe("arn:aws-us-gov:iam::111111111111:user/EmergencyAccess");
  });

  it("reads the user's name as Terraform would: through locals and variable defaults, with a wildcard for what only apply knows", () => {
    const tf = synthStack({ accountId: "111111111111" }).tf as { locals?: object; variable?: object; resource: Record<string, Record<string, { name: string }>> };
    const [user] = Object.values(tf.resource.aws_iam_user);
    tf.locals = { name: "${var.team}-Emergency" };
    tf.variable = { team: { default: "ops" } };
    user.name = "${local.name}";
    const userArn = (json: unknown) => deployerPolicy(json).Statement.find((s) => s.Sid === "ManageBreakGlassUser")!.Resource;
    expect(userArn(tf)).toBe("arn:aws:iam::111111111111:user/ops-Emergency");
    tf.variable = { team: {} };
    expect(userArn(tf)).toBe("arn:aws:iam::111111111111:user/*-Emergency");
  });

  it("matches any path when the user's path is known only at apply, never writing a Terraform expression into the policy", () => {
    const tf = synthStack({ accountId: "111111111111" }).tf as { variable?: object; resource: Record<string, Record<string, { path?: string }>> };
    const [user] = Object.values(tf.resource.aws_iam_user);
    tf.variable = { p: { type: "string" } };
    user.path = "${var.p}";
    const resource = deployerPolicy(tf).Statement.find((s) => s.Sid === "ManageBreakGlassUser")!.Resource;
    expect(resource).toBe("arn:aws:iam::111111111111:user/*EmergencyAccess");
  });

  it("matches any suffix when the user name gets a random one", () => {
    expect(resources({ user: { randomSuffix: true } }).ManageBreakGlassUser).toBe("arn:aws:iam::*:user/EmergencyAccess-*");
  });

  it("can update the stack in every way: tags removed, renames, requireMfa and alerts turned on and off, drift repaired", () => {
    const actions = policyFor({}).Statement.flatMap((s) => s.Action);
    for (const action of ["iam:UntagUser", "iam:UpdateUser", "iam:UpdateGroup", "iam:PutGroupPolicy", "iam:DeleteGroupPolicy", "events:DeleteRule", "sns:DeleteTopic", "iam:DetachUserPolicy", "iam:DeleteUserPolicy"]) {
      expect(actions).toContain(action);
    }
  });

  it("is the same policy whatever options the stack has now, so turning one on or off needs no other", () => {
    const hardened = policyFor({ user: { requireMfa: true, alerts: { email: "security@example.com" } } });
    expect(hardened).toEqual(policyFor({}));
  });

  it("covers every alert rule in any Region, the topic and the forwarding role", () => {
    const hardened = policyFor({ accountId: "111111111111", user: { alerts: { email: "security@example.com" } } });
    const resources = Object.fromEntries(hardened.Statement.map((s) => [s.Sid, s.Resource]));
    expect(resources.ManageSignInAlertTopic).toBe("arn:aws:sns:*:111111111111:EmergencyAccessGroup-activity");
    expect(resources.ManageAlertForwardingRole).toBe("arn:aws:iam::111111111111:role/EmergencyAccessGroup-alerts-forward");
    expect(resources.ManageSignInAlertRule).toEqual(
      ["sign-in", "activity", "tamper", "forward"].map((rule) => `arn:aws:events:*:111111111111:rule/EmergencyAccessGroup-${rule}`),
    );
  });

  it("refuses a stack that is not a break-glass stack", () => {
    expect(() => deployerPolicy({ resource: {} })).toThrow("the stack has not exactly one aws_iam_user and one aws_iam_group: is it a break-glass stack?");
  });
});
