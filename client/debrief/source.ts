/**
 * Where a debrief's log comes from: the classroom server (its list of matches and each match's
 * log), or a file the user opens. The server shows matches to its own machine; from elsewhere, to
 * the instructor whose token the console kept in this browser (`bnr.instructor.sessions`).
 */
export interface ListedMatch {
  id: string;
  status: "finished" | "live" | "unfinished" | "invalid";
  source: string;
  code?: string;
  seats?: number;
  turns?: number;
  modified: string;
  problem?: string;
}

export type Fetched<T> = { ok: true; value: T } | { ok: false; reason: "no-server" | "refused" | "missing"; message: string };

interface StoredSession {
  matchId?: unknown;
  instructorToken?: unknown;
}

/** The instructor tokens the console saved in this browser, by match id. */
export function storedTokens(): Map<string, string> {
  const out = new Map<string, string>();
  try {
    const raw: unknown = JSON.parse(globalThis.localStorage?.getItem("bnr.instructor.sessions") ?? "[]");
    if (Array.isArray(raw)) {
      for (const s of raw as StoredSession[]) if (typeof s?.matchId === "string" && typeof s.instructorToken === "string") out.set(s.matchId, s.instructorToken);
    }
  } catch {
    // A damaged entry gives no token; the server then answers as to anyone else.
  }
  return out;
}

async function errorText(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: unknown; zh?: unknown };
    return typeof body.error === "string" ? body.error : `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

async function get(path: string, token?: string): Promise<Response | null> {
  try {
    return await fetch(path, { headers: token ? { "x-instructor-token": token } : {}, cache: "no-store" });
  } catch {
    return null;
  }
}

/** Whether a response came from the game server's API rather than a static file server's index.html. */
const isApi = (response: Response): boolean => !(response.headers.get("content-type") ?? "").startsWith("text/html");

/** The matches this browser may see: all of them from the server's machine, else those of its stored tokens. */
export async function listMatches(): Promise<Fetched<ListedMatch[]>> {
  const open = await get("/api/matches");
  if (!open || !isApi(open) || open.status === 404) return { ok: false, reason: "no-server", message: "no class server" };
  if (open.ok) return { ok: true, value: ((await open.json()) as { matches: ListedMatch[] }).matches };
  const seen = new Map<string, ListedMatch>();
  for (const token of new Set(storedTokens().values())) {
    const response = await get("/api/matches", token);
    if (response?.ok) for (const m of ((await response.json()) as { matches: ListedMatch[] }).matches) seen.set(m.id, m);
  }
  if (seen.size === 0) return { ok: false, reason: "refused", message: await errorText(open) };
  return { ok: true, value: [...seen.values()] };
}

/**
 * One match's log text, with this match's instructor token when the console saved one. A running
 * match's log grows while it is read: a text that does not end with a whole line is read again.
 */
export async function fetchLog(id: string, tries = 3): Promise<Fetched<string>> {
  const response = await get(`/api/matches/${encodeURIComponent(id)}/log`, storedTokens().get(id));
  if (!response || !isApi(response)) return { ok: false, reason: "no-server", message: "no class server" };
  if (response.status === 404) return { ok: false, reason: "missing", message: await errorText(response) };
  if (!response.ok) return { ok: false, reason: "refused", message: await errorText(response) };
  const text = await response.text();
  if (text.endsWith("\n") || tries <= 1) return { ok: true, value: text };
  await new Promise((done) => setTimeout(done, 250));
  return fetchLog(id, tries - 1);
}
