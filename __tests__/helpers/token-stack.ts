import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack, TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { BreakGlassUser } from "../../modules";

export const TOKEN_STACK = "break-glass-tokens";

/**
 * Another app's stack that gives BreakGlassUser every prop that may be a token
 * as a Terraform variable, known only at plan: strings through
 * `variable.stringValue`, the password length through `variable.numberValue`.
 */
export class TokenStack extends TerraformStack {
  readonly breakGlassUser: BreakGlassUser;

  constructor(scope: Construct, id = TOKEN_STACK) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: "us-east-1" });
    const variable = (name: string, type: string) => new TerraformVariable(this, name, { type });
    this.breakGlassUser = new BreakGlassUser(this, "emergency_access", {
      userName: variable("user_name", "string").stringValue,
      groupName: variable("group_name", "string").stringValue,
      path: variable("iam_path", "string").stringValue,
      tags: { Owner: variable("owner", "string").stringValue },
      passwordLength: variable("password_length", "number").numberValue,
      passwordRotationToken: variable("rotation", "string").stringValue,
    });
  }
}
