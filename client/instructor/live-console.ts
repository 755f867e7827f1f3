/**
 * Running a class: the join code, link and QR code; the phase and timer; pause, resume, extend,
 * advance now, inject an event with its teaching note, broadcast, undo, end (each answer shown);
 * the table of seats with the switch between students and AI; watching any seat read-only; links
 * to the projector view and the debrief.
 */
import type { TurnReport } from "../../shared/report.ts";
import { loadScenario as checkScenario } from "../../shared/scenario/load.ts";
import type { EventCard, Scenario } from "../../shared/scenario/schema.ts";
import { ROLES } from "../../shared/types.ts";
import type { MatchView } from "../../shared/view.ts";
import type { MessageKey } from "../i18n/en.ts";
import { language, localized, t } from "../i18n/index.ts";
import type { Ack, RoomSeat, RoomState } from "../net/protocol.ts";
import { seatSnapshot } from "../net/seat-state.ts";
import { dashboard } from "../solo/dashboard.ts";
import { el } from "../ui/dom.ts";
import { describeOffer, describeOrder, reportNodes, seatName as builtInSeatName } from "../ui/match-panels.ts";
import type { PageContext } from "../ui/pages.ts";
import { facilitatorGuide } from "./facilitator-guide.ts";
import { InstructorLink, joinRefusal, type InstructorCommand, type Watched } from "./instructor-link.ts";
import { qrCanvas } from "./qr.ts";
import type { StoredSession } from "./sessions-store.ts";

interface Live {
  session: StoredSession;
  joinUrl: string;
  link: InstructorLink | null;
  scenario: Scenario | null;
  room: { phase: string; turn: number; rounds: number; deadline: number; remaining: number; paused: boolean; seats: RoomSeat[] } | null;
  view: MatchView | null;
  report: TurnReport | null;
  /**
   * The forced and disabled cards as the console last set them: the instructor's view is not sent
   * again for event controls alone, and two clicks may come before any answer, so each command is
   * built from this and it follows the server's view only while no such command is unanswered.
   */
  eventControls: { forced: string[]; disabled: string[] };
  controlsPending: number;
  /** The seat being watched, and what it last received. */
  watching: string | null;
  watched: Watched | null;
  /** The last command's answer. */
  answer: { ok: boolean; text: () => string } | null;
  offset: number;
  status: "open" | "dropped" | "closed";
}

let live: Live | null = null;
let paint: () => void = () => undefined;
let ticker: ReturnType<typeof setInterval> | null = null;

const copySeats = (state: RoomState): RoomSeat[] => {
  const seats: RoomSeat[] = [];
  state.seats?.forEach((s) => seats.push({ id: s.id, role: s.role, controller: s.controller, members: [...(s.members ?? [])], connected: s.connected, submitted: s.submitted, ready: s.ready, open: s.open }));
  return seats;
};

function nameOf(seat: string): string {
  const s = live?.scenario;
  const entity = s && [...s.clusters, ...s.hosts, ...s.leadFirms].find((e) => e.id === seat);
  return entity ? localized(entity.name) : builtInSeatName(seat);
}

function secondsLeft(m: Live): number | null {
  const room = m.room;
  if (!room) return null;
  if (room.paused) return Math.ceil(room.remaining / 1000);
  if (room.deadline <= 0) return null;
  return Math.max(0, Math.ceil((room.deadline - (Date.now() + m.offset)) / 1000));
}

function timerText(m: Live): string {
  const left = secondsLeft(m);
  if (left === null) return "";
  return t(m.room?.paused ? "net.paused" : "net.timer", { seconds: left });
}

/** Connects as the instructor; refuses (with the server's reason) a token this session does not have. */
export async function connectConsole(session: StoredSession, joinUrl: string, ctx: PageContext): Promise<{ ok: true } | { ok: false; message: string }> {
  live?.link?.leave();
  const m: Live = { session, joinUrl, link: null, scenario: null, room: null, view: null, report: null, eventControls: { forced: [], disabled: [] }, controlsPending: 0, watching: null, watched: null, answer: null, offset: 0, status: "open" };
  try {
    m.link = await InstructorLink.open({ code: session.code, instructorToken: session.instructorToken }, {
      welcome: (w) => (m.offset = w.serverTime - Date.now()),
      publicView: (view) => {
        m.view = view;
        ctx.map.showMatch(view);
        paint();
      },
      instructorView: (view, report) => {
        m.view = view;
        m.report = report;
        if (m.controlsPending === 0 && view.eventControls) m.eventControls = view.eventControls;
        paint();
      },
      state: (state) => {
        m.room = { phase: state.phase, turn: state.turn, rounds: state.rounds, deadline: state.deadline, remaining: state.remaining, paused: state.paused, seats: copySeats(state) };
        document.body.dataset.consolePhase = `${state.phase}:${state.turn}${state.paused ? ":paused" : ""}`;
        paint();
      },
      ack: (ack, command) => answer(m, ack, command),
      watched: (w) => {
        if (m.watching === w.seat) m.watched = w;
        paint();
      },
      refused: (r) => {
        m.answer = { ok: false, text: () => localized(r) };
        paint();
      },
      status: (status) => {
        m.status = status;
        paint();
      },
    });
  } catch (error) {
    return { ok: false, message: joinRefusal(error instanceof Error ? error.message : String(error), language() === "zh") };
  }
  live = m;
  void fetch(`/api/sessions/${encodeURIComponent(session.code)}/scenario`)
    .then((r) => (r.ok ? r.json() : null))
    .then((raw: unknown) => {
      const read = checkScenario(raw);
      if (read.ok && live === m) {
        m.scenario = read.value;
        paint();
      }
    })
    .catch(() => undefined);
  ticker ??= setInterval(() => {
    const node = document.getElementById("console-timer");
    if (node && live) node.textContent = timerText(live);
  }, 1000);
  return { ok: true };
}

