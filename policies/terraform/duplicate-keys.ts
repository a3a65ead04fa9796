// JSON.parse keeps the last of two equal keys in one object; Terraform's JSON
// reader (hashicorp/hcl, json/structure.go) keeps both: two "resource" keys are
// two blocks, so a configuration could hide a resource from a checker that
// reads JSON the common way. The checks refuse such a file instead.

/**
 * Whether valid JSON text writes more keys than its parsed value holds: some
 * key is written twice. Fast, as it runs on every stack: it jumps from quote
 * to quote and allocates nothing.
 */
export function hasDuplicateKeys(text: string, parsed: unknown): boolean {
  return keysWritten(text) !== keyCount(parsed);
}

/** The keys valid JSON text writes: strings followed by a colon (between strings there is no quote). */
function keysWritten(text: string): number {
  let keys = 0;
  for (let start = text.indexOf('"'); start !== -1; ) {
    const end = stringEnd(text, start);
    if (end === -1) break;
    let next = end + 1;
    let c = text.charCodeAt(next);
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++next);
    if (c === 0x3a) keys++;
    start = text.indexOf('"', end + 1);
  }
  return keys;
}

function keyCount(value: unknown): number {
  if (typeof value !== "object" || value === null) return 0;
  let n = 0;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) n += keyCount(value[i]);
    return n;
  }
  for (const key in value) n += 1 + keyCount((value as Record<string, unknown>)[key]);
  return n;
}

/** The first key that appears twice in one object of valid JSON text, with the key it is under; undefined when none does. */
export function duplicateKey(text: string): { key: string; parent: string } | undefined {
  const objects: { keys: Set<string>; expectKey: boolean; lastKey: string; parent: string }[] = [];
  const containers: ("object" | "array")[] = [];
  // Only structure and strings matter: jump from one to the next.
  const structure = /["{}[\],]/g;
  for (let m = structure.exec(text); m; m = structure.exec(text)) {
    const i = m.index;
    const c = text[i];
    if (c === '"') {
      const j = stringEnd(text, i);
      const top = containers[containers.length - 1] === "object" ? objects[objects.length - 1] : undefined;
      if (top?.expectKey) {
        const raw = text.slice(i + 1, j);
        const key = raw.includes("\\") ? (JSON.parse(text.slice(i, j + 1)) as string) : raw;
        if (top.keys.has(key)) return { key, parent: top.parent };
        top.keys.add(key);
        top.lastKey = key;
        top.expectKey = false;
      }
      structure.lastIndex = j + 1;
    } else if (c === "{") {
      const outer = containers[containers.length - 1] === "object" ? objects[objects.length - 1] : undefined;
      objects.push({ keys: new Set(), expectKey: true, lastKey: "", parent: outer?.lastKey ?? "" });
      containers.push("object");
    } else if (c === "[") {
      containers.push("array");
    } else if (c === "}") {
      objects.pop();
      containers.pop();
    } else if (c === "]") {
      containers.pop();
    } else if (containers[containers.length - 1] === "object") {
      objects[objects.length - 1].expectKey = true;
    }
  }
  return undefined;
}

/** The index of the quote that closes the string opening at `start`. */
function stringEnd(text: string, start: number): number {
  for (let j = text.indexOf('"', start + 1); ; j = text.indexOf('"', j + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(j - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return j;
  }
}
