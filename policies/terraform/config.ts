import * as path from "node:path";
import { accountOfProvider } from "../accounts";
import { isObject, JsonObject } from "../json";
import { AccountKey, DEFAULT_ACCOUNT, Model, Resource, Unresolved } from "../model";
import { computedAttributes } from "./data-sources";
import { Scope } from "./evaluate";
import { Expansion, expansionOf, instanceKey, instanceNames } from "./expansion";
import { evaluateJson, literalJson } from "./json-values";
import { directReferences } from "./output-references";
import { referencesIn } from "../references";
import { ModuleSyntax, readModuleSyntax, staticReference } from "./syntax";
import { containsUnknown, EvalError, Instance, isMap, iterationPairs, toModel, Unknown, Value } from "./values";

// Reads Terraform JSON configuration as Terraform plans it: each module's
// variables, locals, resources and module calls, with count and for_each
// expanded and references evaluated, into the model's resources.

/** Arguments that are Terraform's, not the resource's; `provider` and the like stay as written. */
const META_ARGUMENTS = new Set(["count", "for_each", "dynamic", "provisioner", "connection", "//"]);
const STATIC_ARGUMENTS = new Set(["provider", "depends_on", "lifecycle"]);
/** Arguments of a module block that are not the module's input variables. */
const MODULE_META = new Set(["source", "version", "providers", "count", "for_each", "depends_on", "//"]);
/** Module calls nested deeper than this are a loop (a module calling itself). */
const MAX_MODULE_DEPTH = 16;

export interface ConfigInput {
  readonly stack: string;
  readonly files: JsonObject[];
  /** Local modules by folder, relative to the root module's folder. */
  readonly modules: Record<string, unknown[]>;
  /** Root variable values from tfvars files, over the defaults. */
  readonly variables?: Record<string, unknown>;
}

export interface ConfigOutput {
  readonly resources: Resource[];
  readonly outputs: Model["outputs"];
  readonly unresolved: Unresolved[];
}

export function readConfiguration(input: ConfigInput): ConfigOutput {
  const reader = new Reader(input);
  const rootInputs = new Map(Object.entries(input.variables ?? {}).map(([name, value]) => [name, () => literalJson(value)]));
  const root = new ModuleInstance(reader, readModuleSyntax(input.files), "", ".", rootInputs, undefined, 0);
  // Outputs first: what they refer to is tracked only while they are evaluated (see Reader.memo).
  for (const output of root.syntax.outputs) {
    // Evaluation follows locals, variables and modules; the words of the text catch what evaluation could not read.
    const deps =
      directReferences(output.body.value) ??
      new Set([...reader.collect(() => root.evaluate(output.body.value)), ...referencesIn(output.body.value).map((r) => `${r.address}.${r.attribute}`)]);
    reader.outputs.push({
      stack: input.stack,
      name: output.name,
      sensitive: output.body.sensitive === true || output.body.sensitive === "true",
      references: [...deps],
    });
  }
  reader.emit(root);
  return { resources: reader.resources, outputs: reader.outputs, unresolved: reader.unresolved };
}

interface ProviderRef {
  readonly key: string;
  readonly account: AccountKey;
}

interface Memo {
  done: boolean;
  value?: Value;
  deps?: Set<string>;
}

class Reader {
  readonly resources: Resource[] = [];
  readonly outputs: Model["outputs"] = [];
  readonly unresolved: Unresolved[] = [];
  /** The references each evaluation in progress has made, innermost last. */
  private readonly collectors: Set<string>[] = [];

  constructor(readonly input: ConfigInput) {}

  get stack(): string {
    return this.input.stack;
  }

  /** Runs an evaluation and returns the resource attributes it referred to, directly or through locals, variables and module outputs. */
  collect(run: () => void): Set<string> {
    const collector = new Set<string>();
    this.collectors.push(collector);
    try {
      run();
    } finally {
      this.collectors.pop();
    }
    return collector;
  }

  /** Whether an output is being evaluated, so references are worth recording. */
  get tracking(): boolean {
    return this.collectors.length > 0;
  }

  addDeps(deps: Iterable<string>): void {
    const top = this.collectors[this.collectors.length - 1];
    if (top) for (const d of deps) top.add(d);
  }

