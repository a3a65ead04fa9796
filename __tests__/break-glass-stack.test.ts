import * as fs from "node:fs";
import * as path from "node:path";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { InvalidPropError } from "../modules";
import { ROOT } from "./helpers/run";
import { onlyResource, synthStack } from "./helpers/synth";

describe("BreakGlassStack with no props", () => {
  const { json, tf } = synthStack();

  it("uses the default AWS credentials in us-east-1, for any account", () => {
    expect(json).toHaveProviderWithProperties(AwsProvider, { region: "us-east-1" });
    expect(tf.provider?.aws).toHaveLength(1);
    expect(tf.provider?.aws[0].allowed_account_ids).toBeUndefined();
    expect(tf.provider?.aws[0].assume_role).toBeUndefined();
  });

  it("pins the AWS provider the offline mirror carries", () => {
    expect(tf.terraform?.required_providers.aws.version).toBe("5.100.0");
  });

  it("keeps state beside cdktf.json, outside the folder synth replaces", () => {
    expect(tf.terraform?.backend).toEqual({ local: { path: "../../../terraform.break-glass.tfstate" } });
  });

  it("outputs the user name, user ARN, group name and sign-in URL", () => {
    const user = onlyResource(tf, "aws_iam_user").id;
    const group = onlyResource(tf, "aws_iam_group").id;
    expect(tf.output?.user_name.value).toBe(`\${aws_iam_user.${user}.name}`);
    expect(tf.output?.user_arn.value).toBe(`\${aws_iam_user.${user}.arn}`);
    expect(tf.output?.group_name.value).toBe(`\${aws_iam_group.${group}.name}`);
    for (const name of ["user_name", "user_arn", "group_name", "sign_in_url"]) {
      expect(tf.output?.[name].sensitive).toBeUndefined();
    }
  });

  it("outputs exactly these, the group's ARN among them", () => {
    const group = onlyResource(tf, "aws_iam_group").id;
    expect(Object.keys(tf.output ?? {}).sort()).toEqual(["group_arn", "group_name", "password", "sign_in_url", "user_arn", "user_name"]);
    expect(tf.output?.group_arn).toEqual({ value: `\${aws_iam_group.${group}.arn}`, description: "ARN of the IAM group holding AdministratorAccess" });
  });

  it("builds the sign-in URL from the caller's account id and the partition's console domain", () => {
    const identity = Object.keys(tf.data?.aws_caller_identity ?? {}).find((id) => id.startsWith("emergency_access_"));
    const partition = Object.keys(tf.data?.aws_partition ?? {})[0];
    const url: string = tf.output?.sign_in_url.value;
    expect(url.startsWith(`https://\${data.aws_caller_identity.${identity}.account_id}.signin.`)).toBe(true);
    expect(url.endsWith(`[data.aws_partition.${partition}.partition]}/console`)).toBe(true);
    expect(url).toContain('"aws" = "aws.amazon.com"');
    expect(url).toContain('"aws-us-gov" = "amazonaws-us-gov.com"');
    expect(url).toContain('"aws-cn" = "amazonaws.cn"');
  });

  it("outputs the login profile's password as sensitive", () => {
    const profile = onlyResource(tf, "aws_iam_user_login_profile").id;
    expect(tf.output?.password).toMatchObject({
      value: `\${aws_iam_user_login_profile.${profile}.password}`,
      sensitive: true,
    });
  });

  it("matches the snapshot", () => {
    expect(tf).toMatchSnapshot();
  });
});

describe("BreakGlassStack props", () => {
  it("pins the provider to one account and region", () => {
    const { json } = synthStack({ accountId: "111122223333", region: "eu-central-1" });
    expect(json).toHaveProviderWithProperties(AwsProvider, {
      region: "eu-central-1",
      allowed_account_ids: ["111122223333"],
    });
  });

  it("assumes a role when one is given", () => {
    const roleArn = "arn:aws:iam::111122223333:role/OrganizationAccountAccessRole";
    const { json } = synthStack({ accountId: "111122223333", roleArn });
    expect(json).toHaveProviderWithProperties(AwsProvider, { assume_role: [{ role_arn: roleArn }] });
  });

  it("names its state file after the stack", () => {
    expect(synthStack({}, "break-glass-prod").tf.terraform?.backend.local.path).toBe(
      "../../../terraform.break-glass-prod.tfstate",
    );
  });

  it.each([
    ["accountId", { accountId: "12345678901" }, /^accountId: must be exactly 12 digits$/],
    ["accountId", { accountId: "1234567890123" }, /^accountId: /],
    ["roleArn", { roleArn: "OrganizationAccountAccessRole" }, /^roleArn: must be an IAM role ARN/],
    ["roleArn", { roleArn: "arn:aws:iam::123:role/x" }, /^roleArn: /],
    ["region", { region: "US East" }, /^region: must be an AWS region name such as us-east-1$/],
  ])("rejects a bad %s", (_, props, message) => {
    expect(() => synthStack(props)).toThrow(InvalidPropError);
    expect(() => synthStack(props)).toThrow(message);
  });
});

describe("BreakGlassStack keepProviderRegions", () => {
  it("keeps a provider in a Region the alerts left, pinned like the others, so Terraform can destroy what is there", () => {
    const { tf } = synthStack({ accountId: "111111111111", keepProviderRegions: ["eu-west-1"] });
    const providers = (tf.provider as { aws: { alias?: string; region: string; allowed_account_ids?: string[] }[] }).aws;
    expect(providers.map((p) => [p.alias ?? "", p.region, p.allowed_account_ids])).toEqual([
      ["", "us-east-1", ["111111111111"]],
      ["eu_west_1", "eu-west-1", ["111111111111"]],
    ]);
  });
});

describe("BreakGlassStack outputs", () => {
  const withPgpKey = synthStack({ user: { pgpKey: "keybase:alice" } }).tf;
  const withAlerts = synthStack({ user: { alerts: { email: "security@example.com", regions: ["us-east-1"] } } }).tf;

  it("with pgpKey: the encrypted password and the key's fingerprint instead of the password", () => {
    const profile = onlyResource(withPgpKey, "aws_iam_user_login_profile").id;
    expect(Object.keys(withPgpKey.output ?? {}).sort()).toEqual(["encrypted_password", "group_arn", "group_name", "key_fingerprint", "sign_in_url", "user_arn", "user_name"]);
    expect(withPgpKey.output?.key_fingerprint).toEqual({ value: `\${aws_iam_user_login_profile.${profile}.key_fingerprint}`, description: expect.stringContaining("PGP key") });
    expect(withPgpKey.output?.key_fingerprint.sensitive).toBeUndefined();
  });

  it("are all in the README's table of stack outputs", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const table = readme.slice(readme.indexOf("\n### Stack outputs\n")).split(/\n#{1,6} /)[1];
    const documented = [...table.matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1]).sort();
    const synthesized = [...new Set([synthStack().tf, withPgpKey, withAlerts].flatMap((tf) => Object.keys(tf.output ?? {})))].sort();
    expect(documented).toEqual(synthesized);
  });
});
