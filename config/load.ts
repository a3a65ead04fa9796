import * as fs from "node:fs";
import * as path from "node:path";
import { fieldPath } from "../modules/validation";
import { jsonSyntaxError } from "../policies/json";
import { Config, configSchema } from "./schema";

export const DEFAULT_CONFIG_FILE = "break-glass.config.json";

/** A config file that cannot be used; the message has one line per problem, each naming the field. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(problems.map((p) => `${file}: ${p}`).join("\n"));
    this.name = "ConfigError";
  }
}

/** The config file to read: BREAK_GLASS_CONFIG, else break-glass.config.json when it exists. */
export function configPath(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string | undefined {
  if (env.BREAK_GLASS_CONFIG) return path.resolve(cwd, env.BREAK_GLASS_CONFIG);
  const file = path.join(cwd, DEFAULT_CONFIG_FILE);
  return fs.existsSync(file) ? file : undefined;
}

/** Reads and checks a config file, reporting every problem at once. */
export function loadConfig(file: string): Config {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new ConfigError(file, [`cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(file, [`is not valid JSON: ${jsonSyntaxError(error, text)}`]);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new ConfigError(file, ['must be a JSON object listing the accounts: {"accounts": [{"name": "prod", "id": "111111111111"}]}']);
  }
  const parsed = configSchema.safeParse(json);
  if (!parsed.success) {
    throw new ConfigError(
      file,
      parsed.error.issues.map((issue) => {
        const field = fieldPath(issue.path);
        const message = issue.code === "unrecognized_keys" ? `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}` : issue.message;
        return field ? `${field}: ${message}` : message;
      }),
    );
  }
  return parsed.data;
}
