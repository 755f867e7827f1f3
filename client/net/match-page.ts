/**
 * A match on the classroom server: the lobby of a class session (name, seat and role among the open
 * ones, who else is here), or a solo match in the server's solo room; then the same panels as the
 * offline match, fed by the server: legal orders with their costs and odds from the shared engine,
 * offers delivered live, submit and "waiting for N others", the phase timer, the turn report and the
 * final rankings. Loaded only when a player joins, with the SDK.
 */
import type { Negotiation } from "../../shared/actions.ts";
import { finalRanking } from "../../shared/match-runner.ts";
import type { ReportEntry, TurnReport } from "../../shared/report.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import type { Localized } from "../../shared/types.ts";
import type { MatchView } from "../../shared/view.ts";
import type { MessageKey } from "../i18n/en.ts";
import { localized, t } from "../i18n/index.ts";
import type { OrderChoice, SoloSnapshot } from "../solo/solo-match.ts";
import { dashboard } from "../solo/dashboard.ts";
import { el } from "../ui/dom.ts";
import { button, eventNodes, finalNodes, GUIDED_KEY, guideNodes, loadScenario, loadSeats, offersNodes, orderChooser, refusalNode, reportNodes, round1, seatName, type RankingRow } from "../ui/match-panels.ts";
import type { PageContext } from "../ui/pages.ts";
import { MatchConnection, type Entry, type LinkStatus } from "./connection.ts";
import { seatReport, type Acted, type PublicMessage, type RoomState, type SeatView, type SessionInfo, type Welcome } from "./protocol.ts";
import { readScenario, seatSnapshot } from "./seat-state.ts";

interface PhaseSeat {
  id: string;
  role: string;
  controller: string;
  members: string[];
  submitted: boolean;
  ready: boolean;
}

/** The public room state copied out of the SDK's schema objects. */
type RoomPhase = Omit<RoomState, "code" | "seats" | "broadcast"> & { seats: PhaseSeat[] };

interface NetMatch {
  connection: MatchConnection | null;
  scenario: Scenario;
  welcome: Welcome | null;
  view: MatchView | null;
  /** The public entries of the last report, sent with the public view. */
  publicReport: PublicMessage["report"];
  mine: SeatView | null;
  room: RoomPhase | null;
  snap: SoloSnapshot | null;
  chosen: OrderChoice[];
  /** The turn the chosen orders are for: a new turn starts with none chosen. */
  chosenTurn: number;
  refused: Localized | null;
  /** Server clock minus the local one, from `welcome`. */
  offset: number;
  reportTurn: number;
  /** What this turn's offer steps concerning the seat did, as they arrived. */
  negotiation: { turn: number; entries: ReportEntry[] };
}

let match: NetMatch | null = null;
let rerender: () => void = () => undefined;
let timer: ReturnType<typeof setInterval> | null = null;

function copyRoom(state: RoomState): RoomPhase {
  const seats: PhaseSeat[] = [];
  state.seats?.forEach((s) => seats.push({ id: s.id, role: s.role, controller: s.controller, members: [...(s.members ?? [])], submitted: s.submitted, ready: s.ready }));
  return { kind: state.kind, phase: state.phase, turn: state.turn, rounds: state.rounds, deadline: state.deadline, remaining: state.remaining, paused: state.paused, seats, ranking: state.ranking };
}

function showBanner(status: LinkStatus): void {
  let banner = document.getElementById("connection-banner");
  if (!banner) {
    banner = el("div", { id: "connection-banner", class: "connection-banner", role: "alert" });
    document.body.append(banner);
  }
  banner.hidden = status === "open";
  banner.textContent = status === "dropped" ? t("net.dropped") : status === "closed" ? t("net.closed") : "";
  document.body.dataset.connection = status;
}

function transfersOf(report: TurnReport): Array<{ cluster: string; from: string; to: string; blocks: number }> {
  return report.entries
    .filter((e) => e.code === "TRANSFER_DONE")
    .map((e) => ({ cluster: String(e.params.cluster), from: String(e.params.from), to: String(e.params.to), blocks: Number(e.params.blocks) }));
}