  /**
   * Evaluates once and remembers the value and, while tracking, what it
   * referred to; a second entry while busy is a cycle. Outputs are evaluated
   * before anything else, so a value first computed untracked is never
   * needed by a tracked evaluation later.
   */
  memo(cache: Map<string, Memo>, key: string, compute: () => Value): Value {
    const existing = cache.get(key);
    if (existing?.done) {
      if (existing.deps) this.addDeps(existing.deps);
      return existing.value!;
    }
    if (existing) throw new EvalError(`${key} refers to itself`);
    const memo: Memo = { done: false };
    cache.set(key, memo);
    const tracking = this.tracking;
    if (tracking) this.collectors.push(new Set());
    let value: Value;
    try {
      value = compute();
    } catch (error) {
      cache.delete(key);
      if (tracking) this.collectors.pop();
      throw error;
    }
    memo.done = true;
    memo.value = value;
    if (tracking) {
      memo.deps = this.collectors.pop()!;
      this.addDeps(memo.deps);
    }
    return value;
  }

  emit(module: ModuleInstance): void {
    for (const decl of module.syntax.resources) this.emitResource(module, decl);
    for (const call of module.syntax.modules) {
      for (const child of module.children(call.name)) this.emit(child);
    }
  }

  private emitResource(module: ModuleInstance, decl: ModuleSyntax["resources"][number]): void {
    const state = module.stateOf(decl);
    const provider = module.providerFor(staticReference(decl.body.provider) ?? decl.type.split("_")[0]);
    const keys = state.keys();
    if (state.expansion.kind === "unknown" && decl.type.startsWith("aws_iam_")) {
      this.unresolved.push({
        stack: this.stack,
        address: `${state.address}[*]`,
        attribute: state.expansion.argument,
        expression: state.expansion.expression,
        reason: state.expansion.reason,
      });
    }
    for (const key of keys) {
      const instance = state.instanceState(key);
      this.resources.push({
        stack: this.stack,
        mode: decl.mode,
        type: decl.type,
        name: decl.name,
        address: instance.address,
        values: instance.modelValues(),
        provider: provider.key,
        account: provider.account,
      });
    }
  }
}

/** One instance of a module: the root, or one call (one element of its count / for_each). */
class ModuleInstance {
  readonly scope: Scope;
  readonly providers = new Map<string, ProviderRef>();
  private readonly locals = new Map<string, Memo>();
  private readonly variables = new Map<string, Memo>();
  private readonly outputsMemo = new Map<string, Memo>();
  private readonly resourceStates = new Map<ModuleSyntax["resources"][number], ResourceState>();
  /** Declarations by type (`data.<type>` for data sources), then name. */
  private declarations?: Map<string, Map<string, ModuleSyntax["resources"][number]>>;
  /** Each resource instance's evaluated arguments, by address. */
  readonly instanceValues = new Map<string, Memo>();
  private readonly calls = new Map<string, ModuleCall>();

  constructor(
    readonly reader: Reader,
    readonly syntax: ModuleSyntax,
    /** `""` for the root, `module.m.` or `module.m["k"].` for a call */
    readonly prefix: string,
    /** The module's folder relative to the root module's */
    readonly dir: string,
    private readonly inputs: Map<string, () => Value>,
    parent: ModuleInstance | undefined,
    readonly depth: number,
    providerMap?: JsonObject,
  ) {
    this.scope = { lookup: (name) => this.lookup(name) };
    this.configureProviders(parent, providerMap);
  }

  evaluate(json: unknown, scope: Scope = this.scope): Value {
    return evaluateJson(json, scope);
  }

  private readonly namespaces = {
    var: new Instance("var", (n) => this.variable(n)),
    local: new Instance("local", (n) => this.local(n)),
    module: new Instance("module", (n) => this.moduleValue(n)),
    data: new Instance("data", (type) => new Instance(`data.${type}`, (n) => this.resourceValue("data", type, n))),
  };
  private resourceTypes?: Map<string, Instance>;

  private lookup(name: string): Value | undefined {
    switch (name) {
      case "var":
      case "local":
      case "module":
      case "data":
        return this.namespaces[name];
      case "path":
      case "terraform":
        return new Instance(name, (attribute) => new Unknown(`${name}.${attribute}`));
      case "self":
        return new Unknown("self");
      case "count":
      case "each":
        return undefined;
    }
    if (!this.resourceTypes) {
      this.resourceTypes = new Map();
      for (const r of this.syntax.resources) {
        if (r.mode === "managed" && !this.resourceTypes.has(r.type)) {
          this.resourceTypes.set(r.type, new Instance(r.type, (n) => this.resourceValue("managed", r.type, n)));
        }
      }
    }
    return this.resourceTypes.get(name);
  }

  private variable(name: string): Value {
    return this.reader.memo(this.variables, name, () => {
      const input = this.inputs.get(name);
      if (input) return input();
      const declared = this.syntax.variables.get(name);
      if (!declared) throw new EvalError(`var.${name} is not declared`);
      // A variable's default is a literal value; without one, only `terraform plan -var` knows it.
      return "default" in declared && declared.default !== null ? literalJson(declared.default) : new Unknown(`var.${name}`);
    });
  }

