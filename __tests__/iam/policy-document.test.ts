import fc from "fast-check";
import {
  hasCondition,
  isDenyUnlessMfa,
  isExpression,
  LITERAL_QUESTION_MARK,
  LITERAL_STAR,
  onlyMfaConditions,
  policyDocumentFromBlocks,
  readPolicyDocument,
  Statement,
  unescapeTemplate,
  withPolicyVariables,
} from "../../policies/iam/policy-document";

// The policy document reader and the condition predicates, each way to be
// read wrong first, then the reading that must hold.

const statementsOf = (document: unknown): Statement[] => {
  const read = readPolicyDocument(document);
  if (!("statements" in read)) throw new Error(`unreadable: ${read.unreadable}`);
  return read.statements;
};
const unreadable = (document: unknown): string => {
  const read = readPolicyDocument(document);
  if (!("unreadable" in read)) throw new Error(`read: ${JSON.stringify(read)}`);
  return read.unreadable;
};
const deny = (condition: Record<string, Record<string, string[]>>, effect: "Allow" | "Deny" = "Deny"): Statement => ({ effect, notActions: ["iam:GetUser"], resources: ["*"], condition });

describe("readPolicyDocument", () => {
  it("reads one statement object and a list alike, with strings as one-element lists", () => {
    const one = statementsOf({ Version: "2012-10-17", Statement: { Sid: "A", Effect: "Allow", Action: "s3:*", Resource: "*" } });
    const list = statementsOf(JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "A", Effect: "Allow", Action: ["s3:*"], Resource: ["*"] }] }));
    expect(one).toEqual(list);
    expect(one).toEqual([
      { sid: "A", effect: "Allow", actions: ["s3:*"], notActions: undefined, resources: ["*"], notResources: undefined, principals: undefined, notPrincipals: undefined, condition: {}, variables: true },
    ]);
  });

  it("fills in policy variables only for Version 2012-10-17", () => {
    expect(statementsOf({ Statement: { Effect: "Deny", NotAction: "iam:*", NotResource: "arn:x" } })[0]).toEqual(
      expect.objectContaining({ effect: "Deny", notActions: ["iam:*"], notResources: ["arn:x"] }),
    );
    expect(statementsOf({ Statement: { Effect: "Allow", Action: "*", Resource: "*" } })[0].variables).toBeUndefined();
    expect(statementsOf({ Version: "2008-10-17", Statement: { Effect: "Allow", Action: "*", Resource: "*" } })[0].variables).toBeUndefined();
    expect(statementsOf({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: "*", Resource: "*" } })[0].variables).toBe(true);
  });

  it("fails closed on a Version not known before apply when the statements hold a ${, variable or text", () => {
    const statement = { Effect: "Allow", Action: "iam:PutUserPolicy", Resource: "arn:aws:iam::*:user/${aws:username}" };
    expect(readPolicyDocument({ Version: "${var.v}", Statement: statement })).toEqual({
      unreadable: "has a Version not known before apply, which decides whether IAM fills in its policy variables",
    });
    expect(statementsOf({ Version: "${var.v}", Statement: { ...statement, Resource: "*" } })[0].variables).toBeUndefined();
  });

  it("reads principals: \"*\" as every type, an object of strings or lists", () => {
    const [s] = statementsOf({ Statement: { Effect: "Allow", Action: "sts:AssumeRole", Principal: "*", NotPrincipal: { AWS: "arn:a", Service: ["x", "y"] } } });
    expect(s.principals).toEqual({ "*": ["*"] });
    expect(s.notPrincipals).toEqual({ AWS: ["arn:a"], Service: ["x", "y"] });
  });

  it("reads conditions as operator -> key -> list of strings", () => {
    const [s] = statementsOf({ Statement: { Effect: "Allow", Action: "*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": true }, NumericLessThan: { "aws:MultiFactorAuthAge": [3600, "60"] } } } });
    expect(s.condition).toEqual({ Bool: { "aws:SecureTransport": ["true"] }, NumericLessThan: { "aws:MultiFactorAuthAge": ["3600", "60"] } });
  });

  it.each([
    ["{not json", "is not JSON"],
    [JSON.stringify([1]), "is not a JSON object"],
    [42, "is not a JSON object"],
    [{ Version: "2012-10-17" }, "has no Statement"],
    [{ Statement: ["x"] }, "Statement 0: is not an object"],
    [{ Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "allow", Action: "*" }] }, 'Statement 1: Effect "allow" is neither "Allow" nor "Deny"'],
    [{ Statement: { Effect: "Allow", Action: ["s3:*", 1], Resource: "*" } }, "Statement 0: Action holds a value that is not a string"],
    [{ Statement: { Effect: "Allow", Action: "*", Resource: [null] } }, "Statement 0: Resource holds a value that is not a string"],
    [{ Statement: { Effect: "Allow", Action: "*", NotResource: [true] } }, "Statement 0: NotResource holds a value that is not a string"],
    [{ Statement: { Effect: "Allow", NotAction: [{}], Resource: "*" } }, "Statement 0: NotAction holds a value that is not a string"],
    [{ Statement: { Effect: "Allow", Resource: "*" } }, "Statement 0: needs exactly one of Action and NotAction"],
    [{ Statement: { Effect: "Allow", Action: "*", NotAction: "s3:*", Resource: "*" } }, "Statement 0: needs exactly one of Action and NotAction"],
    [{ Statement: { Effect: "Allow", Action: "*", Principal: 5 } }, 'Statement 0: has a Principal that is neither "*" nor an object of strings'],
    [{ Statement: { Effect: "Allow", Action: "*", Principal: { AWS: [1] } } }, 'Statement 0: has a Principal that is neither "*" nor an object of strings'],
    [{ Statement: { Effect: "Allow", Action: "*", NotPrincipal: "arn:x" } }, 'Statement 0: has a Principal that is neither "*" nor an object of strings'],
    [{ Statement: { Effect: "Allow", Action: "*", Resource: "*", Condition: "x" } }, "Statement 0: has a Condition that is not an object of objects"],
    [{ Statement: { Effect: "Allow", Action: "*", Resource: "*", Condition: { Bool: "x" } } }, "Statement 0: has a Condition that is not an object of objects"],
  ])("refuses %j: %s", (document, reason) => {
    expect(unreadable(document)).toBe(reason);
  });

  it("reads an object once and gives the same answer again", () => {
    const document = { Statement: { Effect: "Allow", Action: "*", Resource: "*" } };
    expect(readPolicyDocument(document)).toBe(readPolicyDocument(document));
  });
});