function refresh(m: NetMatch, ctx: PageContext): void {
  if (m.view && m.mine && m.mine.seat) {
    m.snap = seatSnapshot(m.scenario, m.view, m.mine);
    if (m.chosenTurn !== m.mine.turn) {
      m.chosen = [];
      m.chosenTurn = m.mine.turn;
    }
    const report = seatReport(m.publicReport, m.mine.report);
    if (report && report.turn !== m.reportTurn) {
      m.reportTurn = report.turn;
      const flows = transfersOf(report);
      if (flows.length > 0) ctx.map.playFlows(flows);
    }
  }
  rerender();
}

/** The scenario a class session plays (the instructor may have uploaded one or changed parameters); the bundled one otherwise. */
async function matchScenario(entry: Entry): Promise<unknown> {
  if (entry.room !== "class") return loadScenario();
  const served: unknown = await fetch(`/api/sessions/${encodeURIComponent(entry.code)}/scenario`).then((r) => (r.ok ? r.json() : null), () => null);
  return served ?? loadScenario();
}

async function start(ctx: PageContext, entry: Entry, onError: (message: string) => void): Promise<void> {
  const scenario = readScenario(await matchScenario(entry));
  if (!scenario) {
    onError(t("net.noScenario"));
    return;
  }
  const m: NetMatch = { connection: null, scenario, welcome: null, view: null, publicReport: null, mine: null, room: null, snap: null, chosen: [], chosenTurn: 0, refused: null, offset: 0, reportTurn: 0, negotiation: { turn: 0, entries: [] } };
  try {
    m.connection = await MatchConnection.open(location.origin, entry, {
      welcome(w) {
        m.welcome = w;
        m.offset = w.serverTime - Date.now();
        if (w.seatToken && entry.room === "class") localStorage.setItem(classSeatKey(entry.code), w.seatToken);
        if (w.seatToken && entry.room === "solo") localStorage.setItem(SERVER_SOLO_KEY, JSON.stringify({ roomId: m.connection?.roomId, seatToken: w.seatToken }));
        rerender();
      },
      publicView(message) {
        m.view = message.view;
        m.publicReport = message.report ?? null;
        ctx.map.showMatch(message.view);
        refresh(m, ctx);
      },
      privateView(view) {
        if (!("seat" in view)) return;
        m.mine = view;
        refresh(m, ctx);
      },
      state(state) {
        m.room = copyRoom(state);
        if (state.kind === "solo" && state.phase === "finished") localStorage.removeItem(SERVER_SOLO_KEY);
        if (state.kind === "solo" && state.turn > 1) localStorage.setItem(GUIDED_KEY, "1");
        document.body.dataset.netPhase = `${state.phase}:${state.turn}`;
        rerender();
      },
      ack(ack, acted) {
        m.refused = ack.ok ? null : { en: ack.error.en, zh: ack.error.zh };
        if (ack.ok && acted?.type === "action") m.connection?.resync();
        rerender();
      },
      offer(entries) {
        const turn = m.room?.turn ?? 0;
        if (m.negotiation.turn !== turn) m.negotiation = { turn, entries: [] };
        m.negotiation.entries.push(...entries);
        rerender();
      },
      resolved() {
        rerender();
      },
      refused(refusal) {
        m.refused = { en: refusal.en, zh: refusal.zh };
        rerender();
      },
      status(status) {
        showBanner(status);
        rerender();
      },
    });
  } catch (error) {
    onError(error instanceof Error ? error.message : String(error));
    return;
  }
  match = m;
  showBanner("open");
  timer ??= setInterval(updateTimer, 1000);
  rerender();
}

/** `/solo?seed=N` replays the same match (the same world, the same AI): for a class comparing notes, and for tests. */
function seedFromLink(): { seed?: number } {
  const raw = new URLSearchParams(location.search).get("seed");
  const seed = raw === null || !/^\d{1,9}$/.test(raw) ? undefined : Number(raw);
  return seed === undefined ? {} : { seed };
}

/** The seat code of a class, to come back to the seat after a reload or from another tab. */
export const classSeatKey = (code: string): string => `bnr.seat.${code.toUpperCase()}`;

/** The solo match in progress on the server, to come back to after closing the tab. */
const SERVER_SOLO_KEY = "bnr.serverSolo";

