/**
 * /projector/CODE: what the class sees on the wall. It joins as a projector (public state only):
 * the join code and QR code, the phase and timer, the instructor's message, the class-wide
 * figures (win-win index, rankings per role, events in play with their teaching notes), and the
 * public map beside it.
 */
import "./console.css";
import { loadScenario as checkScenario } from "../../shared/scenario/load.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import type { ScoreRow } from "../../shared/state.ts";
import { ROLES } from "../../shared/types.ts";
import type { MatchView } from "../../shared/view.ts";
import type { MessageKey } from "../i18n/en.ts";
import { language, localized, t } from "../i18n/index.ts";
import type { RoomState } from "../net/protocol.ts";
import { el } from "../ui/dom.ts";
import { loadSeats, seatName } from "../ui/match-panels.ts";
import type { PageContext } from "../ui/pages.ts";
import { InstructorLink, joinRefusal } from "./instructor-link.ts";
import { qrCanvas } from "./qr.ts";

const TOP = 5;

interface Projected {
  code: string;
  joinUrl: string;
  link: InstructorLink | null;
  scenario: Scenario | null;
  view: MatchView | null;
  room: { phase: string; turn: number; rounds: number; deadline: number; remaining: number; paused: boolean; broadcast: string; ranking: string; students: number; seatsTaken: number } | null;
  offset: number;
  /** Drawn once and kept across repaints. */
  qr: HTMLCanvasElement | null;
}

let shown: Projected | null = null;
let paint: () => void = () => undefined;
let ticker: ReturnType<typeof setInterval> | null = null;

function nameOf(p: Projected, seat: string): string {
  const entity = p.scenario && [...p.scenario.clusters, ...p.scenario.hosts, ...p.scenario.leadFirms].find((e) => e.id === seat);
  return entity ? localized(entity.name) : seatName(seat);
}

function timer(p: Projected): string {
  const room = p.room;
  if (!room) return "";
  if (room.paused) return t("net.paused", { seconds: Math.ceil(room.remaining / 1000) });
  if (room.deadline <= 0) return "";
  return t("net.timer", { seconds: Math.max(0, Math.ceil((room.deadline - (Date.now() + p.offset)) / 1000)) });
}

function rankings(p: Projected): Node[] {
  const finished = p.room?.ranking ? (JSON.parse(p.room.ranking) as ScoreRow[]) : null;
  const rows = finished ?? p.view?.scores ?? [];
  if (rows.length === 0) return [el("p", { class: "hint" }, t("projector.noScores"))];
  return ROLES.map((role) => {
    const best = rows.filter((r) => r.role === role).sort((a, b) => b.score - a.score).slice(0, TOP);
    return el("div", { class: "projector-ranking", id: `projector-ranking-${role}` }, el("h3", {}, t(`role.${role}` as MessageKey)), el("ol", {}, ...best.map((r) => el("li", {}, `${nameOf(p, r.seat)} · ${Math.round(r.score * 10) / 10}`))));
  });
}

function events(p: Projected): Node[] {
  const view = p.view;
  const cards = p.scenario?.eventCards ?? [];
  if (!view || view.events.length === 0) return [];
  return [
    el("h2", {}, t("event.title")),
    el("ul", { id: "projector-events", class: "events" }, ...view.events.map((e) => {
      const card = cards.find((c) => c.id === e.card);
      return el("li", {}, el("strong", {}, card ? localized(card.name) : e.card), el("br"), el("span", { class: "hint" }, card ? localized(card.theoryNote) : ""));
    })),
  ];
}

function render(p: Projected, host: HTMLElement): void {
  const room = p.room;
  const winwin = p.view?.winwin;
  const nodes: Array<Node | null> = [
    el("p", { class: "projector-code-line" }, t("projector.join"), " ", el("strong", { id: "projector-code", class: "console-code" }, p.code)),
    el("p", { class: "projector-url" }, p.joinUrl),
    (p.qr ??= qrCanvas(p.joinUrl, 360, "projector-qr")),
    el("p", { id: "projector-phase", class: "projector-phase", role: "status" }, room ? t("console.phaseLine", { phase: t(`phase.${room.phase}` as MessageKey), turn: Math.min(room.turn, room.rounds), rounds: room.rounds }) : t("net.connecting")),
    el("p", { id: "projector-timer", class: "projector-timer", role: "timer" }, timer(p)),
    room?.broadcast ? el("p", { id: "projector-broadcast", class: "projector-broadcast" }, room.broadcast) : null,
    room ? el("p", { id: "projector-students" }, t("projector.students", { students: room.students, seats: room.seatsTaken })) : null,
    winwin ? el("p", { id: "projector-winwin" }, t("projector.winwin", { index: Math.round(winwin.index * 100) / 100 }), " ", winwin.achieved ? t("projector.achieved") : "") : null,
    el("h2", {}, t("projector.rankings")),
    el("div", { class: "projector-rankings" }, ...rankings(p)),
    ...events(p),
  ];
  host.replaceChildren(...nodes.filter((n): n is Node => n !== null));
}

export async function renderProjector(panel: HTMLElement, ctx: PageContext, code: string): Promise<void> {
  const host = el("div", { class: "console-page projector-page", id: "projector" });
  panel.replaceChildren(host);
  if (shown?.code === code) {
    paint = () => (host.isConnected && shown ? render(shown, host) : undefined);
    paint();
    return;
  }
  shown?.link?.leave();
  host.replaceChildren(el("p", { role: "status" }, t("net.connecting")));
  await loadSeats();
  const p: Projected = { code, joinUrl: `${location.origin}/join/${code}`, link: null, scenario: null, view: null, room: null, offset: 0, qr: null };
  const info = await fetch(`/api/sessions/${encodeURIComponent(code)}`).then((r) => r.json() as Promise<{ joinUrl?: string }>).catch(() => null);
  if (typeof info?.joinUrl === "string") p.joinUrl = info.joinUrl;
  const scenario = await fetch(`/api/sessions/${encodeURIComponent(code)}/scenario`).then((r) => (r.ok ? r.json() : null)).catch(() => null);
  const read = checkScenario(scenario);
  if (read.ok) p.scenario = read.value;
  paint = () => (host.isConnected && shown === p ? render(p, host) : undefined);
  try {
    p.link = await InstructorLink.open({ code, projector: true }, {
      welcome: (w) => (p.offset = w.serverTime - Date.now()),
      publicView: (view) => {
        p.view = view;
        ctx.map.showMatch(view);
        paint();
      },
      state: (state: RoomState) => {
        let students = 0;
        let seatsTaken = 0;
        state.seats?.forEach((s) => {
          students += s.members?.length ?? 0;
          if ((s.members?.length ?? 0) > 0) seatsTaken++;
        });
        p.room = { phase: state.phase, turn: state.turn, rounds: state.rounds, deadline: state.deadline, remaining: state.remaining, paused: state.paused, broadcast: state.broadcast, ranking: state.ranking, students, seatsTaken };
        document.body.dataset.projectorPhase = `${state.phase}:${state.turn}`;
        paint();
      },
      status: () => paint(),
    });
  } catch (error) {
    host.replaceChildren(el("p", { class: "error", role: "alert", id: "projector-error" }, joinRefusal(error instanceof Error ? error.message : String(error), language() === "zh")));
    return;
  }
  shown = p;
  ticker ??= setInterval(() => {
    const node = document.getElementById("projector-timer");
    if (node && shown) node.textContent = timer(shown);
  }, 1000);
  paint();
}
