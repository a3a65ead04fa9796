import { Rule } from "../rule";

export const unresolved: Rule = {
  id: "unresolved",
  title: "Every value that decides who is administrator can be read",
  severity: "deny",
  rationale:
    "A value the checks cannot evaluate (an expression Terraform only knows at plan or apply time, a policy defined elsewhere, an AWS managed policy newer than the bundled data) could grant administrator; treating it as harmless would be a false pass. Terraform's plan JSON (`terraform show -json`, Terraform docs \"JSON Output Format\") holds the values Terraform has evaluated.",
  check: ({ accounts }) =>
    accounts.flatMap((account) =>
      account.unresolved.map((u) => ({
        stack: u.stack,
        address: u.address,
        message:
          u.stack.startsWith("account ")
            ? `${u.address}: ${u.attribute} ${u.reason ?? "cannot be read"} (${u.expression}): the checks cannot tell who is administrator; fix or remove it.`
            : `${u.stack}: ${u.address}.${u.attribute} ${u.reason ?? "cannot be evaluated"} (${u.expression}): the checks cannot tell who is administrator; run them on \`terraform show -json\` output, where Terraform has evaluated it.`,
      })),
    ),
};
