import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";

// The AWS provider encrypts the generated password with pgp_key only at apply,
// after the user exists: a key it cannot use leaves a live administrator
// password nobody can read. So the key is parsed at synth, with OpenPGP.js.
// OpenPGP.js is asynchronous and constructors are not, so it runs in a worker
// thread that this thread waits for; it is loaded only when a key is given.

/** The key as the provider takes it, or why it cannot be used. */
export type PgpKeyCheck = { readonly value: string } | { readonly error: string };

const KEYBASE = /^keybase:[A-Za-z0-9_]{1,64}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const ARMOR = "-----BEGIN PGP";

export const PGP_KEY_RULE = "must be a PGP public key able to encrypt (base64 of `gpg --export <key>`, or its ASCII armor) or keybase:<username>";

// Runs in the worker: reads exactly one key and checks it can encrypt.
const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const openpgp = require(workerData.openpgp);
const { port, signal, text, armored } = workerData;
(async () => {
  let result;
  try {
    const keys = armored
      ? await openpgp.readKeys({ armoredKeys: text })
      : await openpgp.readKeys({ binaryKeys: Buffer.from(text, "base64") });
    if (keys.length !== 1) result = { reason: "holds " + keys.length + " keys, not one" };
    else if (keys[0].isPrivate()) result = { reason: "is a private key: give the public key (gpg --export, never --export-secret-keys)" };
    else {
      try {
        await keys[0].getEncryptionKey();
        result = { binary: Buffer.from(keys[0].write()).toString("base64") };
      } catch (error) {
        result = { reason: "has no key that can encrypt (" + String(error.message || error).split("\\n")[0] + ")" };
      }
    }
  } catch (error) {
    result = { reason: "cannot be read (" + String(error.message || error).split("\\n")[0] + ")" };
  }
  port.postMessage(result);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
  port.close();
})();
`;

const checked = new Map<string, PgpKeyCheck>();

/**
 * Parses a pgpKey prop: keybase:<user> passes as it is (the provider fetches
 * it at apply); base64 of a binary key passes without whitespace; ASCII armor
 * is turned into the base64 the provider needs. Results are cached, since a
 * config file gives the same key to every account's stack.
 */
export function checkPgpKey(text: string): PgpKeyCheck {
  const trimmed = text.trim();
  if (KEYBASE.test(trimmed)) return { value: trimmed };
  const cached = checked.get(trimmed);
  if (cached) return cached;
  const armored = trimmed.startsWith(ARMOR);
  const compact = armored ? trimmed : trimmed.replace(/\s+/g, "");
  let result: PgpKeyCheck;
  if (!armored && !BASE64.test(compact)) {
    result = { error: PGP_KEY_RULE };
  } else {
    const parsed = readInWorker(compact, armored);
    result = parsed.binary !== undefined ? { value: armored ? parsed.binary : compact } : { error: `${PGP_KEY_RULE}; this one ${parsed.reason}` };
  }
  checked.set(trimmed, result);
  return result;
}

function readInWorker(text: string, armored: boolean): { binary?: string; reason?: string } {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { openpgp: require.resolve("openpgp"), port: port2, signal, text, armored },
    transferList: [port2],
  });
  // This thread waits for it below; it must never hold the process open.
  worker.unref();
  try {
    // A key parses in milliseconds; a minute means something is wrong, not slow.
    if (Atomics.wait(signal, 0, 0, 60_000) === "timed-out") return { reason: "could not be parsed in time" };
    const message = receiveMessageOnPort(port1);
    return (message?.message as { binary?: string; reason?: string }) ?? { reason: "could not be parsed" };
  } finally {
    port1.close();
    void worker.terminate();
  }
}
