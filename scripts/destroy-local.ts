// npm run destroy:local — destroys what `npm run deploy:local` deployed, stops
// the moto server it started and deletes the files it wrote: nothing else.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { takeNoOptions } from "../cli/help";
import { fail } from "../cli/fail";
import { cdktfArgs, isOurMoto, LOCAL_DIR, LOCAL_FILES, loadServer, localEnv } from "./local";

const PROJECT = path.resolve(__dirname, "../..");

function main(): void {
  process.umask(0o077);
  const server = loadServer();
  if (!server) throw new Error(`no local deployment in ${LOCAL_DIR}: nothing to destroy`);
  const ours = isOurMoto(server.pid, server.endpoint);
  // With the server gone its data is gone too: nothing is left to destroy, and
  // the pid may now be another process's.
  const destroy = ours
    ? spawnSync(process.execPath, cdktfArgs("destroy"), { cwd: PROJECT, env: localEnv(server), stdio: ["ignore", "inherit", "inherit"] })
    : undefined;
  if (ours) {
    try {
      process.kill(server.pid, "SIGTERM");
    } catch {
      // Stopped in the meantime.
    }
  }
  for (const file of Object.values(LOCAL_FILES)) if (file !== LOCAL_FILES.server) fs.rmSync(file, { recursive: true, force: true });
  fs.rmSync(LOCAL_FILES.server, { force: true });
  if (server.createdDir && fs.existsSync(LOCAL_DIR) && fs.readdirSync(LOCAL_DIR).length === 0) fs.rmdirSync(LOCAL_DIR);

  if (!ours) {
    process.stdout.write(
      `moto (pid ${server.pid}, ${server.endpoint}) no longer runs, and with it went the local stack; pid ${server.pid} was not signalled. Removed the files deploy:local wrote\n`,
    );
    return;
  }
  if (destroy?.status !== 0) throw new Error("cdktf destroy failed (see above); moto was stopped, and its data with it");
  process.stdout.write(`destroyed the local stack and stopped moto (pid ${server.pid})\n`);
}

takeNoOptions("destroy:local", "usage: npm run destroy:local (destroys what deploy:local deployed and stops its moto server)");

try {
  main();
} catch (error) {
  fail("destroy:local", error);
}
