// npm run destroy:local — destroys what `npm run deploy:local` deployed and stops its moto server.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { fail } from "../app/fail";
import { cdktfArgs, LOCAL_DIR, loadServer, localEnv } from "./local";

const PROJECT = path.resolve(__dirname, "../..");

function main(): void {
  const server = loadServer();
  if (!server) throw new Error(`no local deployment in ${LOCAL_DIR}: nothing to destroy`);
  const destroy = spawnSync(process.execPath, cdktfArgs("destroy"), {
    cwd: PROJECT,
    env: localEnv(server),
    stdio: ["ignore", "inherit", "inherit"],
  });
  try {
    process.kill(server.pid, "SIGTERM");
  } catch {
    // Already stopped.
  }
  fs.rmSync(LOCAL_DIR, { recursive: true, force: true });
  if (destroy.status !== 0) throw new Error("cdktf destroy failed (see above); moto was stopped, and its data with it");
  process.stdout.write(`destroyed the local stack and stopped moto (pid ${server.pid})\n`);
}

try {
  main();
} catch (error) {
  fail("destroy:local", error);
}