export const consoleSession = (): StoredSession | null => live?.session ?? null;

function answer(m: Live, ack: Ack, command: InstructorCommand | undefined): void {
  const name = t(`console.cmd.${command?.type ?? "unknown"}` as MessageKey);
  m.answer = ack.ok ? { ok: true, text: () => t("console.done", { command: name }) } : { ok: false, text: () => t("console.refused", { command: name, reason: localized(ack.error) }) };
  if (!ack.ok && command?.type === "watch") m.watching = m.watched = null;
  if (command?.type === "eventControls") {
    m.controlsPending = Math.max(0, m.controlsPending - 1);
    if (!ack.ok && m.controlsPending === 0 && m.view?.eventControls) m.eventControls = m.view.eventControls;
  }
  paint();
}

function send(command: InstructorCommand): void {
  if (!live?.link) return;
  if (command.type === "eventControls") {
    live.eventControls = { forced: command.forced, disabled: command.disabled };
    live.controlsPending++;
  }
  live.link.command(command);
}

function controlButton(id: string, label: MessageKey, command: () => InstructorCommand | null, enabled = true): HTMLButtonElement {
  const b = el("button", { type: "button", class: "secondary", id }, t(label));
  b.disabled = !enabled;
  b.addEventListener("click", () => {
    const c = command();
    if (c) send(c);
  });
  return b;
}

function controls(m: Live): Node[] {
  const phase = m.room?.phase ?? "lobby";
  const over = phase === "finished";
  const extendSeconds = el("input", { id: "console-extend-seconds", type: "number", min: "1", max: "3600", value: "60", "aria-label": t("console.extendSeconds") });
  const broadcastText = el("input", { id: "console-broadcast-text", maxlength: "500", placeholder: t("console.broadcastHint") });
  const cards = m.scenario?.eventCards ?? [];
  const eventSelect = el("select", { id: "console-event", "aria-label": t("console.inject") }, ...cards.map((c) => el("option", { value: c.id }, localized(c.name))));
  const note = el("p", { id: "console-event-note", class: "hint" });
  const showNote = () => {
    const card = cards.find((c) => c.id === eventSelect.value);
    note.replaceChildren(...(card ? [el("span", {}, card.theoryNote.en), el("br"), el("span", { lang: "zh-CN" }, card.theoryNote.zh)] : []));
  };
  eventSelect.addEventListener("change", showNote);
  showNote();
  /** The event controls with the chosen card forced into the next draw, or disabled from now on. */
  const control = (card: EventCard | undefined, how: "forced" | "disabled"): InstructorCommand | null => {
    if (!card) return null;
    const current = m.eventControls;
    const add = (list: string[]) => [...new Set([...list, card.id])];
    const drop = (list: string[]) => list.filter((id) => id !== card.id);
    return { type: "eventControls", forced: how === "forced" ? add(current.forced) : drop(current.forced), disabled: how === "disabled" ? add(current.disabled) : drop(current.disabled) };
  };
  const chosen = () => cards.find((c) => c.id === eventSelect.value);
  const roles = ROLES.map((role) => {
    const box = el("input", { type: "checkbox", id: `console-open-${role}`, value: role });
    box.checked = (m.room?.seats ?? []).some((s) => s.role === role && s.open);
    return box;
  });
  const openRoles = (): InstructorCommand => ({ type: "openRoles", roles: roles.filter((b) => b.checked).map((b) => b.value) });
  return [
    el(
      "p",
      { class: "console-row", id: "console-controls" },
      controlButton("console-start", "console.cmd.start", () => ({ type: "start" }), phase === "lobby"),
      controlButton("console-pause", "console.cmd.pause", () => ({ type: "pause" }), !over && !m.room?.paused),
      controlButton("console-resume", "console.cmd.resume", () => ({ type: "resume" }), !over && m.room?.paused === true),
      controlButton("console-advance", "console.cmd.advance", () => ({ type: "advance" }), !over && phase !== "lobby"),
      controlButton("console-undo", "console.cmd.undo", () => ({ type: "undo" }), !over),
      controlButton("console-end", "console.cmd.end", () => (confirm(t("console.confirmEnd")) ? { type: "end" } : null), !over),
    ),
    el("p", { class: "console-row" }, extendSeconds, controlButton("console-extend", "console.cmd.extend", () => ({ type: "extend", seconds: Math.max(1, Math.min(3600, Math.round(Number(extendSeconds.value) || 60))) }), !over)),
    el("p", { class: "console-row" }, broadcastText, controlButton("console-broadcast", "console.cmd.broadcast", () => (broadcastText.value.trim() ? { type: "broadcast", text: broadcastText.value.trim() } : null), !over)),
    el("p", { class: "console-row" }, eventSelect, controlButton("console-inject", "console.cmd.eventControls", () => control(chosen(), "forced"), !over && cards.length > 0), controlButton("console-disable-event", "console.disableEvent", () => control(chosen(), "disabled"), !over && cards.length > 0)),
    note,
    el("p", { class: "console-row" }, t("console.openRoles"), ...roles.flatMap((box) => [box, el("label", { for: box.id }, t(`role.${box.value}` as MessageKey))]), controlButton("console-open-roles", "console.cmd.openRoles", openRoles, !over)),
  ];
}

