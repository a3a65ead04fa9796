import { IamGroupPolicy } from "@cdktf/provider-aws/lib/iam-group-policy";
import { IamUserLoginProfile } from "@cdktf/provider-aws/lib/iam-user-login-profile";
import { Fn } from "cdktf";
import { InvalidPropError } from "../modules";
import { evaluate } from "../policies/evaluate";
import { throwawayKey } from "./helpers/pgp";
import { tempDir } from "./helpers/run";
import { onlyResource, synthStack } from "./helpers/synth";

// Real keys, made by gpg: the construct parses pgpKey with OpenPGP.js at synth.
const KEYS = tempDir("pgp-");
const KEY = throwawayKey(KEYS);
const PGP_KEY = KEY.publicKey;

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
  it("sets prevent_destroy on the user, the login profile, the group, the membership and the AdministratorAccess attachment", () => {
    const { tf } = synthStack({ user: { protect: true } });
    for (const type of ["aws_iam_user", "aws_iam_group", "aws_iam_group_membership", "aws_iam_group_policy_attachment"]) {
      expect([type, onlyResource(tf, type).config.lifecycle]).toEqual([type, { prevent_destroy: true }]);
    }
    expect(onlyResource(tf, "aws_iam_user_login_profile").config.lifecycle).toEqual({ prevent_destroy: true, ignore_changes: ["password_length"] });
  });

  it("keeps the rotation trigger beside it", () => {
    const { tf } = synthStack({ accountId: "111111111111", user: { protect: true, passwordRotationToken: "1" } });
    expect(onlyResource(tf, "aws_iam_user_login_profile").config.lifecycle).toEqual({
      prevent_destroy: true,
      ignore_changes: ["password_length"],
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
    expect(tf.output?.key_fingerprint.value).toBe(`\${aws_iam_user_login_profile.${profile}.key_fingerprint}`);
    expect(json).toPassPolicies();
  });

  it("turns an ASCII-armored key into the base64 of its binary form, which the provider takes", () => {
    const profile = onlyResource(synthStack({ user: { pgpKey: KEY.armored } }).tf, "aws_iam_user_login_profile").config;
    const binary = Buffer.from(profile.pgp_key, "base64");
    // An OpenPGP public-key packet (tag 6), old or new format header.
    expect(binary[0] === 0xc6 || (binary[0] & 0xbc) === 0x98).toBe(true);
    expect(profile.pgp_key).not.toContain("BEGIN PGP");
  });

  it("takes keybase:<user> as it is, and a cdktf token unparsed", () => {
    expect(onlyResource(synthStack({ user: { pgpKey: "keybase:alice" } }).tf, "aws_iam_user_login_profile").config.pgp_key).toBe("keybase:alice");
    expect(onlyResource(synthStack({ user: { pgpKey: Fn.file("key.b64") } }).tf, "aws_iam_user_login_profile").config.pgp_key).toBe('${file("key.b64")}');
  });

  const rule = "pgpKey: must be a PGP public key able to encrypt \\(base64 of `gpg --export <key>`, or its ASCII armor\\) or keybase:<username>";
  it.each<[string, () => string, RegExp]>([
    ["text that is not base64", () => "not-base64!", new RegExp(`^${rule}$`)],
    ["base64 that is no key", () => "c2hvcnQ=", new RegExp(`^${rule}; this one cannot be read \\(.+\\)$`)],
    ["a private key", () => KEY.privateKey, new RegExp(`^${rule}; this one is a private key: give the public key \\(gpg --export, never --export-secret-keys\\)$`)],
    ["a key that can only sign", () => throwawayKey(KEYS, "ed25519", "sign").publicKey, new RegExp(`^${rule}; this one has no key that can encrypt \\(.+\\)$`)],
    ["two keys", () => Buffer.concat([Buffer.from(KEY.publicKey, "base64"), Buffer.from(throwawayKey(KEYS).publicKey, "base64")]).toString("base64"), new RegExp(`^${rule}; this one holds 2 keys, not one$`)],
  ])("rejects %s at synth, in one line naming pgpKey", (_, key, message) => {
    const pgpKey = key();
    expect(() => synthStack({ user: { pgpKey } })).toThrow(InvalidPropError);
    expect(() => synthStack({ user: { pgpKey } })).toThrow(message);
  });
});

// alerts: __tests__/alerts/