function savedServerSolo(): { roomId: string; seatToken: string } | null {
  try {
    const saved = JSON.parse(localStorage.getItem(SERVER_SOLO_KEY) ?? "null") as { roomId?: unknown; seatToken?: unknown } | null;
    return saved && typeof saved.roomId === "string" && typeof saved.seatToken === "string" ? { roomId: saved.roomId, seatToken: saved.seatToken } : null;
  } catch {
    return null;
  }
}

/** A server message carries both languages ("English / 中文 [CODE]"): the current one is shown. */
function joinError(message: string): string {
  const match = /^(.*?) \/ (.*?)(?: \[[A-Z_]+\])?$/.exec(message);
  if (!match) return message;
  return document.documentElement.lang.startsWith("zh") ? (match[2] ?? message) : (match[1] ?? message);
}

function remainingSeconds(room: RoomPhase, offset: number): number | null {
  if (room.paused) return Math.ceil(room.remaining / 1000);
  if (room.deadline <= 0) return null;
  return Math.max(0, Math.ceil((room.deadline - (Date.now() + offset)) / 1000));
}

function updateTimer(): void {
  const node = document.getElementById("net-timer");
  if (!node || !match?.room) return;
  const left = remainingSeconds(match.room, match.offset);
  node.textContent = left === null ? "" : t(match.room.paused ? "net.paused" : "net.timer", { seconds: left });
}

/** Humans still to finish the phase, not counting this seat. */
function othersToWait(room: RoomPhase, seat: string): number {
  const busy = (s: PhaseSeat) => (room.phase === "commit" ? !s.submitted : !s.ready);
  return room.seats.filter((s) => s.id !== seat && s.controller === "human" && s.members.length > 0 && busy(s)).length;
}

function act(m: NetMatch, acted: Acted): void {
  m.connection?.act(acted);
  m.refused = null;
  rerender();
}

function whoIsHere(room: RoomPhase): Node {
  const humans = room.seats.filter((s) => s.members.length > 0);
  return el(
    "ul",
    { id: "net-members" },
    ...humans.map((s) => el("li", {}, `${seatName(s.id)} (${t(`role.${s.role}` as MessageKey)}): ${s.members.join(", ")}`)),
  );
}

