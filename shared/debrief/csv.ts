/**
 * The debrief's CSV export: one row per seat per turn played, with the figures as the engine holds
 * them after that turn's resolution (unrounded); a link's governance appears on the rows of both its
 * cluster and its lead firm. RFC 4180: comma-separated, CRLF line ends, fields
 * with a comma, quote or line break quoted with inner quotes doubled. A byte-order mark leads the
 * file by default so that spreadsheet programs read the UTF-8 names (en dashes, Chinese) correctly.
 */
import { smileIndex } from "../market.ts";
import { STAGES, type SeatId } from "../types.ts";
import type { Debrief, DebriefFrame } from "./frames.ts";
import { linkId, turnFrames } from "./series.ts";

export const CAPABILITIES = ["P", "Q", "F", "X"] as const;
export const BASE_COLUMNS = ["turn", "seat", "role", "money", "value_added", "smile_index", "score", ...CAPABILITIES] as const;

export interface CsvOptions {
  /** Write seat names (the scenario's English names) instead of seat ids, in rows and in the link columns. */
  names?: boolean;
  /** Start the file with a UTF-8 byte-order mark (default true). */
  bom?: boolean;
}

type Cell = string | number | null;

/** One field as RFC 4180 writes it; null is an empty field (a figure this record does not hold). */
export function csvField(value: Cell): string {
  if (value === null) return "";
  const text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (cells: ReadonlyArray<Cell>): string => cells.map(csvField).join(",");

/** Every chain link of the match (cluster~leadFirm), in the engine's order. */
export function chainLinks(debrief: Debrief): Array<{ cluster: SeatId; leadFirm: SeatId }> {
  const seen = new Map<string, { cluster: SeatId; leadFirm: SeatId }>();
  for (const frame of turnFrames(debrief)) {
    for (const c of frame.publicView?.clusters ?? []) for (const l of c.links) seen.set(linkId(c.id, l.leadFirm), { cluster: c.id, leadFirm: l.leadFirm });
  }
  return [...seen.values()];
}

/**
 * The scenario's English name of each seat, as the log's header records the scenario. Students'
 * names (in `seat` lines) are never used: a log may have been anonymised, and an export travels.
 */
export function seatNames(scenario: unknown): Map<SeatId, string> {
  const out = new Map<SeatId, string>();
  for (const key of ["clusters", "hosts", "leadFirms"]) {
    const entries = (scenario as Record<string, unknown> | null)?.[key];
    if (!Array.isArray(entries)) continue;
    for (const e of entries as Array<{ id?: unknown; name?: { en?: unknown } }>) if (typeof e?.id === "string" && typeof e.name?.en === "string") out.set(e.id, e.name.en);
  }
  return out;
}

function namer(debrief: Debrief, names: boolean): (seat: SeatId) => string {
  const byId = seatNames(debrief.header.scenario);
  return (seat) => (names ? (byId.get(seat) ?? seat) : seat);
}

export function csvHeader(debrief: Debrief, options: CsvOptions = {}): string[] {
  const name = namer(debrief, options.names ?? false);
  return [...BASE_COLUMNS, ...chainLinks(debrief).map((l) => `governance_${linkId(name(l.cluster), name(l.leadFirm))}`)];
}

/** The row of one seat after one turn's resolution. Private figures are empty when the log was not re-simulated. */
function seatRow(frame: DebriefFrame, seat: { id: SeatId; role: string }, links: ReturnType<typeof chainLinks>, name: (seat: SeatId) => string): Cell[] {
  const state = frame.state;
  const view = frame.publicView;
  const score = view?.scores.find((s) => s.seat === seat.id);
  const cluster = state?.clusters.find((c) => c.id === seat.id);
  const host = state?.hosts.find((h) => h.id === seat.id);
  const lead = state?.leadFirms.find((l) => l.id === seat.id);
  const money = cluster?.money ?? host?.money ?? lead?.money ?? null;
  const valueAdded = cluster ? STAGES.reduce((s, st) => s + cluster.vaLast[st], 0) : null;
  const smile = cluster && state ? smileIndex(cluster.vaLast, state.scenario.parameters) : seat.role === "cluster" ? (score?.smile ?? null) : null;
  const capability = (key: (typeof CAPABILITIES)[number]): number | null => {
    if (cluster) return cluster[key];
    if (lead && key !== "X") return lead[key];
    return null;
  };
  const governance = links.map((l) => {
    if (l.cluster !== seat.id && l.leadFirm !== seat.id) return null;
    return view?.clusters.find((c) => c.id === l.cluster)?.links.find((k) => k.leadFirm === l.leadFirm)?.governance ?? null;
  });
  return [frame.turn, name(seat.id), seat.role, money, valueAdded, smile, score?.score ?? null, ...CAPABILITIES.map(capability), ...governance];
}

/** The whole CSV file text. */
export function debriefCsv(debrief: Debrief, options: CsvOptions = {}): string {
  const name = namer(debrief, options.names ?? false);
  const links = chainLinks(debrief);
  const lines = [csvLine(csvHeader(debrief, options))];
  for (const frame of turnFrames(debrief)) for (const seat of debrief.seats) lines.push(csvLine(seatRow(frame, seat, links, name)));
  return `${options.bom === false ? "" : "\uFEFF"}${lines.join("\r\n")}\r\n`;
}