function seatRow(m: Live, seat: RoomSeat): HTMLTableRowElement {
  const ai = seat.controller === "ai";
  const toggle = el("button", { type: "button", class: "secondary switch" }, ai ? t("console.toStudents") : t("console.toAi"));
  toggle.disabled = ai && seat.members.length === 0;
  toggle.addEventListener("click", () => send({ type: "seatController", seat: seat.id, controller: ai ? "human" : "ai" }));
  const watching = m.watching === seat.id;
  const watch = el("button", { type: "button", class: "secondary watch" }, watching ? t("console.unwatch") : t("console.watch"));
  watch.addEventListener("click", () => {
    m.watching = watching ? null : seat.id;
    m.watched = null;
    send({ type: "watch", seat: m.watching });
    paint();
  });
  const done = m.room?.phase === "commit" ? seat.submitted : seat.ready;
  return el(
    "tr",
    { "data-seat": seat.id, "data-controller": seat.controller, class: ai ? "seat-ai" : "seat-human" },
    el("td", {}, nameOf(seat.id)),
    el("td", {}, t(`role.${seat.role}` as MessageKey)),
    el("td", { class: "controller" }, el("span", { class: "controller-name" }, ai ? t("console.ai") : t("console.human")), " ", toggle),
    el("td", { class: "members" }, seat.members.join(", ")),
    el("td", { class: "connected" }, seat.connected > 0 ? `● ${seat.connected}` : "○"),
    el("td", { class: "done" }, done ? "✓" : ""),
    el("td", {}, watch),
  );
}

function seatTable(m: Live): HTMLTableElement {
  const seats = m.room?.seats ?? [];
  const head = ["console.seat", "console.role", "console.controller", "console.members", "console.connected", "console.doneHead", "console.watchHead"] as const;
  return el("table", { class: "console-table", id: "console-seats" }, el("thead", {}, el("tr", {}, ...head.map((k) => el("th", {}, t(k))))), el("tbody", {}, ...seats.map((s) => seatRow(m, s))));
}

/** Exactly what the watched seat sees: its figures, its sealed orders, its offers and its report. */
function watchPane(m: Live): Node[] {
  const w = m.watched;
  if (!w) return [];
  const snap = m.scenario ? seatSnapshot(m.scenario, w.public, w.private) : null;
  const orders = w.private.orders;
  const offers = w.private.offers;
  return [
    el(
      "section",
      { id: "console-watch", class: "console-watch", "data-seat": w.seat },
      el("h2", {}, t("console.watching", { seat: nameOf(w.seat) })),
      el("p", { class: "hint" }, t("console.readOnly")),
      el("h3", {}, t("console.sealedOrders")),
      orders.length === 0 ? el("p", { class: "hint" }, w.private.submitted ? t("console.noOrders") : t("console.notSubmitted")) : el("ol", { id: "console-watch-orders" }, ...orders.map((o) => el("li", {}, describeOrder(o)))),
      el("h3", {}, t("console.offers")),
      offers.length === 0 ? el("p", { class: "hint" }, t("console.noOffers")) : el("ul", {}, ...offers.map((o) => el("li", {}, describeOffer(o)))),
      ...(snap ? dashboard(snap, nameOf) : []),
      ...(w.private.report ? reportNodes(w.private.report, w.seat) : []),
    ),
  ];
}

