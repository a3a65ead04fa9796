import { IamGroupPolicy } from "@cdktf/provider-aws/lib/iam-group-policy";
import { IamUserLoginProfile } from "@cdktf/provider-aws/lib/iam-user-login-profile";
import { InvalidPropError } from "../modules";
import { evaluate } from "../policies/evaluate";
import { onlyResource, synthStack } from "./helpers/synth";

// A dummy key: the provider only needs base64; the real-key path is tested against moto.
const PGP_KEY = Buffer.from("a public key, exported with gpg --export").toString("base64");

describe("requireMfa", () => {
  const { json, tf } = synthStack({ user: { requireMfa: true } });

  it("puts AWS's deny-unless-MFA policy on the group, keeping ${aws:username} an IAM variable", () => {
    const group = onlyResource(tf, "aws_iam_group").id;
    expect(json).toHaveResourceWithProperties(IamGroupPolicy, { group: `\${aws_iam_group.${group}.name}`, name: "RequireMfa" });
    const policy: string = onlyResource(tf, "aws_iam_group_policy").config.policy;
    expect(policy).toContain('"Resource":"arn:aws:iam::*:user/$${aws:username}"');
    const document = JSON.parse(policy.replace(/\$\$\{/g, "${"));
    expect(document.Statement.find((s: { Sid: string }) => s.Sid === "DenyAllExceptListedIfNoMFA")).toMatchObject({
      Effect: "Deny",
      Resource: "*",
      Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
    });
  });

  it("makes the policy checks' MFA warning go away", () => {
    expect(json).toPassPolicies();
    expect(evaluate({ stack: "s", json: tf }).violations).toEqual([]);
    expect(evaluate({ stack: "s", json: synthStack().tf }).violations.map((v) => v.rule)).toEqual(["break-glass-mfa"]);
  });
});

describe("protect", () => {
  it("sets prevent_destroy on the user, the login profile and the group", () => {
    const { tf } = synthStack({ user: { protect: true } });
    for (const type of ["aws_iam_user", "aws_iam_user_login_profile", "aws_iam_group"]) {
      expect(onlyResource(tf, type).config.lifecycle).toEqual({ prevent_destroy: true });
    }
    expect(onlyResource(tf, "aws_iam_group_membership").config.lifecycle).toBeUndefined();
  });

  it("keeps the rotation trigger beside it", () => {
    const { tf } = synthStack({ user: { protect: true, passwordRotationToken: "1" } });
    expect(onlyResource(tf, "aws_iam_user_login_profile").config.lifecycle).toEqual({
      prevent_destroy: true,
      replace_triggered_by: [`terraform_data.${onlyResource(tf, "terraform_data").id}`],
    });
  });
});

describe("pgpKey", () => {
  const { json, tf } = synthStack({ user: { pgpKey: PGP_KEY } });

  it("gives the login profile the key and outputs only the encrypted password", () => {
    const profile = onlyResource(tf, "aws_iam_user_login_profile").id;
    expect(json).toHaveResourceWithProperties(IamUserLoginProfile, { pgp_key: PGP_KEY, password_reset_required: false });
    expect(tf.output?.password).toBeUndefined();
    expect(tf.output?.encrypted_password).toEqual({
      description: expect.any(String),
      value: `\${aws_iam_user_login_profile.${profile}.encrypted_password}`,
    });
    expect(json).toPassPolicies();
  });

  it.each([["not-base64!"], ["c2hvcnQ="]])("rejects %s", (pgpKey) => {
    expect(() => synthStack({ user: { pgpKey } })).toThrow(InvalidPropError);
    expect(() => synthStack({ user: { pgpKey } })).toThrow(/^pgpKey: must be a base64-encoded PGP public key/);
  });
});

// alerts: __tests__/alerts/