  private local(name: string): Value {
    return this.reader.memo(this.locals, name, () => {
      if (!this.syntax.locals.has(name)) throw new EvalError(`local.${name} is not declared`);
      return this.evaluate(this.syntax.locals.get(name));
    });
  }

  /** The instances of a resource as a reference sees them: one, a list (count), a map (for_each), or unknown. */
  private resourceValue(mode: "managed" | "data", type: string, name: string): Value {
    const state = this.resource(mode, type, name);
    if (!state) throw new EvalError(`${mode === "data" ? "data." : ""}${type}.${name} is not declared`);
    const e = state.expansion;
    if (e.kind === "single") return state.instanceState(undefined).reference;
    if (e.kind === "count") return state.keys().map((k) => state.instanceState(k).reference);
    if (e.kind === "each") return Object.fromEntries(state.keys().map((k) => [k as string, state.instanceState(k).reference]));
    return new Unknown(state.address);
  }

  resource(mode: "managed" | "data", type: string, name: string): ResourceState | undefined {
    if (!this.declarations) {
      this.declarations = new Map();
      for (const decl of this.syntax.resources) {
        const key = decl.mode === "data" ? `data.${decl.type}` : decl.type;
        let byName = this.declarations.get(key);
        if (!byName) this.declarations.set(key, (byName = new Map()));
        if (!byName.has(decl.name)) byName.set(decl.name, decl);
      }
    }
    const decl = this.declarations.get(mode === "data" ? `data.${type}` : type)?.get(name);
    return decl ? this.stateOf(decl) : undefined;
  }

  stateOf(decl: ModuleSyntax["resources"][number]): ResourceState {
    let state = this.resourceStates.get(decl);
    if (!state) {
      state = new ResourceState(this, decl, `${this.prefix}${decl.mode === "data" ? "data." : ""}${decl.type}.${decl.name}`);
      this.resourceStates.set(decl, state);
    }
    return state;
  }

  private moduleValue(name: string): Value {
    const call = this.call(name);
    if (!call) throw new EvalError(`module.${name} is not declared`);
    const e = call.expansion;
    if (!call.readable || e.kind === "unknown") return new Unknown(`${this.prefix}module.${name}`);
    const outputs = (m: ModuleInstance) => new Instance(m.prefix.slice(0, -1), (o) => m.output(o));
    if (e.kind === "single") return outputs(call.instances()[0]);
    if (e.kind === "count") return call.instances().map(outputs);
    return Object.fromEntries(call.instances().map((m, i) => [(e.entries[i] as [string, Value])[0], outputs(m)]));
  }

  output(name: string): Value {
    return this.reader.memo(this.outputsMemo, name, () => {
      const output = this.syntax.outputs.find((o) => o.name === name);
      if (!output) throw new EvalError(`${this.prefix}output ${name} is not declared`);
      return this.evaluate(output.body.value);
    });
  }

  children(name: string): ModuleInstance[] {
    const call = this.call(name);
    return call && call.readable ? call.instances() : [];
  }

  private call(name: string): ModuleCall | undefined {
    let call = this.calls.get(name);
    if (!call) {
      const decl = this.syntax.modules.find((m) => m.name === name);
      if (!decl) return undefined;
      call = new ModuleCall(this, name, decl.body);
      this.calls.set(name, call);
    }
    return call;
  }

  /**
   * Provider configurations this module can use: the default (unaliased) ones
   * it inherits, those its call passes in `providers`, and any it declares.
   */
  private configureProviders(parent: ModuleInstance | undefined, providerMap: JsonObject | undefined): void {
    if (parent) {
      for (const [key, ref] of parent.providers) if (!key.includes(".")) this.providers.set(key, ref);
      for (const [key, value] of Object.entries(providerMap ?? {})) {
        const target = staticReference(value);
        if (target) this.providers.set(key, parent.providerFor(target));
      }
    }
    for (const { name, body } of this.syntax.providers) {
      const alias = typeof body.alias === "string" ? body.alias : undefined;
      const local = alias ? `${name}.${alias}` : name;
      const key = `${this.prefix}${local}`;
      if (name !== "aws") {
        this.providers.set(local, { key, account: DEFAULT_ACCOUNT });
        continue;
      }
      const values = toModel(this.evaluate(body)) as JsonObject;
      const { account, unknown } = accountOfProvider(isObject(values) ? values : {});
      for (const u of unknown) {
        this.reader.unresolved.push({
          stack: this.reader.stack,
          address: `${this.prefix}provider.${local}`,
          attribute: u.attribute,
          expression: u.expression,
          reason: "the provider's account is not known before apply",
        });
      }
      this.providers.set(local, { key, account: unknown.length > 0 ? `unknown (${this.reader.stack} ${this.prefix}provider.${local})` : account });
    }
  }

