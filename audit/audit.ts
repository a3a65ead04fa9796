import { IAMClient } from "@aws-sdk/client-iam";
import { evaluateModel, EvaluateOptions, Result } from "../policies/evaluate";
import { breakGlassNames, isBreakGlassUser } from "../policies/iam";
import { readAccount, readUserCredentials, UserCredentials } from "./read-account";
import { accountLabelOf, toModel } from "./to-model";

/**
 * The live check: reads the account's IAM users, groups and policies and runs
 * the policy rules on them. Throws when the account cannot be read.
 */
export async function auditAccount(iam: IAMClient, options: EvaluateOptions = {}): Promise<{ account: string; result: Result }> {
  const snapshot = await readAccount(iam);
  const names = breakGlassNames(options);
  const breakGlass = snapshot.users.filter((u) =>
    isBreakGlassUser(u.UserName ?? "", Object.fromEntries((u.Tags ?? []).map((t) => [t.Key, t.Value])), names),
  );
  const credentials = new Map<string, UserCredentials>();
  await Promise.all(breakGlass.map(async (u) => credentials.set(u.UserName!, await readUserCredentials(iam, u.UserName!))));
  return { account: accountLabelOf(snapshot), result: evaluateModel(toModel(snapshot, credentials), options) };
}
