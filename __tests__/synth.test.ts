import * as fs from "node:fs";
import * as path from "node:path";
import { runNode, tempDir } from "./helpers/run";

// The app as `npm run synth` runs it: dist/main.js, writing cdktf.out.
describe("npm run synth", () => {
  const dir = tempDir();

  it("writes the break-glass stack with one of each resource on built-in defaults, offline", () => {
    const outdir = path.join(dir, "ok", "cdktf.out");
    fs.mkdirSync(path.dirname(outdir));
    const run = runNode("main.js", [], {
      env: { CDKTF_OUTDIR: outdir, AWS_REGION: "", AWS_ACCESS_KEY_ID: "", AWS_PROFILE: "" },
    });
    expect(run.status).toBe(0);
    // The policy checks ran: the only finding is the MFA warning, which does not stop synth.
    expect(run.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^break-glass synth: warning \[break-glass-mfa\] break-glass aws_iam_user\./)]);
    const tf = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "break-glass", "cdk.tf.json"), "utf8"));
    const counts = Object.fromEntries(Object.entries(tf.resource).map(([type, byId]) => [type, Object.keys(byId as object).length]));
    expect(counts).toEqual({
      aws_iam_user: 1,
      aws_iam_user_login_profile: 1,
      aws_iam_group: 1,
      aws_iam_group_policy_attachment: 1,
      aws_iam_group_membership: 1,
      aws_iam_group_policy_attachments_exclusive: 1,
      aws_iam_group_policies_exclusive: 1,
      aws_iam_user_policy_attachments_exclusive: 1,
      aws_iam_user_policies_exclusive: 1,
      // The account pin: the first apply's account, and the check against it.
      terraform_data: 2,
    });
    expect(Object.values(tf.resource.aws_iam_user)).toEqual([expect.objectContaining({ name: "EmergencyAccess" })]);
    expect(Object.values(tf.resource.aws_iam_group)).toEqual([expect.objectContaining({ name: "EmergencyAccessGroup" })]);
    expect(tf.output.password.sensitive).toBe(true);
    expect(tf.output.sign_in_url.value).toMatch(/^https:\/\/.*\/console$/);
    expect(tf.provider.aws[0].region).toBe("us-east-1");
    expect(fs.readdirSync(path.dirname(outdir))).toEqual(["cdktf.out"]);
  });

  it("takes the region from AWS_REGION", () => {
    const outdir = path.join(dir, "region", "cdktf.out");
    const run = runNode("main.js", [], { env: { CDKTF_OUTDIR: outdir, AWS_REGION: "eu-west-2" } });
    expect(run.status).toBe(0);
    const tf = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "break-glass", "cdk.tf.json"), "utf8"));
    expect(tf.provider.aws[0].region).toBe("eu-west-2");
  });

  it("fails on bad input with one line naming the field, no stack trace, and no new output", () => {
    const parent = path.join(dir, "bad");
    const outdir = path.join(parent, "cdktf.out");
    fs.mkdirSync(path.join(outdir, "stacks", "break-glass"), { recursive: true });
    fs.writeFileSync(path.join(outdir, "stacks", "break-glass", "cdk.tf.json"), "{}\n");
    const run = runNode("main.js", [], { env: { CDKTF_OUTDIR: outdir, AWS_REGION: "moon-base-1x" } });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe("break-glass synth: region: must be an AWS region name such as us-east-1\n");
    // The earlier output is untouched, and no staging folder is left behind.
    expect(fs.readFileSync(path.join(outdir, "stacks", "break-glass", "cdk.tf.json"), "utf8")).toBe("{}\n");
    expect(fs.readdirSync(parent)).toEqual(["cdktf.out"]);
    expect(fs.readdirSync(outdir)).toEqual(["stacks"]);
  });
});
