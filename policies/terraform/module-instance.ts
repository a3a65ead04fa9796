import * as path from "node:path";
import { ACCOUNT_ARGUMENTS, accountOfProvider, isAwsProvider } from "../accounts";
import { partitionOfRegion } from "../partitions";
import { isObject, JsonObject } from "../json";
import { AccountKey, DEFAULT_ACCOUNT } from "../model";
import { Scope } from "./evaluate";
import { Expansion, expansionOf, instanceKey, instanceNames } from "./expansion";
import { evaluateJson, literalJson } from "./json-values";
import { Memo, Reader } from "./reader";
import { ResourceState } from "./resource-instances";
import { ModuleSyntax, readModuleSyntax, staticReference } from "./syntax";
import { EvalError, Instance, toModel, Unknown, Value } from "./values";

// Modules as Terraform instantiates them: the root, and each call of a local
// module (one instance per element of its count or for_each), each with its
// variables, locals, outputs, resources and provider configurations.

/** Arguments of a module block that are not the module's input variables. */
const MODULE_META = new Set(["source", "version", "providers", "count", "for_each", "depends_on", "//"]);
const DYNAMIC_ROLE = "the provider assumes a role through a dynamic block, which the checks do not expand";
/** Module calls nested deeper than this are a loop (a module calling itself). */
const MAX_MODULE_DEPTH = 16;

export interface ProviderRef {
  readonly key: string;
  readonly account: AccountKey;
  /** The partition of its Region, when the configuration names a Region (see partitions.ts). */
  readonly partition?: string;
}

/** One instance of a module: the root, or one call (one element of its count / for_each). */
export class ModuleInstance {
  readonly scope: Scope;
  readonly providers = new Map<string, ProviderRef>();
  private readonly locals = new Map<string, Memo>();
  private readonly variables = new Map<string, Memo>();
  private readonly outputsMemo = new Map<string, Memo>();
  private readonly resourceStates = new Map<ModuleSyntax["resources"][number], ResourceState>();
  /** Declarations by type (`data.<type>` for data sources), then name. */
  private readonly declarations = new Map<string, Map<string, ModuleSyntax["resources"][number]>>();
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
    const key = mode === "data" ? `data.${type}` : type;
    let byName = this.declarations.get(key);
    if (!byName) {
      // Indexed by type as references reach them: a stack refers to few of its types.
      byName = new Map();
      for (const decl of this.syntax.resources) if (decl.type === type && decl.mode === mode && !byName.has(decl.name)) byName.set(decl.name, decl);
      this.declarations.set(key, byName);
    }
    const decl = byName.get(name);
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
    const outputs = (m: ModuleInstance) => new Instance(m.prefix.slice(0, -1), (o) => m.output(o), () => m.readAllOutputs());
    if (e.kind === "single") return outputs(call.instances()[0]);
    if (e.kind === "count") return call.instances().map(outputs);
    return Object.fromEntries(call.instances().map((m, i) => [(e.entries[i] as [string, Value])[0], outputs(m)]));
  }

  /** Every output, read while tracking: the module's outputs used as one object carry what each refers to. */
  readAllOutputs(): void {
    if (!this.reader.tracking) return;
    for (const { name } of this.syntax.outputs) {
      try {
        this.output(name);
      } catch (error) {
        if (!(error instanceof EvalError)) throw error;
      }
    }
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
      this.providers.set(local, isAwsProvider(name, this.syntax.requiredProviders.get(name)) ? this.awsProvider(local, key, body) : { key, account: DEFAULT_ACCOUNT });
    }
  }

  /** An AWS provider configuration's account and partition; what decides them but cannot be read is unresolved. */
  private awsProvider(local: string, key: string, body: JsonObject): ProviderRef {
    // Only the arguments that decide the account and its partition: a stack with alerts has a provider per Region.
    // Read tracked, as outputs are: a local first read here keeps what it refers to for an output that reads it later.
    const values: JsonObject = {};
    let region: unknown;
    this.reader.collect(() => {
      for (const argument of ACCOUNT_ARGUMENTS) if (argument in body) values[argument] = toModel(this.evaluate(body[argument]));
      if ("region" in body) region = toModel(this.evaluate(body.region));
    });
    const { account, unknown } = accountOfProvider(values);
    // Terraform expands `dynamic` blocks in provider configurations too; the checks do not, so a role assumed through one is not known.
    const dynamic = body.dynamic;
    const fromDynamic =
      dynamic === undefined
        ? []
        : !isObject(dynamic)
          ? [{ attribute: "dynamic", expression: JSON.stringify(dynamic), reason: DYNAMIC_ROLE }]
          : ACCOUNT_ARGUMENTS.filter((block) => block in dynamic).map((block) => ({ attribute: `dynamic.${block}`, expression: JSON.stringify(dynamic[block]), reason: DYNAMIC_ROLE }));
    const unread = [...unknown, ...fromDynamic];
    for (const u of unread) {
      this.reader.unresolved.push({
        stack: this.reader.stack,
        address: `${this.prefix}provider.${local}`,
        attribute: u.attribute,
        expression: u.expression,
        reason: u.reason ?? "the provider's account is not known before apply",
      });
    }
    // Custom endpoints may lead anywhere: the Region's partition is then not known to be the one IAM uses.
    const endpoints = body.endpoints !== undefined || (dynamic !== undefined && (!isObject(dynamic) || "endpoints" in dynamic));
    return {
      key,
      account: unread.length > 0 ? `unknown (${this.reader.stack} ${this.prefix}provider.${local})` : account,
      partition: endpoints ? undefined : partitionOfRegion(region),
    };
  }

  /** The provider a resource or data source uses: its `provider` argument, else the default one of its type's prefix. */
  providerOf(decl: ModuleSyntax["resources"][number]): ProviderRef {
    return this.providerFor(staticReference(decl.body.provider) ?? decl.type.split("_")[0]);
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
      unresolved("source", source, `the folder ${this.dir} was not read: it is missing, holds no *.tf.json file, or holds HCL (.tf) files or override files`);
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
