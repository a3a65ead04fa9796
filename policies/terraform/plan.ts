import { accountOfProvider, isAwsProvider } from "../accounts";
import { partitionOfRegion, reach } from "../partitions";
import { asArray, asObject, asString, asStrings, isObject, JsonObject } from "../json";
import { AccountKey, DEFAULT_ACCOUNT, Model, Resource, Unresolved } from "../model";
import { parseReference } from "../references";
import { echoName } from "./resource-instances";

// Reads Terraform plan JSON (https://developer.hashicorp.com/terraform/internals/json-format):
// resources as they will be after apply, data sources as read during plan,
// each with the account of the provider configuration it uses, in the root
// module or in a child module, whose `provider_config_key` Terraform has
// already resolved through the module calls' `providers`.

export interface PlanOutput {
  readonly resources: Resource[];
  /** Every account an AWS resource reaches, read or not, in the order first reached, with its partition. */
  readonly accounts: Map<AccountKey, string | undefined>;
  readonly outputs: Model["outputs"];
  readonly unresolved: Unresolved[];
}

interface PlanResourceConfig {
  readonly providerKey: string;
  readonly expressions: JsonObject;
}

/** Reads a plan's resources of the types `resourcesOf` names (default: all), and the accounts of all. */
export function readPlan(stack: string, json: JsonObject, resourcesOf: (type: string) => boolean = () => true): PlanOutput {
  const result: PlanOutput = { resources: [], accounts: new Map(), outputs: [], unresolved: [] };
  const configuration = asObject(json.configuration);
  const accounts = providerAccounts(stack, asObject(configuration.provider_config), result.unresolved);

  const rootModule = asObject(configuration.root_module);
  const configs = new Map<string, PlanResourceConfig>();
  collectConfigs(rootModule, "", configs);
  const unknown = new Map<string, JsonObject>();
  for (const change of asArray(json.resource_changes).map(asObject)) {
    const address = asString(change.address);
    if (address) unknown.set(address, asObject(asObject(change.change).after_unknown));
  }

  // Managed resources as they will be after apply; data sources as read during plan.
  const seen = new Set<string>();
  const planned = moduleResources(asObject(asObject(json.planned_values).root_module));
  const read = moduleResources(asObject(asObject(asObject(json.prior_state).values).root_module)).filter((r) => r.mode === "data");
  for (const r of [...read, ...planned]) {
    const address = asString(r.address);
    const type = asString(r.type);
    const name = asString(r.name);
    if (!address || !type || !name || seen.has(address)) continue;
    seen.add(address);
    const config = configs.get(withoutInstanceKeys(address));
    const providerKey = config?.providerKey ?? type.split("_")[0];
    const provider = accounts.get(providerKey);
    const account = provider?.account ?? DEFAULT_ACCOUNT;
    // Only AWS resources live in an AWS account; random_string, terraform_data and the like do not.
    if (type.startsWith("aws_")) reach(result.accounts, account, provider?.partition);
    if (!resourcesOf(type)) continue;
    result.resources.push({
      stack,
      mode: r.mode === "data" ? "data" : "managed",
      type,
      name,
      address,
      values: withoutStateOnly(type, withUnknownsAsReferences(asObject(r.values), unknown.get(address) ?? {}, config?.expressions ?? {}, modulePrefix(address)), config?.expressions ?? {}),
      provider: providerKey,
      account,
    });
  }

  const plannedOutputs = asObject(asObject(json.planned_values).outputs);
  const configuredOutputs = asObject(rootModule.outputs);
  for (const name of new Set([...Object.keys(plannedOutputs), ...Object.keys(configuredOutputs)])) {
    const configured = asObject(configuredOutputs[name]);
    result.outputs.push({
      stack,
      name,
      sensitive: asObject(plannedOutputs[name]).sensitive === true || configured.sensitive === true,
      references: outputReferences(asStrings(asObject(configured.expression).references), configs),
    });
  }
  return result;
}

/**
 * Each provider configuration's account, and its partition when its Region is
 * a constant; one whose account-deciding arguments are not constants is unresolved.
 */
