import { Finding, Rule } from "../rule";

/**
 * The login profile's password, also of a login profile inside a module or one
 * of several instances; or the whole login profile (`.*`), used as one object
 * (`values(p)`, `lookup(p, "password")`), which carries it.
 */
const PASSWORD = /(^|\.)aws_iam_user_login_profile\.[\w-]+(\[[^\]]*\])?\.(password|\*)$/;

export const sensitivePasswordOutput: Rule = {
  id: "sensitive-password-output",
  // Stryker disable next-line StringLiteral: the title is prose for reports, not what the rule decides
  title: "Outputs that carry the console password are sensitive",
  severity: "deny",
  // Stryker disable StringLiteral: the rationale is prose for reports, not what the rule decides
  rationale:
    "Terraform prints outputs that are not marked sensitive in plan and apply logs, where CI systems keep them (Terraform docs, \"Output Values\": sensitive).",
  // Stryker restore StringLiteral
  check({ model }) {
    const findings: Finding[] = [];
    for (const output of model.outputs) {
      if (output.sensitive || !output.references.some((r) => PASSWORD.test(r))) continue;
      findings.push({
        stack: output.stack,
        address: `output.${output.name}`,
        message: `output ${output.name} carries the console password but is not sensitive: set sensitive = true.`,
      });
    }
    return findings;
  },
};
