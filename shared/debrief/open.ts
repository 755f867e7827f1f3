/**
 * Opening a log for the debrief, from the server or from a file: its chain is checked, then it is
 * re-simulated (or read from its public states when another engine version wrote it). A log that
 * fails either check is never shown as if it were whole: the result names the line and turn where it
 * breaks, and how many lines before it are sound, so a viewer may offer those, clearly labelled.
 */
import { parseLog, type LogProblem } from "../matchlog.ts";
import type { Divergence } from "../replay.ts";
import { debriefOf, type Debrief } from "./frames.ts";

export interface Breakage {
  /** "chain": the file itself is damaged or edited; "replay": its events do not produce its recorded states. */
  stage: "chain" | "replay";
  code: LogProblem["code"] | Divergence["code"];
  line: number;
  turn: number | null;
  message: string;
  expected: string | null;
  actual: string | null;
  /** Lines before the break that read and replay soundly (0 when even the header is broken). */
  soundLines: number;
}

export type Opened = { ok: true; debrief: Debrief } | { ok: false; breakage: Breakage };

/** The first `lines` lines of a log's text: a shorter log that stops before a break. */
export function firstLines(text: string, lines: number): string {
  const all = text.split("\n");
  return lines <= 0 ? "" : `${all.slice(0, lines).join("\n")}\n`;
}

export function openLog(text: string): Opened {
  const parsed = parseLog(text);
  if (!parsed.ok) {
    const p = parsed.error;
    return { ok: false, breakage: { stage: "chain", code: p.code, line: p.line, turn: p.turn ?? null, message: p.message, expected: p.expected ?? null, actual: p.actual ?? null, soundLines: Math.max(0, p.line - 1) } };
  }
  const debrief = debriefOf(parsed.value);
  if (!debrief.ok) {
    const d = debrief.error;
    // A divergence at line 1 (scenario, seats) leaves nothing that replays.
    return { ok: false, breakage: { stage: "replay", code: d.code, line: d.line, turn: d.turn ?? null, message: d.message, expected: d.expected ?? null, actual: d.actual ?? null, soundLines: d.line > 1 ? d.line - 1 : 0 } };
  }
  return { ok: true, debrief: debrief.value };
}

/**
 * The sound part of a broken log, opened: what "view up to line N" shows. Null when nothing before
 * the break can be shown (the header itself is broken).
 */
export function openSoundPart(text: string, breakage: Breakage): Debrief | null {
  if (breakage.soundLines < 1) return null;
  const opened = openLog(firstLines(text, breakage.soundLines));
  return opened.ok ? opened.debrief : null;
}
