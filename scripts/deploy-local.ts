// npm run deploy:local — a one-command demo without an AWS account: starts
// moto on loopback, deploys the default stack with `cdktf deploy`, shows the
// group's members and the sign-in URL, and writes the credentials file.
import { GetGroupCommand } from "@aws-sdk/client-iam";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { takeNoOptions } from "../cli/help";
import { readCredentials, writeCredentialsFile } from "../operator/credentials";
import { refuseUnsatisfiablePasswordPolicy } from "../audit/password-policy-gate";
import { DEFAULT_PASSWORD_LENGTH } from "../modules/break-glass-user";
import { fail } from "../cli/fail";
import { restrictSecretFiles } from "../operator/state-permissions";
import { configPath } from "../config/load";
import { DEFAULT_GROUP_NAME, DEFAULT_STACK_NAME } from "../modules/defaults";
import { iamClient } from "../testing/iam-client";
import { motoMissing, startMoto } from "../testing/moto";
import { findProviderMirror, terraformMissing, writeCliConfig } from "../testing/provider-mirror";
import { cdktfArgs, LOCAL_DIR, LOCAL_FILES, LOCAL_OUTDIR, loadServer, localEnv, saveServer } from "./local";

const COMMAND = "deploy:local";
const PROJECT = path.resolve(__dirname, "../..");

takeNoOptions(COMMAND, "usage: npm run deploy:local (starts moto on 127.0.0.1 and deploys the default stack to it; files in BREAK_GLASS_LOCAL_DIR, default .local)");

async function main(): Promise<void> {
  // State, plans and the credentials file hold the password: whatever this run
  // and its children (cdktf, Terraform) create is for this user only.
  process.umask(0o077);
  // The demo deploys the default stack to one moto account; a config's
  // stacks are others, pinned to real account ids. Refuse before starting moto.
  const config = configPath(process.env, PROJECT);
  if (config) {
    throw new Error(`${config}: the local demo deploys only the default stack, without a config file: move it away (or deploy its stacks with cdktf deploy)`);
  }
  const running = loadServer();
  if (running) throw new Error(`a local deployment already runs (moto pid ${running.pid}): run \`npm run destroy:local\` first`);
  // destroy:local deletes exactly these, so none may be someone else's.
  const present = Object.values(LOCAL_FILES).filter((f) => fs.existsSync(f));
  if (present.length > 0) throw new Error(`${present.join(", ")} exists and was not written by this demo: move it away, or set BREAK_GLASS_LOCAL_DIR to another folder`);
  const mirror = findProviderMirror();
  const missing = terraformMissing(mirror) ?? motoMissing();
  if (missing) throw new Error(missing);

  const createdDir = !fs.existsSync(LOCAL_DIR);
  fs.mkdirSync(LOCAL_DIR, { recursive: true, mode: 0o700 });
  const moto = await startMoto({}, { detached: true });
  const server = { pid: moto.pid, endpoint: moto.endpoint, cliConfig: writeCliConfig(mirror!, LOCAL_DIR), createdDir };
  saveServer(server);
  process.stdout.write(`moto (a local AWS IAM API) runs at ${server.endpoint}, pid ${server.pid}\n`);

  const env = localEnv(server);
  // The demo deploys the default stack, with the construct's password length.
  await refuseUnsatisfiablePasswordPolicy(iamClient(server.endpoint), DEFAULT_PASSWORD_LENGTH);
  const deploy = spawnSync(process.execPath, cdktfArgs("deploy"), { cwd: PROJECT, env, stdio: ["ignore", "inherit", "inherit"] });
  if (deploy.status !== 0) throw new Error("cdktf deploy failed (see above); `npm run destroy:local` stops moto");

  const stackDir = path.join(LOCAL_OUTDIR, "stacks", DEFAULT_STACK_NAME);
  restrictSecretFiles(stackDir);
  const group = await iamClient(server.endpoint).send(new GetGroupCommand({ GroupName: DEFAULT_GROUP_NAME }));
  const credentials = readCredentials(stackDir, env);
  const file = LOCAL_FILES.credentials;
  writeCredentialsFile(file, credentials);

  process.stdout.write(
    [
      "",
      `${DEFAULT_GROUP_NAME} members: ${(group.Users ?? []).map((u) => u.UserName).join(", ")}`,
      `Console sign-in URL: ${credentials.signInUrl}`,
      `Credentials file: ${file} (mode 0600)`,
      "",
      `Audit it: AWS_ENDPOINT_URL=${server.endpoint} AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1 npm run --silent audit`,
      "Destroy the stack and stop moto: npm run destroy:local",
      "",
    ].join("\n"),
  );
}

main().catch((error) => fail(COMMAND, error));
