import * as fs from "node:fs";
import * as path from "node:path";
import { ROOT } from "./helpers/run";

// cdktf is archived upstream; CDK Terrain continues it under other package
// names. Code that keeps to cdktf's package root moves by renaming imports;
// code that reaches into cdktf/lib/... depends on files a fork may move.
describe("imports of cdktf", () => {
  const sources = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const file = path.join(dir, e.name);
      if (e.isDirectory()) return ["node_modules", "dist", "cdktf.out", ".git"].includes(e.name) || e.name.startsWith(".") ? [] : sources(file);
      return /\.ts$/.test(e.name) && !e.name.endsWith(".d.ts") ? [file] : [];
    });

  it("use only the package root, never its internals", () => {
    const files = sources(ROOT);
    expect(files.length).toBeGreaterThan(50);
    const deep = files.flatMap((file) =>
      fs
        .readFileSync(file, "utf8")
        .split("\n")
        .filter((line) => /(from\s+|require\(|import\()\s*["']cdktf\//.test(line))
        .map((line) => `${path.relative(ROOT, file)}: ${line.trim()}`),
    );
    expect(deep).toEqual([]);
  });
});
