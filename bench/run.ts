// npm run bench: synth, the policy CLI and the live audit at 1 to 1,000 AWS
// accounts (and 10 to 1,000 IAM users), several runs each, medians printed as
// a table and written to bench/results.local.json (untracked; set
// BENCH_RESULTS=bench/results.json to update the published results). With
// BENCH_TESTS=1, also the pieces of `npm test`: the type-check, the unit suites and every suite.
import { AttachGroupPolicyCommand, CreateGroupCommand, CreateLoginProfileCommand, CreateUserCommand, AddUserToGroupCommand, TagUserCommand, IAMClient } from "@aws-sdk/client-iam";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { takeNoOptions } from "../cli/help";
import { iamClient } from "../testing/iam-client";
import { motoMissing, startMoto } from "../testing/moto";
import { measure, Measurement, median } from "./measure";

const ROOT = path.resolve(__dirname, "../..");
const dist = (file: string) => path.join(ROOT, "dist", file);
const RUNS = Number(process.env.BENCH_RUNS || 3);
const ACCOUNTS = [1, 10, 100, 1000];
const USERS = [10, 100, 1000];
const ALERT_ACCOUNTS = 1000;
/** The test suites take minutes: measured only when asked for, once each unless BENCH_TEST_RUNS says otherwise. */
const TESTS = process.env.BENCH_TESTS === "1";
const TEST_RUNS = Number(process.env.BENCH_TEST_RUNS || 1);
/** The unit suites, as `npm run test:unit` selects them: all but the Terraform and moto suites. */
const UNIT_ONLY = ["--testPathIgnorePatterns", "/__tests__/integration/"];
/** Where the results go: by default an untracked file, so a casual run leaves the checkout clean. */
const RESULTS = path.resolve(process.env.BENCH_RESULTS || path.join(ROOT, "bench", "results.local.json"));

interface Row {
  readonly name: string;
  readonly size: number;
  readonly wallMs: number;
  readonly peakRssMiB: number;
}

async function repeat(name: string, size: number, run: () => Promise<Measurement>, runs = RUNS): Promise<Row> {
  const results: Measurement[] = [];
  for (let i = 0; i < runs; i++) {
    const m = await run();
    if (m.status !== 0 && !(name.startsWith("policy CLI") && m.status === 1)) throw new Error(`${name} at ${size} exited ${m.status}`);
    results.push(m);
  }
  const row = { name, size, wallMs: median(results.map((r) => r.wallMs)), peakRssMiB: median(results.map((r) => r.peakRssMiB)) };
  process.stderr.write(`${name} @ ${size}: ${row.wallMs.toFixed(0)} ms, ${row.peakRssMiB.toFixed(0)} MiB\n`);
  return row;
}

/** Reads and JSON.parses every synthesized stack in one process: the floor for any checker. */
const BASELINE = `
const fs = require("fs"), path = require("path");
const stacks = path.join(process.argv[1], "stacks");
let n = 0;
for (const s of fs.readdirSync(stacks)) n += Object.keys(JSON.parse(fs.readFileSync(path.join(stacks, s, "cdk.tf.json"), "utf8"))).length;
if (n === 0) process.exit(3);
`;

async function accountRows(work: string): Promise<Row[]> {
  const rows: Row[] = [];
  rows.push(await repeat("policy CLI startup (--help)", 0, () => measure(process.execPath, [dist("bin/policy.js"), "--help"])));
  for (const n of ACCOUNTS) {
    const config = path.join(work, `accounts-${n}.json`);
    const accounts = Array.from({ length: n }, (_, i) => ({ name: `account-${i}`, id: String(100000000000 + i) }));
    fs.writeFileSync(config, JSON.stringify({ accounts }));
    const outdir = path.join(work, `out-${n}`, "cdktf.out");
    rows.push(await repeat("synth", n, () => measure(process.execPath, [dist("main.js")], { BREAK_GLASS_CONFIG: config, CDKTF_OUTDIR: outdir })));
    rows.push(await repeat("policy CLI", n, () => measure(process.execPath, [dist("bin/policy.js"), outdir, "--format", "json"])));
    rows.push(await repeat("read + JSON.parse baseline", n, () => measure(process.execPath, ["-e", BASELINE, outdir])));
  }
  // Alerts in every Region enabled by default: 17 provider aliases and about 40 more resources per account.
  const n = ALERT_ACCOUNTS;
  const config = path.join(work, `alerts-${n}.json`);
  const accounts = Array.from({ length: n }, (_, i) => ({ name: `account-${i}`, id: String(100000000000 + i) }));
  fs.writeFileSync(config, JSON.stringify({ accounts, alerts: { email: "security@example.com" } }));
  const outdir = path.join(work, `alerts-${n}`, "cdktf.out");
  rows.push(await repeat("synth, alerts in 17 Regions", n, () => measure(process.execPath, [dist("main.js")], { BREAK_GLASS_CONFIG: config, CDKTF_OUTDIR: outdir })));
  rows.push(await repeat("policy CLI, alerts in 17 Regions", n, () => measure(process.execPath, [dist("bin/policy.js"), outdir, "--format", "json"])));
  rows.push(await repeat("read + JSON.parse baseline, alerts in 17 Regions", n, () => measure(process.execPath, ["-e", BASELINE, outdir])));
  return rows;
}

