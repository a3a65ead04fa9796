// Jest matchers over a stack's synthesized JSON (the string Testing.synth returns).
// Register them in a Jest setup file: `expect.extend(breakGlassMatchers)`.
import { evaluate, EvaluateOptions, findingLine, isFailing, Violation } from "./evaluate";
import { accountsOf, administrators, describeUser } from "./iam";
import { normalize } from "./normalize";
import { TerraformDocument } from "./model";

interface MatcherResult {
  pass: boolean;
  message: () => string;
}

function documentOf(received: unknown): TerraformDocument {
  return { stack: "stack", json: typeof received === "string" ? safeParse(received) : received };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function list(violations: Violation[]): string {
  return violations.map((v) => `  ${v.severity} ${findingLine(v)}`).join("\n") || "  (none)";
}

export const breakGlassMatchers = {
  /** No unsuppressed deny from the break-glass policy pack. */
  toPassPolicies(received: unknown, options: EvaluateOptions = {}): MatcherResult {
    const result = evaluate(documentOf(received), options);
    const denies = result.violations.filter(isFailing);
    return {
      pass: result.passed,
      message: () =>
        result.passed
          ? `expected a policy deny, but none was found; findings:\n${list(result.violations)}`
          : `expected no policy deny, found:\n${list(denies)}`,
    };
  },

  /** Exactly one IAM user with administrator access, and it is the break-glass user. */
  toHaveExactlyOneAdminUser(received: unknown): MatcherResult {
    const admins = accountsOf(normalize([documentOf(received)])).flatMap((account) => administrators(account).map((a) => a.user));
    const pass = admins.length === 1 && admins[0].breakGlass;
    const found = admins.map((u) => `${describeUser(u)}${u.breakGlass ? " [break-glass]" : ""}`).join(", ") || "none";
    return {
      pass,
      message: () =>
        pass
          ? `expected other than exactly one admin user, found ${found}`
          : `expected exactly one admin user, the break-glass user; found ${found}`,
    };
  },

  /** The number of resources of a type: `toHaveResourceCount(IamUser, 1)`. */
  toHaveResourceCount(received: unknown, resource: { tfResourceType: string }, expected: number): MatcherResult {
    const model = normalize([documentOf(received)]);
    const count = model.resources.filter((r) => r.mode === "managed" && r.type === resource.tfResourceType).length;
    return {
      pass: count === expected,
      message: () => `expected ${expected} ${resource.tfResourceType} resource(s)${count === expected ? " not" : ""}, found ${count}`,
    };
  },
};

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toPassPolicies(options?: EvaluateOptions): R;
      toHaveExactlyOneAdminUser(): R;
      toHaveResourceCount(resource: { tfResourceType: string }, expected: number): R;
    }
  }
}
