import fc from "fast-check";
import { ADMIN_ARN } from "./configs";

// Terraform JSON configurations built from random combinations of the
// constructs the reader understands. A second administrator is granted in one
// of the two shapes every engine recognizes: the AdministratorAccess ARN, or
// an Allow of Action "*" on Resource "*".

type Json = Record<string, unknown>;

/** A configuration and the local modules it calls. */
export interface Generated {
  readonly json: Json;
  readonly modules: Record<string, unknown[]>;
}

const ident = fc.constantFrom("ops", "ci", "alice", "deploy", "svc");

/** How a user block is expanded, and how the granting resource refers to the admin instance. */
const expansion = fc.oneof(
  fc.constant({ kind: "single" as const }),
  fc.record({ kind: fc.constant("count" as const), count: fc.integer({ min: 1, max: 3 }), pick: fc.nat() }),
  fc.record({ kind: fc.constant("each" as const), keys: fc.uniqueArray(fc.constantFrom("a", "b", "c"), { minLength: 1, maxLength: 3 }), pick: fc.nat() }),
);

/** How a string value is written: literally, from a local, from a variable's default, through a template or a function. */
const via = fc.constantFrom("literal", "local", "variable", "template", "format", "lookup", "try", "conditional");

/** How the grant is expressed. */
const grant = fc.oneof(
  fc.record({ shape: fc.constant("arn" as const), via, dataSource: fc.boolean() }),
  fc.record({
    shape: fc.constant("star" as const),
    document: fc.constantFrom("literal", "jsonencode", "template-actions", "statement", "source", "override", "dynamic", "managed-data"),
    attach: fc.constantFrom("inline", "managed"),
  }),
);

export const secondAdmin = fc.record({
  name: ident,
  expansion,
  grant,
  throughGroup: fc.boolean(),
  membership: fc.constantFrom("group_membership", "user_group_membership"),
  inModule: fc.boolean(),
});

export const breakGlassStyle = fc.record({
  count: fc.boolean(),
  nameVia: via,
  inModule: fc.boolean(),
});

export const syntaxStyle = fc.record({ arrayForm: fc.boolean() });

export type SecondAdmin = typeof secondAdmin extends fc.Arbitrary<infer T> ? T : never;
export type BreakGlassStyle = typeof breakGlassStyle extends fc.Arbitrary<infer T> ? T : never;

/** Collects blocks and writes them in object or array form. */
class Builder {
  private readonly parts: Record<string, Json[]> = {};

  add(kind: string, block: Json): this {
    (this.parts[kind] ??= []).push(block);
    return this;
  }

  resource(type: string, name: string, body: Json): this {
    return this.add("resource", { [type]: { [name]: body } });
  }

  data(type: string, name: string, body: Json): this {
    return this.add("data", { [type]: { [name]: body } });
  }

  build(arrayForm: boolean): Json {
    if (arrayForm) return { ...this.parts };
    const merged: Json = {};
    for (const [kind, blocks] of Object.entries(this.parts)) {
      const object: Record<string, Record<string, unknown>> = {};
      for (const block of blocks) {
        for (const [k, v] of Object.entries(block)) {
          if (kind === "resource" || kind === "data") object[k] = { ...(object[k] ?? {}), ...(v as Json) };
          else object[k] = v as Record<string, unknown>;
        }
      }
      merged[kind] = object;
    }
    return merged;
  }
}

/** Writes `value` as the chosen construct, declaring the local or variable it needs. */
function written(b: Builder, value: string, how: string, key: string): string {
  switch (how) {
    case "local":
      b.add("locals", { [key]: value });
      return `\${local.${key}}`;
    case "variable":
      b.add("variable", { [key]: { type: "string", default: value } });
      return `\${var.${key}}`;
    case "template":
      b.add("locals", { [`${key}_tail`]: value.slice(3) });
      return `${value.slice(0, 3)}\${local.${key}_tail}`;
    case "format":
      return `\${format("%s%s", ${JSON.stringify(value.slice(0, 2))}, ${JSON.stringify(value.slice(2))})}`;
    case "lookup":
      b.add("locals", { [`${key}_map`]: { it: value } });
      return `\${lookup(local.${key}_map, "it", "x")}`;
    case "try":
      return `\${try(local.missing_${key}, ${JSON.stringify(value)})}`;
    case "conditional":
      b.add("variable", { [`${key}_on`]: { type: "bool", default: true } });
      return `\${var.${key}_on ? ${JSON.stringify(value)} : "nothing"}`;
    default:
      return value;
  }
}

