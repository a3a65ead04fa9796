import { GetAccountPasswordPolicyCommand, IAMClient } from "@aws-sdk/client-iam";
import { AccountPasswordPolicy, passwordPolicyProblems } from "../policies";

/** The account password policy, or undefined when the account has none (IAM answers NoSuchEntity). */
export async function readPasswordPolicy(iam: IAMClient): Promise<AccountPasswordPolicy | undefined> {
  try {
    return (await iam.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy;
  } catch (error) {
    if ((error as Error).name === "NoSuchEntityException" || (error as Error).name === "NoSuchEntity") return undefined;
    throw error;
  }
}

/**
 * Before a deploy creates or rotates the login profile: refuses, with one line
 * per problem, when the generated password cannot satisfy the account password
 * policy. Otherwise AWS rejects CreateLoginProfile after the user and group exist.
 */
export async function refuseUnsatisfiablePasswordPolicy(iam: IAMClient, passwordLength: number): Promise<void> {
  const problems = passwordPolicyProblems(await readPasswordPolicy(iam), passwordLength);
  if (problems.length > 0) throw new Error(problems.map((p) => `refusing to deploy: ${p.message}`).join("\n"));
}