describe("isDenyUnlessMfa", () => {
  it("is AWS's pattern: Deny with Bool or BoolIfExists aws:MultiFactorAuthPresent false, in any case", () => {
    expect(isDenyUnlessMfa(deny({ BoolIfExists: { "aws:MultiFactorAuthPresent": ["false"] } }))).toBe(true);
    expect(isDenyUnlessMfa(deny({ Bool: { "AWS:multifactorauthpresent": ["FALSE"] } }))).toBe(true);
    expect(isDenyUnlessMfa(deny({ bool: { "aws:MultiFactorAuthPresent": ["false", "False"] } }))).toBe(true);
  });

  it.each<[string, Statement]>([
    ["an Allow with the same condition", deny({ BoolIfExists: { "aws:MultiFactorAuthPresent": ["false"] } }, "Allow")],
    ["a Deny without condition", deny({})],
    ["MFA present \"true\": denies those who did sign in with MFA", deny({ Bool: { "aws:MultiFactorAuthPresent": ["true"] } })],
    ["\"false\" and \"true\" together", deny({ Bool: { "aws:MultiFactorAuthPresent": ["false", "true"] } })],
    ["no values", deny({ Bool: { "aws:MultiFactorAuthPresent": [] } })],
    ["an operator with no keys", deny({ Bool: {} })],
    ["another key beside MFA", deny({ Bool: { "aws:MultiFactorAuthPresent": ["false"], "aws:SecureTransport": ["false"] } })],
    ["another operator beside Bool", deny({ Bool: { "aws:MultiFactorAuthPresent": ["false"] }, StringEquals: { "aws:RequestedRegion": ["us-east-1"] } })],
    ["a Null test of the MFA key", deny({ Null: { "aws:MultiFactorAuthPresent": ["false"] } })],
    ["StringEquals on the MFA key", deny({ StringEquals: { "aws:MultiFactorAuthPresent": ["false"] } })],
    ["another Bool key", deny({ Bool: { "aws:SecureTransport": ["false"] } })],
  ])("is not %s", (_, s) => {
    expect(isDenyUnlessMfa(s)).toBe(false);
  });
});

