import { spawnSync } from "node:child_process";

// moto implements EventBridge's pattern matching (not TestEventPattern), so
// its matcher answers "does this pattern match this event" in one process for
// many pairs, without a server. Tooling only: the product never runs Python.
const SCRIPT = `
import json, sys
from moto.events.models import EventPattern
pairs = json.load(sys.stdin)
print(json.dumps([EventPattern.load(json.dumps(p)).matches_event(e) for p, e in pairs]))
`;

/** For each [pattern, event], whether EventBridge's rules (as moto implements them) would match. */
export function matchAll(pairs: Array<[object, object]>): boolean[] {
  const run = spawnSync(process.env.BREAK_GLASS_PYTHON || "python3", ["-c", SCRIPT], { input: JSON.stringify(pairs), encoding: "utf8" });
  if (run.status !== 0) throw new Error(`moto's pattern matcher failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}
