import { isObject, JsonObject } from "../json";

// Terraform's JSON configuration syntax
// (https://developer.hashicorp.com/terraform/language/syntax/json): each
// top-level block kind, and each level of block labels under it, is an object
// or an array of objects; a property named "//" is a comment.

/**
 * Calls `visit` with each block of one kind, its labels and body: `resource`
 * has two labels (type, name), `provider` one, `locals` none.
 */
function eachBlock(value: unknown, labelCount: number, labels: string[], visit: (labels: string[], body: JsonObject) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) if (isObject(item)) eachBlock(item, labelCount, labels, visit);
    return;
  }
  if (!isObject(value)) return;
  if (labelCount === 0) {
    visit(labels, value);
    return;
  }
  for (const label in value) {
    if (label !== "//") eachBlock(value[label], labelCount - 1, labels.concat(label), visit);
  }
}

/** The configuration of one module, as the reader needs it. */
export interface ModuleSyntax {
  readonly providers: { name: string; body: JsonObject }[];
  readonly resources: { mode: "managed" | "data"; type: string; name: string; body: JsonObject }[];
  readonly modules: { name: string; body: JsonObject }[];
  readonly locals: Map<string, unknown>;
  readonly variables: Map<string, JsonObject>;
  readonly outputs: { name: string; body: JsonObject }[];
  /** Provider local names and their source addresses, from `terraform { required_providers }`. */
  readonly requiredProviders: Map<string, string>;
}

/** Reads the blocks of a module from its files' JSON (one document, or several files of one folder). */
export function readModuleSyntax(files: JsonObject[]): ModuleSyntax {
  const syntax: ModuleSyntax = { providers: [], resources: [], modules: [], locals: new Map(), variables: new Map(), outputs: [], requiredProviders: new Map() };
  for (const file of files) {
    eachBlock(file.provider, 1, [], ([name], body) => syntax.providers.push({ name, body }));
    eachBlock(file.resource, 2, [], ([type, name], body) => syntax.resources.push({ mode: "managed", type, name, body }));
    eachBlock(file.data, 2, [], ([type, name], body) => syntax.resources.push({ mode: "data", type, name, body }));
    eachBlock(file.module, 1, [], ([name], body) => syntax.modules.push({ name, body }));
    eachBlock(file.locals, 0, [], (_, body) => {
      for (const name in body) if (name !== "//") syntax.locals.set(name, body[name]);
    });
    eachBlock(file.variable, 1, [], ([name], body) => syntax.variables.set(name, body));
    eachBlock(file.output, 1, [], ([name], body) => syntax.outputs.push({ name, body }));
    eachBlock(file.terraform, 0, [], (_, terraform) =>
      eachBlock(terraform.required_providers, 0, [], (_, required) => {
        for (const name in required) {
          const requirement = required[name];
          if (isObject(requirement) && typeof requirement.source === "string") syntax.requiredProviders.set(name, requirement.source);
        }
      }),
    );
  }
  return syntax;
}

/**
 * A static reference written as a string (`provider`, `providers`, `depends_on`):
 * `"aws.dev"`, and also `"${aws.dev}"`, which hand-written JSON sometimes uses.
 */
export function staticReference(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const m = /^\$\{([^{}]*)\}$/.exec(value.trim());
  return (m ? m[1] : value).trim();
}