  /** A provider key as a resource or call names it: `aws`, `aws.dev`. Without a block, the default credentials. */
  providerFor(key: string): ProviderRef {
    return this.providers.get(key) ?? { key: `${this.prefix}${key}`, account: DEFAULT_ACCOUNT };
  }
}

/** A `module` block: its source, its instances and their inputs. */
class ModuleCall {
  readonly expansion: Expansion;
  readonly readable: boolean;
  private readonly files: unknown[] = [];
  private readonly dir: string = "";
  private built?: ModuleInstance[];

  constructor(
    private readonly parent: ModuleInstance,
    private readonly name: string,
    private readonly body: JsonObject,
  ) {
    this.expansion = expansionOf(body, parent.scope);
    const address = `${parent.prefix}module.${name}`;
    const unresolved = (attribute: string, expression: string, reason: string) =>
      parent.reader.unresolved.push({ stack: parent.reader.stack, address, attribute, expression, reason });
    const source = typeof body.source === "string" ? body.source : undefined;
    if (!source || !/^\.\.?\//.test(source)) {
      unresolved("source", String(source), "only a module in a local folder can be read without terraform init");
      this.readable = false;
      return;
    }
    if (parent.depth >= MAX_MODULE_DEPTH) {
      unresolved("source", source, `modules nested more than ${MAX_MODULE_DEPTH} deep`);
      this.readable = false;
      return;
    }
    this.dir = path.posix.normalize(path.posix.join(parent.dir, source)).replace(/\/$/, "");
    const files = parent.reader.input.modules[this.dir];
    if (!files) {
      unresolved("source", source, `the folder ${this.dir} was not read: it is missing, holds no *.tf.json file, or holds HCL (.tf) files`);
      this.readable = false;
      return;
    }
    this.files = files;
    this.readable = true;
    if (this.expansion.kind === "unknown") {
      unresolved(this.expansion.argument, this.expansion.expression, this.expansion.reason);
    }
  }

  instances(): ModuleInstance[] {
    if (this.built) return this.built;
    const e = this.expansion;
    const keys: (number | string | undefined)[] =
      e.kind === "single" ? [undefined] : e.kind === "count" ? [...Array(e.count).keys()] : e.kind === "each" ? e.entries.map(([k]) => k) : ["*"];
    const syntax = readModuleSyntax(this.files.filter(isObject));
    this.built = keys.map((key, i) => {
      const eachValue = e.kind === "each" ? e.entries[i][1] : null;
      const names = key === "*" ? instanceNames(e, undefined, null) : instanceNames(e, key, eachValue);
      const scope: Scope = { lookup: (n) => (n in names ? names[n] : this.parent.scope.lookup(n)) };
      const inputs = new Map<string, () => Value>();
      for (const [arg, value] of Object.entries(this.body)) {
        if (!MODULE_META.has(arg)) inputs.set(arg, () => evaluateJson(value, scope));
      }
      const prefix = `${this.parent.prefix}module.${this.name}${key === "*" ? "[*]" : instanceKey(key)}.`;
      const providerMap = isObject(this.body.providers) ? this.body.providers : undefined;
      return new ModuleInstance(this.parent.reader, syntax, prefix, this.dir, inputs, this.parent, this.parent.depth + 1, providerMap);
    });
    return this.built;
  }
}

/** A resource or data source block of one module instance, and its instances. */
class ResourceState {
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
      const address = `${this.address}${key === "*" ? "[*]" : instanceKey(key)}`;
      state = new InstanceState(this, address, scope);
      this.instances.set(id, state);
    }
    return state;
  }
}

/** One instance's arguments, evaluated once, and the attributes references read from it. */
class InstanceState {
  readonly reference: Instance;

  constructor(
    private readonly resource: ResourceState,
    readonly address: string,
    private readonly scope: Scope,
  ) {
    this.reference = new Instance(address, (attribute) => this.attribute(attribute));
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
    for (const [name, value] of Object.entries(body)) {
      if (META_ARGUMENTS.has(name) || STATIC_ARGUMENTS.has(name)) continue;
      values[name] = evaluateJson(value, this.scope);
    }
    Object.assign(values, this.dynamicBlocks(body.dynamic, values));
    if (this.resource.decl.mode === "data") {
      for (const [name, value] of Object.entries(computedAttributes(this.resource.decl.type, values, this.address))) {
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

  /** An attribute as a reference reads it: known when the configuration decides it wholly, else the reference. */
  private attribute(name: string): Value {
    const reader = this.resource.module.reader;
    if (reader.tracking) reader.addDeps([`${this.address}.${name}`]);
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

