import "@microsoft/jest-sarif";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { CASES } from "../fixtures/cases";
import { casePlanFiles } from "../helpers/cases";
import { runNode, tempDir } from "../helpers/run";
import { RULES } from "../../policies/rules";

const planOf = (name: string) => casePlanFiles(CASES.find((c) => c.name === name)!);

/** Parses XML with Python's standard library: a well-formedness check and a count of elements. */
function xmlCounts(text: string): Record<string, number> {
  const run = spawnSync(
    "python3",
    ["-c", "import sys, json, xml.etree.ElementTree as E; r = E.fromstring(sys.stdin.read()); print(json.dumps({t: len(r.findall('.//' + t)) for t in ['testsuite', 'testcase', 'failure', 'system-out']}))"],
    { input: text, encoding: "utf8" },
  );
  if (run.status !== 0) throw new Error(`not well-formed XML: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

describe("reports CI systems read", () => {
  const dir = tempDir();

  it("writes SARIF 2.1.0 that validates against the schema, one result per finding", () => {
    const [plan] = planOf("user-policy-attachment");
    const run = runNode("bin/policy.js", [plan, "--format", "sarif"]);
    expect(run.status).toBe(1);
    const log = JSON.parse(run.stdout);
    expect(log).toBeValidSarifLog();
    expect(log.version).toBe("2.1.0");
    const [sarifRun] = log.runs;
    expect(sarifRun.tool.driver.name).toBe("break-glass-policy");
    expect(sarifRun.tool.driver.rules.map((r: { id: string }) => r.id)).toContain("one-admin-user");
    const denied = sarifRun.results.find((r: { ruleId: string }) => r.ruleId === "one-admin-user");
    expect(denied).toMatchObject({
      level: "error",
      message: { text: expect.stringContaining("Mallory") },
      locations: [{ physicalLocation: { artifactLocation: { uri: path.relative(require("node:os").tmpdir(), plan) } }, logicalLocations: [{ fullyQualifiedName: "main/aws_iam_user.mallory" }] }],
    });
    expect(sarifRun.tool.driver.rules[denied.ruleIndex].id).toBe("one-admin-user");
    expect(sarifRun.results.find((r: { ruleId: string }) => r.ruleId === "break-glass-mfa").level).toBe("warning");
    // The schema check itself can fail.
    expect({ ...log, runs: [{ results: [] }] }).not.toBeValidSarifLog();
  });

  it("marks suppressed findings as suppressed in SARIF", () => {
    const c = CASES.find((c) => c.name === "suppressed")!;
    const file = path.join(dir, "suppressions.json");
    fs.writeFileSync(file, JSON.stringify({ suppressions: c.suppressions }));
    const run = runNode("bin/policy.js", [...casePlanFiles(c), "--format", "sarif", "--suppressions", file]);
    expect(run.status).toBe(0);
    const log = JSON.parse(run.stdout);
    expect(log).toBeValidSarifLog();
    expect(log.runs[0].results.find((r: { ruleId: string }) => r.ruleId === "one-admin-user").suppressions).toEqual([
      { kind: "external", justification: "migration user, removed in the next release" },
    ]);
  });

  it("writes JUnit XML with a test case per rule and stack, failing where a rule denies", () => {
    const plans = planOf("two-stacks-one-account");
    const run = runNode("bin/policy.js", [...plans, "--format", "junit"]);
    expect(run.status).toBe(1);
    expect(xmlCounts(run.stdout)).toEqual({ testsuite: 1, testcase: 2 * RULES.length, failure: 2, "system-out": 2 });
    expect(run.stdout).toMatch(/<testcase classname="second" name="one-admin-user: [^"]+">\n\s+<failure type="one-admin-user" message="IAM user EmergencyAccess/);
  });

  it("writes passing JUnit for a clean stack", () => {
    const run = runNode("bin/policy.js", [...planOf("mfa-enforced"), "--format", "junit"]);
    expect(run.status).toBe(0);
    expect(xmlCounts(run.stdout)).toEqual({ testsuite: 1, testcase: RULES.length, failure: 0, "system-out": 0 });
  });
});
