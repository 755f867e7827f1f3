/**
 * SHA-256 in pure JavaScript (@noble/hashes), so Node and browsers give the same hex for the same text.
 * Text is hashed as its UTF-8 bytes.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { canonicalJson } from "./canonical.ts";
import type { Scenario } from "./scenario/schema.ts";
import type { MatchState } from "./state.ts";

/** Lowercase hex SHA-256 of the UTF-8 bytes of `text` (64 characters). */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
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
