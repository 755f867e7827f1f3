/**
 * A live match log on disk: lines are appended in order and made durable (write + fsync) before
 * the promise of `append` resolves, so the room acknowledges an action only once it is on disk.
 * Appends that arrive while a flush is running are written together by the next flush (group
 * commit), so a busy room pays one fsync per batch rather than one per action.
 *
 * Where the system has O_DSYNC (Linux, macOS) the file is opened with it: each write returns once
 * its data is on disk, as write + fdatasync would, in one trip to libuv's thread pool instead of
 * two. Under load each trip also waits for the event loop to notice it finished, so the second
 * trip was a second wait before every acknowledgement.
 */
import { constants } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import { dirname } from "node:path";
import { performance } from "node:perf_hooks";
import { LogChain, parseLog, type LineBody } from "../../shared/matchlog.ts";
import { flushTimes } from "./flush-times.ts";

const DSYNC: number | undefined = constants.O_DSYNC;
/** Whether a write to a log file returns only once its data is on disk (O_DSYNC); if not, an fdatasync follows it. */
export const WRITES_ARE_SYNCED = DSYNC !== undefined;
/** How log files are opened for appending. */
export const APPEND = constants.O_WRONLY | constants.O_APPEND | (DSYNC ?? 0);

interface Pending {
  text: string;
  done: { resolve: () => void; reject: (e: unknown) => void };
}

export class LogWriter {
  readonly path: string;
  #chain: LogChain;
  #file: FileHandle;
  #queue: Pending[] = [];
  #flushing: Promise<void> | null = null;
  #failure: unknown = null;

  private constructor(path: string, file: FileHandle, chain: LogChain) {
    this.path = path;
    this.#file = file;
    this.#chain = chain;
  }

  /** A new log file (it must not exist yet); nothing is written until the first append. */
  static async create(path: string): Promise<LogWriter> {
    const file = await open(path, APPEND | constants.O_CREAT | constants.O_EXCL);
    // The new directory entry must survive a crash too.
    const dir = await open(dirname(path), "r");
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
    return new LogWriter(path, file, new LogChain());
  }

  /** Continues an existing log whose text was read and verified. */
  static async resume(path: string, text: string): Promise<LogWriter> {
    const parsed = parseLog(text);
    if (!parsed.ok) throw new Error(`cannot continue '${path}': ${parsed.error.message}`);
    return new LogWriter(path, await open(path, APPEND), new LogChain(parsed.value));
  }

  /**
   * Encodes the lines now (so their order is the order of calls) and resolves once they are on
   * disk. Throws synchronously on a programming error (a body that does not fit its kind).
   */
  append(...bodies: LineBody[]): Promise<void> {
    if (this.#failure) return Promise.reject(this.#failure as Error);
    const texts = bodies.map((body) => this.#chain.append(body));
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ text: texts.map((t) => `${t}\n`).join(""), done: { resolve, reject } });
      this.#flushing ??= this.#flush();
    });
  }

  async #flush(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch = this.#queue;
      this.#queue = [];
      try {
        const started = performance.now();
        await this.#file.write(batch.map((p) => p.text).join(""));
        if (!WRITES_ARE_SYNCED) await this.#file.datasync();
        flushTimes.record(performance.now() - started);
        for (const p of batch) p.done.resolve();
      } catch (e) {
        // A log that failed to write is no longer trustworthy: refuse everything after it.
        this.#failure = e;
        for (const p of [...batch, ...this.#queue]) p.done.reject(e);
        this.#queue = [];
      }
    }
    this.#flushing = null;
  }

  /** Waits for pending lines, then closes the file. */
  async close(): Promise<void> {
    while (this.#flushing) await this.#flushing;
    await this.#file.close();
  }
}
