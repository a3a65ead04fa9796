import fc from "fast-check";
import { evaluate } from "../../policies/evaluate";

const RESOURCE_TYPES = [
  "aws_iam_user", "aws_iam_group", "aws_iam_group_membership", "aws_iam_user_group_membership",
  "aws_iam_group_policy_attachment", "aws_iam_policy_attachment", "aws_iam_user_policy", "aws_iam_group_policy",
  "aws_iam_user_policy_attachment", "aws_iam_user_login_profile", "aws_iam_access_key", "aws_iam_policy",
  "aws_iam_policy_document", "aws_iam_role", "aws_iam_role_policy", "aws_iam_role_policy_attachment",
  "aws_iam_role_policy_attachments_exclusive", "aws_iam_user_policy_attachments_exclusive", "aws_iam_group_policy_attachments_exclusive",
];

function expectResult(value: unknown) {
  const result = evaluate(value);
  expect(typeof result.passed).toBe("boolean");
  expect(Array.isArray(result.violations)).toBe(true);
  expect(result.passed).toBe(!result.violations.some((v) => v.severity === "deny" && !v.suppressed));
}

// evaluate must never throw, whatever JSON it is given.
describe("evaluate on arbitrary input", () => {
  it("never throws on any JSON value", () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => expectResult(value)), { numRuns: 500 });
  });

  it("denies, without throwing, a name that is an object whose toString is not a function", () => {
    // Found by the property below: String() of such an object throws.
    const result = evaluate({ resource: { aws_iam_role_policy_attachments_exclusive: { x: { role_name: { toString: null }, policy_arns: [] } } } });
    expect(result.passed).toBe(false);
    expect(result.violations).toContainEqual(expect.objectContaining({ rule: "unresolved", address: "aws_iam_role_policy_attachments_exclusive.x", message: expect.stringContaining('role_name = "{\\"toString\\":null}" cannot be read before apply (does not name a aws_iam_role the checks can find)') }));
  });

  it("never throws on Terraform-shaped JSON with arbitrary contents", () => {
    const body = fc.dictionary(fc.constantFrom("name", "user", "users", "group", "groups", "policy", "policy_arn", "tags", "provider", "password_reset_required", "role", "roles", "assume_role_policy", "permissions_boundary", "managed_policy_arns", "inline_policy", "policy_arns", "user_name", "group_name", "role_name"), fc.jsonValue());
    const config = fc.record(
      {
        resource: fc.dictionary(fc.constantFrom(...RESOURCE_TYPES), fc.dictionary(fc.string(), fc.oneof(body, fc.jsonValue()))),
        data: fc.dictionary(fc.constantFrom("aws_iam_policy", "aws_iam_policy_document"), fc.dictionary(fc.string(), fc.jsonValue())),
        provider: fc.oneof(fc.jsonValue(), fc.record({ aws: fc.array(fc.dictionary(fc.constantFrom("alias", "allowed_account_ids", "assume_role"), fc.jsonValue())) })),
        output: fc.dictionary(fc.string(), fc.jsonValue()),
      },
      { requiredKeys: [] },
    );
    fc.assert(fc.property(config, (value) => expectResult(value)), { numRuns: 500 });
  });

  it("never throws on plan-shaped JSON with arbitrary contents", () => {
    const plan = fc.record({
      format_version: fc.constant("1.2"),
      planned_values: fc.oneof(fc.jsonValue(), fc.record({ root_module: fc.record({ resources: fc.array(fc.dictionary(fc.constantFrom("address", "mode", "type", "name", "values"), fc.jsonValue())) }) })),
      configuration: fc.jsonValue(),
      resource_changes: fc.jsonValue(),
      prior_state: fc.jsonValue(),
    });
    fc.assert(fc.property(plan, (value) => expectResult(value)), { numRuns: 500 });
  });
});
