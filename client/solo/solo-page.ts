/**
 * The offline solo match panel: pick a seat, then each round choose among the seat's legal orders
 * (with what each takes and an upgrade's odds), submit, and read the turn report while the moved
 * capacity flows over the map. Loaded on demand; the engine runs in a worker. The match is saved
 * after every round, so reopening /solo offers to resume it.
 */
import type { Negotiation } from "../../shared/actions.ts";
import type { ReportEntry, TurnReport } from "../../shared/report.ts";
import type { Localized } from "../../shared/types.ts";
import type { MessageKey } from "../i18n/en.ts";
import { t } from "../i18n/index.ts";
import { el } from "../ui/dom.ts";
import { eventNodes, finalNodes, GUIDED_KEY, guideNodes, loadScenario, loadSeats, offersNodes, orderChooser, refusalNode, reportNodes, round1, seatName, type SeatEntry } from "../ui/match-panels.ts";
import type { PageContext } from "../ui/pages.ts";
import type { FromWorker, ToWorker } from "./protocol.ts";
import { dashboard } from "./dashboard.ts";
import type { OrderChoice, SoloRecord, SoloSnapshot } from "./solo-match.ts";

interface Session {
  worker: Worker;
  snapshot: SoloSnapshot | null;
  chosen: OrderChoice[];
  report: TurnReport | null;
  negotiation: ReportEntry[];
  refused: Localized | null;
  busy: boolean;
  /** A what-if forked from a replay: its title and the way back; it is never saved over the solo match. */
  fork: { title: () => string; back: () => void } | null;
}

const DEFAULT_SEAT = "tangshan_steel";
const SAVE_KEY = "bnr.solo";
let session: Session | null = null;
let seats: SeatEntry[] = [];
let rerender: () => void = () => undefined;

function savedRecord(): SoloRecord | null {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(SAVE_KEY) ?? "null");
    const r = raw as Partial<SoloRecord> | null;
    return r && typeof r.seat === "string" && Array.isArray(r.rounds) ? (r as SoloRecord) : null;
  } catch {
    return null;
  }
}

function openSession(ctx: PageContext, first: ToWorker, fork: Session["fork"] = null): void {
  session?.worker.terminate();
  const worker = new Worker(new URL("./engine-worker.ts", import.meta.url), { type: "module" });
  const s: Session = { worker, snapshot: null, chosen: [], report: null, negotiation: [], refused: null, busy: true, fork };
  session = s;
  worker.addEventListener("message", (event: MessageEvent<FromWorker>) => {
    const message = event.data;
    s.busy = false;
    if (message.type === "refused") s.refused = message.message;
    else {
      const sameRound = s.snapshot?.view.turn === message.snapshot.view.turn;
      // An offer or answer keeps the orders chosen so far; a new round starts afresh.
      Object.assign(s, { snapshot: message.snapshot, report: message.report, negotiation: message.negotiation, refused: null, chosen: sameRound ? s.chosen : [] });
      if (message.snapshot.view.turn > 1) localStorage.setItem(GUIDED_KEY, "1");
      if (s.fork) {
        // A what-if is not the player's own solo match: that one stays saved as it was.
      } else if (message.snapshot.finished) localStorage.removeItem(SAVE_KEY);
      else localStorage.setItem(SAVE_KEY, JSON.stringify(message.record));
      ctx.map.showMatch(message.snapshot.view);
      if (message.transfers.length > 0) ctx.map.playFlows(message.transfers);
      document.body.dataset.soloTurn = String(message.snapshot.view.turn);
    }
    rerender();
  });
  worker.addEventListener("error", (event) => {
    s.busy = false;
    s.refused = { en: t("error.worker", { reason: event.message }), zh: t("error.worker", { reason: event.message }) };
    rerender();
  });
  worker.postMessage(first);
}

function send(message: ToWorker): void {
  session?.worker.postMessage(message);
}

