import { z } from "zod";
import * as rules from "../modules/rules";

// break-glass.config.json: the accounts that get a break-glass user, and the
// construct's options for all of them. Checked by the same IAM rules as the
// construct's props; unknown keys are errors, so a typo never passes silently.

const accountName = z
  .string()
  .regex(/^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/, "must be 1-40 lowercase letters, digits and inner hyphens (it names the stack break-glass-<name>)");

const account = z.strictObject({
  name: accountName,
  id: rules.accountId,
  roleArn: rules.roleArn.optional(),
  region: rules.region.optional(),
  /** Terraform Cloud workspace for this account's stack, instead of <workspacePrefix><name>. */
  workspace: z.string().regex(/^[\w-]{1,90}$/, "must be 1-90 letters, digits, - and _").optional(),
});

const backend = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("local") }),
  z.strictObject({
    type: z.literal("cloud"),
    organization: z.string().min(1, "must name the Terraform Cloud organization"),
    hostname: z.string().min(1).optional(),
    workspacePrefix: z.string().regex(/^[\w-]{0,80}$/, "must be at most 80 letters, digits, - and _").default("break-glass-"),
  }),
  z.strictObject({
    type: z.literal("s3"),
    bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be an S3 bucket name"),
    keyPrefix: z.string().default("break-glass/"),
    region: rules.region,
    kmsKeyId: z.string().min(1).optional(),
    dynamodbTable: z.string().min(1).optional(),
  }),
]);

export const configSchema = z
  .strictObject({
    $schema: z.string().optional(),
    userName: z.string().optional(),
    groupName: rules.groupName.optional(),
    path: rules.iamPath.optional(),
    tags: rules.tags.optional(),
    passwordLength: rules.passwordLength.optional(),
    randomSuffix: z.boolean().optional(),
    passwordRotationToken: rules.passwordRotationToken.optional(),
    requireMfa: z.boolean().optional(),
    pgpKey: rules.pgpKey.optional(),
    protect: z.boolean().optional(),
    alerts: rules.alerts.optional(),
    /** Region for accounts that name none. */
    region: rules.region.optional(),
    accounts: z.array(account).min(1, "must list at least one account"),
    backend: backend.default({ type: "local" }),
  })
  .superRefine((config, ctx) => {
    const name = config.userName;
    if (name !== undefined) {
      const check = (config.randomSuffix ? rules.userNameWithSuffix : rules.userName).safeParse(name);
      if (!check.success) ctx.addIssue({ code: "custom", path: ["userName"], message: check.error.issues[0].message });
    }
    config.accounts.forEach((a, i) => {
      // A role in another account would deploy this account's user there, where allowed_account_ids then refuses it.
      const roleAccount = a.roleArn?.split(":")[4];
      if (roleAccount && roleAccount !== a.id) {
        ctx.addIssue({ code: "custom", path: ["accounts", i, "roleArn"], message: `is in account ${roleAccount}, not this account's id ${a.id}` });
      }
      if (a.workspace !== undefined && config.backend.type !== "cloud") {
        ctx.addIssue({ code: "custom", path: ["accounts", i, "workspace"], message: `only the cloud backend has workspaces; the ${config.backend.type} backend keeps one state per stack` });
      }
    });
    if (config.backend.type === "cloud") {
      // Two stacks in one workspace would share one state: each apply would drop the other account's user and password.
      const prefix = config.backend.workspacePrefix;
      const seen = new Map<string, number>();
      config.accounts.forEach((a, i) => {
        const workspace = workspaceName(prefix, a);
        const first = seen.get(workspace);
        if (first === undefined) seen.set(workspace, i);
        // Two accounts of one name are reported as that already.
        else if (a.workspace !== undefined || config.accounts[first].name !== a.name)
          ctx.addIssue({ code: "custom", path: ["accounts", i, a.workspace === undefined ? "name" : "workspace"], message: `gives the Terraform Cloud workspace ${workspace}, which accounts[${first}] uses too` });
      });
    }
    for (const key of ["id", "name"] as const) {
      const seen = new Map<string, number>();
      config.accounts.forEach((a, i) => {
        const first = seen.get(a[key]);
        if (first === undefined) seen.set(a[key], i);
        else ctx.addIssue({ code: "custom", path: ["accounts", i, key], message: `duplicates accounts[${first}].${key}` });
      });
    }
  });

export type Config = z.infer<typeof configSchema>;
export type AccountConfig = Config["accounts"][number];

/** The Terraform Cloud workspace of an account's stack: its own, else <workspacePrefix><name>. */
export function workspaceName(prefix: string, account: { readonly name: string; readonly workspace?: string }): string {
  return account.workspace ?? `${prefix}${account.name}`;
}
