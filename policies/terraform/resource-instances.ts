import { isObject } from "../json";
import { computedAttributes } from "./data-sources";
import { Scope } from "./evaluate";
import { Expansion, expansionOf, instanceKey, instanceNames } from "./expansion";
import { evaluateJson } from "./json-values";
import type { ModuleInstance } from "./module-instance";
import { ModuleSyntax } from "./syntax";
import { containsUnknown, Instance, isMap, iterationPairs, toModel, Unknown, Value } from "./values";

// Resource and data source blocks, expanded into instances whose arguments
// are evaluated once, when the model or a reference first needs them.

/** Arguments that are Terraform's, not the resource's; `provider` and the like stay as written. */
const META_ARGUMENTS = new Set(["count", "for_each", "dynamic", "provisioner", "connection", "//"]);
const STATIC_ARGUMENTS = new Set(["provider", "depends_on", "lifecycle"]);

/**
 * Attributes that hold another argument as given: terraform_data's output its
 * input, null_data_source's outputs its inputs, a policy document's JSON all
 * its arguments ("*"), and any resource's tags_all its tags.
 */
const ECHOES: Record<string, Record<string, string>> = {
  "managed terraform_data": { output: "input" },
  "data null_data_source": { outputs: "inputs" },
  "data aws_iam_policy_document": { json: "*", minified_json: "*" },
};

/**
 * The argument an attribute of a block may hold as given: what ECHOES says,
 * tags for tags_all, else the attribute itself; "*" for all of them. Read for
 * configuration here and for plan JSON (plan.ts), whose blocks say which arguments are set.
 */
export function echoName(mode: "managed" | "data", type: string, attribute: string): string {
  return ECHOES[`${mode} ${type}`]?.[attribute] ?? (attribute === "tags_all" ? "tags" : attribute);
}

/** Whether a block's key is an argument of the resource, not one of Terraform's own (count, provider, ...). */
function isOwnArgument(name: string): boolean {
  return !META_ARGUMENTS.has(name) && !STATIC_ARGUMENTS.has(name);
}

/** The argument an attribute of a block holds as given, if the block sets it: see echoName. */
export function echoedArgument(decl: ModuleSyntax["resources"][number], attribute: string): string | undefined {
  const argument = echoName(decl.mode, decl.type, attribute);
  if (argument === "*") return argument;
  return argument in decl.body && isOwnArgument(argument) ? argument : undefined;
}

/** What an echoed argument is, as written: one argument, or for "*" every argument but Terraform's own. */
export function echoedValue(decl: ModuleSyntax["resources"][number], argument: string): unknown {
  if (argument !== "*") return decl.body[argument];
  return Object.fromEntries(Object.entries(decl.body).filter(([name]) => isOwnArgument(name)));
}

/** A resource or data source block of one module instance, and its instances. */
export class ResourceState {
  readonly expansion: Expansion;
  private readonly instances = new Map<string | number, InstanceState>();

  constructor(
    readonly module: ModuleInstance,
    readonly decl: ModuleSyntax["resources"][number],
    /** Address without instance key: `module.m.aws_iam_user.x` */
    readonly address: string,
  ) {
    this.expansion = expansionOf(decl.body, module.scope);
  }

  keys(): (number | string | undefined)[] {
    const e = this.expansion;
    if (e.kind === "single") return [undefined];
    if (e.kind === "count") return [...Array(e.count).keys()];
    if (e.kind === "each") return e.entries.map(([k]) => k);
    return ["*"];
  }

  /** An instance's address: `aws_iam_user.x`, `aws_iam_user.x[0]`, `aws_iam_user.x["k"]`, `aws_iam_user.x[*]` (unknown keys). */
  instanceAddress(key: number | string | undefined): string {
    return `${this.address}${key === "*" ? "[*]" : instanceKey(key)}`;
  }

  instanceState(key: number | string | undefined): InstanceState {
    const id = typeof key === "number" ? key : (key ?? "");
    let state = this.instances.get(id);
    if (!state) {
      const e = this.expansion;
      let scope = this.module.scope;
      if (e.kind !== "single") {
        const value = e.kind === "each" ? (e.entries.find(([k]) => k === key)?.[1] ?? null) : null;
        const names = key === "*" ? instanceNames(e, undefined, null) : instanceNames(e, key, value);
        scope = { lookup: (n) => (n in names ? names[n] : this.module.scope.lookup(n)) };
      }
      state = new InstanceState(this, this.instanceAddress(key), scope);
      this.instances.set(id, state);
    }
    return state;
  }
}

/** One instance's arguments, evaluated once, and the attributes references read from it. */
class InstanceState {
  readonly reference: Instance;
  private echoing = false;

  constructor(
    private readonly resource: ResourceState,
    readonly address: string,
    private readonly scope: Scope,
  ) {
    this.reference = new Instance(address, (attribute) => this.attribute(attribute), () => this.usedWhole());
  }

