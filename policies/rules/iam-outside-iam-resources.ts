import { Resource } from "../model";
import { referenceOf } from "../references";
import { Finding, Rule } from "../rule";

// IAM entities made by something other than the aws_iam_* resources the
// checks read: the awscc provider, Cloud Control API resources, CloudFormation
// stacks. The checks cannot see who they make administrator, so they fail closed.

/** Resources that run a CloudFormation template with the capabilities they are given (CreateStack's Capabilities). */
const CLOUDFORMATION = new Set([
  "aws_cloudformation_stack",
  "aws_cloudformation_stack_set",
  "aws_serverlessapplicationrepository_cloudformation_stack",
  "awscc_cloudformation_stack",
  "awscc_cloudformation_stack_set",
]);
/** Resources that deploy a stack set's template: the stack set's capabilities decide, when the stack set is here. */
const STACK_SET_INSTANCES = new Set(["aws_cloudformation_stack_set_instance", "aws_cloudformation_stack_instances"]);
/** Resources that launch a product's CloudFormation template, whose contents and launch role are Service Catalog's. */
const PROVISIONED_PRODUCTS = new Set(["aws_servicecatalog_provisioned_product", "awscc_servicecatalog_cloud_formation_provisioned_product"]);
const IAM_CAPABILITIES = ["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"];

/** The resource types this rule reads the values of, beside IAM's own. */
export function makesIamElsewhere(type: string): boolean {
  return (
    type.startsWith("awscc_iam_") || type === "aws_cloudcontrolapi_resource" || CLOUDFORMATION.has(type) || STACK_SET_INSTANCES.has(type) || PROVISIONED_PRODUCTS.has(type)
  );
}

/** What `r` makes in IAM that the checks cannot read, or undefined when it makes nothing there. */
function whatItMakes(r: Resource, stackSets: Set<string>): string | undefined {
  if (r.type.startsWith("awscc_iam_")) return `an IAM ${r.type.slice("awscc_iam_".length).replace(/_/g, " ")} through the awscc provider`;
  if (r.type === "aws_cloudcontrolapi_resource") {
    const typeName = r.values.type_name;
    const known = typeof typeName === "string" && !typeName.includes("${");
    // Type names are matched as AWS may: IAM's own, and CloudFormation's, whose stacks make anything.
    if (known && !/^AWS::(IAM|CloudFormation)::/i.test(typeName)) return undefined;
    return `${known ? typeName : "a resource of a type not known before apply"} through the Cloud Control API`;
  }
  if (CLOUDFORMATION.has(r.type)) {
    const capabilities = r.values.capabilities ?? [];
    const known = Array.isArray(capabilities) && capabilities.every((c) => typeof c === "string" && !c.includes("${"));
    const granted = known ? capabilities.find((c) => IAM_CAPABILITIES.includes(c as string)) : undefined;
    if (known && !granted) return undefined;
    return granted ? `whatever IAM resources its CloudFormation template holds (capabilities include ${granted})` : "CloudFormation resources with capabilities not known before apply";
  }
  if (STACK_SET_INSTANCES.has(r.type)) {
    const set = referenceOf(r.values.stack_set_name);
    if (set && stackSets.has(`${r.stack}\0${set.address}`)) return undefined;
    return "the resources of a stack set defined outside this configuration, with capabilities given there";
  }
  if (PROVISIONED_PRODUCTS.has(r.type)) return "the resources of a Service Catalog product's CloudFormation template";
  return undefined;
}

export const iamOutsideIamResources: Rule = {
  id: "iam-outside-iam-resources",
  // Stryker disable next-line StringLiteral: the title is prose for reports, not what the rule decides
  title: "IAM users, groups, roles and policies come from aws_iam_* resources the checks can read",
  severity: "deny",
  // Stryker disable StringLiteral: the rationale is prose for reports, not what the rule decides
  rationale:
    "Who is administrator is decided by every IAM user, group, role and policy in the account. The awscc provider's awscc_iam_* resources and aws_cloudcontrolapi_resource " +
    "with an AWS::IAM:: type name create them through the Cloud Control API, and a CloudFormation stack or stack set creates the IAM resources of its template when given " +
    "CAPABILITY_IAM or CAPABILITY_NAMED_IAM, without which CloudFormation refuses them with InsufficientCapabilities (AWS CloudFormation API Reference, CreateStack, Capabilities). " +
    "The checks do not read those templates and schemas, so they cannot tell who such resources make administrator: define the entities with aws_iam_* resources, " +
    "or check the plan's result on the live account with the audit.",
  // Stryker restore StringLiteral
  check: ({ model }) => {
    const stackSets = new Set(model.resources.filter((r) => CLOUDFORMATION.has(r.type)).map((r) => `${r.stack}\0${r.address}`));
    return model.resources.flatMap((r): Finding[] => {
      const made = whatItMakes(r, stackSets);
      return made
        ? [{ stack: r.stack, address: r.address, message: `${r.address} creates ${made}, which the checks cannot read: define IAM users, groups, roles and policies with aws_iam_* resources, or audit the live account after apply.` }]
        : [];
    });
  },
};
