import { GetUserCommand } from "@aws-sdk/client-iam";
import { BreakGlassStack } from "../../modules";
import { iamClient } from "../../testing/iam-client";
import { MOTO_ACCOUNT_ID } from "../../testing/moto";
import { describeIntegration, StackDir, useMoto } from "../helpers/integration";

const OTHER_ACCOUNT_ID = "210987654321";

// Two moto servers are two AWS accounts. The default stack names no account:
// it must keep to the one it was first applied in.
describeIntegration("the default stack keeps to the account it was first applied in", () => {
  const first = useMoto();
  const other = useMoto({ MOTO_ACCOUNT_ID: OTHER_ACCOUNT_ID });
  let account = () => first.current.env;
  const stack = StackDir.synth((app) => new BreakGlassStack(app, "break-glass"), "break-glass", () => account());

  beforeAll(() => {
    stack.init();
    stack.apply();
  }, 180_000);

  it("plans no changes on a re-plan in the same account", () => {
    expect(stack.planExitCode()).toBe(0);
  }, 60_000);

  it("refuses to plan with another account's credentials, naming both accounts, and changes nothing there", async () => {
    account = () => other.current.env;
    try {
      for (const command of [["plan"], ["apply", "-auto-approve"]]) {
        const run = stack.run(...command, "-input=false");
        expect(run.status).toBe(1);
        const message = run.stderr.replace(/\s*│\s*/g, " ").replace(/\s+/g, " ");
        expect(message).toContain("Resource precondition failed");
        expect(message).toContain(
          `This stack was first applied in AWS account ${MOTO_ACCOUNT_ID}, and its state holds that account's break-glass user; ` +
            `the credentials now belong to account ${OTHER_ACCOUNT_ID}. Use account ${MOTO_ACCOUNT_ID}'s credentials, or give account ${OTHER_ACCOUNT_ID} its own stack`,
        );
      }
      await expect(iamClient(other.current.endpoint).send(new GetUserCommand({ UserName: "EmergencyAccess" }))).rejects.toMatchObject({ name: "NoSuchEntityException" });
    } finally {
      account = () => first.current.env;
    }
    // The first account's user and password are still in state.
    expect(stack.outputs().user_arn.value).toBe(`arn:aws:iam::${MOTO_ACCOUNT_ID}:user/EmergencyAccess`);
    expect(stack.planExitCode()).toBe(0);
  }, 120_000);
});
