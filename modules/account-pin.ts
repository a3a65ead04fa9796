import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataResource, TerraformProvider } from "cdktf";
import { Construct } from "constructs";

/** The message Terraform prints when the credentials belong to another account than the state. */
export function accountPinMessage(pinned: string, current: string): string {
  return (
    `This stack was first applied in AWS account ${pinned}, and its state holds that account's break-glass user; ` +
    `the credentials now belong to account ${current}. Use account ${pinned}'s credentials, or give account ${current} its own stack ` +
    `(an entry in break-glass.config.json's accounts, or BreakGlassStack's accountId).`
  );
}

/**
 * Ties a stack that names no account to the account it is first applied in.
 * Without it, applying the same state with another account's credentials
 * would create a second break-glass user there and drop the first account's
 * password and user from state. Terraform's built-in terraform_data keeps the
 * first caller account (changes to its input are ignored), and a precondition
 * compares every later plan's caller account with it.
 */
export class AccountPin extends Construct {
  constructor(scope: Construct, id: string, props: { readonly provider?: TerraformProvider } = {}) {
    super(scope, id);
    const caller = new DataAwsCallerIdentity(this, "caller", { provider: props.provider });
    const first = new DataResource(this, "first_account", {
      input: { account: caller.accountId },
      lifecycle: { ignoreChanges: ["input"] },
    });
    // A precondition cannot read its own resource, so a second one checks the first.
    new DataResource(this, "account_check", {
      input: { account: caller.accountId },
      lifecycle: {
        precondition: [
          {
            condition: `\${${first.fqn}.output.account == ${caller.fqn}.account_id}`,
            errorMessage: accountPinMessage(`\${${first.fqn}.output.account}`, `\${${caller.fqn}.account_id}`),
          },
        ],
      },
    });
  }
}
