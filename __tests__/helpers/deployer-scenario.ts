import { AddUserToGroupCommand, AttachGroupPolicyCommand, AttachUserPolicyCommand, CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutGroupPolicyCommand, PutUserPolicyCommand } from "@aws-sdk/client-iam";
import { App } from "cdktf";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { BreakGlassStack, BreakGlassUserProps } from "../../modules";
import { iamClient } from "../../testing/iam-client";
import { startMoto } from "../../testing/moto";
import { terraform } from "../../operator/terraform";
import { takeRecording } from "./moto-recording";

/**
 * One step of a deployer's life with the stack: the props synthesized (if
 * they change), something done out of band first, and the Terraform command.
 */
export interface Step {
  readonly name: string;
  readonly user?: BreakGlassUserProps;
  readonly outOfBand?: (iam: IAMClient) => Promise<void>;
  readonly command: "apply" | "plan" | "destroy";
}

const ALLOW_ALL = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });

/** Everything an update can ask of the deployer: deploy, re-plan, tags, renames, options on and off, rotation, drift repair, destroy. */
const base: BreakGlassUserProps = { passwordRotationToken: "1" };
const renamed: BreakGlassUserProps = { ...base, userName: "BreakGlass", groupName: "BreakGlassAdmins" };

export const STEPS: Step[] = [
  { name: "apply", user: { ...base, tags: { Owner: "security" } }, command: "apply" },
  { name: "plan", command: "plan" },
  { name: "retag", user: { ...base, tags: { Owner: "platform" } }, command: "apply" },
  { name: "untag", user: base, command: "apply" },
  { name: "rename", user: renamed, command: "apply" },
  { name: "requireMfa on", user: { ...renamed, requireMfa: true }, command: "apply" },
  { name: "requireMfa off", user: renamed, command: "apply" },
  // Two Regions: the home Region's rules and topic, and one forwarding rule with its role; more Regions add nothing new.
  { name: "alerts on", user: { ...renamed, alerts: { email: "security@example.com", regions: ["us-east-1", "eu-west-1"] } }, command: "apply" },
  { name: "alerts off", user: renamed, command: "apply" },
  { name: "rotation", user: { ...renamed, passwordRotationToken: "2" }, command: "apply" },
  {
    name: "drift repair",
    outOfBand: async (iam) => {
      const deny = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "*", Resource: "*" }] });
      await iam.send(new PutGroupPolicyCommand({ GroupName: "BreakGlassAdmins", PolicyName: "OutOfBand", PolicyDocument: deny }));
      await iam.send(new AttachGroupPolicyCommand({ GroupName: "BreakGlassAdmins", PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }));
      await iam.send(new PutUserPolicyCommand({ UserName: "BreakGlass", PolicyName: "OutOfBand", PolicyDocument: ALLOW_ALL }));
      await iam.send(new AttachUserPolicyCommand({ UserName: "BreakGlass", PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }));
      await iam.send(new CreateUserCommand({ UserName: "Mallory" }));
      await iam.send(new AddUserToGroupCommand({ GroupName: "BreakGlassAdmins", UserName: "Mallory" }));
    },
    command: "apply",
  },
  { name: "destroy", command: "destroy" },
];

export interface ScenarioResult {
  /** The first step that failed, with Terraform's error, if any. */
  readonly failed?: { step: string; error: string };
  /** The actions the deployer was asked for, by step (STS's GetCallerIdentity needs no permission and is left out). */
  readonly actionsByStep: Record<string, string[]>;
}

/**
 * Runs STEPS against one moto server that enforces IAM authorization once the
 * deployer and an out-of-band administrator exist, as a deployer that holds
 * exactly `actions` (on "*": moto checks actions, not resources or
 * conditions), recording every request it serves.
 */
export async function runDeployerScenario(actions: string[]): Promise<ScenarioResult> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "deployer-"));
  const recording = path.join(root, "recording.jsonl");
  // Six unauthenticated requests: the two users below, their policies and keys.
  const moto = await startMoto({ INITIAL_NO_AUTH_ACTION_COUNT: "6", MOTO_ENABLE_RECORDING: "true", MOTO_RECORDER_FILEPATH: recording });
  try {
    const setup = iamClient(moto.endpoint);
    const principal = async (name: string, document: string) => {
      await setup.send(new CreateUserCommand({ UserName: name }));
      await setup.send(new PutUserPolicyCommand({ UserName: name, PolicyName: "grant", PolicyDocument: document }));
      return (await setup.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
    };
    const deployer = await principal("deployer", JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: actions, Resource: "*" }] }));
    const admin = await principal("out-of-band-admin", ALLOW_ALL);
    const adminIam = new IAMClient({ endpoint: moto.endpoint, region: "us-east-1", credentials: { accessKeyId: admin.AccessKeyId!, secretAccessKey: admin.SecretAccessKey! } });
    const env = { ...moto.env, AWS_ACCESS_KEY_ID: deployer.AccessKeyId!, AWS_SECRET_ACCESS_KEY: deployer.SecretAccessKey! };

    const outdir = path.join(root, "cdktf.out");
    const stackDir = path.join(outdir, "stacks", "break-glass");
    let user: BreakGlassUserProps = {};
    const synth = () => {
      const app = new App({ outdir, stackTraces: false });
      // eu-west-1 stays after "alerts off", so that Terraform can destroy the forwarding rule there.
      new BreakGlassStack(app, "break-glass", { user, keepProviderRegions: ["eu-west-1"] });
      app.synth();
    };
    synth();
    const init = terraform(["init", "-input=false", "-no-color"], stackDir, env);
    if (init.status !== 0) throw new Error(`terraform init failed: ${init.stderr}`);
    takeRecording(recording);

    const actionsByStep: Record<string, string[]> = {};
    for (const step of STEPS) {
      if (step.user) {
        user = step.user;
        synth();
      }
      if (step.outOfBand) await step.outOfBand(adminIam);
      const args =
        step.command === "plan"
          ? ["plan", "-input=false", "-no-color", "-detailed-exitcode"]
          : [step.command, "-input=false", "-no-color", "-auto-approve"];
      const run = terraform(args, stackDir, env);
      const calls = takeRecording(recording).filter((c) => c.accessKeyId === deployer.AccessKeyId && c.action !== "sts:GetCallerIdentity");
      actionsByStep[step.name] = [...new Set(calls.map((c) => c.action))].sort();
      // A re-plan must find nothing to do: exit 0, not 2.
      if (run.status !== 0) return { failed: { step: step.name, error: (run.stderr || run.stdout).trim().split("\n").slice(0, 6).join("\n") }, actionsByStep };
    }
    return { actionsByStep };
  } finally {
    await moto.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
}
