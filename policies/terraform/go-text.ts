import { Unmirrored } from "./values";

// Terraform's functions are Go's: where Go and JavaScript treat text
// differently, these do as Go does, or refuse (Unmirrored).

/** Go's unicode.IsSpace: JavaScript's \s, less U+FEFF, plus U+0085 (NEL). */
const GO_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
const LEADING_SPACE = new RegExp(`^${GO_SPACE.source}+`);
const TRAILING_SPACE = new RegExp(`${GO_SPACE.source}+$`);

/** strings.TrimSpace (trimspace()). */
export function goTrimSpace(s: string): string {
  return goTrimEnd(goTrimStart(s));
}

/** strings.TrimLeftFunc(s, unicode.IsSpace): a template's `~}` strip marker. */
export function goTrimStart(s: string): string {
  return s.replace(LEADING_SPACE, "");
}

/** strings.TrimRightFunc(s, unicode.IsSpace): a template's `${~` strip marker. */
export function goTrimEnd(s: string): string {
  return s.replace(TRAILING_SPACE, "");
}

/**
 * Go orders strings by their UTF-8 bytes, which is code point order;
 * JavaScript's `<` and sort() compare UTF-16 units, which differ for
 * characters past U+FFFF. Terraform iterates maps and sorts sets this way.
 */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  for (let i = 0; i < a.length && i < b.length; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length < b.length ? -1 : 1;
}

// eslint-disable-next-line no-control-regex
const ASCII = /^[\x00-\x7f]*$/;

/**
 * Text whose length, case and characters Go and JavaScript agree on: ASCII.
 * Terraform counts grapheme clusters (length, substr) and maps case as Go's
 * unicode package does; beyond ASCII this reader does not try to match them.
 */
export function ascii(s: string, what: string): string {
  if (!ASCII.test(s)) throw new Unmirrored(`${what} of text beyond ASCII`);
  return s;
}


/**
 * Text as cty holds every string: in Unicode normalization form C, so
 * "e\u0301" is "\u00e9" and the two are equal.
 */
export function nfc(s: string): string {
  return ASCII.test(s) ? s : s.normalize("NFC");
}
