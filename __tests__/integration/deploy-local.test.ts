import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describeIntegration } from "../helpers/integration";
import { runNode, tempDir } from "../helpers/run";

// The newcomer's demo, which goes through `cdktf deploy` and `cdktf destroy`
// with --skip-provider-lock, exactly as a user runs them.
describeIntegration("npm run deploy:local and destroy:local", () => {
  const local = path.join(tempDir(), ".local");
  const env = { BREAK_GLASS_LOCAL_DIR: local };
  const mine = path.join(local, "notes.txt");
  let pid: number | undefined;

  beforeAll(() => {
    // A file of the user's own in the demo folder, which destroy:local must leave alone.
    fs.mkdirSync(local, { recursive: true });
    fs.writeFileSync(mine, "mine");
  });

  afterAll(() => {
    // Only if a step failed before destroy:local stopped it.
    if (pid && alive(pid)) process.kill(pid, "SIGTERM");
  });

  it("refuses to start over a file of the same name it did not write", () => {
    fs.writeFileSync(path.join(local, "credentials.csv"), "someone's");
    const run = runNode("scripts/deploy-local.js", [], { env });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      `deploy:local: ${path.join(local, "credentials.csv")} exists and was not written by this demo: move it away, or set BREAK_GLASS_LOCAL_DIR to another folder\n`,
    );
    expect(fs.readFileSync(path.join(local, "credentials.csv"), "utf8")).toBe("someone's");
    fs.rmSync(path.join(local, "credentials.csv"));
  });

  it("deploys the default stack to moto and shows one member in EmergencyAccessGroup", () => {
    const run = runNode("scripts/deploy-local.js", [], { env });
    pid = fs.existsSync(path.join(local, "moto.json")) ? JSON.parse(fs.readFileSync(path.join(local, "moto.json"), "utf8")).pid : undefined;
    expect(run.stderr).not.toMatch(/deploy:local:/);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("EmergencyAccessGroup members: EmergencyAccess\n");
    expect(run.stdout).toContain("Console sign-in URL: https://123456789012.signin.aws.amazon.com/console\n");
    expect(run.stdout).toContain("Destroy the stack and stop moto: npm run destroy:local");
    expect(pid && alive(pid)).toBe(true);

    const file = path.join(local, "credentials.csv");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const [header, row] = fs.readFileSync(file, "utf8").split("\r\n");
    expect(header).toBe("User name,Password,Console sign-in URL");
    expect(row).toMatch(/^EmergencyAccess,.+,https:\/\/123456789012\.signin\.aws\.amazon\.com\/console$/);
    // The password is in the file, never on the screen.
    const password = row.slice("EmergencyAccess,".length, row.lastIndexOf(",https://"));
    expect(run.stdout + run.stderr).not.toContain(password.replace(/^"|"$/g, "").replace(/""/g, '"'));
  }, 180_000);

  it("leaves the state, which holds the password, readable by its owner only", () => {
    const state = path.join(local, "terraform.break-glass.tfstate");
    expect(fs.readFileSync(state, "utf8")).toContain('"password"');
    expect(fs.statSync(state).mode & 0o777).toBe(0o600);
  });

  it("refuses to start a second local deployment over the first", () => {
    const run = runNode("scripts/deploy-local.js", [], { env });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^deploy:local: a local deployment already runs \(moto pid \d+\): run `npm run destroy:local` first\n$/);
  });

  it("destroys the stack, stops moto by its pid and removes only the files it wrote", () => {
    const run = runNode("scripts/destroy-local.js", [], { env });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`destroyed the local stack and stopped moto (pid ${pid})`);
    expect(fs.readdirSync(local)).toEqual(["notes.txt"]);
    expect(fs.readFileSync(mine, "utf8")).toBe("mine");
  }, 120_000);

  it("says so when there is nothing to destroy", () => {
    const run = runNode("scripts/destroy-local.js", [], { env });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`destroy:local: no local deployment in ${local}: nothing to destroy\n`);
  });

  it("never signals a process that is not the moto server it started", async () => {
    // A stale moto.json whose pid now belongs to another process.
    const other = spawn("sleep", ["60"], { stdio: "ignore" });
    try {
      fs.writeFileSync(path.join(local, "moto.json"), JSON.stringify({ pid: other.pid, endpoint: "http://127.0.0.1:9", cliConfig: path.join(local, "terraform.rc"), createdDir: false }));
      const run = runNode("scripts/destroy-local.js", [], { env });
      expect(run.status).toBe(0);
      expect(run.stdout).toBe(
        `moto (pid ${other.pid}, http://127.0.0.1:9) no longer runs, and with it went the local stack; pid ${other.pid} was not signalled. Removed the files deploy:local wrote\n`,
      );
      expect(alive(other.pid!)).toBe(true);
      expect(fs.readdirSync(local)).toEqual(["notes.txt"]);
    } finally {
      other.kill();
    }
  });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
