import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { CloudBackend, LocalBackend, NamedCloudWorkspace, S3Backend, TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { AccountPin } from "./account-pin";
import { alertRegions, alertsRegionProviders } from "./alerts";
import { BreakGlassUser, BreakGlassUserProps } from "./break-glass-user";
import { DEFAULT_REGION } from "./defaults";
import * as validation from "./validation";

/** Where a stack keeps its state, which holds the console password. */
export type StateBackend =
  | { readonly type: "local" }
  | {
      /** Terraform Cloud / HCP Terraform, CLI-driven workspace. */
      readonly type: "cloud";
      readonly organization: string;
      readonly workspace: string;
      /** @default app.terraform.io */
      readonly hostname?: string;
    }
  | {
      /** An S3 bucket, always encrypted, locked with a lock file (or DynamoDB, when a table is named). */
      readonly type: "s3";
      readonly bucket: string;
      readonly key: string;
      readonly region: string;
      readonly kmsKeyId?: string;
      readonly dynamodbTable?: string;
    };

export interface BreakGlassStackProps {
  /**
   * AWS region of the provider. IAM is global; the region only picks the endpoint.
   * @default "us-east-1"
   */
  readonly region?: string;

  /**
   * Regions to keep an AWS provider for although no alert is there now.
   * Terraform needs a resource's provider to destroy it: when alerts are
   * turned off or a Region is taken out of `alerts.regions`, list the Regions
   * they leave here until one apply has removed their rules.
   * @default - only the Regions the alerts watch
   */
  readonly keepProviderRegions?: string[];

  /**
   * The 12-digit AWS account this stack may apply to. Terraform refuses to
   * apply with credentials for any other account (`allowed_account_ids`).
   * @default - the account of the first apply: the stack records it in state and
   * every later plan with another account's credentials fails, naming both
   */
  readonly accountId?: string;

  /**
   * A role to assume in the target account, e.g. OrganizationAccountAccessRole.
   * @default - use the credentials as they are
   */
  readonly roleArn?: string;

  /**
   * Where state is kept.
   * @default - local: terraform.<stack>.tfstate beside cdktf.json
   */
  readonly backend?: StateBackend;

  /**
   * The break-glass user's settings.
   * @default - AWS's procedure as written: EmergencyAccess in EmergencyAccessGroup
   */
  readonly user?: BreakGlassUserProps;
}

/** One AWS account's break-glass user, its provider, and the outputs the credentials file is made from. */
export class BreakGlassStack extends TerraformStack {
  readonly breakGlassUser: BreakGlassUser;

  /**
   * @param scope the cdktf App
   * @param id the stack's id: it names the folder under cdktf.out/stacks/ and the local state file
   */
  constructor(scope: Construct, id: string, props: BreakGlassStackProps = {}) {
    super(scope, id);
    const accountId = validation.checkProp("accountId", validation.accountId.optional(), props.accountId);
    const roleArn = validation.checkProp("roleArn", validation.roleArn.optional(), props.roleArn);

    const region = validation.checkProp("region", validation.region, props.region ?? DEFAULT_REGION);

    const account = { allowedAccountIds: accountId ? [accountId] : undefined, assumeRole: roleArn ? [{ roleArn }] : undefined };
    const provider = new AwsProvider(this, "aws", { region, ...account });
    // A provider alias in every Region the alerts watch, pinned to the same account.
    const alerts = props.user?.alerts;
    const watched = alerts ? alertRegions(alerts.regions, region) : [];
    const providers = alertsRegionProviders(this, [...new Set([...watched, ...(props.keepProviderRegions ?? [])])], account, { region, provider });
    const alertsProviders = alerts ? Object.fromEntries(watched.map((r) => [r, providers[r]])) : undefined;

    useBackend(this, id, props.backend ?? { type: "local" });

    const user = new BreakGlassUser(this, "emergency_access", { alertsProviders, ...props.user });
    this.breakGlassUser = user;
    if (!accountId) new AccountPin(this, "account_pin");

    new TerraformOutput(this, "user_name", { value: user.userName, description: "IAM user name" });
    new TerraformOutput(this, "user_arn", { value: user.userArn, description: "IAM user ARN" });
    new TerraformOutput(this, "group_name", { value: user.groupName, description: "IAM group holding AdministratorAccess" });
    new TerraformOutput(this, "group_arn", { value: user.groupArn, description: "ARN of the IAM group holding AdministratorAccess" });
    new TerraformOutput(this, "sign_in_url", { value: user.signInUrl, description: "Console sign-in URL" });
    if (user.password) {
      new TerraformOutput(this, "password", {
        value: user.password,
        sensitive: true,
        description: "Console password; keep it with the trusted administrator",
      });
    }
    if (user.encryptedPassword) {
      new TerraformOutput(this, "encrypted_password", {
        value: user.encryptedPassword,
        description: "Console password encrypted with pgpKey (base64); decrypt with the key's holder's gpg",
      });
    }
    if (user.keyFingerprint) {
      new TerraformOutput(this, "key_fingerprint", {
        value: user.keyFingerprint,
        description: "Fingerprint of the PGP key encrypted_password is encrypted with, to pick the right key to decrypt it",
      });
    }
    if (user.alertsTopicArn) {
      new TerraformOutput(this, "alerts_topic_arn", { value: user.alertsTopicArn, description: "SNS topic for sign-in alerts" });
    }
  }
}

function useBackend(stack: TerraformStack, id: string, backend: StateBackend): void {
  switch (backend.type) {
    case "local":
      // State holds the password, so it stays beside cdktf.json, outside
      // cdktf.out/stacks/<id> (where Terraform runs), which synth replaces.
      new LocalBackend(stack, { path: `../../../terraform.${id}.tfstate` });
      break;
    case "cloud":
      new CloudBackend(stack, {
        organization: backend.organization,
        hostname: backend.hostname,
        workspaces: new NamedCloudWorkspace(backend.workspace),
      });
      break;
    case "s3": {
      const s3 = new S3Backend(stack, {
        bucket: backend.bucket,
        key: backend.key,
        region: backend.region,
        encrypt: true,
        kmsKeyId: backend.kmsKeyId,
        dynamodbTable: backend.dynamodbTable,
      });
      // S3's own lock file (Terraform 1.10+) when no DynamoDB table is named.
      if (!backend.dynamodbTable) s3.addOverride("use_lockfile", true);
      break;
    }
  }
}
