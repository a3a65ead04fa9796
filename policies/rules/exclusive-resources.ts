import { Rule } from "../rule";

export const exclusiveResources: Rule = {
  id: "exclusive-resources",
  // Stryker disable next-line StringLiteral: the title is prose for reports, not what the rule decides
  title: "A resource that owns an IAM setting exclusively is the only one that changes it",
  severity: "deny",
  // Stryker disable StringLiteral: the rationale is prose for reports, not what the rule decides
  rationale:
    "Some AWS provider resources remove on every apply what they do not list. aws_iam_policy_attachment revokes its policy from every user, group and role it does not " +
    "name, across the account, including attachments made by other resources (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_policy_attachment); " +
    "aws_iam_group_membership conflicts with itself when two name the same group (…/docs/resources/iam_group_membership); the *_policy_attachments_exclusive and " +
    "*_policies_exclusive resources, and aws_iam_role's managed_policy_arns and inline_policy, remove the policies they do not list (…/docs/resources/iam_group_policy_attachments_exclusive, " +
    "…/docs/resources/iam_role). Beside a second owner or a resource that adds what the owner leaves out, what holds after apply depends on which ran last: " +
    "the break-glass group can lose AdministratorAccess or its user, and the checks cannot tell who is administrator.",
  // Stryker restore StringLiteral
  check({ accounts }) {
    return accounts.flatMap((a) => a.conflicts ?? []).map(({ stack, address, message }) => ({ stack, address, message }));
  },
};