describe("onlyMfaConditions", () => {
  const allow = (condition: Record<string, Record<string, string[]>>) => deny(condition, "Allow");
  it.each([
    [{}],
    [{ Bool: { "aws:MultiFactorAuthPresent": ["true"] } }],
    [{ BoolIfExists: { "AWS:MultiFactorAuthPresent": ["TRUE", "true"] } }],
    [{ NumericLessThan: { "aws:MultiFactorAuthAge": ["3600"] } }],
    [{ NumericLessThanEquals: { "aws:multifactorauthage": ["900"] } }],
    [{ NumericLessThanIfExists: { "aws:MultiFactorAuthAge": ["1800"] } }],
    [{ NumericLessThan: { "aws:MultiFactorAuthAge": ["3600.5"] } }],
    [{ NumericLessThanEqualsIfExists: { "aws:MultiFactorAuthAge": ["900"] }, Bool: { "aws:MultiFactorAuthPresent": ["true"] } }],
  ])("is met by a user signed in with MFA: %j", (condition) => {
    expect(onlyMfaConditions(allow(condition))).toBe(true);
  });

  it.each([
    [{ Bool: { "aws:MultiFactorAuthPresent": ["false"] } }],
    [{ Bool: { "aws:MultiFactorAuthPresent": [] } }],
    [{ Bool: { "aws:MultiFactorAuthPresent": ["true", "false"] } }],
    [{ StringEquals: { "aws:MultiFactorAuthPresent": ["true"] } }],
    [{ Null: { "aws:MultiFactorAuthPresent": ["false"] } }],
    [{ NumericLessThan: { "aws:MultiFactorAuthAge": ["0"] } }],
    // Lapses within a second, or a minute, of signing in: no way to work in an emergency.
    [{ NumericLessThan: { "aws:MultiFactorAuthAge": ["1"] } }],
    [{ NumericLessThanIfExists: { "aws:MultiFactorAuthAge": ["899"] } }],
    [{ NumericLessThan: { "aws:MultiFactorAuthAge": ["-5"] } }],
    [{ NumericLessThan: { "aws:MultiFactorAuthAge": [] } }],
    [{ NumericLessThan: { "aws:MultiFactorAuthAge": ["3600", "soon"] } }],
    // Numbers JavaScript reads but IAM may not: written otherwise than as decimal digits, they are not taken on trust.
    ...["0x384", "9e2", " 900", "+900", "Infinity", "900 "].map((age): [Record<string, Record<string, string[]>>] => [{ NumericLessThan: { "aws:MultiFactorAuthAge": [age] } }]),
    [{ NumericGreaterThan: { "aws:MultiFactorAuthAge": ["3600"] } }],
    [{ xNumericLessThan: { "aws:MultiFactorAuthAge": ["3600"] } }],
    [{ NumericLessThanx: { "aws:MultiFactorAuthAge": ["3600"] } }],
    [{ Bool: { "aws:MultiFactorAuthPresent": ["true"] }, IpAddress: { "aws:SourceIp": ["10.0.0.0/8"] } }],
  ])("may never be met: %j", (condition) => {
    expect(onlyMfaConditions(allow(condition))).toBe(false);
  });

  it("hasCondition tells an empty condition from any other", () => {
    expect(hasCondition(deny({}))).toBe(false);
    expect(hasCondition(deny({ Bool: {} }))).toBe(true);
  });
});

