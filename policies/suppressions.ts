import { z } from "zod";
import { Suppression } from "./evaluate";
import { fieldPath } from "../modules/validation";
import { InputError } from "./load";
import * as fs from "node:fs";

const suppressionsFile = z.strictObject({
  suppressions: z.array(
    z.strictObject({
      rule: z.string().min(1, "must name a rule id"),
      address: z.string().min(1, "must name a Terraform address"),
      stack: z.string().min(1).optional(),
      reason: z.string().trim().min(1, "must give a written reason"),
    }),
  ),
});

/** Reads a suppressions file: `{ "suppressions": [{ "rule", "address", "stack"?, "reason" }] }`. */
export function loadSuppressions(file: string): Suppression[] {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new InputError(`${file}: cannot be read as JSON (${(error as Error).message})`);
  }
  const parsed = suppressionsFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`${file}: ${fieldPath(issue.path) || "(root)"}: ${issue.message}`);
  }
  return parsed.data.suppressions;
}
