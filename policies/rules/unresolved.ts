import { Rule } from "../rule";

export const unresolved: Rule = {
  id: "unresolved",
  title: "Everything that decides who is administrator can be read before apply",
  severity: "deny",
  rationale:
    "Terraform decides count, for_each, module sources and provider credentials only when it plans (https://developer.hashicorp.com/terraform/language/meta-arguments/count, " +
    "https://developer.hashicorp.com/terraform/language/modules/sources); a check that cannot read one of them cannot tell how many administrators there are or in which account, " +
    "so it must not pass. The plan JSON of `terraform show -json` holds what Terraform evaluated.",
  check({ model }) {
    return (model.unresolved ?? []).map((u) => ({
      stack: u.stack,
      address: u.address,
      message:
        `${u.stack} ${u.address}: ${u.attribute} = ${JSON.stringify(u.expression)} cannot be read before apply` +
        `${u.reason ? ` (${u.reason})` : ""}: run the check on \`terraform show -json\` output of a plan instead, where Terraform has evaluated it.`,
    }));
  },
};
