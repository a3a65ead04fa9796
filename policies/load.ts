import * as fs from "node:fs";
import { duplicateKey, hasDuplicateKeys } from "./terraform/duplicate-keys";
import * as path from "node:path";
import { asObject, asString, isObject, JsonObject, jsonSyntaxError } from "./json";
import { TerraformDocument } from "./model";
import { kindOf, unreadableReason } from "./normalize";
import { inexactNumberIn } from "./terraform/convert";
import { readModuleSyntax } from "./terraform/syntax";

/** An input the checks cannot read: missing, unreadable, not JSON, or not Terraform. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}

/** Larger inputs are refused rather than read into memory: a plan of thousands of resources is a few MiB. */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;
/** Module calls nested deeper than this are a loop. */
const MAX_MODULE_DEPTH = 16;

/**
 * A document found on the command line, read when its turn comes: the stacks
 * of a cdktf.out are read one at a time, so only one stack's JSON is in memory
 * at once, however many accounts there are.
 */
export interface DocumentSource {
  readonly stack: string;
  readonly source?: string;
  read(): TerraformDocument;
}

/**
 * Finds the documents behind command-line paths: a cdktf.out folder (every
 * stack in its manifest), a folder of stack folders (`cdktf.out/stacks`), one
 * stack folder (its *.tf.json files, read together as Terraform reads a
 * module), a `*.tf.json` file, or a plan JSON file (`terraform show -json plan > plan.json`).
 * Each stack is named as cdktf names it; when two inputs would share a name,
 * each is named by its path instead, so they stay apart. Anything but a
 * cdktf.out stack is read now, because its name is inside it.
 */
export function findDocuments(paths: string[]): DocumentSource[] {
  const sources = paths.flatMap(findPath);
  const byName = new Map<string, DocumentSource[]>();
  for (const d of sources) {
    const same = byName.get(d.stack);
    if (same) same.push(d);
    else byName.set(d.stack, [d]);
  }
  const renamed = new Set<DocumentSource>();
  for (const same of byName.values()) {
    if (same.length > 1 && new Set(same.map((d) => path.resolve(d.source ?? ""))).size > 1) same.forEach((d) => renamed.add(d));
  }
  return sources.map((d) => {
    if (!renamed.has(d)) return d;
    const stack = path.relative(process.cwd(), d.source ?? d.stack) || d.stack;
    return { stack, source: d.source, read: () => ({ ...d.read(), stack }) };
  });
}

/** Reads each document in turn, as the checks ask for it. */
export function* readEach(sources: DocumentSource[]): Generator<TerraformDocument> {
  for (const source of sources) yield source.read();
}

/** Every document behind command-line paths, read now. */
export function loadDocuments(paths: string[]): TerraformDocument[] {
  return findDocuments(paths).map((d) => d.read());
}

/** A document already read. */
function found(document: TerraformDocument): DocumentSource {
  return { stack: document.stack, source: document.source, read: () => document };
}

function statOf(target: string): fs.Stats {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    throw new InputError(`${target}: no such file or folder`);
  }
  if (!stat.isDirectory() && !stat.isFile()) throw new InputError(`${target}: is not a regular file or folder`);
  if (stat.isFile() && stat.size > MAX_INPUT_BYTES) {
    throw new InputError(`${target}: is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB`);
  }
  return stat;
}

