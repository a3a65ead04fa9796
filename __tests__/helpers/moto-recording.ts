import * as fs from "node:fs";

// moto records every request it serves when started with MOTO_ENABLE_RECORDING
// (one JSON object a line in MOTO_RECORDER_FILEPATH). From a request the IAM
// action it needs can be read: the service from the SigV4 credential scope,
// the operation from X-Amz-Target (JSON protocols) or Action (query protocols).

export interface RecordedCall {
  readonly accessKeyId: string;
  /** e.g. iam:CreateUser */
  readonly action: string;
}

interface Entry {
  headers: Record<string, string>;
  url: string;
  body?: string | null;
  body_encoded?: boolean;
}

function header(entry: Entry, name: string): string | undefined {
  const key = Object.keys(entry.headers).find((k) => k.toLowerCase() === name);
  return key ? entry.headers[key] : undefined;
}

export function callOf(entry: Entry): RecordedCall | undefined {
  const scope = /Credential=([^/]+)\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(header(entry, "authorization") ?? "");
  if (!scope) return undefined;
  const [, accessKeyId, service] = scope;
  const target = header(entry, "x-amz-target");
  let operation = target?.split(".").pop();
  if (!operation) {
    const body = entry.body ? (entry.body_encoded ? Buffer.from(entry.body, "base64").toString("utf8") : entry.body) : "";
    operation = new URLSearchParams(body).get("Action") ?? new URL(entry.url).searchParams.get("Action") ?? undefined;
  }
  return operation ? { accessKeyId, action: `${service}:${operation}` } : undefined;
}

/** The calls recorded since the last take, which empties the recording. */
export function takeRecording(file: string): RecordedCall[] {
  if (!fs.existsSync(file)) return [];
  const lines = fs.readFileSync(file, "utf8").split("\n").filter((l) => l.trim() !== "");
  fs.truncateSync(file, 0);
  return lines.map((l) => callOf(JSON.parse(l) as Entry)).filter((c): c is RecordedCall => c !== undefined);
}
