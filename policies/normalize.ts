import { isObject, JsonObject } from "./json";
import { AccountKey, AccountReach, Model, TerraformDocument } from "./model";
import { readConfiguration } from "./terraform/config";
import { readPlan } from "./terraform/plan";

/** Top-level keys of Terraform's JSON configuration syntax (cdktf adds "//"). */
const CONFIG_KEYS = new Set([
  "//", "resource", "data", "provider", "output", "terraform", "variable", "locals", "module", "moved", "import", "check", "removed",
]);

export type DocumentKind = "config" | "plan";

/** The plan JSON format versions this reader understands: 1.x (Terraform 0.12 and later). */
const SUPPORTED_PLAN_MAJOR = "1";

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

/**
 * Why a document cannot be read, in words that name what it is; undefined
 * when it can. Terraform state is not a plan: it has no configuration and
 * holds only what was applied.
 */
export function unreadableReason(json: unknown): string | undefined {
  const kind = kindOf(json);
  if (kind === "plan") {
    const version = String((json as JsonObject).format_version);
    if (version.split(".")[0] !== SUPPORTED_PLAN_MAJOR) return `unsupported plan format ${version}; this checker reads 1.x`;
    return undefined;
  }
  if (kind === "config") return undefined;
  if (isObject(json) && typeof json.format_version === "string" && "values" in json) {
    return "is Terraform state JSON (`terraform show -json` without a plan file), not a plan: give `terraform show -json plan.bin`";
  }
  if (isObject(json) && typeof json.version === "number" && "lineage" in json && "serial" in json) {
    return "is a Terraform state file (terraform.tfstate), not a plan: give `terraform show -json plan.bin`";
  }
  return "is neither Terraform JSON configuration nor Terraform plan JSON";
}

export interface NormalizeOptions {
  /**
   * The resource types the model holds, with their values worked out. Default:
   * every type. The others count only for the accounts they reach
   * (`Model.accounts`). The checks read IAM resources only, and at a thousand
   * stacks evaluating and keeping everything else costs more than reading the files.
   */
  readonly resourcesOf?: (type: string) => boolean;
}

/**
 * Normalizes documents of either kind into one model. Never throws on a
 * document's content; `documents` may read each one as it is asked for
 * (see `readEach`), and whatever that throws is the caller's.
 */
export function normalize(documents: Iterable<TerraformDocument>, options: NormalizeOptions = {}): Model {
  const model: Model = { resources: [], outputs: [], unreadable: [], unresolved: [], accounts: new Map() };
  const iterator = documents[Symbol.iterator]();
  // One document per call: no frame holds a document while the next is read and parsed.
  while (addNext(model, iterator, options));
  return model;
}

/** Reads the next document into the model; false when there is none. */
function addNext(model: Model, documents: Iterator<TerraformDocument>, options: NormalizeOptions): boolean {
  const next = documents.next();
  if (next.done) return false;
  const doc = next.value;
  const reason = unreadableReason(doc.json);
  if (reason) {
    model.unreadable.push({ stack: doc.stack, reason });
    return true;
  }
  let read;
  try {
    read =
      kindOf(doc.json) === "plan"
        ? readPlan(doc.stack, doc.json as JsonObject, options.resourcesOf)
        : readConfiguration({ stack: doc.stack, files: [doc.json as JsonObject], modules: doc.modules ?? {}, variables: doc.variables ?? {}, resourcesOf: options.resourcesOf });
  } catch (error) {
    // A document that defeats the reader (nesting deeper than the stack allows) is a deny, never a crash or a pass.
    model.unreadable.push({ stack: doc.stack, reason: `could not be read (${(error as Error).message})` });
    return true;
  }
  const accounts = model.accounts as Map<AccountKey, AccountReach>;
  for (const [account, partition] of read.accounts) {
    const seen = accounts.get(account);
    if (!seen) accounts.set(account, { stack: doc.stack, partition });
    // Providers of two partitions reach one account id: it cannot be both, so its partition is not known.
    else if (seen.partition !== partition) accounts.set(account, { stack: seen.stack });
  }
  model.resources.push(...read.resources);
  model.outputs.push(...read.outputs);
  model.unresolved!.push(...read.unresolved);
  return true;
}