const STAR = { Version: "2012-10-17", Statement: [{ Sid: "All", Effect: "Allow", Action: "*", Resource: "*" }] };
const NARROW = { Version: "2012-10-17", Statement: [{ Sid: "All", Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] };

/** The policy document text that grants `*` on `*`, in the chosen construct; data sources go into `b`. */
function starPolicy(b: Builder, document: string, key: string): string {
  switch (document) {
    case "jsonencode":
      return '${jsonencode({Version = "2012-10-17", Statement = [{Effect = "Allow", Action = "*", Resource = "*"}]})}';
    case "template-actions":
      b.add("locals", { [`${key}_actions`]: ["*"] });
      return `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": \${jsonencode(local.${key}_actions)}, "Resource": "*"}]}`;
    case "statement":
      b.data("aws_iam_policy_document", key, { statement: [{ sid: "All", actions: ["*"], resources: ["*"] }] });
      return `\${data.aws_iam_policy_document.${key}.json}`;
    case "source":
      b.data("aws_iam_policy_document", key, { source_policy_documents: [JSON.stringify(STAR)], statement: [{ sid: "Other", actions: ["s3:GetObject"], resources: ["*"] }] });
      return `\${data.aws_iam_policy_document.${key}.json}`;
    case "override":
      b.data("aws_iam_policy_document", key, { statement: [{ sid: "All", actions: ["s3:GetObject"], resources: ["*"] }], override_policy_documents: [JSON.stringify(STAR)] });
      return `\${data.aws_iam_policy_document.${key}.json}`;
    case "dynamic":
      b.data("aws_iam_policy_document", key, { dynamic: { statement: { for_each: '${toset(["*"])}', content: { actions: ["${statement.key}"], resources: ["*"] } } } });
      return `\${data.aws_iam_policy_document.${key}.json}`;
    case "managed-data":
      b.data("aws_iam_policy", key, { arn: ADMIN_ARN });
      return `\${data.aws_iam_policy.${key}.policy}`;
    default:
      return JSON.stringify(STAR);
  }
}

/** Adds the second administrator to `b` (a module's or the root's blocks). */
function addSecondAdmin(b: Builder, a: SecondAdmin, nameExpr: string): void {
  const e = a.expansion;
  const userBody: Json = { name: nameExpr };
  let instance = "";
  if (e.kind === "count") {
    userBody.count = e.count;
    userBody.name = `${nameExpr}-\${count.index}`;
    instance = `[${e.pick % e.count}]`;
  } else if (e.kind === "each") {
    userBody.for_each = `\${toset(${JSON.stringify(e.keys)})}`;
    userBody.name = `${nameExpr}-\${each.key}`;
    instance = `[${JSON.stringify(e.keys[e.pick % e.keys.length])}]`;
  }
  b.resource("aws_iam_user", "second", userBody);
  const user = `\${aws_iam_user.second${instance}.name}`;

  let target: { kind: "user" | "group"; ref: string };
  if (a.throughGroup) {
    b.resource("aws_iam_group", "second", { name: "SecondGroup" });
    const group = "${aws_iam_group.second.name}";
    if (a.membership === "group_membership") b.resource("aws_iam_group_membership", "second", { name: "second", group, users: [user] });
    else b.resource("aws_iam_user_group_membership", "second", { user, groups: [group] });
    target = { kind: "group", ref: group };
  } else {
    target = { kind: "user", ref: user };
  }

  const g = a.grant;
  if (g.shape === "arn") {
    let arn = written(b, ADMIN_ARN, g.via, "admin_arn");
    if (g.dataSource) {
      b.data("aws_iam_policy", "admin", { arn });
      arn = "${data.aws_iam_policy.admin.arn}";
    }
    b.resource(`aws_iam_${target.kind}_policy_attachment`, "second", { [target.kind]: target.ref, policy_arn: arn });
    return;
  }
  const policy = starPolicy(b, g.document, "second_doc");
  if (g.attach === "inline") {
    b.resource(`aws_iam_${target.kind}_policy`, "second", { [target.kind]: target.ref, name: "star", policy });
  } else {
    b.resource("aws_iam_policy", "second", { name: "Star", policy });
    b.resource(`aws_iam_${target.kind}_policy_attachment`, "second", { [target.kind]: target.ref, policy_arn: "${aws_iam_policy.second.arn}" });
  }
}

/** Adds the break-glass user, as AWS's procedure has it, in the chosen constructs. */
function addBreakGlass(b: Builder, s: BreakGlassStyle, nameExpr: string): void {
  const user: Json = { name: nameExpr, tags: { BreakGlass: "emergency-access" } };
  let ref = "${aws_iam_user.bg.name}";
  if (s.count) {
    user.count = 1;
    ref = "${aws_iam_user.bg[0].name}";
  }
  b.resource("aws_iam_user", "bg", user);
  b.resource("aws_iam_user_login_profile", "bg", { user: ref, password_reset_required: false });
  b.resource("aws_iam_group", "bg", { name: "EmergencyAccessGroup" });
  b.resource("aws_iam_group_policy_attachment", "bg", { group: "${aws_iam_group.bg.name}", policy_arn: ADMIN_ARN });
  b.resource("aws_iam_group_membership", "bg", { name: "bg", group: "${aws_iam_group.bg.name}", users: [ref] });
}

/** A compliant non-administrator: a policy document whose override narrows a star statement. */
function addNarrowedUser(b: Builder): void {
  b.resource("aws_iam_user", "reader", { name: "reader" });
  b.data("aws_iam_policy_document", "narrowed", { source_policy_documents: [JSON.stringify(STAR)], override_policy_documents: [JSON.stringify(NARROW)] });
  b.resource("aws_iam_user_policy", "reader", { user: "${aws_iam_user.reader.name}", name: "narrowed", policy: "${data.aws_iam_policy_document.narrowed.json}" });
}

/** Puts blocks into a local module called with the name as input, or into the root. */
function placed(root: Builder, modules: Record<string, unknown[]>, inModule: boolean, moduleName: string, name: string, arrayForm: boolean, fill: (b: Builder, nameExpr: string) => void): void {
  if (!inModule) {
    fill(root, name);
    return;
  }
  const child = new Builder().add("variable", { user_name: { type: "string" } });
  fill(child, "${var.user_name}");
  modules[`modules/${moduleName}`] = [child.build(arrayForm)];
  root.add("module", { [moduleName]: { source: `./modules/${moduleName}`, user_name: name } });
}

export function compliant(style: BreakGlassStyle, syntax: { arrayForm: boolean }, narrowed: boolean): Generated {
  const root = new Builder().add("provider", { aws: { region: "us-east-1" } });
  const modules: Record<string, unknown[]> = {};
  const name = written(root, "EmergencyAccess", style.nameVia, "bg_name");
  placed(root, modules, style.inModule, "break_glass", name, syntax.arrayForm, (b, n) => addBreakGlass(b, style, n));
  if (narrowed) addNarrowedUser(root);
  return { json: root.build(syntax.arrayForm), modules };
}

export function withSecondAdmin(style: BreakGlassStyle, admin: SecondAdmin, syntax: { arrayForm: boolean }): Generated {
  const { json, modules } = compliant(style, syntax, false);
  const root = new Builder();
  const extra: Record<string, unknown[]> = {};
  placed(root, extra, admin.inModule, "second", admin.name, syntax.arrayForm, (b, n) => addSecondAdmin(b, admin, n));
  const addition = root.build(true);
  // Merge the second administrator's blocks into the configuration in array form.
  const merged: Record<string, unknown[]> = {};
  for (const source of [json, addition]) {
    for (const [kind, value] of Object.entries(source)) merged[kind] = [...(merged[kind] ?? []), ...(Array.isArray(value) ? value : [value])];
  }
  return { json: merged, modules: { ...modules, ...extra } };
}
