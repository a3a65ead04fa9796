import { spawnSync } from "node:child_process";
import { ROOT } from "./helpers/run";

// Another cdktf app imports the construct by the package's name.
it("exports the construct, the stack and their types from the package entry", () => {
  const script = `
    const { App, Testing, TerraformStack } = require("cdktf");
    const { AwsProvider } = require("@cdktf/provider-aws/lib/provider");
    const entry = require("break-glass");
    const { BreakGlassUser, BreakGlassStack, InvalidPropError } = entry;
    const { evaluate } = require("break-glass/policies/evaluate");
    const { breakGlassMatchers } = require("break-glass/policies/jest-matchers");
    const stack = new TerraformStack(Testing.app(), "consumer");
    new AwsProvider(stack, "aws", {});
    const user = new BreakGlassUser(stack, "bg", { userName: "Consumer" });
    const tf = JSON.parse(Testing.synth(stack));
    let rejected = "";
    try { new BreakGlassUser(stack, "bad", { groupName: "" }); } catch (e) { rejected = e instanceof InvalidPropError ? e.prop : "other"; }
    console.log(JSON.stringify({
      name: Object.values(tf.resource.aws_iam_user)[0].name,
      stack: typeof BreakGlassStack,
      // The validators behind the props are internal; only policies/rules/ are "rules".
      internals: ["rules", "validation", "checkProp", "checkUserProps", "breakGlassUserPropsSchema"].filter((name) => name in entry),
      rejected,
      passed: evaluate({ stack: "consumer", json: tf }).passed,
      matchers: Object.keys(breakGlassMatchers).sort(),
    }));`;
  const run = spawnSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" });
  expect(run.stderr).toBe("");
  expect(JSON.parse(run.stdout)).toEqual({
    name: "Consumer",
    stack: "function",
    internals: [],
    rejected: "groupName",
    passed: true,
    matchers: ["toHaveExactlyOneAdminUser", "toHaveResourceCount", "toPassPolicies"],
  });
});
