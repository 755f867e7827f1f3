/**
 * The class sessions this browser created, kept so that a reload of /instructor can take control
 * again. The contract other pages rely on (the replay page authenticates `GET /api/matches…` with
 * `X-Instructor-Token` from here): localStorage key `bnr.instructor.sessions`, a JSON array of
 * `{code, matchId, roomId, instructorToken, createdAt}`, newest first.
 */
export const SESSIONS_KEY = "bnr.instructor.sessions";

export interface StoredSession {
  code: string;
  matchId: string;
  roomId: string;
  instructorToken: string;
  /** ISO time the session was created. */
  createdAt: string;
}

const isStored = (x: unknown): x is StoredSession => {
  const s = x as Partial<StoredSession> | null;
  return typeof s === "object" && s !== null && [s.code, s.matchId, s.roomId, s.instructorToken, s.createdAt].every((v) => typeof v === "string");
};

/** The stored sessions, newest first; whatever the storage holds, never throws. */
export function storedSessions(): StoredSession[] {
  try {
    const raw: unknown = JSON.parse(globalThis.localStorage?.getItem(SESSIONS_KEY) ?? "[]");
    return Array.isArray(raw) ? raw.filter(isStored) : [];
  } catch {
    return [];
  }
}

function save(sessions: StoredSession[]): void {
  globalThis.localStorage?.setItem(SESSIONS_KEY, JSON.stringify(sessions));
}

/** Puts a session first (replacing an older entry with the same code). */
export function rememberSession(session: StoredSession): void {
  save([session, ...storedSessions().filter((s) => s.code !== session.code)]);
}

export function forgetSession(code: string): void {
  save(storedSessions().filter((s) => s.code !== code));
}