function header(m: Live): Node[] {
  const s = m.session;
  const replay = `/replay/${encodeURIComponent(s.matchId)}`;
  return [
    el("p", { class: "console-code-line" }, t("console.code"), " ", el("strong", { id: "console-code", class: "console-code" }, s.code)),
    el("p", {}, t("console.joinLink"), " ", el("a", { id: "console-join-link", href: m.joinUrl, target: "_blank", rel: "noopener" }, m.joinUrl)),
    qrCanvas(m.joinUrl, 320, "console-qr"),
    el(
      "p",
      { class: "console-row" },
      el("a", { id: "console-projector-link", class: "primary", href: `/projector/${s.code}`, target: "_blank", rel: "noopener" }, t("console.projector")),
      el("a", { id: "console-replay-link", class: "primary", href: replay, target: "_blank", rel: "noopener" }, t("console.debrief")),
    ),
  ];
}

/** The class-wide figures and the whole last report, as the instructor sees them. */
function classFigures(m: Live): Node[] {
  const view = m.view;
  const report = m.report;
  const nodes: Array<Node | null> = [
    view ? el("p", { id: "console-winwin" }, t("projector.winwin", { index: Math.round(view.winwin.index * 100) / 100 }), " ", view.winwin.achieved ? t("projector.achieved") : "") : null,
    report && report.entries.length > 0
      ? el("details", { id: "console-report" }, el("summary", {}, t("console.report", { turn: report.turn, count: report.entries.length })), el("ol", { class: "report" }, ...report.entries.map((e) => el("li", {}, localized(e.text)))))
      : null,
  ];
  return nodes.filter((n): n is Node => n !== null);
}

function status(m: Live): Node[] {
  const room = m.room;
  const phase = room ? t(`phase.${room.phase}` as MessageKey) : t("net.connecting");
  return [
    el("p", { id: "console-phase", role: "status" }, room ? t("console.phaseLine", { phase, turn: Math.min(room.turn, room.rounds), rounds: room.rounds }) : phase),
    el("p", { id: "console-timer", role: "timer" }, timerText(m)),
    m.status === "open" ? null : el("p", { class: "error", role: "alert", id: "console-link-status" }, m.status === "dropped" ? t("net.dropped") : t("net.closed")),
    m.answer ? el("p", { id: "console-answer", class: m.answer.ok ? "console-ok" : "error", role: "status" }, m.answer.text()) : el("p", { id: "console-answer", role: "status" }),
  ].filter((n): n is HTMLParagraphElement => n !== null);
}

/** Draws the running console into `host` (again on every change; the broadcast text being typed is kept). */
export function renderConsole(host: HTMLElement, leave: () => void): void {
  const m = live;
  if (!m) return;
  const skeleton = {
    header: el("div", { id: "console-header" }),
    status: el("div", { id: "console-status" }),
    controls: el("div", { id: "console-control-panel" }),
    table: el("div", { id: "console-table-panel" }),
    figures: el("div", { id: "console-figures" }),
    watch: el("div", { id: "console-watch-panel" }),
  };
  const back = el("button", { type: "button", class: "secondary", id: "console-leave" }, t("console.otherSession"));
  back.addEventListener("click", () => {
    m.link?.leave();
    live = null;
    leave();
  });
  skeleton.header.replaceChildren(...header(m));
  skeleton.controls.replaceChildren(...controls(m));
  host.replaceChildren(skeleton.header, skeleton.status, skeleton.controls, el("h2", {}, t("console.seats")), skeleton.table, skeleton.figures, skeleton.watch, facilitatorGuide(m.session.matchId), el("p", {}, back));
  let controlsPhase = `${m.room?.phase}:${m.room?.paused}:${m.scenario !== null}`;
  paint = () => {
    if (!host.isConnected || live !== m) return;
    skeleton.status.replaceChildren(...status(m));
    const phaseKey = `${m.room?.phase}:${m.room?.paused}:${m.scenario !== null}`;
    if (phaseKey !== controlsPhase) {
      // Controls are drawn again only when what they allow changes, so typed text stays.
      const typed = (document.getElementById("console-broadcast-text") as HTMLInputElement | null)?.value ?? "";
      skeleton.controls.replaceChildren(...controls(m));
      (document.getElementById("console-broadcast-text") as HTMLInputElement).value = typed;
      controlsPhase = phaseKey;
    }
    skeleton.table.replaceChildren(seatTable(m));
    const open = (document.getElementById("console-report") as HTMLDetailsElement | null)?.open === true;
    skeleton.figures.replaceChildren(...classFigures(m));
    if (open) (document.getElementById("console-report") as HTMLDetailsElement).open = true;
    skeleton.watch.replaceChildren(...watchPane(m));
  };
  paint();
}
