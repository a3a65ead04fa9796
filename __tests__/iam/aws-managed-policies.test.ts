import * as fs from "node:fs";
import * as path from "node:path";
import { awsManagedPolicy, awsManagedPolicyByName } from "../../policies/iam/aws-managed-policies";

// The data file is searched, not read whole: every policy in it must be found,
// with its own line, and every name that is not in it must not be.

const FILE = path.resolve(__dirname, "../../policies/iam/data/aws-managed-policies.jsonl");
const records = fs
  .readFileSync(FILE, "utf8")
  .split("\n")
  .slice(1)
  .filter(Boolean)
  .map((line) => JSON.parse(line) as { name: string; path: string; version: string; document: unknown });

describe("AWS managed policies by name", () => {
  it("holds the policies sorted by name, as the search needs", () => {
    const names = records.map((r) => r.name);
    expect(names.length).toBeGreaterThan(1000);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(new Set(names).size).toBe(names.length);
  });

  it("finds every policy, with its own path, version and document", () => {
    for (const record of records) expect(awsManagedPolicyByName(record.name)).toEqual(record);
  });

  it("finds no policy for a name that is not in the data, before, between and after the names it holds", () => {
    const names = new Set(records.map((r) => r.name));
    const near = records.flatMap((r) => [`${r.name}X`, r.name.slice(0, -1)]);
    const missing = ["", "A", "AAAA", "0", "zzzz", "~", '"', "\\", "AdministratorAccess\n", ...near].filter((n) => !names.has(n));
    expect(missing.length).toBeGreaterThan(2000);
    for (const name of missing) expect(awsManagedPolicyByName(name)).toBeUndefined();
  });

  it("reads AdministratorAccess by ARN in any partition, and no policy on another path", () => {
    expect(awsManagedPolicy("arn:aws:iam::aws:policy/AdministratorAccess")?.document).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
    });
    expect(awsManagedPolicy("arn:aws-us-gov:iam::aws:policy/AdministratorAccess")?.name).toBe("AdministratorAccess");
    expect(awsManagedPolicy("arn:aws:iam::aws:policy/job-function/AdministratorAccess")).toBeUndefined();
  });
});
