import { measure } from "../bench/measure";

// The benchmark's own measuring: the wall time and the peak resident set of a
// process tree, read from /proc while it runs.

const HOLD = (mib: number, ms: number) =>
  `const b = Buffer.alloc(${mib} * 1024 * 1024, 1); setTimeout(() => process.exit(b[0] === 1 ? 0 : 9), ${ms});`;

describe("measure", () => {
  if (process.platform !== "linux") {
    it.skip("reads /proc, which only Linux has", () => undefined);
    return;
  }

  it("reports the peak resident set of a process that holds memory, and its wall time", async () => {
    const small = await measure(process.execPath, ["-e", HOLD(1, 300)]);
    const large = await measure(process.execPath, ["-e", HOLD(200, 300)]);
    expect(small.status).toBe(0);
    expect(large.status).toBe(0);
    expect(large.wallMs).toBeGreaterThanOrEqual(300);
    expect(large.peakRssMiB - small.peakRssMiB).toBeGreaterThan(180);
  });

  it("counts the memory of a child process with its parent's", async () => {
    const parent = `const c = require("child_process").spawn(process.execPath, ["-e", ${JSON.stringify(HOLD(200, 600))}], { stdio: "inherit" }); c.on("exit", (s) => process.exit(s));`;
    const tree = await measure(process.execPath, ["-e", parent]);
    expect(tree.status).toBe(0);
    expect(tree.peakRssMiB).toBeGreaterThan(200);
  });

  it("passes on the exit status", async () => {
    expect((await measure(process.execPath, ["-e", "process.exit(3)"])).status).toBe(3);
  });
});
