import fc from "fast-check";
import { globIntersection, globMatch, UNKNOWN_PART } from "../../policies/iam/glob";

// IAM's wildcards against a reference written the slow, obvious way.

/** Whether `text` matches `pattern` by trying every split: `*` any run, `?` one character, UNKNOWN_PART any run without `:`. */
function reference(pattern: string, text: string): boolean {
  if (pattern === "") return text === "";
  const [p, rest] = [pattern[0], pattern.slice(1)];
  if (p === "*" || p === UNKNOWN_PART) {
    for (let k = 0; k <= text.length; k++) {
      if (p === UNKNOWN_PART && text.slice(0, k).includes(":")) break;
      if (reference(rest, text.slice(k))) return true;
    }
    return false;
  }
  if (text === "") return false;
  return (p === "?" || p === text[0]) && reference(rest, text.slice(1));
}

/** Every string over the alphabet up to `n` characters. */
function strings(alphabet: string[], n: number): string[] {
  let level = [""];
  const all = [""];
  for (let i = 0; i < n; i++) {
    level = level.flatMap((s) => alphabet.map((c) => s + c));
    all.push(...level);
  }
  return all;
}

const ALPHABET = ["a", "b", ":", "."];
const pattern = fc.array(fc.constantFrom("a", "b", ":", ".", "*", "?", UNKNOWN_PART), { maxLength: 5 }).map((cs) => cs.join(""));
const text = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 6 }).map((cs) => cs.join(""));

describe("globMatch", () => {
  it("agrees with the reference on generated patterns and strings", () => {
    fc.assert(
      fc.property(pattern, text, (p, t) => {
        expect(globMatch(p, t)).toBe(reference(p, t));
      }),
      { numRuns: 2000 },
    );
  });

  it("treats regular expression characters literally and anchors both ends", () => {
    expect(globMatch("a.b", "a.b")).toBe(true);
    expect(globMatch("a.b", "axb")).toBe(false);
    expect(globMatch("s3:Get", "s3:GetObject")).toBe(false);
    expect(globMatch("Get", "s3:Get")).toBe(false);
    expect(globMatch("(a|b)+[c]{1}$^\\", "(a|b)+[c]{1}$^\\")).toBe(true);
    expect(globMatch("(a|b)", "a")).toBe(false);
    expect(globMatch("a*", "a\nb")).toBe(true);
  });

  it("compares case only when asked to ignore it", () => {
    expect(globMatch("IAM:Put*", "iam:putuserpolicy", { ignoreCase: true })).toBe(true);
    expect(globMatch("IAM:Put*", "iam:putuserpolicy")).toBe(false);
    expect(globMatch("*", "anything at all")).toBe(true);
  });

  it("lets an unknown part stand for anything but a colon", () => {
    expect(globMatch(`arn:${UNKNOWN_PART}:iam::1:user/x`, "arn:aws-cn:iam::1:user/x")).toBe(true);
    expect(globMatch(`arn:${UNKNOWN_PART}:iam::1:user/x`, "arn:a:b:iam::1:user/x")).toBe(false);
  });
});

describe("globIntersection", () => {
  const universe = strings(ALPHABET, 5);
  it("finds a string both patterns match exactly when one exists (checked over all short strings)", () => {
    fc.assert(
      fc.property(pattern, pattern, fc.boolean(), (p, q, ignoreCase) => {
        const found = globIntersection(p, q, { ignoreCase });
        if (found !== undefined) {
          // The witness may use any character for a wildcard pair; it must match both.
          expect(reference(ignoreCase ? p.toLowerCase() : p, found)).toBe(true);
          expect(reference(ignoreCase ? q.toLowerCase() : q, found)).toBe(true);
        } else {
          expect(universe.filter((s) => reference(p, s) && reference(q, s))).toEqual([]);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it("answers the questions the engine asks", () => {
    expect(globIntersection("arn:aws:iam::*:user/*", "arn:aws:iam::1:user/Mallory")).toBe("arn:aws:iam::1:user/Mallory");
    expect(globIntersection("arn:aws:iam::1:user/A*", "arn:aws:iam::1:group/*")).toBeUndefined();
    expect(globIntersection("IAM:Put*", "iam:PutUserPolicy", { ignoreCase: true })).toBe("iam:putuserpolicy");
    expect(globIntersection("IAM:Put*", "iam:PutUserPolicy")).toBeUndefined();
    expect(globIntersection("a?c", "*")).toBe("axc");
    expect(globIntersection("a*", "*b")).toBe("ab");
    expect(globIntersection(`${UNKNOWN_PART}`, "a:b")).toBeUndefined();
    expect(globIntersection(`x${UNKNOWN_PART}y`, "x?y")).toBe("xxy");
    // Asked twice, the same answer (the second from memory).
    expect(globIntersection("a*", "*b")).toBe("ab");
    expect(globIntersection("a", "b")).toBeUndefined();
    expect(globIntersection("a", "b")).toBeUndefined();
  });
});

it("keeps apart pattern pairs that a separator character in them would run together", () => {
  // The cache of intersections once keyed a pair by joining them with NUL: ("a\0b", "c") and ("a", "b\0c") met.
  expect(globIntersection("a\0*", "a\0b")).toBe("a\0b");
  expect(globIntersection("a", "*\0a\0b")).toBeUndefined();
});
