import { accountOf, accountOfConfigBlock } from "./accounts";
import { asArray, asObject, asString, asStrings, blocks, isObject, JsonObject } from "./json";
import { AccountKey, DEFAULT_ACCOUNT, Model, TerraformDocument } from "./model";
import { parseReference, referencesIn } from "./references";

/** Top-level keys of Terraform's JSON configuration syntax (cdktf adds "//"). */
const CONFIG_KEYS = new Set([
  "//", "resource", "data", "provider", "output", "terraform", "variable", "locals", "module", "moved", "import", "check", "removed",
]);

export type DocumentKind = "config" | "plan";

/** Tells synthesized Terraform JSON from plan JSON; undefined when the document is neither. */
export function kindOf(json: unknown): DocumentKind | undefined {
  if (!isObject(json)) return undefined;
  if (typeof json.format_version === "string" && ("planned_values" in json || "resource_changes" in json || "configuration" in json)) {
    return "plan";
  }
  const keys = Object.keys(json);
  if (keys.length > 0 && keys.every((k) => CONFIG_KEYS.has(k))) return "config";
  return undefined;
}

/** Normalizes documents of either kind into one model. Never throws. */
export function normalize(documents: TerraformDocument[]): Model {
  const model: Model = { resources: [], outputs: [], unreadable: [] };
  for (const doc of documents) {
    const kind = kindOf(doc.json);
    if (kind === "config") readConfig(doc.stack, doc.json as JsonObject, model);
    else if (kind === "plan") readPlan(doc.stack, doc.json as JsonObject, model);
    else model.unreadable.push({ stack: doc.stack, reason: "is neither Terraform JSON configuration nor Terraform plan JSON" });
  }
  return model;
}

/** The provider key a resource uses when it names none: its type's prefix (`aws_iam_user` -> `aws`). */
function defaultProviderKey(type: string): string {
  return type.split("_")[0];
}

function withoutComments(body: JsonObject): Record<string, unknown> {
  const { "//": _comment, ...values } = body;
  return values;
}

function readConfig(stack: string, json: JsonObject, model: Model): void {
  const accounts = new Map<string, AccountKey>();
  for (const [name, config] of Object.entries(asObject(json.provider))) {
    for (const block of blocks(config)) {
      const alias = asString(block.alias);
      accounts.set(alias ? `${name}.${alias}` : name, name === "aws" ? accountOfConfigBlock(block) : DEFAULT_ACCOUNT);
    }
  }
  for (const mode of ["managed", "data"] as const) {
    const section = asObject(mode === "managed" ? json.resource : json.data);
    for (const [type, byName] of Object.entries(section)) {
      for (const [name, body] of Object.entries(asObject(byName))) {
        for (const block of blocks(body)) {
          const provider = asString(block.provider) ?? defaultProviderKey(type);
          model.resources.push({
            stack,
            mode,
            type,
            name,
            address: mode === "data" ? `data.${type}.${name}` : `${type}.${name}`,
            values: withoutComments(block),
            provider,
            account: accounts.get(provider) ?? DEFAULT_ACCOUNT,
          });
        }
      }
    }
  }
  for (const [name, body] of Object.entries(asObject(json.output))) {
    const output = asObject(body);
    model.outputs.push({
      stack,
      name,
      sensitive: output.sensitive === true,
      references: referencesIn(output.value).map((r) => `${r.address}.${r.attribute}`),
    });
  }
}

interface PlanResourceConfig {
  providerKey: string;
  expressions: JsonObject;
}

function readPlan(stack: string, json: JsonObject, model: Model): void {
  const configuration = asObject(json.configuration);
  const accounts = new Map<string, AccountKey>();
  for (const [key, config] of Object.entries(asObject(configuration.provider_config))) {
    const provider = asObject(config);
    const expressions = asObject(provider.expressions);
    accounts.set(
      key,
      asString(provider.name) === "aws"
        ? accountOf({
            allowedAccountIds: asStrings(asObject(expressions.allowed_account_ids).constant_value),
            roleArns: blocks(expressions.assume_role).flatMap((r) => asStrings(asObject(r.role_arn).constant_value)),
          })
        : DEFAULT_ACCOUNT,
    );
  }

  const rootModule = asObject(configuration.root_module);
  const configs = new Map<string, PlanResourceConfig>();
  for (const r of asArray(rootModule.resources).map(asObject)) {
    const address = asString(r.address);
    if (address) {
      configs.set(address, {
        providerKey: asString(r.provider_config_key) ?? defaultProviderKey(asString(r.type) ?? ""),
        expressions: asObject(r.expressions),
      });
    }
  }
  const unknown = new Map<string, JsonObject>();
  for (const change of asArray(json.resource_changes).map(asObject)) {
    const address = asString(change.address);
    if (address) unknown.set(address, asObject(asObject(change.change).after_unknown));
  }

  // Managed resources as they will be after apply; data sources as read during plan.
  const seen = new Set<string>();
  const planned = moduleResources(asObject(asObject(json.planned_values).root_module));
  const read = moduleResources(asObject(asObject(asObject(json.prior_state).values).root_module)).filter(
    (r) => r.mode === "data",
  );
  for (const r of [...read, ...planned]) {
    const address = asString(r.address);
    const type = asString(r.type);
    const name = asString(r.name);
    if (!address || !type || !name || seen.has(address)) continue;
    seen.add(address);
    const config = configs.get(address);
    const providerKey = config?.providerKey ?? defaultProviderKey(type);
    model.resources.push({
      stack,
      mode: r.mode === "data" ? "data" : "managed",
      type,
      name,
      address,
      values: withUnknownsAsReferences(asObject(r.values), unknown.get(address) ?? {}, config?.expressions ?? {}),
      provider: providerKey,
      account: accounts.get(providerKey) ?? DEFAULT_ACCOUNT,
    });
  }

  const plannedOutputs = asObject(asObject(json.planned_values).outputs);
  const configuredOutputs = asObject(rootModule.outputs);
  for (const name of new Set([...Object.keys(plannedOutputs), ...Object.keys(configuredOutputs)])) {
    const configured = asObject(configuredOutputs[name]);
    model.outputs.push({
      stack,
      name,
      sensitive: asObject(plannedOutputs[name]).sensitive === true || configured.sensitive === true,
      references: asStrings(asObject(configured.expression).references).filter((r) => parseReference(r) !== undefined),
    });
  }
}

function moduleResources(module: JsonObject): JsonObject[] {
  return [
    ...asArray(module.resources).map(asObject),
    ...asArray(module.child_modules).flatMap((child) => moduleResources(asObject(child))),
  ];
}

/**
 * Plan JSON leaves out values not known before apply. Put back, as
 * `${reference}` strings, the references the configuration computes them
 * from, so that both inputs link resources the same way.
 */
function withUnknownsAsReferences(values: JsonObject, afterUnknown: JsonObject, expressions: JsonObject): JsonObject {
  const result: JsonObject = { ...values };
  for (const [attribute, expression] of Object.entries(expressions)) {
    const isUnknown = afterUnknown[attribute];
    if (result[attribute] !== undefined && !(isUnknown === true || (Array.isArray(isUnknown) && isUnknown.includes(true)))) continue;
    const references = asStrings(asObject(expression).references)
      .filter((r) => parseReference(r) !== undefined)
      .map((r) => `\${${r}}`);
    if (references.length === 0) continue;
    result[attribute] = Array.isArray(isUnknown) || Array.isArray(values[attribute]) ? references : references[0];
  }
  return result;
}
