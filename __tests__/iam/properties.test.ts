import fc from "fast-check";
import { evaluate, evaluateAccounts, Result } from "../../policies/evaluate";
import { accountFromSnapshot, breakGlassNames, readPolicyDocument } from "../../policies/iam";
import { globIntersection, globMatch } from "../../policies/iam/glob";
import { IamSetup } from "../fixtures/iam-setups";
import { accountSnapshot, terraformJson } from "../helpers/iam-setup";

// Properties of the verdict over generated policies given to a second user:
// how a document is written (statement order, one statement or two, a string
// or a list, white space, URL-encoding) never changes who is administrator.

const ACTIONS = ["*", "*:*", "iam:*", "IAM:PutUserPolicy", "iam:Attach*", "iam:AddUserToGroup", "iam:UpdateLoginProfile", "s3:*", "s3:Get*", "ec2:Describe?nstances", "sts:AssumeRole", "iam:Create*"];
const RESOURCES = ["*", "arn:aws:iam::123456789012:user/Mallory", "arn:aws:iam::*:user/${aws:username}", "arn:aws:iam::123456789012:group/*", "arn:aws:s3:::logs/*", "arn:aws:iam::123456789012:user/EmergencyAccess"];

interface Stmt {
  Effect: "Allow" | "Deny";
  Action?: string[];
  NotAction?: string[];
  Resource?: string[];
  NotResource?: string[];
}

const statement: fc.Arbitrary<Stmt> = fc
  .record({
    effect: fc.constantFrom<"Allow" | "Deny">("Allow", "Allow", "Deny"),
    not: fc.boolean(),
    notResource: fc.boolean(),
    actions: fc.uniqueArray(fc.constantFrom(...ACTIONS), { minLength: 1, maxLength: 3 }),
    resources: fc.uniqueArray(fc.constantFrom(...RESOURCES), { minLength: 1, maxLength: 2 }),
  })
  .map(({ effect, not, notResource, actions, resources }) => ({
    Effect: effect,
    ...(not ? { NotAction: actions } : { Action: actions }),
    ...(notResource ? { NotResource: resources } : { Resource: resources }),
  }));

function setupWith(document: unknown): IamSetup {
  return {
    name: "generated",
    users: [
      { name: "EmergencyAccess", groups: ["EmergencyAccessGroup"], loginProfile: true },
      { name: "Mallory", inline: { generated: document as never } },
    ],
    groups: [{ name: "EmergencyAccessGroup", attached: ["arn:aws:iam::aws:policy/AdministratorAccess"] }],
    denies: [],
  };
}

const verdict = (result: Result) =>
  result.violations.map((v) => `${v.severity} ${v.rule} ${v.address}`).sort();
const terraformVerdict = (document: unknown) => verdict(evaluate({ stack: "main", json: terraformJson(setupWith(document)) }));
const liveVerdict = (setup: IamSetup, encode = true) => {
  const snapshot = accountSnapshot(setup);
  if (!encode) for (const u of snapshot.users) for (const p of u.UserPolicyList ?? []) p.PolicyDocument = decodeURIComponent(p.PolicyDocument!);
  const account = accountFromSnapshot(snapshot, new Map([["EmergencyAccess", { loginProfile: { passwordResetRequired: false }, accessKeyIds: [] }]]), breakGlassNames());
  return verdict(evaluateAccounts({ resources: [], outputs: [], unreadable: [] }, [account]))
    .map((v) => v.replace(/ arn:\S+/, ""));
};
const doc = (statements: Stmt[]) => ({ Version: "2012-10-17", Statement: statements });

describe("the verdict does not depend on how a policy is written", () => {
  const statements = fc.array(statement, { minLength: 1, maxLength: 4 });

  it("statement order", () => {
    const reordered = statements.chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length })));
    fc.assert(
      fc.property(reordered, ([list, shuffled]) => {
        expect(terraformVerdict(doc(shuffled))).toEqual(terraformVerdict(doc(list)));
      }),
      { numRuns: 150 },
    );
  });

  it("one statement with two actions, or two statements with one each", () => {
    fc.assert(
      fc.property(statements.filter((l) => l.some((s) => (s.Action?.length ?? 0) > 1)), (list) => {
        const split = list.flatMap((s) => (s.Action && s.Action.length > 1 ? s.Action.map((a) => ({ ...s, Action: [a] })) : [s]));
        expect(terraformVerdict(doc(split))).toEqual(terraformVerdict(doc(list)));
      }),
      { numRuns: 150 },
    );
  });

  it("a one-element list or a plain string", () => {
    fc.assert(
      fc.property(statements, (list) => {
        const strings = list.map((s) =>
          Object.fromEntries(Object.entries(s).map(([k, v]) => [k, Array.isArray(v) && v.length === 1 ? v[0] : v])),
        );
        expect(terraformVerdict(doc(strings as Stmt[]))).toEqual(terraformVerdict(doc(list)));
      }),
      { numRuns: 150 },
    );
  });

  it("JSON white space and URL-encoding; and Terraform at least as strict as the live account", () => {
    fc.assert(
      fc.property(statements, (list) => {
        const setup = setupWith(doc(list));
        const compact = liveVerdict(setup, false);
        expect(liveVerdict(setup, true)).toEqual(compact);
        const pretty = JSON.parse(JSON.stringify(doc(list), null, 4));
        expect(liveVerdict(setupWith(pretty))).toEqual(compact);
        // Terraform knows less before apply (a name from an expression, say) and may only be stricter than the live account.
        const rules = (vs: string[]) => vs.map((v) => v.split(" ").slice(0, 2).join(" "));
        const before = rules(terraformVerdict(doc(list)));
        for (const finding of rules(compact)) expect(before).toContain(finding);
      }),
      { numRuns: 150 },
    );
  });
});

describe("the engine on arbitrary input", () => {
  it("never throws on an arbitrary policy document, and never lets one through unread", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (document) => {
        const result = evaluate({ stack: "main", json: terraformJson(setupWith(document)) });
        expect(typeof result.passed).toBe("boolean");
        if ("unreadable" in readPolicyDocument(document)) {
          expect(result.passed).toBe(false);
          expect(result.violations).toContainEqual(expect.objectContaining({ rule: "unresolved", address: "aws_iam_user_policy.mallory_generated" }));
        }
        const account = accountFromSnapshot(accountSnapshot(setupWith(document)), new Map(), breakGlassNames());
        expect(Array.isArray(account.users)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("glob matching agrees with the intersection it proposes", () => {
    const pattern = fc.stringMatching(/^[ab*?:]{0,6}$/);
    fc.assert(
      fc.property(pattern, pattern, (p, q) => {
        const both = globIntersection(p, q);
        if (both !== undefined) {
          expect(globMatch(p, both)).toBe(true);
          expect(globMatch(q, both)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("finds an intersection wherever a short string matches both patterns", () => {
    const pattern = fc.stringMatching(/^[ab*?]{0,4}$/);
    const text = fc.stringMatching(/^[ab]{0,5}$/);
    fc.assert(
      fc.property(pattern, pattern, text, (p, q, s) => {
        if (globMatch(p, s) && globMatch(q, s)) expect(globIntersection(p, q)).toBeDefined();
      }),
      { numRuns: 3000 },
    );
  });
});
