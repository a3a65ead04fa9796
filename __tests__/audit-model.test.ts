import { toModel, decodePolicyDocument } from "../audit/to-model";
import { AccountSnapshot, UserCredentials } from "../audit/read-account";
import { evaluateModel } from "../policies/evaluate";

const ACCOUNT = "210987654321";
const STAR = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });

/** The account AWS's procedure leaves behind, as GetAccountAuthorizationDetails describes it. */
function procedureAccount(): AccountSnapshot {
  return {
    users: [
      {
        UserName: "EmergencyAccess",
        Arn: `arn:aws:iam::${ACCOUNT}:user/EmergencyAccess`,
        GroupList: ["EmergencyAccessGroup"],
        Tags: [],
      },
    ],
    groups: [
      {
        GroupName: "EmergencyAccessGroup",
        Arn: `arn:aws:iam::${ACCOUNT}:group/EmergencyAccessGroup`,
        AttachedManagedPolicies: [{ PolicyName: "AdministratorAccess", PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }],
      },
    ],
    policies: [],
  };
}
const withProfile = new Map<string, UserCredentials>([["EmergencyAccess", { loginProfile: { passwordResetRequired: false }, accessKeyIds: [] }]]);
const denies = (snapshot: AccountSnapshot, credentials = withProfile) =>
  evaluateModel(toModel(snapshot, credentials)).violations.filter((v) => v.severity === "deny").map((v) => v.rule);

describe("the live account as the rules see it", () => {
  it("passes the account AWS's procedure creates, found by name without the tag", () => {
    expect(denies(procedureAccount())).toEqual([]);
  });

  it("finds the break-glass user by the BreakGlass tag whatever its name", () => {
    const snapshot = procedureAccount();
    Object.assign(snapshot.users[0], { UserName: "EmergencyAccess-x7k2q9", Tags: [{ Key: "BreakGlass", Value: "emergency-access" }] });
    const credentials = new Map([["EmergencyAccess-x7k2q9", withProfile.get("EmergencyAccess")!]]);
    expect(denies(snapshot, credentials)).toEqual([]);
  });

  it("requires a login profile without a forced reset, and no access keys", () => {
    expect(denies(procedureAccount(), new Map())).toEqual(["break-glass-login-profile"]);
    const reset = new Map([["EmergencyAccess", { loginProfile: { passwordResetRequired: true }, accessKeyIds: [] }]]);
    expect(denies(procedureAccount(), reset)).toEqual(["break-glass-login-profile"]);
    const keys = new Map([["EmergencyAccess", { loginProfile: { passwordResetRequired: false }, accessKeyIds: ["AKIAEXAMPLE"] }]]);
    expect(denies(procedureAccount(), keys)).toEqual(["break-glass-no-access-keys"]);
  });

  it("reads URL-encoded policy documents, as AWS returns them", () => {
    const snapshot = procedureAccount();
    snapshot.users.push({
      UserName: "Mallory",
      Arn: `arn:aws:iam::${ACCOUNT}:user/Mallory`,
      UserPolicyList: [{ PolicyName: "star", PolicyDocument: encodeURIComponent(STAR) }],
    });
    expect(denies(snapshot)).toEqual(["one-admin-user"]);
    expect(decodePolicyDocument(encodeURIComponent(STAR))).toBe(STAR);
    expect(decodePolicyDocument(STAR)).toBe(STAR);
  });

  it("denies an account with no administrator at all", () => {
    const snapshot = procedureAccount();
    snapshot.groups[0].AttachedManagedPolicies = [];
    expect(denies(snapshot)).toEqual(["one-admin-user"]);
  });
});
