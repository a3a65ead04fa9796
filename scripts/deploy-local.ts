// npm run deploy:local — a one-command demo without an AWS account: starts
// moto on loopback, deploys the default stack with `cdktf deploy`, shows the
// group's members and the sign-in URL, and writes the credentials file.
import { GetGroupCommand } from "@aws-sdk/client-iam";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { readCredentials, writeCredentialsFile } from "../app/credentials";
import { refuseUnsatisfiablePasswordPolicy } from "../audit/password-policy-gate";
import { DEFAULT_PASSWORD_LENGTH } from "../modules/break-glass-user";
import { fail } from "../app/fail";
import { DEFAULT_GROUP_NAME, DEFAULT_STACK_NAME } from "../modules/defaults";
import { iamClient } from "../tools/iam-client";
import { motoMissing, startMoto } from "../tools/moto";
import { findProviderMirror, terraformMissing, writeCliConfig } from "../tools/terraform";
import { cdktfArgs, LOCAL_DIR, LOCAL_OUTDIR, loadServer, localEnv, saveServer } from "./local";

const COMMAND = "deploy:local";
const PROJECT = path.resolve(__dirname, "../..");

async function main(): Promise<void> {
  const running = loadServer();
  if (running) throw new Error(`a local deployment already runs (moto pid ${running.pid}): run \`npm run destroy:local\` first`);
  const mirror = findProviderMirror();
  const missing = terraformMissing(mirror) ?? motoMissing();
  if (missing) throw new Error(missing);

  fs.mkdirSync(LOCAL_DIR, { recursive: true });
  const moto = await startMoto({}, { detached: true });
  const server = { pid: moto.pid, endpoint: moto.endpoint, cliConfig: writeCliConfig(mirror!, LOCAL_DIR) };
  saveServer(server);
  process.stdout.write(`moto (a local AWS IAM API) runs at ${server.endpoint}, pid ${server.pid}\n`);

  const env = localEnv(server);
  // The demo deploys the default stack, with the construct's password length.
  await refuseUnsatisfiablePasswordPolicy(iamClient(server.endpoint), DEFAULT_PASSWORD_LENGTH);
  const deploy = spawnSync(process.execPath, cdktfArgs("deploy"), { cwd: PROJECT, env, stdio: ["ignore", "inherit", "inherit"] });
  if (deploy.status !== 0) throw new Error("cdktf deploy failed (see above); `npm run destroy:local` stops moto");

  const group = await iamClient(server.endpoint).send(new GetGroupCommand({ GroupName: DEFAULT_GROUP_NAME }));
  const credentials = readCredentials(path.join(LOCAL_OUTDIR, "stacks", DEFAULT_STACK_NAME), env);
  const file = path.join(LOCAL_DIR, "credentials.csv");
  writeCredentialsFile(file, credentials, true);

  process.stdout.write(
    [
      "",
      `${DEFAULT_GROUP_NAME} members: ${(group.Users ?? []).map((u) => u.UserName).join(", ")}`,
      `Console sign-in URL: ${credentials.signInUrl}`,
      `Credentials file: ${file} (mode 0600)`,
      "",
      "Destroy the stack and stop moto: npm run destroy:local",
      "",
    ].join("\n"),
  );
}

main().catch((error) => fail(COMMAND, error));
