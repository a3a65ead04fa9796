import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

export interface ThrowawayKey {
  /** The GnuPG home holding the key pair. */
  readonly home: string;
  /** base64 of `gpg --export`, as the provider takes it. */
  readonly publicKey: string;
  /** `gpg --armor --export`. */
  readonly armored: string;
  /** base64 of `gpg --export-secret-keys`: a key that must never be accepted. */
  readonly privateKey: string;
}

/**
 * A PGP key pair made by gpg in a GnuPG home of its own under `root`, a
 * folder the caller removes. `usage` is gpg's: "encrypt", or "sign" for a key
 * that cannot encrypt.
 */
export function throwawayKey(root: string, algorithm = "rsa2048", usage = "encrypt"): ThrowawayKey {
  // mkdtemp makes the home 0700, as gpg wants, and lets one root hold several keys of a kind.
  const home = fs.mkdtempSync(path.join(root, `gnupg-${algorithm}-${usage}-`));
  const gpg = (...args: string[]) => spawnSync("gpg", ["--batch", "--homedir", home, "--pinentry-mode", "loopback", "--passphrase", "", ...args], { encoding: "buffer" });
  const made = gpg("--quick-gen-key", "Break Glass Test <break-glass@example.com>", algorithm, usage, "never");
  if (made.status !== 0) throw new Error(`gpg could not make a key: ${made.stderr.toString()}`);
  const key = {
    home,
    publicKey: gpg("--export", "break-glass@example.com").stdout.toString("base64"),
    armored: gpg("--armor", "--export", "break-glass@example.com").stdout.toString("utf8"),
    privateKey: gpg("--export-secret-keys", "break-glass@example.com").stdout.toString("base64"),
  };
  // gpg started an agent for this home; it would outlive the test (gpg starts it again when needed).
  spawnSync("gpgconf", ["--homedir", home, "--kill", "gpg-agent"]);
  return key;
}