function seatPicker(ctx: PageContext): Node[] {
  const select = el("select", { id: "solo-seat" });
  for (const seat of seats) {
    const option = el("option", { value: seat.id }, `${seatName(seat.id)} · ${t(`role.${seat.role}` as MessageKey)}`);
    if (seat.id === DEFAULT_SEAT) option.selected = true;
    select.append(option);
  }
  const startButton = el("button", { type: "button", class: "primary", id: "solo-start" }, t("solo.start"));
  startButton.addEventListener("click", async () => {
    startButton.disabled = true;
    openSession(ctx, { type: "start", scenario: await loadScenario(), seat: select.value, seed: Math.floor(Math.random() * 1_000_000) });
    rerender();
  });
  const saved = savedRecord();
  const resume: Node[] = [];
  if (saved) {
    const resumeButton = el("button", { type: "button", class: "primary", id: "solo-resume" }, t("solo.resume"));
    resumeButton.addEventListener("click", async () => {
      resumeButton.disabled = true;
      openSession(ctx, { type: "resume", scenario: await loadScenario(), record: saved });
      rerender();
    });
    resume.push(el("p", {}, t("solo.saved", { seat: seatName(saved.seat), turn: saved.rounds.length + 1 })), el("p", {}, resumeButton), el("h2", {}, t("solo.new")));
  }
  return [...resume, el("label", { for: "solo-seat" }, t("solo.seat")), select, el("p", {}, startButton)];
}

function matchPanel(s: Session): Node[] {
  const snap = s.snapshot;
  if (!snap) {
    const nodes: Array<Node | null> = [refusalNode(s.refused), s.busy ? el("p", { role: "status" }, t("solo.loading")) : null];
    return nodes.filter((n): n is Node => n !== null);
  }
  const view = snap.view;
  const own = [...view.clusters, ...view.hosts, ...view.leadFirms].find((e) => e.id === snap.seat) as { money?: number } | undefined;
  const head: Node[] = [
    el("p", { id: "solo-seat-name" }, `${seatName(snap.seat)}`),
    el("p", { id: "solo-turn" }, t("solo.turn", { turn: Math.min(view.turn, view.rounds), rounds: view.rounds, year: view.year })),
  ];
  if (own?.money !== undefined) head.push(el("p", {}, `${t("solo.money")}: ${round1(own.money)}`));
  const report = s.report ? reportNodes(s.report, snap.seat) : [];
  if (snap.finished) return [...head, el("p", { role: "status" }, t("solo.finished")), ...finalNodes(view, snap.ranking ?? [], snap.seat), ...report, ...dashboard(snap, seatName)];
  const chooser = orderChooser(snap, s.chosen, rerender);
  const submit = el("button", { type: "button", class: "primary", id: "solo-submit" }, s.busy ? t("solo.waiting") : t("solo.submit"));
  submit.disabled = s.busy;
  submit.addEventListener("click", () => {
    s.busy = true;
    send({ type: "submit", orders: s.chosen.map((c) => c.order) });
    rerender();
  });
  const negotiate = (action: Negotiation) => {
    s.busy = true;
    send({ type: "negotiate", action });
    rerender();
  };
  const nodes: Array<Node | null> = [
    ...head,
    ...guideNodes(snap, s.negotiation, s.chosen),
    chooser.ap,
    refusalNode(s.refused),
    el("h2", {}, t("solo.chosen")),
    chooser.chosen,
    el("p", {}, submit),
    ...report,
    ...eventNodes(snap),
    ...offersNodes(snap, s.negotiation, negotiate),
    ...dashboard(snap, seatName),
    el("h2", {}, t("solo.actions")),
    chooser.legal,
  ];
  return nodes.filter((n): n is Node => n !== null);
}

/** The solo page; `asFork` when the replay page shows its what-if (opening /solo itself leaves a what-if). */
export async function renderSolo(panel: HTMLElement, ctx: PageContext, details: Node, asFork = false): Promise<void> {
  rerender = () => void renderSolo(panel, ctx, details, asFork);
  seats = await loadSeats();
  if (session?.fork && !asFork) endFork();
  if (session?.fork) {
    const back = el("button", { type: "button", class: "secondary", id: "fork-back" }, t("debrief.forkBack"));
    back.addEventListener("click", session.fork.back);
    panel.replaceChildren(el("h1", {}, session.fork.title()), el("p", {}, back), ...matchPanel(session), details);
    return;
  }
  const body = session ? matchPanel(session) : seatPicker(ctx);
  panel.replaceChildren(el("h1", {}, t("solo.title")), ...body, details);
}

/** Starts a what-if from a replayed state (the debrief's fork); `back` returns to the replay. */
export function startFork(ctx: PageContext, state: unknown, seat: string, atTurnStart: boolean, ais: unknown, title: () => string, back: () => void): void {
  openSession(ctx, { type: "fork", state, seat, atTurnStart, ais }, { title, back });
}

/** Whether a what-if forked from a replay is being played. */
export const forkRunning = (): boolean => Boolean(session?.fork);

/** Ends a what-if (back to the replay); the player's own solo match is untouched. */
export function endFork(): void {
  if (!session?.fork) return;
  session.worker.terminate();
  session = null;
}
