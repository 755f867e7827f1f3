/**
 * SHA-256 in pure JavaScript (@noble/hashes), so Node and browsers give the same hex for the same text.
 * Text is hashed as its UTF-8 bytes. A host with a native digest (the server: node:crypto, several
 * times faster on the megabyte-sized states and log lines of a class) may install it; it must give
 * the same hex for every text (test/canonical-hash.test.ts checks the server's).
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { canonicalJson } from "./canonical.ts";
import type { Scenario } from "./scenario/schema.ts";
import type { MatchState } from "./state.ts";

export type Sha256Hex = (text: string) => string;

export const portableSha256Hex: Sha256Hex = (text) => bytesToHex(sha256(utf8ToBytes(text)));

let digest: Sha256Hex = portableSha256Hex;

/** Makes every hash of this process use `impl` (the same function of the text, faster). */
export function installSha256(impl: Sha256Hex): void {
  digest = impl;
}

/** Lowercase hex SHA-256 of the UTF-8 bytes of `text` (64 characters). */
export function sha256Hex(text: string): string {
  return digest(text);
}

/** Hash of any JSON value: `sha256Hex(canonicalJson(value))`. */
export function hashJson(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}

const scenarioDigests = new WeakMap<Scenario, string>();

/** The scenario is shared by every state of a match, so its digest is computed once. */
export function scenarioDigest(scenario: Scenario): string {
  let digest = scenarioDigests.get(scenario);
  if (digest === undefined) {
    digest = hashJson(scenario);
    scenarioDigests.set(scenario, digest);
  }
  return digest;
}

/** Hash of a match state: every field, with the scenario standing in by its digest. */
export function hashState(state: MatchState): string {
  const { scenario, ...rest } = state;
  return hashJson({ ...rest, scenario: scenarioDigest(scenario) });
}