describe("policy variables", () => {
  it("fills aws:username (any case, inner white space) and writes ${*}, ${?}, ${$} literally", () => {
    expect(withPolicyVariables("arn:aws:iam::1:user/${aws:username}", "Mallory")).toEqual({ pattern: "arn:aws:iam::1:user/Mallory", unknown: false });
    expect(withPolicyVariables("u/${ AWS:UserName }/${*}${?}${$}", "m")).toEqual({ pattern: `u/m/${LITERAL_STAR}${LITERAL_QUESTION_MARK}$`, unknown: false });
  });

  it("makes any other variable, and aws:username of an unknown user, a wildcard and says so", () => {
    expect(withPolicyVariables("a/${aws:PrincipalTag/team}/b", "m")).toEqual({ pattern: "a/*/b", unknown: true });
    expect(withPolicyVariables("a/${aws:username}", undefined)).toEqual({ pattern: "a/*", unknown: true });
    expect(withPolicyVariables("no variables here", "m")).toEqual({ pattern: "no variables here", unknown: false });
  });

  it("tells Terraform interpolations from IAM policy variables and escapes", () => {
    for (const e of ["${aws_iam_user.u.arn}", "x ${var.name}", "${local.a}-b", "${ each.key }", "$${x}${var.y}"]) expect([e, isExpression(e)]).toEqual([e, true]);
    for (const l of ["${aws:username}", "${ aws:PrincipalTag/team }", "${*}", "${?}", "${$}", "$${var.x}", "plain", "arn:aws:s3:::b/*"]) expect([l, isExpression(l)]).toEqual([l, false]);
    expect(unescapeTemplate("a $${x} $${y} ${z}")).toBe("a ${x} ${y} ${z}");
  });
});