function providerAccounts(stack: string, providerConfig: JsonObject, unresolved: Unresolved[]): Map<string, { account: AccountKey; partition?: string }> {
  const accounts = new Map<string, { account: AccountKey; partition?: string }>();
  for (const [key, config] of Object.entries(providerConfig)) {
    const provider = asObject(config);
    // `full_name` is the source address Terraform resolved.
    if (!isAwsProvider(asString(provider.name) ?? "", asString(provider.full_name))) {
      accounts.set(key, { account: DEFAULT_ACCOUNT });
      continue;
    }
    const expressions = expressionValues(asObject(provider.expressions));
    const { account, unknown } = accountOfProvider(expressions);
    // Custom endpoints may lead anywhere: the Region's partition is then not known to be the one IAM uses.
    const partition = expressions.endpoints === undefined ? partitionOfRegion(expressions.region) : undefined;
    for (const u of unknown) {
      unresolved.push({
        stack,
        address: `provider.${key}`,
        attribute: u.attribute,
        expression: u.expression,
        reason: "plan JSON records a provider argument only as written, and this one is not a constant",
      });
    }
    accounts.set(key, { account: unknown.length > 0 ? `unknown (${stack} provider.${key})` : account, partition });
  }
  return accounts;
}

/**
 * A configuration block's expressions as values: constants as they are, any
 * other expression as `${...}` naming what it refers to. Nested blocks are
 * lists of such objects.
 */
function expressionValues(expressions: JsonObject): JsonObject {
  const values: JsonObject = {};
  for (const [name, expression] of Object.entries(expressions)) {
    if (Array.isArray(expression)) values[name] = expression.map((e) => expressionValues(asObject(e)));
    else if (isObject(expression) && "constant_value" in expression) values[name] = expression.constant_value;
    else if (isObject(expression) && "references" in expression) values[name] = `\${${asStrings(expression.references).join(", ") || name}}`;
    else if (isObject(expression)) values[name] = expressionValues(expression);
  }
  return values;
}

const LOGIN_PROFILE = /^(?:module\.[^.]+\.)*aws_iam_user_login_profile\.[\w-]+(?:\[[^\]]+\])?$/;
/** A root resource's attribute: its address without instance key, and the attribute. */
const ATTRIBUTE = /^((?:data\.)?[\w-]+\.[\w-]+)(?:\[[^\]]+\])?\.([\w-]+)/;

/** Every `references` list inside an argument's expression, which for a block or an object is nested. */
function expressionReferences(expression: unknown, found: string[] = []): string[] {
  if (Array.isArray(expression)) for (const e of expression) expressionReferences(e, found);
  else if (isObject(expression)) {
    if (Array.isArray(expression.references)) found.push(...asStrings(expression.references));
    else for (const e of Object.values(expression)) expressionReferences(e, found);
  }
  return found;
}

/**
 * The resource attributes a root output reads, from plan JSON's list of its
 * references (each traversal, and the object it is in). A login profile
 * listed with no attribute of it is used whole (`lookup(p, "password")`,
 * `values(p)`): `.*`, its password with it. A resource's attribute that is
 * one of its arguments (`tags`, terraform_data's `output`, which is its
 * `input`) hands on what that argument reads.
 */
function outputReferences(references: string[], configs: Map<string, PlanResourceConfig>): string[] {
  const found = new Set<string>();
  const seen = new Set<string>();
  const visit = (refs: string[]) => {
    for (const r of refs) {
      if (seen.has(r)) continue;
      seen.add(r);
      if (parseReference(r) !== undefined) found.add(r);
      if (LOGIN_PROFILE.test(r) && !refs.some((other) => other.startsWith(`${r}.`))) found.add(`${r}.*`);
      const attribute = ATTRIBUTE.exec(r);
      if (attribute) {
        const [, address, name] = attribute;
        const data = address.startsWith("data.");
        const type = (data ? address.slice(5) : address).split(".")[0];
        const expressions = asObject(configs.get(address)?.expressions);
        const argument = echoName(data ? "data" : "managed", type, name);
        visit(expressionReferences(argument === "*" ? expressions : expressions[argument]));
      }
    }
  };
  visit(references);
  return [...found];
}

function collectConfigs(module: JsonObject, prefix: string, configs: Map<string, PlanResourceConfig>): void {
  for (const r of asArray(module.resources).map(asObject)) {
    const address = asString(r.address);
    if (!address) continue;
    configs.set(`${prefix}${address}`, {
      providerKey: asString(r.provider_config_key) ?? (asString(r.type) ?? "").split("_")[0],
      expressions: asObject(r.expressions),
    });
  }
  for (const [name, call] of Object.entries(asObject(module.module_calls))) {
    collectConfigs(asObject(asObject(call).module), `${prefix}module.${name}.`, configs);
  }
}

function moduleResources(module: JsonObject): JsonObject[] {
  return [
    ...asArray(module.resources).map(asObject),
    ...asArray(module.child_modules).flatMap((child) => moduleResources(asObject(child))),
  ];
}

const INSTANCE_KEY = /\[(?:\d+|"(?:[^"\\]|\\.)*")\]/g;

