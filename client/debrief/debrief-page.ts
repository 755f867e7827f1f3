/**
 * The debrief and replay page (/replay/ID, /replay): open a match from the server or a log file,
 * refuse a log that fails verification with its line and turn, then step through the match turn by
 * turn and phase by phase from any viewpoint, with the map as it was, the charts, the exports and
 * the what-if fork. Loaded on demand; the charts load on demand after it.
 */
import type { Debrief } from "../../shared/debrief/frames.ts";
import { openLog, openSoundPart, type Breakage } from "../../shared/debrief/open.ts";
import { ENGINE_VERSION } from "../../shared/version.ts";
import type { MessageKey } from "../i18n/en.ts";
import { t } from "../i18n/index.ts";
import { el } from "../ui/dom.ts";
import type { PageContext } from "../ui/pages.ts";
import { loadSeats } from "../ui/match-panels.ts";
import { forkLeft, forkPlaying } from "./fork.ts";
import { fetchLog, listMatches, type ListedMatch } from "./source.ts";
import { ensureStyle, renderViewer, resetViewer } from "./viewer.ts";

/** A log opened on this page: where it came from, its text, and what became of it. */
export interface OpenedLog {
  /** The route id it was fetched for, or null for a file. */
  id: string | null;
  fileName: string;
  text: string;
  debrief: Debrief | null;
  breakage: Breakage | null;
  /** Set when only the sound lines before a break are shown. */
  partial: { lines: number; line: number } | null;
}

let opened: OpenedLog | null = null;
/** A load in progress or failed, for the route id it concerns. */
let loading: { id: string; error: string | null } | null = null;

const heading = (text: string) => el("h1", {}, text);

/** The title in the current language: a server match by its id, a file by its name. */
const titleOf = (log: Pick<OpenedLog, "id" | "fileName">): string => (log.id === null ? t("debrief.fileTitle", { file: log.fileName }) : t("debrief.matchTitle", { id: log.id }));

/** Opens a log's text: verified, re-simulated, or refused with its break. */
function openText(id: string | null, fileName: string, text: string): OpenedLog {
  const result = openLog(text);
  resetViewer();
  return result.ok ? { id, fileName, text, debrief: result.debrief, breakage: null, partial: null } : { id, fileName, text, debrief: null, breakage: result.breakage, partial: null };
}

function breakageNodes(log: OpenedLog, rerender: () => void): Node[] {
  const b = log.breakage as Breakage;
  const turn = b.turn === null ? "" : t("debrief.brokenTurn", { turn: b.turn });
  const nodes: Node[] = [
    el(
      "div",
      { class: "error", role: "alert", id: "debrief-broken", "data-line": String(b.line), "data-turn": b.turn === null ? "" : String(b.turn), "data-code": b.code },
      el("p", {}, t("debrief.broken", { line: b.line, turn })),
      el("p", {}, t(b.stage === "chain" ? "debrief.brokenChain" : "debrief.brokenReplay")),
      el("pre", { class: "message" }, b.message),
      b.expected ? el("p", { class: "hash" }, t("debrief.expected", { value: b.expected })) : null,
      b.actual ? el("p", { class: "hash" }, t("debrief.actual", { value: b.actual })) : null,
    ),
  ];
  if (b.soundLines >= 1) {
    const view = el("button", { type: "button", class: "secondary", id: "debrief-view-sound" }, t("debrief.viewSound", { lines: b.soundLines }));
    view.addEventListener("click", () => {
      const part = openSoundPart(log.text, b);
      if (!part) return;
      resetViewer();
      opened = { ...log, debrief: part, partial: { lines: b.soundLines, line: b.line } };
      rerender();
    });
    nodes.push(el("p", {}, view));
  }
  return nodes;
}

function uploadForm(onText: (name: string, text: string) => void): Node[] {
  const input = el("input", { type: "file", id: "debrief-file", accept: ".jsonl,.json,.txt,application/x-ndjson,application/json,text/plain" });
  const error = el("p", { class: "error", role: "alert", id: "debrief-file-error" });
  input.addEventListener("change", () => {
    const file = input.files?.[0];
    if (!file) return;
    file.text().then(
      (text) => onText(file.name, text),
      (e: unknown) => {
        error.textContent = t("debrief.uploadError", { reason: (e as Error)?.message ?? String(e) });
      },
    );
  });
  return [el("h2", {}, t("debrief.upload")), el("p", { class: "hint" }, t("debrief.uploadHint")), el("label", { for: "debrief-file", class: "visually-hidden" }, t("debrief.upload")), input, error];
}

