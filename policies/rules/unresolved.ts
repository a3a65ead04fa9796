import { Unresolved } from "../iam";
import { Rule } from "../rule";

export const unresolved: Rule = {
  id: "unresolved",
  // Stryker disable next-line StringLiteral: the title is prose for reports, not what the rule decides
  title: "Everything that decides who is administrator can be read",
  severity: "deny",
  // Stryker disable StringLiteral: the rationale is prose for reports, not what the rule decides
  rationale:
    "Terraform decides count, for_each, module sources, provider credentials and values from variables and other resources only when it plans or applies " +
    "(https://developer.hashicorp.com/terraform/language/meta-arguments/count, https://developer.hashicorp.com/terraform/language/modules/sources); " +
    "a policy defined elsewhere or an AWS managed policy newer than the bundled data cannot be read from the input at all. A check that cannot read one of them " +
    "cannot tell who is administrator, so it must not pass. The plan JSON of `terraform show -json` holds what Terraform evaluated; the live audit reads the account.",
  // Stryker restore StringLiteral
  check({ model, accounts }) {
    // The reader reports what only it can see (count, modules, providers); the IAM engine what decides a grant.
    const all: Unresolved[] = [...(model.unresolved ?? []), ...accounts.flatMap((a) => a.unresolved)];
    const seen = new Set<string>();
    return all
      .filter((u) => {
        const key = `${u.stack}\0${u.address}\0${u.attribute}`;
        return !seen.has(key) && seen.add(key);
      })
      .map((u) => ({
        stack: u.stack,
        address: u.address,
        message: u.stack.startsWith("account ")
          ? `${u.address}: ${u.attribute} ${JSON.stringify(u.expression)} cannot be read${u.reason ? ` (${u.reason})` : ""}: the checks cannot tell who is administrator; fix or remove it.`
          : `${u.stack} ${u.address}: ${u.attribute} = ${JSON.stringify(u.expression)} cannot be read before apply${u.reason ? ` (${u.reason})` : ""}: ` +
            "run the check on `terraform show -json` output of a plan instead, where Terraform has evaluated it, or audit the live account.",
      }));
  },
};
