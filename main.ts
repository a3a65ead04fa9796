#!/usr/bin/env node
// The cdktf app. `npm run synth` runs it directly; `cdktf synth` and
// `cdktf deploy` run it through cdktf.json.
import { defineStacks } from "./app/stacks";
import { synthesize } from "./app/synth";
import { fail } from "./app/fail";

try {
  synthesize((app) => defineStacks(app));
} catch (error) {
  fail("break-glass synth", error);
}