function findPath(target: string): DocumentSource[] {
  if (!statOf(target).isDirectory()) return [found(loadFile(target, undefined))];

  if (fs.existsSync(path.join(target, "manifest.json"))) {
    return synthesizedStacks(target).map(({ name, dir, file }) => ({
      stack: name,
      source: file,
      read: () => {
        // HCL (`synth --hcl`) is refused with loadFile's own words.
        if (!file.endsWith(".json")) return loadFile(file, name);
        // Terraform (and so `cdktf deploy`) reads every *.tf.json in the stack's folder, not only the one cdktf wrote.
        return { ...loadStackFolder(dir, file), stack: name, source: file };
      },
    }));
  }
  if (jsonFiles(target).length > 0) return [found(loadStackFolder(target))];
  // cdktf.out/stacks: a folder of stack folders.
  const stackFolders = fs
    .readdirSync(target, { withFileTypes: true })
    .filter((e) => e.isDirectory() && jsonFiles(path.join(target, e.name)).length > 0)
    .map((e) => path.join(target, e.name))
    .sort();
  if (stackFolders.length === 0) throw new InputError(`${target}: holds no cdktf manifest.json and no *.tf.json file`);
  return stackFolders.map((folder) => found(loadStackFolder(folder)));
}

/** A stack of a cdktf.out: its name, its folder (where Terraform runs) and its synthesized JSON. */
export interface SynthesizedStack {
  readonly name: string;
  readonly dir: string;
  readonly file: string;
}

/**
 * The stacks of a cdktf.out folder as its manifest.json lists them: cdktf's
 * own record of what it wrote, read the same way by the checks and the
 * operator commands.
 */
export function synthesizedStacks(outdir: string): SynthesizedStack[] {
  const manifestPath = path.join(outdir, "manifest.json");
  if (!fs.existsSync(manifestPath)) throw new InputError(`${outdir}: holds no cdktf manifest.json: run \`npm run synth\` first`);
  const stacks = Object.values(asObject(asObject(readJson(manifestPath, true)).stacks)).map(asObject);
  if (stacks.length === 0) throw new InputError(`${manifestPath}: names no stacks`);
  return stacks.map((stack) => {
    const synthesized = asString(stack.synthesizedStackPath);
    const name = asString(stack.name);
    if (!synthesized || !name) throw new InputError(`${manifestPath}: a stack has no name or synthesizedStackPath`);
    const file = path.join(outdir, synthesized);
    // The cdktf CLI runs Terraform in workingDirectory: the checks must read what it will apply.
    const working = asString(stack.workingDirectory);
    const same = working === undefined || working === path.dirname(synthesized) || path.resolve(outdir, working) === path.dirname(path.resolve(file));
    if (!same) {
      throw new InputError(`${manifestPath}: stack ${name} is run in ${working} but synthesized to ${synthesized}: the checks would not read what Terraform applies`);
    }
    return { name, dir: path.dirname(file), file };
  });
}

function jsonFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".tf.json"))
    .sort()
    .map((f) => path.join(dir, f));
}

/**
 * Override files are merged into the blocks they name, argument by argument
 * (https://developer.hashicorp.com/terraform/language/files/override); the checks do not merge them.
 */
const OVERRIDE_FILE = /(^|_)override\.tf\.json$/;

