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
import { inATurnOfItsOwn } from "../one-per-loop-turn.ts";

const DSYNC: number | undefined = constants.O_DSYNC;
/** Whether a write to a log file returns only once its data is on disk (O_DSYNC); if not, an fdatasync follows it. */
export const WRITES_ARE_SYNCED = DSYNC !== undefined;
/** How log files are opened for appending. */
export const APPEND = constants.O_WRONLY | constants.O_APPEND | (DSYNC ?? 0);

interface Pending {
  /** The encoded lines; null until their turn comes when a line appended with `appendLater` is before them. */
  text: string | null;
  bodies: () => LineBody[];
  done: { resolve: () => void; reject: (e: unknown) => void };
}

export class LogWriter {
  readonly path: string;
  #chain: LogChain;
  #file: FileHandle;
  #queue: Pending[] = [];
  /** Queued entries not encoded yet: while there are any, later appends wait their turn to be encoded too. */
  #unencoded = 0;
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
   * Encodes the lines now (so their order is the order of calls; after a line appended with
   * `appendLater`, when their turn comes) and resolves once they are on disk. A programming error
   * (a body that does not fit its kind) throws at once, or rejects when the lines wait their turn.
   */
  append(...bodies: LineBody[]): Promise<void> {
    if (this.#failure) return Promise.reject(this.#failure as Error);
    const text = this.#unencoded > 0 ? null : this.#encode(bodies);
    return new Promise<void>((resolve, reject) => {
      this.#enqueue({ text, bodies: () => bodies, done: { resolve, reject } });
      this.#flushing ??= this.#flush();
    });
  }

  /**
   * Takes the next place in the log now, but makes and encodes the line only after the event loop
   * has taken in what arrived meanwhile, in a turn of the loop of its own (a turn's `resolved` line
   * hashes the whole state: other rooms' actions need not wait for it, nor for other rooms' lines).
   * Lines appended after it are encoded after it, in order.
   */
  appendLater(make: () => LineBody): Promise<void> {
    if (this.#failure) return Promise.reject(this.#failure as Error);
    return new Promise<void>((resolve, reject) => {
      this.#enqueue({ text: null, bodies: () => [make()], done: { resolve, reject } });
      this.#flushing ??= inATurnOfItsOwn().then(() => this.#flush());
    });
  }

  #encode(bodies: LineBody[]): string {
    return bodies.map((body) => `${this.#chain.append(body)}\n`).join("");
  }

  #enqueue(pending: Pending): void {
    if (pending.text === null) this.#unencoded += 1;
    this.#queue.push(pending);
  }

  /** Encodes the batch's waiting entries in order; one whose body is refused (a programming error) fails alone. */
  #encodeBatch(batch: Pending[]): Pending[] {
    return batch.filter((p) => {
      if (p.text !== null) return true;
      this.#unencoded -= 1;
      try {
        p.text = this.#encode(p.bodies());
        return true;
      } catch (e) {
        p.done.reject(e);
        return false;
      }
    });
  }

  async #flush(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch = this.#encodeBatch(this.#queue);
      this.#queue = [];
      if (batch.length === 0) continue;
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
        this.#unencoded = 0;
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
