import * as fs from "node:fs";
import * as path from "node:path";
import { AWS_PROVIDER_GENERATOR, IAM_SYMBOLS, passwordPolicyProblems } from "../policies/iam/password-policy";
import { refuseUnsatisfiablePasswordPolicy } from "../audit/password-policy-gate";
import { findProviderMirror } from "../testing/provider-mirror";

describe("passwordPolicyProblems", () => {
  describe("Compliance", () => {
    it.each([
      ["no password policy", undefined],
      ["an empty policy", {}],
      ["the CIS benchmark's policy", { MinimumPasswordLength: 14, RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true }],
      ["a minimum equal to the length", { MinimumPasswordLength: 32 }],
      ["expiry (judged by the drill, not here)", { ExpirePasswords: true, MaxPasswordAge: 1, HardExpiry: true }],
    ])("%s", (_, policy) => {
      expect(passwordPolicyProblems(policy, 32)).toEqual([]);
    });
  });

  describe("Noncompliance", () => {
    it("a minimum longer than passwordLength names the rule and the prop to change", () => {
      expect(passwordPolicyProblems({ MinimumPasswordLength: 64 }, 32)).toEqual([
        {
          rule: "MinimumPasswordLength",
          message: "the account password policy's MinimumPasswordLength is 64, but passwordLength is 32: set passwordLength to at least 64",
        },
      ]);
    });

    it.each([
      ["RequireSymbols", { symbols: "" }],
      ["RequireSymbols", { symbols: "~" }],
      ["RequireNumbers", { numbers: "" }],
      ["RequireUppercaseCharacters", { uppercase: "" }],
      ["RequireLowercaseCharacters", { lowercase: "" }],
    ])("%s with a generator that does not guarantee it (%j)", (rule, change) => {
      const generator = { name: "a weaker generator", guaranteed: { ...AWS_PROVIDER_GENERATOR.guaranteed, ...change } };
      const problems = passwordPolicyProblems({ [rule]: true }, 32, generator);
      expect(problems).toHaveLength(1);
      expect(problems[0].rule).toBe(rule);
      expect(problems[0].message).toContain(`${rule} asks for`);
      expect(problems[0].message).toContain("a weaker generator does not guarantee");
    });
  });

  it("the provider's symbols are all symbols IAM counts", () => {
    for (const c of AWS_PROVIDER_GENERATOR.guaranteed.symbols) expect(IAM_SYMBOLS).toContain(c);
  });

  // The generator's character sets as the provider binary holds them: one string, in this order.
  const mirror = findProviderMirror();
  const binary = mirror && findFile(mirror, /^terraform-provider-aws_v5\.100\.0/);
  (binary ? it : it.skip)("matches the character sets in the AWS provider 5.100.0 binary", () => {
    const g = AWS_PROVIDER_GENERATOR.guaranteed;
    const charset = Buffer.from(g.lowercase + g.uppercase + g.numbers + g.symbols);
    expect(fs.readFileSync(binary!).includes(charset)).toBe(true);
  });
});

function findFile(dir: string, name: RegExp): string | undefined {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const found = findFile(full, name);
      if (found) return found;
    } else if (name.test(entry.name)) return full;
  }
  return undefined;
}

describe("refuseUnsatisfiablePasswordPolicy, before deploy:local applies", () => {
  /** An IAM client whose GetAccountPasswordPolicy answers `answer` (or throws it). */
  const iam = (answer: object | Error) => ({ send: async () => (answer instanceof Error ? Promise.reject(answer) : answer) }) as never;
  const named = (name: string) => Object.assign(new Error(name), { name });

  it("refuses a policy the configured length cannot meet, one line per problem, naming the rule and the prop", async () => {
    await expect(refuseUnsatisfiablePasswordPolicy(iam({ PasswordPolicy: { MinimumPasswordLength: 64 } }), 32)).rejects.toThrow(
      /^refusing to deploy: the account password policy's MinimumPasswordLength is 64, but passwordLength is 32: set passwordLength to at least 64$/,
    );
  });

  it("lets an account without a password policy through", async () => {
    await expect(refuseUnsatisfiablePasswordPolicy(iam(named("NoSuchEntityException")), 32)).resolves.toBeUndefined();
  });

  it("does not take access denied for no policy", async () => {
    await expect(refuseUnsatisfiablePasswordPolicy(iam(named("AccessDeniedException")), 32)).rejects.toThrow("AccessDeniedException");
  });
});
