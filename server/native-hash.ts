/** The server hashes states and log lines with node:crypto's native SHA-256 instead of the portable one. */
import { createHash } from "node:crypto";
import { installSha256, type Sha256Hex } from "../shared/hash.ts";

export const nativeSha256Hex: Sha256Hex = (text) => createHash("sha256").update(text, "utf8").digest("hex");

export function useNativeSha256(): void {
  installSha256(nativeSha256Hex);
}