function matchList(matches: ListedMatch[], ctx: PageContext): Node {
  if (matches.length === 0) return el("p", { class: "hint" }, t("debrief.noMatches"));
  const sorted = [...matches].sort((a, b) => (a.modified < b.modified ? 1 : -1));
  return el(
    "ul",
    { class: "choices", id: "debrief-matches" },
    ...sorted.map((m) => {
      const open = el("button", { type: "button", class: "secondary", "data-match": m.id }, t("debrief.open"));
      open.addEventListener("click", () => ctx.navigate({ page: "replay", id: m.id }));
      return el("li", {}, t("debrief.listRow", { id: m.id, status: t(`debrief.status.${m.status}` as MessageKey), turns: m.turns ?? 0, seats: m.seats ?? 0 }), open);
    }),
  );
}

async function listing(ctx: PageContext): Promise<Node[]> {
  const listed = await listMatches();
  if (listed.ok) return [el("h2", {}, t("debrief.serverList")), matchList(listed.value, ctx)];
  return [el("h2", {}, t("debrief.serverList")), el("p", { class: "hint", id: "debrief-no-list" }, t(listed.reason === "no-server" ? "debrief.noServer" : "debrief.listRefused"))];
}

/** The page without an opened log: the server's matches (when there is a server) and the file upload. */
async function chooser(panel: HTMLElement, ctx: PageContext, details: Node, rerender: () => void): Promise<void> {
  const upload = uploadForm((name, text) => {
    opened = openText(null, name, text);
    rerender();
  });
  panel.replaceChildren(heading(t("debrief.title")), ...upload, el("p", { role: "status" }, t("debrief.loading")), details);
  const list = await listing(ctx);
  if (opened) return;
  panel.replaceChildren(heading(t("debrief.title")), ...upload, ...list, details);
}

/** The page of an opened log: its break, or the viewer. */
function openedPage(panel: HTMLElement, ctx: PageContext, details: Node, log: OpenedLog, rerender: () => void): void {
  const other = el("button", { type: "button", class: "secondary", id: "debrief-open-other" }, t("debrief.openOther"));
  other.addEventListener("click", () => {
    opened = null;
    resetViewer();
    ctx.navigate({ page: "replay", id: null });
  });
  const head: Node[] = [heading(titleOf(log))];
  ensureStyle();
  if (!log.debrief) {
    panel.replaceChildren(...head, ...breakageNodes(log, rerender), el("p", {}, other), details);
    document.body.dataset.debrief = "broken";
    return;
  }
  const d = log.debrief;
  const notices: Node[] = [];
  if (log.partial) notices.push(el("p", { class: "error", role: "alert", id: "debrief-partial" }, t("debrief.soundBanner", { lines: log.partial.lines, line: log.partial.line })));
  if (d.mode === "public") notices.push(el("p", { class: "notice", id: "debrief-public-only" }, t("debrief.publicOnly", { version: d.header.engineVersion, engine: ENGINE_VERSION })));
  if (!d.finished) notices.push(el("p", { class: "hint", id: "debrief-running" }, t("debrief.running")));
  const turns = d.frames.filter((f) => f.phase === "report").length;
  head.push(el("p", { class: "hint" }, t("debrief.summary", { lines: d.lines, seed: d.header.seed, turns, version: d.header.engineVersion })), ...notices);
  renderViewer(panel, ctx, { head, tail: [el("p", {}, other), details], log, rerender });
}

export async function renderReplay(panel: HTMLElement, ctx: PageContext, details: Node, id: string | null): Promise<void> {
  const rerender = () => void renderReplay(panel, ctx, details, id);
  await loadSeats();
  if (forkPlaying()) {
    const solo = await import("../solo/solo-page.ts");
    if (solo.forkRunning()) return solo.renderSolo(panel, ctx, details, true);
    forkLeft();
  }
  if (id === null) {
    if (opened && opened.id === null) return openedPage(panel, ctx, details, opened, rerender);
    opened = null;
    return chooser(panel, ctx, details, rerender);
  }
  if (opened?.id === id) return openedPage(panel, ctx, details, opened, rerender);
  if (loading?.id === id && loading.error) {
    panel.replaceChildren(heading(t("debrief.matchTitle", { id })), el("p", { class: "error", role: "alert", id: "debrief-fetch-error" }, loading.error), ...uploadForm((name, text) => {
      opened = openText(null, name, text);
      ctx.navigate({ page: "replay", id: null });
    }), details);
    return;
  }
  panel.replaceChildren(heading(t("debrief.matchTitle", { id })), el("p", { role: "status" }, t("debrief.loading")), details);
  loading = { id, error: null };
  const fetched = await fetchLog(id);
  if (!fetched.ok) {
    loading.error = fetched.reason === "no-server" ? t("debrief.noServer") : fetched.reason === "missing" ? t("debrief.logMissing", { id }) : t("debrief.logRefused", { reason: fetched.message });
  } else {
    // Let the loading message paint before the re-simulation takes the main thread.
    await new Promise((done) => setTimeout(done, 0));
    opened = openText(id, `${id}.jsonl`, fetched.value);
  }
  rerender();
}
