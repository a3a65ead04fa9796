import { isObject, JsonObject } from "../json";

// Terraform's JSON configuration syntax
// (https://developer.hashicorp.com/terraform/language/syntax/json): each
// top-level block kind, and each level of block labels under it, is an object
// or an array of objects; a property named "//" is a comment.

export interface LabeledBlock {
  readonly labels: string[];
  readonly body: JsonObject;
}

/** The blocks of one kind, with their labels: `resource` has two (type, name), `provider` one, `locals` none. */
export function labeledBlocks(value: unknown, labelCount: number): LabeledBlock[] {
  const found: LabeledBlock[] = [];
  collect(value, labelCount, [], found);
  return found;
}

function collect(value: unknown, labelCount: number, labels: string[], found: LabeledBlock[]): void {
  if (Array.isArray(value)) {
    for (const item of value) if (isObject(item)) collect(item, labelCount, labels, found);
    return;
  }
  if (!isObject(value)) return;
  if (labelCount === 0) {
    found.push({ labels, body: value });
    return;
  }
  for (const label in value) {
    if (label !== "//") collect(value[label], labelCount - 1, labels.length === 0 ? [label] : [...labels, label], found);
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
}

/** Reads the blocks of a module from its files' JSON (one document, or several files of one folder). */
export function readModuleSyntax(files: JsonObject[]): ModuleSyntax {
  const syntax: ModuleSyntax = { providers: [], resources: [], modules: [], locals: new Map(), variables: new Map(), outputs: [] };
  for (const file of files) {
    for (const b of labeledBlocks(file.provider, 1)) syntax.providers.push({ name: b.labels[0], body: b.body });
    for (const b of labeledBlocks(file.resource, 2)) syntax.resources.push({ mode: "managed", type: b.labels[0], name: b.labels[1], body: b.body });
    for (const b of labeledBlocks(file.data, 2)) syntax.resources.push({ mode: "data", type: b.labels[0], name: b.labels[1], body: b.body });
    for (const b of labeledBlocks(file.module, 1)) syntax.modules.push({ name: b.labels[0], body: b.body });
    for (const b of labeledBlocks(file.locals, 0)) {
      for (const [name, value] of Object.entries(b.body)) if (name !== "//") syntax.locals.set(name, value);
    }
    for (const b of labeledBlocks(file.variable, 1)) syntax.variables.set(b.labels[0], b.body);
    for (const b of labeledBlocks(file.output, 1)) syntax.outputs.push({ name: b.labels[0], body: b.body });
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