/** An account as AWS's procedure leaves it, plus `others` ordinary users. */
async function populate(iam: IAMClient, others: number): Promise<void> {
  await iam.send(new CreateUserCommand({ UserName: "EmergencyAccess", Tags: [{ Key: "BreakGlass", Value: "emergency-access" }] }));
  await iam.send(new CreateLoginProfileCommand({ UserName: "EmergencyAccess", Password: "Bench-password-1234567890", PasswordResetRequired: false }));
  await iam.send(new CreateGroupCommand({ GroupName: "EmergencyAccessGroup" }));
  await iam.send(new AttachGroupPolicyCommand({ GroupName: "EmergencyAccessGroup", PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }));
  await iam.send(new AddUserToGroupCommand({ GroupName: "EmergencyAccessGroup", UserName: "EmergencyAccess" }));
  const names = Array.from({ length: others }, (_, i) => `user-${i}`);
  for (let i = 0; i < names.length; i += 20) {
    await Promise.all(
      names.slice(i, i + 20).map(async (name) => {
        await iam.send(new CreateUserCommand({ UserName: name }));
        await iam.send(new TagUserCommand({ UserName: name, Tags: [{ Key: "team", Value: "bench" }] }));
      }),
    );
  }
}

async function auditRows(): Promise<Row[]> {
  const missing = motoMissing();
  if (missing) {
    process.stderr.write(`skipping the audit: ${missing}\n`);
    return [];
  }
  const rows: Row[] = [];
  for (const n of USERS) {
    const moto = await startMoto();
    try {
      await populate(iamClient(moto.endpoint), n - 1);
      rows.push(await repeat("audit", n, () => measure(process.execPath, [dist("bin/audit.js"), "--format", "json"], moto.env)));
    } finally {
      await moto.stop();
    }
  }
  return rows;
}

/**
 * `npm test`'s pieces as CI runs them (integration suites required, so a
 * missing piece fails instead of skipping and looking fast): the type-check,
 * the unit suites (no Terraform, no moto) and every suite.
 */
async function testRows(): Promise<Row[]> {
  const env = { CI: "true", BREAK_GLASS_REQUIRE_INTEGRATION: "1", CHECKPOINT_DISABLE: "1" };
  const tsc = require.resolve("typescript/bin/tsc");
  const jest = require.resolve("jest/bin/jest");
  const typeCheck = `require("child_process").execFileSync(process.execPath, [${JSON.stringify(tsc)}, "-p", "."], { stdio: "ignore" }); require("child_process").execFileSync(process.execPath, [${JSON.stringify(tsc)}, "-p", "__tests__"], { stdio: "ignore" });`;
  return [
    await repeat("npm test: type-check (tsc -p . && tsc -p __tests__)", 0, () => measure(process.execPath, ["-e", typeCheck], env, ROOT), TEST_RUNS),
    await repeat("npm test: unit suites (jest, no Terraform or moto)", 0, () => measure(process.execPath, [jest, ...UNIT_ONLY], env, ROOT), TEST_RUNS),
    await repeat("npm test: every suite (jest)", 0, () => measure(process.execPath, [jest], env, ROOT), TEST_RUNS),
  ];
}

/**
 * Whether synth grows linearly: the cost of 1,000 accounts over the fixed cost
 * of one, against 999 times the marginal cost of an account (the slope from
 * 10 to 100 accounts). 1.0 is linear; the target is at most 1.2.
 */
function synthLinearity(rows: Row[]): { marginalMs: number; ratio: number; summary: string } {
  const t = (n: number) => rows.find((r) => r.name === "synth" && r.size === n)!.wallMs;
  const marginalMs = (t(100) - t(10)) / 90;
  const ratio = (t(1000) - t(1)) / (999 * marginalMs);
  return { marginalMs, ratio, summary: `synth: ${marginalMs.toFixed(1)} ms per account; 1,000 accounts cost ${ratio.toFixed(2)}x 999 times that over one account` };
}

function table(rows: Row[]): string {
  const lines = ["| measure | accounts / users | wall (median) | peak RSS (median) |", "| --- | ---: | ---: | ---: |"];
  for (const r of rows) lines.push(`| ${r.name} | ${r.size || "-"} | ${r.wallMs.toFixed(0)} ms | ${r.peakRssMiB.toFixed(0)} MiB |`);
  return lines.join("\n");
}

async function main(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "break-glass-bench-"));
  try {
    const rows = [...(await accountRows(work)), ...(await auditRows()), ...(TESTS ? await testRows() : [])];
    const linearity = synthLinearity(rows);
    const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, runs: RUNS };
    fs.writeFileSync(RESULTS, `${JSON.stringify({ machine, rows, linearity }, null, 2)}\n`);
    process.stdout.write(`${table(rows)}\n\n${linearity.summary}\n${RUNS} runs each on ${machine.cpus} × ${machine.cpu}, ${machine.memoryGiB} GiB, Node ${machine.node}; written to ${RESULTS}\n`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

takeNoOptions(
  "bench",
  "usage: npm run bench (synth, the policy CLI and the audit at 1 to 1,000 accounts; BENCH_RUNS runs each, default 3; results to BENCH_RESULTS, default bench/results.local.json)",
);

main().catch((error) => {
  process.stderr.write(`bench: ${(error as Error).message}\n`);
  process.exit(1);
});
