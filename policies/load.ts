import * as fs from "node:fs";
import * as path from "node:path";
import { asObject, asString } from "./json";
import { TerraformDocument } from "./model";
import { kindOf } from "./normalize";

/** An input the checks cannot read: missing, unreadable, not JSON, or not Terraform. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}

/**
 * Reads the documents behind command-line paths: a cdktf.out folder (every
 * stack in its manifest), one stack folder (its *.tf.json files), a
 * `*.tf.json` file, or a plan JSON file (`terraform show -json plan > plan.json`).
 */
export function loadDocuments(paths: string[]): TerraformDocument[] {
  return paths.flatMap(loadPath);
}

function loadPath(target: string): TerraformDocument[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    throw new InputError(`${target}: no such file or folder`);
  }
  if (!stat.isDirectory()) return [loadFile(target, undefined)];

  const manifestPath = path.join(target, "manifest.json");
  if (fs.existsSync(manifestPath)) {
    const stacks = Object.values(asObject(asObject(readJson(manifestPath)).stacks)).map(asObject);
    if (stacks.length === 0) throw new InputError(`${manifestPath}: names no stacks`);
    return stacks.map((stack) => {
      const synthesized = asString(stack.synthesizedStackPath);
      const name = asString(stack.name);
      if (!synthesized || !name) throw new InputError(`${manifestPath}: a stack has no name or synthesizedStackPath`);
      return loadFile(path.join(target, synthesized), name);
    });
  }
  const files = fs
    .readdirSync(target)
    .filter((f) => f.endsWith(".tf.json"))
    .sort();
  if (files.length === 0) throw new InputError(`${target}: holds no cdktf manifest.json and no *.tf.json file`);
  return files.map((f) => loadFile(path.join(target, f), path.basename(path.resolve(target))));
}

function loadFile(file: string, stack: string | undefined): TerraformDocument {
  if (!file.endsWith(".json")) {
    throw new InputError(`${file}: is not JSON; synthesize without --hcl, or give \`terraform show -json\` output`);
  }
  const json = readJson(file);
  const kind = kindOf(json);
  if (!kind) throw new InputError(`${file}: is neither Terraform JSON configuration nor Terraform plan JSON`);
  const name =
    stack ??
    (kind === "config" ? asString(asObject(asObject(asObject(json)["//"]).metadata).stackName) : undefined) ??
    path.basename(file).replace(/(\.tf)?\.json$/, "");
  return { stack: name, json, source: file };
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new InputError(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file}: is not valid JSON (${(error as Error).message})`);
  }
}
