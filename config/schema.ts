import { z } from "zod";
import { breakGlassUserPropsSchema } from "../modules/break-glass-user-props";
import * as validation from "../modules/validation";

// break-glass.config.json: the construct's props, for every account (the
// construct's own schema, extended), and the accounts, the Region and the
// state backend. Unknown keys are errors, so a typo never passes silently.

const accountName = z
  .string()
  .regex(/^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/, "must be 1-40 lowercase letters, digits and inner hyphens (it names the stack break-glass-<name>)");

const account = z.strictObject({
  name: accountName,
  id: validation.accountId,
  roleArn: validation.roleArn.optional(),
  region: validation.region.optional(),
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
    region: validation.region,
    kmsKeyId: z.string().min(1).optional(),
    dynamodbTable: z.string().min(1).optional(),
  }),
]);

export const configSchema = breakGlassUserPropsSchema
  .safeExtend({
    $schema: z.string().optional(),
    /** Region for accounts that name none. */
    region: validation.region.optional(),
    accounts: z.array(account).min(1, "must list at least one account"),
    backend: backend.default({ type: "local" }),
  })
  .superRefine((config, ctx) => {
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
