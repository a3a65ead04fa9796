// Reusing the construct in another cdktf app: an account baseline stack that
// already manages other resources adds the break-glass user next to them.
// Install: the package is private; install its `npm pack` tarball or its git URL (see the README).
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { IamAccountPasswordPolicy } from "@cdktf/provider-aws/lib/iam-account-password-policy";
import { App, TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { BreakGlassUser } from "break-glass";

export interface AccountBaselineProps {
  readonly accountId: string;
  readonly region: string;
}

export class AccountBaselineStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: AccountBaselineProps) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: props.region, allowedAccountIds: [props.accountId] });

    // The app's own resources stay as they were.
    new IamAccountPasswordPolicy(this, "password_policy", {
      minimumPasswordLength: 32,
      requireSymbols: true,
      requireNumbers: true,
      requireUppercaseCharacters: true,
      requireLowercaseCharacters: true,
    });

    // The break-glass user, with a password the account's policy accepts.
    const breakGlass = new BreakGlassUser(this, "break_glass", {
      passwordLength: 40,
      tags: { Owner: "security-team" },
    });
    new TerraformOutput(this, "break_glass_sign_in_url", { value: breakGlass.signInUrl });
    new TerraformOutput(this, "break_glass_user_name", { value: breakGlass.userName });
    new TerraformOutput(this, "break_glass_password", { value: breakGlass.password, sensitive: true });
  }
}

if (require.main === module) {
  const app = new App();
  new AccountBaselineStack(app, "account-baseline", { accountId: "111111111111", region: "eu-west-1" });
  app.synth();
}
