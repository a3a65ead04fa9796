import { AttachedPolicy, IamUser } from "../../policies/iam/model";
import { isAdministrator, limitingDenies, mayPerform, Permissions, PolicyStatement, strictAdministratorGrant, userPermissions } from "../../policies/iam/permissions";
import { LITERAL_STAR, readPolicyDocument, Statement } from "../../policies/iam/policy-document";

// How the engine adds up statements: cases built to fool it (statements that
// only add up to everything, overlaps of NotAction lists, Denies that cannot
// apply), each next to the case that confirms the verdict.

type Raw = { Effect: "Allow" | "Deny"; Action?: string | string[]; NotAction?: string | string[]; Resource?: string | string[]; NotResource?: string | string[]; Condition?: object };

function policy(name: string, statements: Raw[], version = "2012-10-17"): AttachedPolicy {
  return { name, kind: "inline", via: { input: "terraform", stack: "main", address: `aws_iam_user_policy.${name}` }, document: readPolicyDocument({ Version: version, Statement: statements }) };
}
const statementsOf = (p: AttachedPolicy): PolicyStatement[] => ("statements" in p.document ? p.document.statements.map((statement) => ({ policy: p, statement })) : []);
const perms = (identity: Raw[], boundary?: Raw[]): Permissions => ({
  identity: statementsOf(policy("identity", identity)),
  boundary: boundary ? statementsOf(policy("boundary", boundary)) : undefined,
});
const allow = (Action: string | string[], Resource: string | string[] = "*", extra: Partial<Raw> = {}): Raw => ({ Effect: "Allow", Action, Resource, ...extra });
const denyOf = (Action: string | string[], Resource: string | string[] = "*", extra: Partial<Raw> = {}): Raw => ({ Effect: "Deny", Action, Resource, ...extra });
const sid = (s: PolicyStatement | undefined): Statement | undefined => s?.statement;
const MFA_TRUE = { Bool: { "aws:MultiFactorAuthPresent": "true" } };
const MFA_FALSE = { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } };

describe("isAdministrator", () => {
  it.each<[string, Raw[], Raw[] | undefined]>([
    ["Allow * on *", [allow("*")], undefined],
    ["Allow *:* on *", [allow("*:*")], undefined],
    ["NotAction on nothing", [{ Effect: "Allow", NotAction: [], Resource: "*" }], undefined],
    ["NotAction iam:* plus Allow iam:*", [{ Effect: "Allow", NotAction: "iam:*", Resource: "*" }, allow("iam:*")], undefined],
    ["NotResource one ARN plus Allow on that ARN", [{ Effect: "Allow", Action: "*", NotResource: "arn:aws:s3:::b" }, allow("*", "arn:aws:s3:::b")], undefined],
    ["Allow * with a condition (it may be met)", [allow("*", "*", { Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } })], undefined],
    ["a conditional Deny of everything", [allow("*"), denyOf("*", "*", { Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } })], undefined],
    ["a Deny only of resources no ARN holds (${*})", [allow("*"), denyOf("*", `arn:aws:s3:::b/${"$"}{*}`)], undefined],
    ["a boundary allowing everything", [allow("*")], [allow("*")]],
  ])("is one with %s", (_, identity, boundary) => {
    expect(isAdministrator(perms(identity, boundary))).toBeDefined();
  });

  it.each<[string, Raw[], Raw[] | undefined]>([
    ["Allow * on one bucket", [allow("*", "arn:aws:s3:::one-bucket")], undefined],
    ["Allow every action of one service", [allow("s3:*")], undefined],
    ["Allow * minus an unconditional Deny of one action", [allow("*"), denyOf("iam:CreateUser")], undefined],
    ["Allow * minus a Deny of one resource", [allow("*"), denyOf("*", "arn:aws:s3:::b")], undefined],
    ["Allow * minus a Deny by NotAction", [allow("*"), { Effect: "Deny", NotAction: "s3:*", Resource: "*" }], undefined],
    ["Allow * minus a Deny by NotResource", [allow("*"), { Effect: "Deny", Action: "*", NotResource: "arn:aws:s3:::b" }], undefined],
    ["NotAction iam:* alone", [{ Effect: "Allow", NotAction: "iam:*", Resource: "*" }], undefined],
    ["NotResource one ARN alone", [{ Effect: "Allow", Action: "*", NotResource: "arn:aws:s3:::b" }], undefined],
    // Each NotAction list alone leaves out what the other covers, but iam:PutPolicy is outside both.
    ["two NotAction lists that overlap", [{ Effect: "Allow", NotAction: "iam:*Policy", Resource: "*" }, { Effect: "Allow", NotAction: "iam:Put*", Resource: "*" }], undefined],
    ["two NotResource lists that overlap", [{ Effect: "Allow", Action: "*", NotResource: "arn:aws:s3:::a*" }, { Effect: "Allow", Action: "*", NotResource: "arn:aws:s3:::*z" }], undefined],
    ["a boundary that allows less", [allow("*")], [allow("s3:*")]],
    ["an empty boundary", [allow("*")], []],
    ["a boundary that denies one action", [allow("*")], [allow("*"), denyOf("iam:DeleteUser")]],
    // Every action on every resource means every one, even of a service that does not exist.
    ["a Deny of one made-up action on one resource", [allow("*"), denyOf("zzz:Nothing", "arn:aws:zzz:::nothing")], undefined],
    ["only a Deny", [denyOf("*")], undefined],
    ["nothing", [], undefined],
    ["Allow with Resource missing", [{ Effect: "Allow", Action: "*" }], undefined],
  ])("is not one with %s", (_, identity, boundary) => {
    expect(isAdministrator(perms(identity, boundary))).toBeUndefined();
  });

  it("names the statement that allows what no policy names", () => {
    const p = perms([allow("s3:*"), { Effect: "Allow", NotAction: "iam:*", Resource: "*" }, allow("iam:*")]);
    expect(sid(isAdministrator(p))).toEqual(p.identity[1].statement);
    const q = perms([allow("s3:*"), allow("*")]);
    expect(sid(isAdministrator(q))).toEqual(q.identity[1].statement);
  });
});

