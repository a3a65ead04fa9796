import * as fs from "node:fs";
import * as path from "node:path";
import { runNode, tempDir } from "./helpers/run";

// The local demo deploys the default stack only: with a config file present
// it refuses before it starts moto or writes anything.
describe("npm run deploy:local with a config file", () => {
  const dir = tempDir();

  it("refuses with one line naming the file, and starts nothing", () => {
    const config = path.join(dir, "break-glass.config.json");
    fs.writeFileSync(config, JSON.stringify({ accounts: [{ name: "prod", id: "111111111111" }] }));
    const local = path.join(dir, "local");
    const run = runNode("scripts/deploy-local.js", [], { env: { BREAK_GLASS_CONFIG: config, BREAK_GLASS_LOCAL_DIR: local } });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      `deploy:local: ${config}: the local demo deploys only the default stack, without a config file: move it away (or deploy its stacks with cdktf deploy)\n`,
    );
    expect(fs.existsSync(local)).toBe(false);
  });
});
