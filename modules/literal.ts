import { Token } from "cdktf";

// Terraform reads every string argument as a template: "${...}" interpolates
// and "%{...}" is a directive. A tag or rotation token from config or props is
// data, so it is escaped ("$${", "%%{") to reach AWS as the text written.
// cdktf tokens (references, function calls made in code) stay expressions.

/** cdktf's encoding of a string token inside a string: ${TfToken[TOKEN.<n>]}. */
const STRING_TOKEN = /(\$\{TfToken\[[^\]]+\]\})/;

function escapeTemplate(text: string): string {
  // Functions, not replacement strings, where "$$" would mean one "$".
  return text.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}

/**
 * The string as a Terraform literal. Where it mixes text and cdktf tokens, only
 * the text is escaped; a "$" just before a token is written as ${"$"}, since
 * "$${" would swallow the token's interpolation.
 */
export function literal(value: string): string {
  if (!Token.isUnresolved(value)) return escapeTemplate(value);
  const parts = value.split(STRING_TOKEN);
  return parts
    .map((part, i) => {
      if (i % 2 === 1) return part;
      const escaped = escapeTemplate(part);
      return i + 1 < parts.length && escaped.endsWith("$") ? `${escaped.slice(0, -1)}\${"$"}` : escaped;
    })
    .join("");
}

/** Every key and value of a tag map as literals. */
export function literalTags(tags: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(tags).map(([k, v]) => [literal(k), literal(v)]));
}
