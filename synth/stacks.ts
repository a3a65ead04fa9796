import { App } from "cdktf";
import { AccountConfig, Config, workspaceName } from "../config/schema";
import { BreakGlassStack, DEFAULT_REGION, DEFAULT_STACK_NAME, StateBackend } from "../modules";

/**
 * The stacks the app builds. With no config: one stack, `break-glass`, on the
 * default AWS credentials in AWS_REGION (else us-east-1). With a config: one
 * stack per account, `break-glass-<name>`, pinned to that account.
 */
export function defineStacks(app: App, config: Config | undefined, env: NodeJS.ProcessEnv = process.env): BreakGlassStack[] {
  if (!config) {
    return [new BreakGlassStack(app, DEFAULT_STACK_NAME, { region: env.AWS_REGION || DEFAULT_REGION })];
  }
  // Everything but the accounts, their default Region and the backend is the construct's props, already checked by its schema.
  const { $schema, accounts, region, backend, ...user } = config;
  return accounts.map((account) => {
    const id = `${DEFAULT_STACK_NAME}-${account.name}`;
    return new BreakGlassStack(app, id, {
      accountId: account.id,
      roleArn: account.roleArn,
      region: account.region ?? region ?? DEFAULT_REGION,
      backend: backendFor(config, account, id),
      user,
    });
  });
}

function backendFor(config: Config, account: AccountConfig, stack: string): StateBackend {
  const backend = config.backend;
  switch (backend.type) {
    case "local":
      return backend;
    case "cloud":
      return {
        type: "cloud",
        organization: backend.organization,
        hostname: backend.hostname,
        workspace: workspaceName(backend.workspacePrefix, account),
      };
    case "s3":
      return { type: "s3", bucket: backend.bucket, key: `${backend.keyPrefix}${stack}.tfstate`, region: backend.region, kmsKeyId: backend.kmsKeyId, dynamodbTable: backend.dynamodbTable };
  }
}
