import { JsonObject } from "../json";
import { AccountKey, Model, Resource, Unresolved } from "../model";
import { referencesIn } from "../references";
import { literalJson } from "./json-values";
import { ModuleInstance } from "./module-instance";
import { directReferences } from "./output-references";
import { echoedArgument, echoedValue } from "./resource-instances";
import { Reader } from "./reader";
import { readModuleSyntax } from "./syntax";

// Reads Terraform JSON configuration as Terraform plans it: each module's
// variables, locals, resources and module calls, with count and for_each
// expanded and references evaluated, into the model's resources.

export interface ConfigInput {
  readonly stack: string;
  readonly files: JsonObject[];
  /** Local modules by folder, relative to the root module's folder. */
  readonly modules: Record<string, unknown[]>;
  /** Root variable values from tfvars files, over the defaults. */
  readonly variables?: Record<string, unknown>;
  /** The resource types to read (default: all); see NormalizeOptions. */
  readonly resourcesOf?: (type: string) => boolean;
}

export interface ConfigOutput {
  readonly resources: Resource[];
  /** Every account an AWS resource reaches, read or not, in the order first reached, with its partition. */
  readonly accounts: ReadonlyMap<AccountKey, string | undefined>;
  readonly outputs: Model["outputs"];
  readonly unresolved: Unresolved[];
}

export function readConfiguration(input: ConfigInput): ConfigOutput {
  const reader = new Reader(input);
  const rootInputs = new Map(Object.entries(input.variables ?? {}).map(([name, value]) => [name, () => literalJson(value)]));
  const root = new ModuleInstance(reader, readModuleSyntax(input.files), "", ".", rootInputs, undefined, 0);
  // Outputs first: what they refer to is tracked only while they are evaluated (see Reader.memo).
  for (const output of root.syntax.outputs) {
    // Evaluation follows locals, variables, modules and the arguments a resource hands on; the words of the text catch what evaluation could not read.
    const deps =
      syntacticReferences(root, output.body.value) ??
      new Set([...reader.collect(() => root.evaluate(output.body.value)), ...referencesIn(output.body.value).map((r) => `${r.address}.${r.attribute}`)]);
    reader.outputs.push({
      stack: input.stack,
      name: output.name,
      sensitive: output.body.sensitive === true || output.body.sensitive === "true",
      references: [...deps],
    });
  }
  reader.emit(root);
  return { resources: reader.resources, accounts: reader.accounts, outputs: reader.outputs, unresolved: reader.unresolved };
}

/**
 * What a value refers to, read from its syntax alone, following each argument
 * of a root block it reads back (`aws_iam_user.t.tags`: what `tags` refers
 * to); undefined when some part must be evaluated to know.
 */
function syntacticReferences(root: ModuleInstance, value: unknown): string[] | undefined {
  const found = new Set<string>();
  const visit = (v: unknown): boolean => {
    const references = directReferences(v);
    if (!references) return false;
    for (const r of references) {
      if (found.has(r)) continue;
      found.add(r);
      const argument = handedOnArgument(root, r);
      if (argument !== undefined && !visit(argument)) return false;
    }
    return true;
  };
  return visit(value) ? [...found] : undefined;
}

/** The argument of a root block a reference (`aws_iam_user.t.tags`) reads back, as written; undefined when it reads none. */
function handedOnArgument(root: ModuleInstance, reference: string): unknown {
  const m = /^(data\.)?([\w-]+)\.([\w-]+)(?:\[[^\]]*\])?\.([\w-]+)$/.exec(reference);
  if (!m) return undefined;
  const decl = root.syntax.resources.find((r) => r.mode === (m[1] ? "data" : "managed") && r.type === m[2] && r.name === m[3]);
  const argument = decl && echoedArgument(decl, m[4]);
  return argument === undefined ? undefined : echoedValue(decl!, argument);
}
