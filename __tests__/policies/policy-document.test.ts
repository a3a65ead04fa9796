import { deniesWithoutMfa, grantsAdministrator, statementsOfJson, statementsOfPolicyDocumentBlocks } from "../../policies/policy-document";

const doc = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });

describe("grantsAdministrator", () => {
  it.each([
    ["Allow * on *", doc({ Effect: "Allow", Action: "*", Resource: "*" })],
    ["Allow * among others on * among others", doc({ Effect: "Allow", Action: ["s3:GetObject", "*"], Resource: ["arn:aws:s3:::b", "*"] })],
    ["a single statement object", JSON.stringify({ Statement: { Effect: "Allow", Action: "*", Resource: "*" } })],
    ["Allow * on * with a condition", doc({ Effect: "Allow", Action: "*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "true" } } })],
  ])("is true for %s", (_, policy) => {
    expect(grantsAdministrator(statementsOfJson(policy)!)).toBe(true);
  });

  it.each([
    ["Allow * on one bucket", doc({ Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::one-bucket" })],
    ["Deny * on *", doc({ Effect: "Deny", Action: "*", Resource: "*" })],
    ["Allow s3:* on *", doc({ Effect: "Allow", Action: "s3:*", Resource: "*" })],
    ["NotAction", doc({ Effect: "Allow", NotAction: "iam:*", Resource: "*" })],
    ["Allow * on NotResource", doc({ Effect: "Allow", Action: "*", Resource: "*", NotResource: "arn:aws:s3:::b" })],
  ])("is false for %s", (_, policy) => {
    expect(grantsAdministrator(statementsOfJson(policy)!)).toBe(false);
  });

  it("reads aws_iam_policy_document blocks, where effect defaults to Allow", () => {
    expect(grantsAdministrator(statementsOfPolicyDocumentBlocks({ statement: [{ actions: ["*"], resources: ["*"] }] }))).toBe(true);
    expect(grantsAdministrator(statementsOfPolicyDocumentBlocks({ statement: [{ effect: "Deny", actions: ["*"], resources: ["*"] }] }))).toBe(false);
  });

  it("gives no statements for text that is not a policy", () => {
    expect(statementsOfJson("not json")).toBeUndefined();
    expect(statementsOfJson("[1]")).toBeUndefined();
    expect(statementsOfJson(doc())).toEqual([]);
  });
});

describe("deniesWithoutMfa", () => {
  it.each([
    ["BoolIfExists \"false\"", { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } }],
    ["Bool false", { Bool: { "aws:MultiFactorAuthPresent": false } }],
    ["Bool [\"false\"]", { Bool: { "aws:MultiFactorAuthPresent": ["false"] } }],
  ])("recognizes a Deny with %s", (_, Condition) => {
    expect(deniesWithoutMfa(statementsOfJson(doc({ Effect: "Deny", NotAction: "iam:*", Resource: "*", Condition }))!)).toBe(true);
  });

  it("ignores an Allow with the condition and a Deny without it", () => {
    const condition = { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } };
    expect(deniesWithoutMfa(statementsOfJson(doc({ Effect: "Allow", Action: "*", Resource: "*", Condition: condition }))!)).toBe(false);
    expect(deniesWithoutMfa(statementsOfJson(doc({ Effect: "Deny", Action: "*", Resource: "*" }))!)).toBe(false);
  });

  it("reads the condition from aws_iam_policy_document blocks", () => {
    const statements = statementsOfPolicyDocumentBlocks({
      statement: [{ effect: "Deny", not_actions: ["iam:*"], resources: ["*"], condition: [{ test: "BoolIfExists", variable: "aws:MultiFactorAuthPresent", values: ["false"] }] }],
    });
    expect(deniesWithoutMfa(statements)).toBe(true);
  });
});