  /** Every argument, evaluated, with what data sources compute from them. */
  private values(): Record<string, Value> {
    const module = this.resource.module;
    const reader = module.reader;
    const cached = module.instanceValues.get(this.address);
    if (cached?.done && !reader.tracking) return cached.value as Record<string, Value>;
    const compute = () => reader.memo(module.instanceValues, this.address, () => this.evaluateArguments()) as Record<string, Value>;
    if (!reader.tracking) return compute();
    // The references inside an instance's own arguments are not the referrer's.
    let values: Record<string, Value> = {};
    reader.collect(() => {
      values = compute();
    });
    return values;
  }

  private evaluateArguments(): Record<string, Value> {
    const body = this.resource.decl.body;
    const values: Record<string, Value> = {};
    for (const name in body) {
      if (!isOwnArgument(name)) continue;
      values[name] = evaluateJson(body[name], this.scope);
    }
    if (body.dynamic !== undefined) Object.assign(values, this.dynamicBlocks(body.dynamic, values));
    if (this.resource.decl.mode === "data") {
      const { module, decl } = this.resource;
      for (const [name, value] of Object.entries(computedAttributes(decl.type, values, this.address, module.providerOf(decl).partition))) {
        if (!(name in values)) values[name] = value;
      }
    }
    return values;
  }

  /**
   * `dynamic "name" { for_each, iterator, content }` blocks
   * (https://developer.hashicorp.com/terraform/language/expressions/dynamic-blocks),
   * appended to the static blocks of the same name; unknown when for_each is.
   */
  private dynamicBlocks(dynamic: unknown, values: Record<string, Value>): Record<string, Value> {
    const result: Record<string, Value> = {};
    for (const [blockName, specs] of Object.entries(isObject(dynamic) ? dynamic : {})) {
      for (const spec of Array.isArray(specs) ? specs.filter(isObject) : isObject(specs) ? [specs] : []) {
        const iterator = typeof spec.iterator === "string" ? spec.iterator : blockName;
        const collection = evaluateJson(spec.for_each, this.scope);
        const existing = result[blockName] ?? values[blockName] ?? [];
        const iterable = Array.isArray(collection) || isMap(collection);
        if (!iterable || existing instanceof Unknown || (!Array.isArray(existing) && !isMap(existing))) {
          result[blockName] = new Unknown(`${this.address}.${blockName}`);
          continue;
        }
        const entries = iterationPairs(collection);
        const blocks = entries.map(([key, value]) =>
          evaluateJson(spec.content, { lookup: (n) => (n === iterator ? { key, value } : this.scope.lookup(n)) }),
        );
        result[blockName] = [...(Array.isArray(existing) ? existing : [existing]), ...blocks];
      }
    }
    return result;
  }

  /** The whole object, used as a value: what refers to it reads every attribute (`address.*`). */
  private usedWhole(): void {
    const reader = this.resource.module.reader;
    if (!reader.tracking) return;
    reader.addDeps([`${this.address}.*`]);
    this.handOn("*");
  }

  /**
   * What reads an argument of a resource (`tags`, `triggers`, `keepers`,
   * `insecure_value`) reads what the argument refers to, a password included:
   * the attribute holds what it was given. terraform_data's `output` is its
   * `input` (https://developer.hashicorp.com/terraform/language/resources/terraform-data).
   */
  private echo(name: string): void {
    const argument = echoedArgument(this.resource.decl, name);
    if (argument !== undefined) this.handOn(argument);
  }

  /** Adds what an argument ("*": every argument) refers to to the references being tracked. */
  private handOn(argument: string): void {
    const { decl, module } = this.resource;
    if (this.echoing) return;
    // An argument that refers to the resource itself is a cycle Terraform refuses; here it ends.
    this.echoing = true;
    try {
      module.reader.addDeps(module.reader.collect(() => evaluateJson(echoedValue(decl, argument), this.scope)));
    } finally {
      this.echoing = false;
    }
  }

  /** An attribute as a reference reads it: known when the configuration decides it wholly, else the reference. */
  private attribute(name: string): Value {
    const reader = this.resource.module.reader;
    if (reader.tracking) {
      reader.addDeps([`${this.address}.${name}`]);
      this.echo(name);
    }
    const values = this.values();
    const value = values[name];
    if (value === undefined || containsUnknown(value)) return new Unknown(`${this.address}.${name}`);
    return value;
  }

  modelValues(): Record<string, unknown> {
    const body = this.resource.decl.body;
    let values = toModel(this.values()) as Record<string, unknown>;
    for (const name of STATIC_ARGUMENTS) {
      if (!(name in body)) continue;
      // Copied before adding, so the evaluated arguments stay as they were.
      if (!("provider" in values) && !("depends_on" in values) && !("lifecycle" in values)) values = { ...values };
      values[name] = body[name];
    }
    return values;
  }
}
