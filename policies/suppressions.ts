import { z } from "zod";
import { Suppression } from "./evaluate";
import { fieldPath } from "../modules/validation";
import { jsonSyntaxError } from "./json";
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
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new InputError(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file}: is not valid JSON (${jsonSyntaxError(error, text)})`);
  }
  const parsed = suppressionsFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`${file}: ${fieldPath(issue.path) || "(root)"}: ${issue.message}`);
  }
  return parsed.data.suppressions;
}
