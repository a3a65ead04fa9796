import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { evaluate, Result } from "../../policies/evaluate";
import { describeIntegration, StackDir, useMoto } from "../helpers/integration";
import { ADMIN_ARN, breakGlass, config } from "../policies/terraform/configs";

// The same hand-written Terraform JSON, read by the checker as configuration
// and as the plan real Terraform makes of it against moto, gives the same findings.

const STAR = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "All", Effect: "Allow", Action: "*", Resource: "*" }] });
const NARROW = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "All", Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] });

/** Every construct at once, each hiding a second administrator. */
const adversarial = config(
  { provider: [{ aws: [{ region: "us-east-1" }] }] },
  breakGlass(),
  { locals: { admin: "arn:aws:iam::aws:policy/${local.which}", which: "AdministratorAccess", actions: ["*"] } },
  {
    resource: {
      aws_iam_user: {
        counted: { count: 2, name: "counted-${count.index}" },
        keyed: { for_each: '${toset(["a", "b"])}', name: "keyed-${each.key}" },
        encoded: { name: "encoded" },
        templated: { name: "templated" },
        documented: { name: "documented" },
        managed: { name: "managed" },
      },
      aws_iam_user_policy_attachment: {
        counted: { user: "${aws_iam_user.counted[1].name}", policy_arn: "${local.admin}" },
        keyed: { user: '${aws_iam_user.keyed["b"].name}', policy_arn: ADMIN_ARN },
        managed: { user: "${aws_iam_user.managed.name}", policy_arn: "${aws_iam_policy.managed.arn}" },
      },
      aws_iam_user_policy: {
        encoded: { user: "${aws_iam_user.encoded.name}", name: "p", policy: '${jsonencode({Version = "2012-10-17", Statement = [{Effect = "Allow", Action = "*", Resource = "*"}]})}' },
        templated: { user: "${aws_iam_user.templated.name}", name: "p", policy: '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ${jsonencode(local.actions)}, "Resource": "*"}]}' },
        documented: { user: "${aws_iam_user.documented.name}", name: "p", policy: "${data.aws_iam_policy_document.override.json}" },
      },
      aws_iam_policy: { managed: { name: "Managed", policy: "${data.aws_iam_policy.admin.policy}" } },
    },
    data: {
      aws_iam_policy_document: {
        override: { statement: [{ sid: "All", actions: ["s3:GetObject"], resources: ["*"] }], override_policy_documents: [STAR] },
      },
      aws_iam_policy: { admin: { name: "AdministratorAccess" } },
    },
  },
);

/** The compliant uses: count = 1, the name from a local, an override that narrows a star. */
const compliant = (() => {
  const json = config({ provider: { aws: { region: "us-east-1" } } }, breakGlass("bg", "${local.name}"), {
    locals: { name: "EmergencyAccess" },
    resource: {
      aws_iam_user: { reader: { name: "reader" } },
      aws_iam_user_policy: { reader: { user: "${aws_iam_user.reader.name}", name: "p", policy: "${data.aws_iam_policy_document.narrowed.json}" } },
    },
    data: { aws_iam_policy_document: { narrowed: { source_policy_documents: [STAR], override_policy_documents: [NARROW] } } },
  });
  const resources = (json.resource as Record<string, Record<string, Record<string, unknown>>>[])[0];
  resources.aws_iam_user.bg.count = 1;
  resources.aws_iam_user_login_profile.bg.user = "${aws_iam_user.bg[0].name}";
  resources.aws_iam_group_membership.bg.users = ["${aws_iam_user.bg[0].name}"];
  return json;
})();

/** A break-glass user in a local module, on the provider its call passes, or on the inherited default one. */
const withModule = (passProvider: boolean) =>
  config(
    { provider: { aws: [{ region: "us-east-1" }, { alias: "pinned", region: "us-east-1", allowed_account_ids: ["123456789012"] }] } },
    breakGlass(),
    { module: { pinned: { source: "./modules/bg", ...(passProvider ? { providers: { aws: "aws.pinned" } } : {}) } } },
  );
const MODULE = config(breakGlass("bg", "EmergencyAccessPinned"));

const CASES: [string, Record<string, unknown>, Record<string, unknown>?][] = [
  ["every construct hiding an administrator", adversarial],
  ["the compliant uses of the constructs", compliant],
  ["a module on the provider its call passes", withModule(true), MODULE],
  ["a module on the inherited provider", withModule(false), MODULE],
];

function findings(result: Result) {
  return result.violations.map((v) => ({ rule: v.rule, severity: v.severity, address: v.address, message: v.message })).sort((a, b) => (a.rule + a.address < b.rule + b.address ? -1 : 1));
}

describeIntegration("Terraform constructs read as configuration and as plan JSON", () => {
  const moto = useMoto();

  describe.each(CASES)("%s", (_, json, module) => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "constructs-"));
    afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
    fs.writeFileSync(path.join(root, "main.tf.json"), JSON.stringify(json));
    if (module) {
      fs.mkdirSync(path.join(root, "modules", "bg"), { recursive: true });
      fs.writeFileSync(path.join(root, "modules", "bg", "main.tf.json"), JSON.stringify(module));
    }
    const stack = new StackDir(root, () => moto.current.env);
    let plan: unknown;

    beforeAll(() => {
      stack.init();
      plan = stack.planJson();
    }, 180_000);

    it("gives the same findings from the plan as from the configuration", () => {
      const modules = module ? { "modules/bg": [module] } : undefined;
      const fromConfig = evaluate({ stack: "main", json, ...(modules ? { modules } : {}) });
      const fromPlan = evaluate({ stack: "main", json: plan });
      expect(findings(fromPlan)).toEqual(findings(fromConfig));
      expect(fromPlan.passed).toBe(fromConfig.passed);
    });
  });

  it("are judged as intended", () => {
    const passed = CASES.map(([name, json, module]) => [name, evaluate({ stack: "main", json, ...(module ? { modules: { "modules/bg": [module] } } : {}) }).passed]);
    expect(passed).toEqual([
      ["every construct hiding an administrator", false],
      ["the compliant uses of the constructs", true],
      // The root's break-glass user is on the default credentials, which may reach the pinned account (against moto they do): two in one account.
      ["a module on the provider its call passes", false],
      ["a module on the inherited provider", false],
    ]);
  });

  it("tells a module on the provider its call passes (maybe the same account) from one on the inherited provider (the same account)", () => {
    const adminFindings = (passProvider: boolean) =>
      evaluate({ stack: "main", json: withModule(passProvider), modules: { "modules/bg": [MODULE] } })
        .violations.filter((v) => v.rule === "one-admin-user")
        .map((v) => [v.address, v.message]);
    expect(adminFindings(true)).toEqual([["aws_iam_user.bg", expect.stringContaining("on the default credentials, which may reach account 123456789012")]]);
    expect(adminFindings(false)).toEqual([["module.pinned.aws_iam_user.bg", expect.stringContaining("is a second break-glass administrator")]]);
  });

  it("finds each hidden administrator in the configuration", () => {
    const denied = evaluate({ stack: "main", json: adversarial }).violations.filter((v) => v.rule === "one-admin-user").map((v) => v.address).sort();
    expect(denied).toEqual([
      "aws_iam_user.counted[1]",
      "aws_iam_user.documented",
      "aws_iam_user.encoded",
      'aws_iam_user.keyed["b"]',
      "aws_iam_user.managed",
      "aws_iam_user.templated",
    ]);
  });
});

