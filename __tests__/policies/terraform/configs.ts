// Hand-written Terraform JSON, as teams and cdktf write it, for the reader's tests.

export const ADMIN_ARN = "arn:aws:iam::aws:policy/AdministratorAccess";
export const STAR_POLICY = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };

type Json = Record<string, unknown>;

/** The break-glass user as AWS's procedure has it: user, login profile, group with AdministratorAccess, one member. */
export function breakGlass(name = "bg", userName: unknown = "EmergencyAccess"): Json {
  return {
    resource: {
      aws_iam_user: { [name]: { name: userName, tags: { BreakGlass: "emergency-access" } } },
      aws_iam_user_login_profile: { [name]: { user: `\${aws_iam_user.${name}.name}`, password_reset_required: false } },
      aws_iam_group: { [name]: { name: "EmergencyAccessGroup" } },
      aws_iam_group_policy_attachment: { [name]: { group: `\${aws_iam_group.${name}.name}`, policy_arn: ADMIN_ARN } },
      aws_iam_group_membership: { [name]: { name: "bg", group: `\${aws_iam_group.${name}.name}`, users: [`\${aws_iam_user.${name}.name}`] } },
    },
  };
}

/** A user with an administrator policy attached by the given ARN expression. */
export function adminUser(name: string, arn: unknown = ADMIN_ARN, body: Json = {}): Json {
  return {
    resource: {
      aws_iam_user: { [name]: { name, ...body } },
      aws_iam_user_policy_attachment: { [name]: { user: `\${aws_iam_user.${name}.name}`, policy_arn: arn } },
    },
  };
}

/**
 * Several parts as one configuration in Terraform JSON's array form: every
 * block kind is a list of the parts' blocks, which Terraform reads like one object.
 */
export function config(...parts: Json[]): Json {
  const merged: Record<string, unknown[]> = {};
  for (const part of parts) for (const [key, value] of Object.entries(part)) (merged[key] ??= []).push(...(Array.isArray(value) ? value : [value]));
  return merged;
}
