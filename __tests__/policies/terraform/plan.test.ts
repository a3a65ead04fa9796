import * as fs from "node:fs";
import * as path from "node:path";
import { loadDocuments } from "../../../policies/load";
import { normalize } from "../../../policies/normalize";

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
