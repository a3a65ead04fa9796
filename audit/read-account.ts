import {
  GetLoginProfileCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  IAMClient,
  paginateGetAccountAuthorizationDetails,
  paginateListAccessKeys,
} from "@aws-sdk/client-iam";
import { AccountSnapshot, unknownAwsManagedPolicyArns, UserCredentials } from "../policies";

/**
 * Reads users, groups, roles and customer managed policies with
 * GetAccountAuthorizationDetails, which returns every inline and managed
 * policy document with them: each document is read once, and the four kinds
 * are paged through concurrently. AWS managed policies come from the bundled
 * data; an attached one the data does not know is read from the account, once.
 */
export async function readAccount(iam: IAMClient): Promise<AccountSnapshot> {
  const all = async <T>(filter: "User" | "Group" | "Role" | "LocalManagedPolicy", pick: (page: any) => T[] | undefined): Promise<T[]> => {
    const items: T[] = [];
    for await (const page of paginateGetAccountAuthorizationDetails({ client: iam }, { Filter: [filter] })) {
      items.push(...(pick(page) ?? []));
    }
    return items;
  };
  const [users, groups, roles, policies] = await Promise.all([
    all("User", (p) => p.UserDetailList),
    all("Group", (p) => p.GroupDetailList),
    all("Role", (p) => p.RoleDetailList),
    all("LocalManagedPolicy", (p) => p.Policies),
  ]);
  const snapshot: AccountSnapshot = { users, groups, roles, policies } as AccountSnapshot;
  const awsManagedDocuments = new Map<string, string>();
  await Promise.all(
    unknownAwsManagedPolicyArns(snapshot).map(async (arn) => {
      const document = await readDefaultVersion(iam, arn);
      if (document !== undefined) awsManagedDocuments.set(arn, document);
    }),
  );
  return { ...snapshot, awsManagedDocuments };
}

/** A managed policy's default version document, or undefined when it cannot be read (the checks then fail closed). */
async function readDefaultVersion(iam: IAMClient, arn: string): Promise<string | undefined> {
  try {
    const policy = await iam.send(new GetPolicyCommand({ PolicyArn: arn }));
    const versionId = policy.Policy?.DefaultVersionId;
    if (!versionId) return undefined;
    const version = await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: versionId }));
    return version.PolicyVersion?.Document;
  } catch {
    return undefined;
  }
}

/** A user's console login profile and access keys: asked only for the break-glass user. */
export async function readUserCredentials(iam: IAMClient, userName: string): Promise<UserCredentials> {
  const [loginProfile, accessKeyIds] = await Promise.all([
    iam.send(new GetLoginProfileCommand({ UserName: userName })).then(
      (r) => ({ passwordResetRequired: r.LoginProfile?.PasswordResetRequired ?? false }),
      (error: { name?: string }) => {
        if (error.name === "NoSuchEntityException" || error.name === "NoSuchEntity") return undefined;
        throw error;
      },
    ),
    (async () => {
      const ids: string[] = [];
      for await (const page of paginateListAccessKeys({ client: iam }, { UserName: userName })) {
        ids.push(...(page.AccessKeyMetadata ?? []).map((k) => k.AccessKeyId ?? "?"));
      }
      return ids;
    })(),
  ]);
  return { loginProfile, accessKeyIds };
}
