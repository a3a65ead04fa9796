import * as fs from "node:fs";
import * as path from "node:path";
import { loadDocuments } from "../../../policies/load";
import { normalize } from "../../../policies/normalize";
import { evaluate } from "../../../policies/evaluate";

// Plan JSON of child modules, as real Terraform wrote it (see the fixture's README).

const FIXTURE = path.resolve(__dirname, "../../fixtures/terraform/module-providers");
const plan = JSON.parse(fs.readFileSync(path.join(FIXTURE, "plan.json"), "utf8"));

describe("plan JSON with child modules", () => {
  const model = normalize([{ stack: "p", json: plan }]);
  const byAddress = new Map(model.resources.map((r) => [r.address, r]));

  it("gives child-module resources the provider their call passes, or the inherited default", () => {
    expect(byAddress.get('module.m.aws_iam_user.x["a"]')).toMatchObject({ provider: "aws.dev", account: "123456789012", values: { name: "a" } });
    expect(byAddress.get('module.n.aws_iam_user.x["c"]')).toMatchObject({ provider: "aws", account: "default credentials" });
  });

  it("keeps a value only apply knows as a ${...} string naming the module's references, never a literal", () => {
    expect(byAddress.get("module.m.aws_iam_group_membership.m")?.values.users).toBe("${module.m.aws_iam_user.x}");
  });

  it("reads the configuration behind the plan to the same resources and accounts", () => {
    const [doc] = loadDocuments([path.join(FIXTURE, "main.tf.json")]);
    const fromConfig = normalize([doc]).resources.map((r) => [r.address, r.provider, r.account]);
    expect(fromConfig.sort()).toEqual(model.resources.map((r) => [r.address, r.provider, r.account]).sort());
  });

  it("reports a plan of another format version as unreadable, naming the version", () => {
    expect(normalize([{ stack: "p", json: { ...plan, format_version: "2.0" } }]).unreadable).toEqual([
      { stack: "p", reason: "unsupported plan format 2.0; this checker reads 1.x" },
    ]);
  });
});

describe("plan JSON of a role whose policies the configuration leaves to other resources", () => {
  const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
  const RO = "arn:aws:iam::aws:policy/ReadOnlyAccess";
  /** A role that exists (its managed_policy_arns as the account holds them) and an attachment this plan adds. */
  const plan = (roleExpressions: object) => ({
    format_version: "1.2",
    planned_values: {
      root_module: {
        resources: [
          { address: "aws_iam_role.r", mode: "managed", type: "aws_iam_role", name: "r", values: { name: "r", assume_role_policy: "{}", managed_policy_arns: [ADMIN] } },
          { address: "aws_iam_role_policy_attachment.ro", mode: "managed", type: "aws_iam_role_policy_attachment", name: "ro", values: { role: "r", policy_arn: RO } },
        ],
      },
    },
    configuration: {
      root_module: {
        resources: [
          { address: "aws_iam_role.r", provider_config_key: "aws", expressions: { name: { constant_value: "r" }, ...roleExpressions } },
          { address: "aws_iam_role_policy_attachment.ro", provider_config_key: "aws", expressions: { role: { constant_value: "r" }, policy_arn: { constant_value: RO } } },
        ],
      },
    },
  });
  const exclusive = (json: object) => evaluate({ stack: "p", json }).violations.filter((v) => v.rule === "exclusive-resources");

  it("reads managed_policy_arns the configuration leaves unset as the role's policies, not as an exclusive list", () => {
    expect(exclusive(plan({}))).toEqual([]);
    const role = normalize([{ stack: "p", json: plan({}) }]).resources.find((r) => r.type === "aws_iam_role");
    expect(role?.values.managed_policy_arns).toEqual([ADMIN]);
  });

  it("reads managed_policy_arns the configuration sets as the exclusive list it is", () => {
    expect(exclusive(plan({ managed_policy_arns: { constant_value: [ADMIN] } })).map((v) => [v.address, v.message])).toEqual([
      ["aws_iam_role.r", expect.stringContaining("leaves out policy ReadOnlyAccess, which aws_iam_role_policy_attachment.ro adds")],
    ]);
  });
});

describe("plan JSON of a provider of type aws under another local name", () => {
  it("takes its account from its arguments, as Terraform resolved its source", () => {
    const plan = (fullName: string) => ({
      format_version: "1.2",
      planned_values: { root_module: { resources: [{ address: "aws_s3_bucket.b", mode: "managed", type: "aws_s3_bucket", name: "b", values: {} }] } },
      configuration: {
        provider_config: { "awsx.b": { name: "awsx", full_name: fullName, alias: "b", expressions: { allowed_account_ids: { constant_value: ["222222222222"] } } } },
        root_module: { resources: [{ address: "aws_s3_bucket.b", provider_config_key: "awsx.b", expressions: {} }] },
      },
    });
    expect([...normalize([{ stack: "p", json: plan("registry.terraform.io/hashicorp/aws") }]).accounts!.keys()]).toEqual(["222222222222"]);
    expect(evaluate({ stack: "p", json: plan("registry.terraform.io/hashicorp/aws") }).violations.map((v) => [v.rule, v.message])).toEqual([
      ["one-admin-user", "account 222222222222 has no break-glass administrator: add the BreakGlassUser construct (user EmergencyAccess in EmergencyAccessGroup with AdministratorAccess)."],
    ]);
    expect([...normalize([{ stack: "p", json: plan("registry.terraform.io/hashicorp/random") }]).accounts!.keys()]).toEqual(["default credentials"]);
  });
});