describe("policyDocumentFromBlocks", () => {
  it("reads aws_iam_policy_document blocks, as one or a list, with conditions and principals", () => {
    const read = policyDocumentFromBlocks({
      statement: [
        {
          sid: "S",
          actions: ["sts:AssumeRole"],
          principals: [{ type: "AWS", identifiers: ["arn:a"] }, { type: "AWS", identifiers: "arn:b" }],
          not_principals: { type: "Service", identifiers: ["ec2.amazonaws.com"] },
          condition: [{ test: "Bool", variable: "aws:MultiFactorAuthPresent", values: ["true"] }, { test: "Bool", variable: "aws:SecureTransport", values: true }],
        },
        { effect: "Deny", not_actions: "iam:*", not_resources: ["arn:x"] },
      ],
    });
    expect(read).toEqual({
      statements: [
        {
          sid: "S",
          effect: "Allow",
          actions: ["sts:AssumeRole"],
          notActions: undefined,
          resources: undefined,
          notResources: undefined,
          principals: { AWS: ["arn:a", "arn:b"] },
          notPrincipals: { Service: ["ec2.amazonaws.com"] },
          condition: { Bool: { "aws:MultiFactorAuthPresent": ["true"], "aws:SecureTransport": ["true"] } },
          // The data source's version defaults to 2012-10-17, under which IAM fills in policy variables.
          variables: true,
        },
        { sid: undefined, effect: "Deny", actions: undefined, notActions: ["iam:*"], resources: undefined, notResources: ["arn:x"], principals: undefined, notPrincipals: undefined, condition: {}, variables: true },
      ],
    });
  });

  it.each([
    [{ statement: { actions: ["*"], condition: { variable: "aws:x", values: [] } } }, "has a condition block without test or variable"],
    [{ statement: { actions: ["*"], condition: { test: "Bool", values: [] } } }, "has a condition block without test or variable"],
    [{ statement: { resources: ["*"] } }, "has a statement without exactly one of actions and not_actions"],
    [{ statement: { actions: ["*"], not_actions: ["s3:*"] } }, "has a statement without exactly one of actions and not_actions"],
    [{ statement: { effect: "Maybe", actions: ["*"] } }, 'has effect "Maybe"'],
    [{ statement: { actions: ["*"] }, source_policy_documents: ["{}"] }, "merges source_policy_documents or override_policy_documents, which are only merged at plan time"],
    [{ statement: { actions: ["*"] }, override_policy_documents: "${var.docs}" }, "merges source_policy_documents or override_policy_documents, which are only merged at plan time"],
  ])("refuses %j", (values, reason) => {
    expect(policyDocumentFromBlocks(values as never)).toEqual({ unreadable: reason });
  });

  it("reads an argument plan JSON writes as null, or an empty list to merge, as not set", () => {
    const read = policyDocumentFromBlocks({ statement: { actions: ["*"], not_actions: null, resources: ["*"] }, source_policy_documents: null, override_policy_documents: [] } as never);
    expect("statements" in read && read.statements.map((s) => [s.actions, s.notActions, s.resources])).toEqual([[["*"], undefined, ["*"]]]);
  });

  it("fills in policy variables only under version 2012-10-17, and fails closed where the version is not known and decides it", () => {
    const statement = { actions: ["iam:PutUserPolicy"], resources: ["arn:aws:iam::*:user/${aws:username}"] };
    const variables = (version?: string) => {
      const read = policyDocumentFromBlocks({ statement, ...(version === undefined ? {} : { version }) });
      return "statements" in read ? read.statements[0].variables === true : read.unreadable;
    };
    expect(variables()).toBe(true);
    expect(variables("2012-10-17")).toBe(true);
    expect(variables("2008-10-17")).toBe(false);
    expect(variables("${var.v}")).toBe("has a Version not known before apply, which decides whether IAM fills in its policy variables");
    // Without a ${ in its statements, a version not known decides nothing.
    expect("statements" in policyDocumentFromBlocks({ statement: { actions: ["s3:*"], resources: ["*"] }, version: "${var.v}" })).toBe(true);
  });

  it("gives the principal type \"?\" when a block has none", () => {
    const read = policyDocumentFromBlocks({ statement: { actions: ["*"], principals: { identifiers: ["x"] } } });
    expect("statements" in read && read.statements[0].principals).toEqual({ "?": ["x"] });
  });
});

describe("readPolicyDocument, over generated documents", () => {
  const value = fc.oneof(fc.constantFrom("*", "s3:*", "iam:PassRole", "arn:aws:s3:::b/*"), fc.integer(), fc.constant(null));
  it("reads a statement exactly when each field is a string or a list of strings and one of Action, NotAction is set", () => {
    fc.assert(
      fc.property(
        fc.record({ Effect: fc.constantFrom("Allow", "Deny", "allow"), Action: fc.option(fc.oneof(value, fc.array(value)), { nil: undefined }), NotAction: fc.option(fc.oneof(value, fc.array(value)), { nil: undefined }) }, { requiredKeys: ["Effect"] }),
        (s) => {
          const ok = (v: unknown) => v === undefined || typeof v === "string" || (Array.isArray(v) && v.every((x) => typeof x === "string"));
          const readable = s.Effect !== "allow" && ok(s.Action) && ok(s.NotAction) && (s.Action === undefined) !== (s.NotAction === undefined);
          expect("statements" in readPolicyDocument({ Statement: [s] })).toBe(readable);
        },
      ),
      { numRuns: 300 },
    );
  });
});
