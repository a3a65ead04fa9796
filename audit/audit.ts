import { IAMClient } from "@aws-sdk/client-iam";
import { accountFromSnapshot, breakGlassNames, evaluateAccounts, EvaluateOptions, isBreakGlassUser, Result, UserCredentials } from "../policies";
import { readAccount, readUserCredentials } from "./read-account";

/**
 * The live check: reads the account's IAM users, groups, roles and policies,
 * builds the same IAM picture the Terraform checks build, and runs the same
 * rules on it. Throws when the account cannot be read.
 */
export async function auditAccount(iam: IAMClient, options: EvaluateOptions = {}): Promise<{ account: string; result: Result }> {
  const snapshot = await readAccount(iam);
  const names = breakGlassNames(options);
  const breakGlass = snapshot.users.filter((u) =>
    isBreakGlassUser(u.UserName ?? "", Object.fromEntries((u.Tags ?? []).map((t) => [t.Key, t.Value])), names),
  );
  const credentials = new Map<string, UserCredentials>();
  await Promise.all(breakGlass.map(async (u) => credentials.set(u.UserName!, await readUserCredentials(iam, u.UserName!))));
  const account = accountFromSnapshot(snapshot, credentials, names);
  return { account: account.stack, result: evaluateAccounts({ resources: [], outputs: [], unreadable: [] }, [account], options) };
}
