import {
  GetLoginProfileCommand,
  GroupDetail,
  IAMClient,
  ManagedPolicyDetail,
  paginateGetAccountAuthorizationDetails,
  paginateListAccessKeys,
  UserDetail,
} from "@aws-sdk/client-iam";

/** Everything the audit needs to know about one account's IAM users, read once. */
export interface AccountSnapshot {
  readonly users: UserDetail[];
  readonly groups: GroupDetail[];
  /** Customer managed policies, each with its versions' documents. */
  readonly policies: ManagedPolicyDetail[];
}

export interface UserCredentials {
  /** PasswordResetRequired of the login profile, or undefined when the user has none. */
  readonly loginProfile?: { passwordResetRequired: boolean };
  readonly accessKeyIds: string[];
}

/**
 * Reads users, groups and customer managed policies with
 * GetAccountAuthorizationDetails, which returns every inline and managed
 * policy document with them: each document is read once, and the three kinds
 * are paged through concurrently. AWS managed policies are not read: only
 * AdministratorAccess among them grants everything, and it is known by its ARN.
 */
export async function readAccount(iam: IAMClient): Promise<AccountSnapshot> {
  const all = async <T>(filter: "User" | "Group" | "LocalManagedPolicy", pick: (page: any) => T[] | undefined): Promise<T[]> => {
    const items: T[] = [];
    for await (const page of paginateGetAccountAuthorizationDetails({ client: iam }, { Filter: [filter] })) {
      items.push(...(pick(page) ?? []));
    }
    return items;
  };
  const [users, groups, policies] = await Promise.all([
    all("User", (p) => p.UserDetailList),
    all("Group", (p) => p.GroupDetailList),
    all("LocalManagedPolicy", (p) => p.Policies),
  ]);
  return { users: users as UserDetail[], groups: groups as GroupDetail[], policies: policies as ManagedPolicyDetail[] };
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