describe("strictAdministratorGrant", () => {
  it.each<[string, Raw[], Raw[] | undefined, number | undefined]>([
    ["AdministratorAccess's statement", [allow("*")], undefined, 0],
    ["*:* among other actions, * among other resources", [allow("s3:*"), allow(["s3:Get*", "*:*"], ["arn:aws:s3:::b", "*"])], undefined, 1],
    ["an MFA condition", [allow("*", "*", { Condition: MFA_TRUE })], undefined, 0],
    ["with a boundary of the same shape", [allow("*")], [allow("*")], 0],
    ["a Deny beside it (the can-act rule's business)", [denyOf("iam:*"), allow("*")], undefined, 1],
  ])("is %s", (_, identity, boundary, index) => {
    const p = perms(identity, boundary);
    expect(sid(strictAdministratorGrant(p))).toEqual(p.identity[index!].statement);
  });

  it.each<[string, Raw[], Raw[] | undefined]>([
    ["statements that only add up", [{ Effect: "Allow", NotAction: "iam:*", Resource: "*" }, allow("iam:*")], undefined],
    ["Action * on some resources", [allow("*", "arn:aws:s3:::*")], undefined],
    ["NotResource", [{ Effect: "Allow", Action: "*", NotResource: "arn:x" }], undefined],
    ["a condition other than MFA", [allow("*", "*", { Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } })], undefined],
    ["a Deny of *", [denyOf("*")], undefined],
    ["an Allow of iam:* only", [allow("iam:*")], undefined],
    ["a boundary that is not AdministratorAccess's shape", [allow("*")], [{ Effect: "Allow", NotAction: "iam:*", Resource: "*" }, allow("iam:*")]],
    ["an empty boundary", [allow("*")], []],
  ])("is not %s", (_, identity, boundary) => {
    expect(strictAdministratorGrant(perms(identity, boundary))).toBeUndefined();
  });
});

describe("limitingDenies", () => {
  it("lists every Deny on the path, in identity and boundary, but deny-unless-MFA", () => {
    const p = perms(
      [allow("*"), denyOf("iam:*"), { Effect: "Deny", NotAction: "iam:GetUser", Resource: "*", Condition: MFA_FALSE }, denyOf("s3:*", "*", { Condition: MFA_TRUE })],
      [allow("*"), denyOf("ec2:*")],
    );
    expect(limitingDenies(p).map((s) => s.statement)).toEqual([p.identity[1].statement, p.identity[3].statement, p.boundary![1].statement]);
  });
});