function matchPanel(m: NetMatch): Node[] {
  const room = m.room;
  const snap = m.snap;
  const seat = m.welcome?.seat ?? "";
  if (!room || !snap) return [el("p", { role: "status" }, t("net.connecting"))];
  const own = [...snap.view.clusters, ...snap.view.hosts, ...snap.view.leadFirms].find((e) => e.id === seat) as { money?: number } | undefined;
  const left = remainingSeconds(room, m.offset);
  const waiting = othersToWait(room, seat);
  const me = room.seats.find((s) => s.id === seat);
  const doneThisPhase = room.phase === "commit" ? me?.submitted : me?.ready;
  const head: Array<Node | null> = [
    el("p", { id: "solo-seat-name" }, seatName(seat)),
    el("p", { id: "solo-turn" }, t("solo.turn", { turn: Math.min(snap.view.turn, snap.view.rounds), rounds: snap.view.rounds, year: snap.view.year })),
    el("p", { id: "net-phase" }, t(`phase.${room.phase}` as MessageKey)),
    el("p", { id: "net-timer", role: "timer" }, left === null ? "" : t(room.paused ? "net.paused" : "net.timer", { seconds: left })),
    own?.money !== undefined ? el("p", {}, `${t("solo.money")}: ${round1(own.money)}`) : null,
    refusalNode(m.refused),
    // A first solo match walks the student through the first round, as the offline one does.
    ...(room.kind === "solo" && (room.phase === "negotiate" || room.phase === "commit") ? guideNodes(snap, m.negotiation.turn === room.turn ? m.negotiation.entries : [], m.chosen) : []),
  ];
  const whole = m.mine ? seatReport(m.publicReport, m.mine.report) : null;
  const report = whole ? reportNodes(whole, seat) : [];
  const waitNode = doneThisPhase ? el("p", { id: "net-waiting", role: "status" }, t("net.waiting", { count: waiting })) : null;
  const readyButton = room.phase === "briefing" || room.phase === "negotiate" || room.phase === "report" ? el("p", {}, button(t("net.ready"), () => act(m, { type: "ready" }), { id: "net-ready", class: "primary" })) : null;
  let body: Array<Node | null>;
  switch (room.phase) {
    case "lobby":
      body = [el("p", { role: "status", id: "net-lobby" }, t("net.lobby")), el("h2", {}, t("net.here")), whoIsHere(room)];
      break;
    case "finished": {
      const rows: RankingRow[] = room.ranking ? parseRanking(room.ranking) : finalRanking({ scores: snap.view.scores } as Parameters<typeof finalRanking>[0]);
      body = [el("p", { role: "status" }, t("solo.finished")), ...finalNodes(snap.view, rows, seat), ...report];
      break;
    }
    case "commit": {
      const chooser = orderChooser(snap, m.chosen, rerender);
      const submit = button(doneThisPhase ? t("net.resubmit") : t("solo.submit"), () => act(m, { type: "orders", orders: m.chosen.map((c) => c.order) }), { id: "solo-submit", class: "primary" });
      body = [chooser.ap, el("h2", {}, t("solo.chosen")), chooser.chosen, el("p", {}, submit), waitNode, el("h2", {}, t("solo.actions")), chooser.legal, ...report];
      break;
    }
    case "negotiate":
      body = [readyButton, waitNode, ...offersNodes(snap, m.negotiation.turn === room.turn ? m.negotiation.entries : [], (action: Negotiation) => act(m, { type: "action", action })), ...report];
      break;
    case "resolve":
      body = [el("p", { role: "status" }, t("solo.waiting"))];
      break;
    default:
      body = [readyButton, waitNode, ...report];
  }
  const nodes = [...head, ...body, ...eventNodes(snap), ...dashboard(snap, seatName)];
  return nodes.filter((n): n is Node => n !== null);
}

function parseRanking(json: string): RankingRow[] {
  try {
    const parsed: unknown = JSON.parse(json);
    const rows = Array.isArray(parsed) ? parsed : (parsed as { ranking?: unknown })?.ranking;
    return Array.isArray(rows) ? rows.filter((r): r is RankingRow => typeof r?.seat === "string" && typeof r?.role === "string") : [];
  } catch {
    return [];
  }
}

/** The lobby of a class session: the open seats with who sits there, and the name given at the welcome step. */
async function lobby(panel: HTMLElement, ctx: PageContext, code: string, name: string, details: Node): Promise<void> {
  const status = el("p", { role: "status", id: "net-status" }, t("net.loadingSession"));
  panel.replaceChildren(el("h1", {}, t("welcome.title", { code })), status, details);
  let info: SessionInfo;
  try {
    const response = await fetch(`/api/sessions/${encodeURIComponent(code)}`);
    const body = (await response.json()) as SessionInfo | { error: string; zh: string };
    if ("error" in body) {
      status.replaceWith(el("p", { class: "error", role: "alert", id: "net-error" }, localized({ en: body.error, zh: body.zh })));
      return;
    }
    info = body;
  } catch {
    status.replaceWith(el("p", { class: "error", role: "alert", id: "net-error" }, t("net.noServer")));
    return;
  }
  const open = info.seats.filter((s) => s.open && s.members < 3);
  const select = el("select", { id: "net-seat" });
  for (const s of open) select.append(el("option", { value: s.id }, `${seatName(s.id)} · ${t(`role.${s.role}` as MessageKey)}${s.members > 0 ? ` · ${t("net.members", { count: s.members })}` : ""}`));
  const nameInput = el("input", { id: "net-name", value: name, maxlength: "40", autocomplete: "nickname" });
  const error = el("p", { class: "error", role: "alert", id: "net-error" });
  const join = el("button", { type: "submit", class: "primary", id: "net-join" }, t("net.join"));
  const form = el("form", { id: "net-lobby-form" }, el("label", { for: "net-name" }, t("welcome.name")), nameInput, el("label", { for: "net-seat" }, t("net.seat")), select, join);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    join.disabled = true;
    void start(ctx, { room: "class", code, name: nameInput.value.trim(), seat: select.value || undefined }, (message) => {
      join.disabled = false;
      error.textContent = joinError(message);
    });
  });
  const here = info.seats.filter((s) => s.members > 0);
  panel.replaceChildren(
    el("h1", {}, t("welcome.title", { code })),
    el("p", {}, t("net.round", { turn: info.turn, rounds: info.rounds, phase: t(`phase.${info.phase}` as MessageKey) })),
    open.length === 0 ? el("p", { class: "error", role: "alert" }, t("net.noOpenSeat")) : form,
    error,
    el("h2", {}, t("net.here")),
    here.length === 0 ? el("p", { class: "hint" }, t("net.nobody")) : el("ul", { id: "net-members" }, ...here.map((s) => el("li", {}, `${seatName(s.id)} (${t(`role.${s.role}` as MessageKey)}): ${t("net.members", { count: s.members })}`))),
    details,
  );
}

