// Can the password the AWS provider generates satisfy the account's password
// policy? A pure function: AWS rejects CreateLoginProfile with
// PasswordPolicyViolation when it cannot, after the user and group exist
// (moto does not enforce password policies, so only this check catches it there).

/** The account password policy as GetAccountPasswordPolicy returns it; absent fields are not enforced. */
export interface AccountPasswordPolicy {
  readonly MinimumPasswordLength?: number;
  readonly RequireSymbols?: boolean;
  readonly RequireNumbers?: boolean;
  readonly RequireUppercaseCharacters?: boolean;
  readonly RequireLowercaseCharacters?: boolean;
  readonly ExpirePasswords?: boolean;
  readonly MaxPasswordAge?: number;
  readonly HardExpiry?: boolean;
}

/** What a password generator guarantees about every password it makes. */
export interface PasswordGenerator {
  readonly name: string;
  /** Characters of each class the generator draws from, with at least one of each in every password. */
  readonly guaranteed: { readonly lowercase: string; readonly uppercase: string; readonly numbers: string; readonly symbols: string };
}

/**
 * The symbols IAM counts for RequireSymbols (IAM User Guide, "Set an account
 * password policy for IAM users"): ! @ # $ % ^ & * ( ) _ + - = [ ] { } | '
 */
export const IAM_SYMBOLS = "!@#$%^&*()_+-=[]{}|'";

/**
 * aws_iam_user_login_profile in the AWS provider 5.100.0 generates the
 * password itself (GeneratePassword in internal/service/iam/user_login_profile.go):
 * it draws from these four sets and rejects any password that lacks one of
 * them, "matching the most restrictive iam password policy". The sets are in
 * the provider binary as one string, checked by the tests.
 */
export const AWS_PROVIDER_GENERATOR: PasswordGenerator = {
  name: "the AWS provider's password generator",
  guaranteed: {
    lowercase: "abcdefghijklmnopqrstuvwxyz",
    uppercase: "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    numbers: "0123456789",
    symbols: "!@#$%^&*()_+-=[]{}|'",
  },
};

export interface PasswordPolicyProblem {
  /** The policy's rule, as GetAccountPasswordPolicy names it. */
  readonly rule: keyof AccountPasswordPolicy;
  /** One sentence: what the policy asks, what the configuration gives, which prop to change. */
  readonly message: string;
}

/** Problems that make CreateLoginProfile fail for a generated password of `passwordLength`; empty when it will pass. */
export function passwordPolicyProblems(
  policy: AccountPasswordPolicy | undefined,
  passwordLength: number,
  generator: PasswordGenerator = AWS_PROVIDER_GENERATOR,
): PasswordPolicyProblem[] {
  if (!policy) return [];
  const problems: PasswordPolicyProblem[] = [];
  const minimum = policy.MinimumPasswordLength;
  if (typeof minimum === "number" && passwordLength < minimum) {
    problems.push({
      rule: "MinimumPasswordLength",
      message: `the account password policy's MinimumPasswordLength is ${minimum}, but passwordLength is ${passwordLength}: set passwordLength to at least ${minimum}`,
    });
  }
  const classes: Array<[keyof AccountPasswordPolicy, keyof PasswordGenerator["guaranteed"], string]> = [
    ["RequireLowercaseCharacters", "lowercase", "a lowercase letter"],
    ["RequireUppercaseCharacters", "uppercase", "an uppercase letter"],
    ["RequireNumbers", "numbers", "a number"],
    ["RequireSymbols", "symbols", "one of IAM's symbols"],
  ];
  for (const [rule, set, what] of classes) {
    if (policy[rule] !== true) continue;
    const chars = generator.guaranteed[set];
    const counts = rule === "RequireSymbols" ? chars.length > 0 && [...chars].every((c) => IAM_SYMBOLS.includes(c)) : chars.length > 0;
    if (!counts) {
      problems.push({ rule, message: `the account password policy's ${rule} asks for ${what}, which ${generator.name} does not guarantee: relax ${rule} in the account password policy` });
    }
  }
  // Four classes need four characters; the provider's own floor is 5 and this project's 14, so this only guards a custom generator.
  const required = classes.filter(([rule]) => policy[rule] === true).length;
  if (passwordLength < required) {
    problems.push({ rule: "MinimumPasswordLength", message: `the account password policy requires ${required} character classes, more than passwordLength ${passwordLength} can hold: raise passwordLength` });
  }
  return problems;
}
