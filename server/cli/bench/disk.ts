/**
 * The disk alone, as a baseline for the server's acknowledgements of orders: each of `files` files
 * (one per room) appends a line the size of an orders line and waits until it is on disk, written
 * as the log writer writes (../../storage/log-writer.ts: O_DSYNC, or write then fdatasync), then pauses,
 * as the rooms' log writers do under the benchmark's load, with no server and no clients. What
 * this shows (stalls of the disk or of the host under it) every order acknowledged after a flush
 * waits for too.
 */
import { constants } from "node:fs";
import { open } from "node:fs/promises";
import { join } from "node:path";
import { APPEND, WRITES_ARE_SYNCED } from "../../storage/log-writer.ts";

export interface DiskBaseline {
  /** Milliseconds from each write until its line is on disk. */
  flushes: number[];
}

/** `pauses(file)` gives that file's sequence of pauses between flushes, in milliseconds. */
export async function diskBaseline(dir: string, files: number, durationMs: number, pauses: (file: number) => () => number): Promise<DiskBaseline> {
  const flushes: number[] = [];
  const line = Buffer.from(`${JSON.stringify({ kind: "orders", pad: "x".repeat(280) })}\n`);
  const end = performance.now() + durationMs;
  await Promise.all(
    Array.from({ length: files }, async (_, i) => {
      const file = await open(join(dir, `disk-baseline-${i}.jsonl`), APPEND | constants.O_CREAT | constants.O_TRUNC);
      const pause = pauses(i);
      try {
        while (performance.now() < end) {
          const started = performance.now();
          await file.write(line);
          if (!WRITES_ARE_SYNCED) await file.datasync();
          flushes.push(performance.now() - started);
          await new Promise((r) => setTimeout(r, pause()));
        }
      } finally {
        await file.close();
      }
    }),
  );
  return { flushes };
}