describe("mayPerform", () => {
  it("needs an Allow that may reach the resource, no sure Deny, and the boundary's Allow", () => {
    const user = "arn:aws:iam::1:user/Mallory";
    expect(sid(mayPerform(perms([allow("iam:PutUserPolicy", user)]), "iam:putuserpolicy", user))).toBeDefined();
    expect(mayPerform(perms([allow("iam:PutUserPolicy", "arn:aws:iam::1:user/Other")]), "iam:PutUserPolicy", user)).toBeUndefined();
    // An unknown part of the target may be what the Allow names.
    expect(mayPerform(perms([allow("iam:PutUserPolicy", user)]), "iam:PutUserPolicy", "arn:aws:iam::*:user/*")).toBeDefined();
    // A Deny must surely cover the target to take it away.
    expect(mayPerform(perms([allow("iam:*"), denyOf("iam:PutUserPolicy", user)]), "iam:PutUserPolicy", "arn:aws:iam::*:user/*")).toBeDefined();
    expect(mayPerform(perms([allow("iam:*"), denyOf("iam:PutUserPolicy", "arn:aws:iam::*:user/*")]), "iam:PutUserPolicy", "arn:aws:iam::*:user/*")).toBeUndefined();
    expect(mayPerform(perms([allow("iam:*"), denyOf("iam:PutUserPolicy", user)]), "iam:PutUserPolicy", user)).toBeUndefined();
    expect(mayPerform(perms([allow("iam:*"), { Effect: "Deny", Action: "iam:*", NotResource: "arn:aws:iam::1:user/Other" }]), "iam:PutUserPolicy", user)).toBeUndefined();
    expect(mayPerform(perms([allow("iam:*"), { Effect: "Deny", Action: "iam:*", NotResource: "arn:aws:iam::*:user/*" }]), "iam:PutUserPolicy", user)).toBeDefined();
    expect(mayPerform(perms([allow("iam:*"), { Effect: "Deny", NotAction: "iam:Put*", Resource: "*" }]), "iam:PutUserPolicy", user)).toBeDefined();
    expect(mayPerform(perms([{ Effect: "Allow", Action: "iam:*", NotResource: user }]), "iam:PutUserPolicy", user)).toBeUndefined();
    expect(mayPerform(perms([{ Effect: "Allow", Action: "iam:*", NotResource: "arn:aws:iam::1:user/Other" }]), "iam:PutUserPolicy", user)).toBeDefined();
    expect(mayPerform(perms([allow("iam:*")], [allow("s3:*")]), "iam:PutUserPolicy", user)).toBeUndefined();
    expect(mayPerform(perms([allow("iam:*")], [allow("iam:Put*")]), "iam:PutUserPolicy", user)).toBeDefined();
  });
});

describe("userPermissions", () => {
  const user = (policies: AttachedPolicy[], name = "Mallory"): IamUser => ({
    key: name,
    name,
    arn: `arn:aws:iam::1:user/${name}`,
    breakGlass: false,
    policies,
    memberships: [],
    loginProfiles: [],
    accessKeys: [],
  });

  it("fills in aws:username for the user, so a Deny of its own ARN applies to it", () => {
    const p = userPermissions(user([policy("p", [allow("*"), denyOf("*", "arn:aws:iam::*:user/${aws:username}")])]));
    expect(p.identity[1].statement.resources).toEqual(["arn:aws:iam::*:user/Mallory"]);
    expect(p.identity[1].statement.condition).toEqual({});
    expect(isAdministrator(p)).toBeUndefined();
  });

  it("counts a Deny whose resource holds a variable it cannot fill as conditional", () => {
    const p = userPermissions(user([policy("p", [allow("*"), denyOf("*", "arn:aws:iam::*:user/${aws:PrincipalTag/team}")])]));
    expect(p.identity[1].statement.resources).toEqual(["arn:aws:iam::*:user/*"]);
    expect(Object.keys(p.identity[1].statement.condition)).toEqual(["(policy variable)"]);
    expect(isAdministrator(p)).toBeDefined();
    // An Allow with an unknown variable stays an Allow, without a condition added.
    const q = userPermissions(user([policy("p", [allow("*", "arn:aws:iam::*:user/${aws:PrincipalTag/team}")])]));
    expect(q.identity[0].statement.condition).toEqual({});
    expect(q.identity[0].statement.resources).toEqual(["arn:aws:iam::*:user/*"]);
  });

  it("leaves ${...} literal in a document without Version 2012-10-17, and a name not known before apply unfilled", () => {
    const p = userPermissions(user([policy("p", [allow("*", "a/${aws:username}")], "2008-10-17")]));
    expect(p.identity[0].statement.resources).toEqual(["a/${aws:username}"]);
    const q = userPermissions(user([policy("p", [denyOf("*", ["a/${aws:username}", "b/${*}"], { NotResource: undefined })])], "${var.name}"));
    expect(q.identity[0].statement.resources).toEqual(["a/*", `b/${LITERAL_STAR}`]);
    expect(Object.keys(q.identity[0].statement.condition)).toEqual(["(policy variable)"]);
  });

  it("is worked out once per user", () => {
    const u = user([policy("p", [allow("*")])]);
    expect(userPermissions(u)).toBe(userPermissions(u));
  });
});
