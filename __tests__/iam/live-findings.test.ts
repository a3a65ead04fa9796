import { evaluateAccounts, Result } from "../../policies/evaluate";
import { accountFromSnapshot, breakGlassNames, UserCredentials } from "../../policies/iam";
import { IAM_SETUPS } from "../fixtures/iam-setups";
import { accountSnapshot } from "../helpers/iam-setup";

// On the live account a finding points at the ARN and says which AWS CLI call
// fixes it, where on Terraform it names the resource to change.

const ARN = "arn:aws:iam::123456789012:user";
type Snapshot = ReturnType<typeof accountSnapshot>;

function live(credentials: UserCredentials, change: (s: Snapshot) => void = () => {}): Result {
  const snapshot = accountSnapshot(IAM_SETUPS[0]);
  change(snapshot);
  const account = accountFromSnapshot(snapshot, new Map([["EmergencyAccess", credentials]]), breakGlassNames());
  return evaluateAccounts({ resources: [], outputs: [], unreadable: [] }, [account]);
}
const ok: UserCredentials = { loginProfile: { passwordResetRequired: false }, accessKeyIds: [] };
const findings = (result: Result) => result.violations.map((v) => ({ rule: v.rule, stack: v.stack, address: v.address, message: v.message }));
const mallory = (extra: object) => (s: Snapshot) => s.users.push({ UserName: "Mallory", Arn: `${ARN}/Mallory`, ...extra });

it("passes AWS's procedure", () => {
  expect(findings(live(ok))).toEqual([]);
});

it("tells how to give console access, and how to clear the reset", () => {
  expect(findings(live({ accessKeyIds: [] }))).toEqual([
    {
      rule: "break-glass-login-profile",
      stack: "account 123456789012",
      address: `${ARN}/EmergencyAccess`,
      message: `IAM user EmergencyAccess (${ARN}/EmergencyAccess) has no console access: aws iam create-login-profile --user-name EmergencyAccess --no-password-reset-required.`,
    },
  ]);
  expect(findings(live({ loginProfile: { passwordResetRequired: true }, accessKeyIds: ["AKIAEXAMPLE"] }))).toEqual([
    {
      rule: "break-glass-login-profile",
      stack: "account 123456789012",
      address: `${ARN}/EmergencyAccess login profile`,
      message: `${ARN}/EmergencyAccess login profile makes EmergencyAccess create a new password at first sign-in: aws iam update-login-profile --user-name EmergencyAccess --no-password-reset-required so the saved password works in an emergency.`,
    },
    {
      rule: "break-glass-no-access-keys",
      stack: "account 123456789012",
      address: `${ARN}/EmergencyAccess access key AKIAEXAMPLE`,
      message: `${ARN}/EmergencyAccess access key AKIAEXAMPLE gives IAM user EmergencyAccess (${ARN}/EmergencyAccess) an access key: aws iam delete-access-key --user-name EmergencyAccess --access-key-id AKIAEXAMPLE; the break-glass user signs in to the console only.`,
    },
  ]);
});

it("names the call that detaches a second administrator's policy", () => {
  const result = live(ok, mallory({ AttachedManagedPolicies: [{ PolicyName: "AdministratorAccess", PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }] }));
  expect(findings(result)).toEqual([
    {
      rule: "one-admin-user",
      stack: "account 123456789012",
      address: `${ARN}/Mallory`,
      message: `IAM user Mallory (${ARN}/Mallory) is an administrator through AdministratorAccess, but only the break-glass user may be: aws iam detach-user-policy --user-name Mallory --policy-arn arn:aws:iam::aws:policy/AdministratorAccess.`,
    },
  ]);
});

it("says, for a document it cannot read, that the checks cannot tell, not that it cannot be read before apply", () => {
  const result = live(ok, mallory({ UserPolicyList: [{ PolicyName: "bad", PolicyDocument: "{nope" }] }));
  expect(findings(result)).toEqual([
    {
      rule: "unresolved",
      stack: "account 123456789012",
      address: `${ARN}/Mallory inline bad`,
      message: `${ARN}/Mallory inline bad: PolicyDocument "{nope" cannot be read (is a policy document that is not JSON): the checks cannot tell who is administrator; fix or remove it.`,
    },
  ]);
});

it("names the call that detaches a policy from the break-glass user itself", () => {
  const result = live(ok, (s) => s.users[0].AttachedManagedPolicies!.push({ PolicyName: "ReadOnlyAccess", PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }));
  expect(findings(result)).toEqual([
    {
      rule: "break-glass-admin-through-group",
      stack: "account 123456789012",
      address: `${ARN}/EmergencyAccess attached ReadOnlyAccess`,
      message: `${ARN}/EmergencyAccess attached ReadOnlyAccess puts ReadOnlyAccess on IAM user EmergencyAccess (${ARN}/EmergencyAccess) itself: aws iam detach-user-policy --user-name EmergencyAccess --policy-arn arn:aws:iam::aws:policy/ReadOnlyAccess and grant access through the break-glass group.`,
    },
  ]);
});