/** A JSON number that may not be what JSON.parse made of it: 16 digits or more, or an exponent (the cheap test before the exact one). */
const LONG_NUMBER = /[:[,]\s*-?(?:\d{16}|\d+(?:\.\d+)?[eE]|\d*\.\d{16})/;

/**
 * Terraform reads a configuration's JSON numbers with arbitrary precision;
 * JSON.parse rounds them to doubles (9007199254740993 is ...992, 1e-400 is 0).
 * A number the checks would not hold exactly is refused, not misread.
 */
function refuseInexactNumbers(file: string, text: string): void {
  const number = LONG_NUMBER.test(text) ? inexactNumberIn(text) : undefined;
  if (number !== undefined) {
    throw new InputError(`${file}: holds the number ${number}, which Terraform reads exactly and the checks cannot: write it as a string, or give \`terraform show -json\` output of a plan`);
  }
}

/** One folder is one Terraform module: its files are read together, as one document in array form. */
function loadStackFolder(dir: string, expected?: string): TerraformDocument {
  let names: string[];
  try {
    names = fs.readdirSync(dir).sort();
  } catch {
    throw new InputError(`${expected ?? dir}: no such file or folder`);
  }
  // The file a manifest names must be there; the folder's listing says so without another stat.
  if (expected && !names.includes(path.basename(expected))) throw new InputError(`${expected}: no such file or folder`);
  const hcl = names.filter((f) => f.endsWith(".tf"));
  if (hcl.length > 0) {
    throw new InputError(`${dir}: holds HCL files (${hcl.join(", ")}), which this checker cannot read: give \`terraform show -json\` output of a plan`);
  }
  const json = names.filter((f) => f.endsWith(".tf.json"));
  const overrides = json.filter((f) => OVERRIDE_FILE.test(f));
  if (overrides.length > 0) {
    throw new InputError(`${dir}: holds Terraform override files (${overrides.join(", ")}), which this checker does not merge: fold them into the configuration, or give \`terraform show -json\` output of a plan`);
  }
  if (json.length === 0) throw new InputError(`${dir}: holds no *.tf.json file`);
  const paths = json.map((f) => path.join(dir, f));
  const files = paths.map((file) => {
    const content = readJson(file);
    if (kindOf(content) !== "config") throw new InputError(`${file}: is not Terraform JSON configuration`);
    return content as JsonObject;
  });
  const merged = files.length === 1 ? files[0] : mergeFiles(files);
  const name = asString(asObject(asObject(files[0]["//"]).metadata).stackName) ?? path.basename(path.resolve(dir));
  return { stack: name, json: merged, source: files.length === 1 ? paths[0] : dir, ...configFiles(merged, dir) };
}

/** Files of one module as one document: every block kind as an array of each file's blocks. */
function mergeFiles(files: JsonObject[]): JsonObject {
  const merged: Record<string, unknown[]> = {};
  for (const file of files) {
    for (const [key, value] of Object.entries(file)) if (key !== "//") (merged[key] ??= []).push(...(Array.isArray(value) ? value : [value]));
  }
  return merged;
}

function loadFile(file: string, stack: string | undefined): TerraformDocument {
  if (!file.endsWith(".json")) {
    throw new InputError(`${file}: is not JSON; synthesize without --hcl, or give \`terraform show -json\` output`);
  }
  const json = readJson(file);
  const reason = unreadableReason(json);
  if (reason) throw new InputError(`${file}: ${reason}`);
  const kind = kindOf(json);
  const name =
    stack ??
    (kind === "config" ? asString(asObject(asObject(asObject(json)["//"]).metadata).stackName) : undefined) ??
    path.basename(file).replace(/(\.tf)?\.json$/, "");
  return {
    stack: name,
    json,
    source: file,
    ...(kind === "config" ? configFiles(json as JsonObject, path.dirname(file)) : {}),
  };
}

/**
 * What Terraform reads beside a configuration: its local modules, and its
 * variable files when it declares variables (values for undeclared variables
 * change nothing; Terraform only warns of them).
 */
function configFiles(json: JsonObject, dir: string): Pick<TerraformDocument, "modules" | "variables"> {
  return { modules: localModules(json, dir), variables: json.variable === undefined ? {} : variableFiles(dir) };
}

/**
 * Variable values Terraform loads by itself from a configuration's folder:
 * `terraform.tfvars.json`, then `*.auto.tfvars.json` in name order, later
 * files winning (https://developer.hashicorp.com/terraform/language/values/variables#variable-definition-precedence).
 * HCL variable files cannot be read here, and could change any default: refused.
 */
function variableFiles(dir: string): Record<string, unknown> {
  const names = fs.readdirSync(dir);
  const hcl = names.filter((f) => f === "terraform.tfvars" || f.endsWith(".auto.tfvars")).sort();
  if (hcl.length > 0) {
    throw new InputError(`${dir}: holds HCL variable files (${hcl.join(", ")}), which this checker cannot read: give \`terraform show -json\` output of a plan`);
  }
  const json = [
    ...names.filter((f) => f === "terraform.tfvars.json"),
    ...names.filter((f) => f.endsWith(".auto.tfvars.json")).sort(),
  ];
  const values: Record<string, unknown> = {};
  for (const f of json) {
    const file = readJson(path.join(dir, f));
    if (!isObject(file)) throw new InputError(`${path.join(dir, f)}: is not an object of variable values`);
    Object.assign(values, file);
  }
  return values;
}

/**
 * The local modules a configuration calls, and those they call, read from
 * disk: by folder relative to the root module's folder. A folder with HCL
 * (`.tf`) files or override files is left out, so the reader reports the
 * module as unreadable.
 */
function localModules(root: JsonObject, rootDir: string): Record<string, unknown[]> {
  const modules: Record<string, unknown[]> = {};
  const visit = (json: JsonObject[], dir: string, depth: number) => {
    if (depth > MAX_MODULE_DEPTH || !json.some((file) => file.module !== undefined)) return;
    for (const call of readModuleSyntax(json).modules) {
      const source = call.body.source;
      if (typeof source !== "string" || !/^\.\.?\//.test(source)) continue;
      const folder = path.resolve(dir, source);
      const key = path.relative(path.resolve(rootDir), folder).split(path.sep).join("/") || ".";
      if (key in modules || !fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) continue;
      if (fs.readdirSync(folder).some((f) => f.endsWith(".tf") || OVERRIDE_FILE.test(f))) continue;
      const files = jsonFiles(folder).map((f) => readJson(f)).filter(isObject);
      if (files.length === 0) continue;
      modules[key] = files;
      visit(files, folder, depth + 1);
    }
  };
  visit([root], rootDir, 0);
  return modules;
}

/**
 * Reads a JSON file. `readLikeJsonParse`: its only other reader parses it
 * with JSON.parse too (cdktf its manifest.json), so a key written twice
 * means the same to both and is not looked for.
 */
function readJson(file: string, readLikeJsonParse = false): unknown {
  let fd: number;
  try {
    // Non-blocking, so that a FIFO given as a file is refused below instead of waiting for a writer.
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") throw new InputError(`${file}: no such file or folder`);
    throw new InputError(`${file}: cannot be read (${code ?? "error"})`);
  }
  let text: string;
  try {
    // The open file is the one checked and read: one path lookup, not two.
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) throw new InputError(`${file}: cannot be read (EISDIR)`);
    if (!stat.isFile()) throw new InputError(`${file}: is not a regular file or folder`);
    if (stat.size > MAX_INPUT_BYTES) throw new InputError(`${file}: is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB`);
    // Read to the size just checked: readFileSync would ask for it again.
    const buffer = Buffer.allocUnsafe(stat.size);
    let length = 0;
    while (length < stat.size) {
      const n = fs.readSync(fd, buffer, length, stat.size - length, length);
      if (n === 0) break;
      length += n;
    }
    text = buffer.toString("utf8", 0, length);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  } finally {
    fs.closeSync(fd);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file}: is not valid JSON (${jsonSyntaxError(error, text)})`);
  }
  // Plan JSON is Terraform's own rendering of a plan, not what it applies: a key
  // written twice there changes nothing Terraform does. Configuration, cdk.tf.json
  // included (it may be edited after synth), is what Terraform applies.
  const isPlan = typeof (json as { format_version?: unknown } | null)?.format_version === "string";
  const written = readLikeJsonParse || isPlan;
  if (!isPlan) refuseInexactNumbers(file, text);
  const duplicate = written || !hasDuplicateKeys(text, json) ? undefined : duplicateKey(text);
  if (duplicate) {
    const under = duplicate.parent ? ` under "${duplicate.parent}"` : "";
    throw new InputError(`${file}: the key "${duplicate.key}" appears twice in one object${under}; Terraform reads both and JSON readers keep one, so the checks cannot: write it once`);
  }
  return json;
}