function renderMatch(panel: HTMLElement, title: string, details: Node): void {
  if (!match) return;
  panel.replaceChildren(el("h1", {}, title), ...matchPanel(match), details);
}

/** /join/CODE after the welcome step: the lobby, then the match. */
export async function renderClass(panel: HTMLElement, ctx: PageContext, code: string, name: string, details: Node): Promise<void> {
  await loadSeats();
  rerender = () => (match ? renderMatch(panel, t("welcome.title", { code }), details) : undefined);
  if (match) rerender();
  else await lobby(panel, ctx, code, name, details);
}

/** Back to a class seat with its seat code (saved when the seat was taken); if refused, the lobby. */
export async function returnToClass(panel: HTMLElement, ctx: PageContext, code: string, seatToken: string, details: Node): Promise<void> {
  await loadSeats();
  rerender = () => (match ? renderMatch(panel, t("welcome.title", { code }), details) : undefined);
  if (match) {
    rerender();
    return;
  }
  panel.replaceChildren(el("h1", {}, t("welcome.title", { code })), el("p", { role: "status" }, t("net.connecting")), details);
  await start(ctx, { room: "class", code, seatToken }, () => {
    localStorage.removeItem(classSeatKey(code));
    void lobby(panel, ctx, code, "", details);
  });
}

/** /solo served by the game server: pick a seat, then play in the server's solo room. */
export async function renderServerSolo(panel: HTMLElement, ctx: PageContext, details: Node): Promise<void> {
  const seats = await loadSeats();
  rerender = () => (match ? renderMatch(panel, t("solo.title"), details) : undefined);
  if (match) {
    rerender();
    return;
  }
  const select = el("select", { id: "solo-seat" });
  for (const seat of seats) {
    const option = el("option", { value: seat.id }, `${seatName(seat.id)} · ${t(`role.${seat.role}` as MessageKey)}`);
    if (seat.id === "tangshan_steel") option.selected = true;
    select.append(option);
  }
  const error = el("p", { class: "error", role: "alert", id: "net-error" });
  const startButton = button(t("solo.start"), () => {
    startButton.disabled = true;
    void start(ctx, { room: "solo", name: t("net.soloName"), seat: select.value, ...seedFromLink() }, (message) => {
      startButton.disabled = false;
      error.textContent = joinError(message);
    });
  }, { id: "solo-start", class: "primary" });
  const saved = savedServerSolo();
  const resume: Node[] = [];
  if (saved) {
    const resumeButton = button(t("solo.resume"), () => {
      resumeButton.disabled = true;
      void start(ctx, { room: "solo", ...saved }, (message) => {
        // The match is gone (finished, or closed after the reconnection window): start a new one.
        localStorage.removeItem(SERVER_SOLO_KEY);
        resumeButton.remove();
        error.textContent = joinError(message);
      });
    }, { id: "solo-resume", class: "primary" });
    resume.push(el("p", {}, resumeButton), el("h2", {}, t("solo.new")));
  }
  panel.replaceChildren(el("h1", {}, t("solo.title")), el("p", { class: "hint", id: "net-solo-server" }, t("net.soloServer")), ...resume, el("label", { for: "solo-seat" }, t("solo.seat")), select, el("p", {}, startButton), error, details);
}

