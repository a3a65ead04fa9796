import { breakGlassUsers, describeUser, remedy } from "../iam";
import { Rule } from "../rule";

/** What kind of credential a resource gives, by its type. */
function credential(address: string): string {
  if (address.includes("aws_iam_signing_certificate.")) return "a signing certificate";
  if (address.includes("aws_iam_service_specific_credential.")) return "a service-specific credential";
  if (address.includes("aws_iam_user_ssh_key.")) return "an SSH public key";
  return "an access key";
}

export const breakGlassNoAccessKeys: Rule = {
  id: "break-glass-no-access-keys",
  // Stryker disable next-line StringLiteral: the title is prose for reports, not what the rule decides
  title: "The break-glass user has no access keys",
  severity: "deny",
  // Stryker disable StringLiteral: the rationale is prose for reports, not what the rule decides
  rationale:
    "The break-glass user signs in to the console with a password kept offline; a long-lived access key for an administrator is a credential that can leak and be used at any time (IAM User Guide, \"Security best practices in IAM\": require workloads to use temporary credentials). " +
    "So are its other standing credentials, which act with its permissions where they are accepted: X.509 signing certificates, service-specific credentials (CodeCommit, Amazon Keyspaces) and SSH public keys (CodeCommit) (IAM User Guide, \"Manage passwords, access keys and other credentials\").",
  // Stryker restore StringLiteral
  check: ({ accounts }) =>
    breakGlassUsers(accounts).flatMap(({ user }) =>
      user.accessKeys.map((key) => ({
        stack: key.stack,
        address: key.address,
        message: `${key.address} gives ${describeUser(user)} ${credential(key.address)}: ${remedy(key)}; the break-glass user signs in to the console only.`,
      })),
    ),
};
