import { AccountKey, Model, Resource, Unresolved } from "../model";
import { reach } from "../partitions";
import { ConfigInput } from "./config";
import type { ModuleInstance } from "./module-instance";
import { ModuleSyntax } from "./syntax";
import { EvalError, Value } from "./values";

// One configuration's reading: what it found, and the bookkeeping every
// evaluation shares (values computed once, references an output follows).

export interface Memo {
  done: boolean;
  value?: Value;
  deps?: Set<string>;
}

export class Reader {
  readonly resources: Resource[] = [];
  readonly outputs: Model["outputs"] = [];
  readonly unresolved: Unresolved[] = [];
  /** The accounts AWS resources reach, kept or not, in the order first reached, with their partition (see `reach`). */
  readonly accounts = new Map<AccountKey, string | undefined>();
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
   * referred to; a second entry while busy is a cycle. Provider
   * configurations and outputs are evaluated tracked, before anything else,
   * so a value first computed untracked is never needed by a tracked
   * evaluation later.
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
    const kept = this.input.resourcesOf?.(decl.type) ?? true;
    const aws = decl.type.startsWith("aws_");
    // Only AWS resources live in an AWS account; random_string, terraform_data and the like do not.
    if (!kept && !aws) return;
    const provider = module.providerOf(decl);
    if (!kept && !("count" in decl.body) && !("for_each" in decl.body)) {
      // One instance, whose account is all the caller asked for: most resources of a stack with alerts.
      reach(this.accounts, provider.account, provider.partition);
      return;
    }
    const state = module.stateOf(decl);
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
    if (aws && keys.length > 0) reach(this.accounts, provider.account, provider.partition);
    if (!kept) return;
    for (const key of keys) {
      this.resources.push({
        stack: this.stack,
        mode: decl.mode,
        type: decl.type,
        name: decl.name,
        address: state.instanceAddress(key),
        values: state.instanceState(key).modelValues(),
        provider: provider.key,
        account: provider.account,
      });
    }
  }
}