/** `module.m["a"].aws_iam_user.x[0]` -> `module.m.aws_iam_user.x`: the configuration's address. */
function withoutInstanceKeys(address: string): string {
  return address.replace(INSTANCE_KEY, "");
}

/** The module instance an address is in: `module.m["a"].` for `module.m["a"].aws_iam_user.x`. */
function modulePrefix(address: string): string {
  const m = /^((?:module\.[A-Za-z0-9_-]+(?:\[(?:\d+|"(?:[^"\\]|\\.)*")\])?\.)*)/.exec(address);
  return m ? m[1] : "";
}

/**
 * Plan JSON leaves out values not known before apply. Put back, as
 * `${reference}` strings, the references the configuration computes them
 * from, so that both inputs link resources the same way; where no single
 * reference says what the value is, a `${...}` string that is no literal.
 */
/**
 * Optional and computed arguments that act only when the configuration sets
 * them: aws_iam_role's managed_policy_arns and inline_policy then own the
 * role's policies (provider docs, aws_iam_role). Left unset, the plan shows
 * what the account holds: policies to read, not an exclusive list.
 */
const STATE_ONLY_UNLESS_SET = new Map<string, string[]>([["aws_iam_role", ["managed_policy_arns", "inline_policy"]]]);
const leftUnset = new WeakMap<object, string[]>();

/** The arguments of a plan's resource values that show the account's state, the configuration having left them unset. */
export function argumentsLeftUnset(values: object): string[] {
  return leftUnset.get(values) ?? [];
}

function withoutStateOnly(type: string, values: JsonObject, expressions: JsonObject): JsonObject {
  const unset = (STATE_ONLY_UNLESS_SET.get(type) ?? []).filter((attribute) => !(attribute in expressions));
  if (unset.length > 0) leftUnset.set(values, unset);
  return values;
}

/** Terraform lists each traversal with its shorter forms (`aws_iam_user.x.name`, `aws_iam_user.x`): the longest of each. */
function traversalsOf(references: string[]): string[] {
  return references.filter((r) => !references.some((other) => other !== r && (other.startsWith(`${r}.`) || other.startsWith(`${r}[`))));
}

function withUnknownsAsReferences(values: JsonObject, afterUnknown: JsonObject, expressions: JsonObject, prefix: string, nested = false): JsonObject {
  const result: JsonObject = { ...values };
  for (const [attribute, expression] of Object.entries(expressions)) {
    const isUnknown = afterUnknown[attribute];
    // Nested blocks (a role's inline_policy, a policy document's statements): their unknown arguments stay expressions the
    // checks cannot read. What links entities is top-level; inside a block, `distinct(["*", x.arn])` would pass for `x.arn`.
    if (Array.isArray(expression) && Array.isArray(isUnknown) && isUnknown.some(isObject)) {
      const blocks = Array.isArray(values[attribute]) ? (values[attribute] as unknown[]) : [];
      result[attribute] = isUnknown.map((unknownOfBlock, i) =>
        withUnknownsAsReferences(asObject(blocks[i]), asObject(unknownOfBlock), asObject(expression[i] ?? expression[0]), prefix, true),
      );
      continue;
    }
    const unknown = isUnknown === true || (Array.isArray(isUnknown) && isUnknown.includes(true));
    const traversals = traversalsOf(asStrings(asObject(expression).references));
    if (nested && unknown) {
      result[attribute] = `\${${traversals.map((r) => `${prefix}${r}`).join(", ") || "?"} (not known before apply)}`;
      continue;
    }
    if (result[attribute] !== undefined && !unknown) continue;
    if (traversals.length === 0) continue;
    const asValue = (r: string) => `\${${prefix}${r}}`;
    if (Array.isArray(isUnknown) || Array.isArray(values[attribute])) {
      // A list: the elements plan JSON knows stay; each traversal may be one of the others. One that is no resource
      // attribute (a local, a variable) stays an expression, which the checks cannot read and fail closed on.
      const known = Array.isArray(values[attribute]) ? (values[attribute] as unknown[]).filter((v, i) => !(Array.isArray(isUnknown) && isUnknown[i] === true) && v !== null) : [];
      result[attribute] = [...known, ...traversals.map(asValue)];
      continue;
    }
    // One value: it is the resource attribute it names only when it names nothing else; else it cannot be read.
    result[attribute] = traversals.length === 1 && parseReference(traversals[0]) ? asValue(traversals[0]) : `\${${traversals.map((r) => `${prefix}${r}`).join(", ")}}`;
  }
  return result;
}
