/**
 * The match logs under DATA_DIR/matches: one `<matchId>.jsonl` file per match, whoever wrote it
 * (the classroom server, `npm run sim`, or a file copied there). Listing never fails because of
 * one bad file: such a file is listed with its problem.
 */
import { mkdir, readdir, readFile, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { parseLog, type ParsedLog } from "../../shared/matchlog.ts";

/** Match ids are file names: letters, digits, dash and underscore only, so no id can leave the directory. */
export const MATCH_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

export interface MatchListing {
  id: string;
  status: "finished" | "live" | "unfinished" | "invalid";
  /** "class" or "solo" for logs the server wrote; "file" for others (sim logs, copies). */
  source: string;
  code?: string;
  scenario?: string;
  seats?: number;
  turns?: number;
  bytes: number;
  modified: string;
  problem?: string;
}

export interface ServerSettingsInLog {
  room?: unknown;
  code?: unknown;
  instructorTokenHash?: unknown;
}

export class MatchStore {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, "matches");
  }

  async init(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
  }

  pathOf(id: string): string {
    if (!MATCH_ID.test(id)) throw new Error(`invalid match id '${id}'`);
    return join(this.dir, `${id}.jsonl`);
  }

  async ids(): Promise<string[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    return names
      .filter((n) => n.endsWith(".jsonl"))
      .map((n) => n.slice(0, -".jsonl".length))
      .filter((id) => MATCH_ID.test(id))
      .sort();
  }

  /** The log's text, or null when there is no such match. */
  async read(id: string): Promise<string | null> {
    if (!MATCH_ID.test(id)) return null;
    try {
      return await readFile(this.pathOf(id), "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw e;
    }
  }

  async remove(id: string): Promise<boolean> {
    if (!MATCH_ID.test(id)) return false;
    try {
      await rm(this.pathOf(id));
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return false;
      throw e;
    }
  }

  /** Every log, with its status; `live` names the ids of matches running in this process. */
  async list(live: ReadonlySet<string>): Promise<Array<MatchListing & { parsed?: ParsedLog }>> {
    const out: Array<MatchListing & { parsed?: ParsedLog }> = [];
    for (const id of await this.ids()) {
      const path = this.pathOf(id);
      const [text, info] = await Promise.all([readFile(path, "utf8").catch(() => ""), stat(path).catch(() => null)]);
      const base = { id, bytes: info?.size ?? 0, modified: info ? info.mtime.toISOString() : "" };
      const parsed = parseLog(text);
      if (!parsed.ok) {
        out.push({ ...base, status: "invalid", source: "file", problem: parsed.error.message });
        continue;
      }
      const header = parsed.value.header;
      const settings = header.settings as ServerSettingsInLog;
      const room = typeof settings.room === "string" ? settings.room : "file";
      const status = parsed.value.finished ? "finished" : live.has(id) ? "live" : "unfinished";
      const lastTurn = parsed.value.lines.at(-1)?.body.turn ?? 0;
      const scenario = (header.scenario as { id?: unknown } | null)?.id;
      out.push({
        ...base,
        status,
        source: room,
        ...(typeof settings.code === "string" ? { code: settings.code } : {}),
        ...(typeof scenario === "string" ? { scenario } : {}),
        seats: header.seats.length,
        turns: lastTurn,
        parsed: parsed.value,
      });
    }
    return out;
  }
}
