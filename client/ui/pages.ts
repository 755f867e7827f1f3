/** The panel beside the map for each route: landing, the welcome step of a join link, and the rest. */
import { t } from "../i18n/index.ts";
import type { Language } from "../i18n/index.ts";
import { isClassCode, type Route } from "../router.ts";
import type { Flow } from "../scenes/map-scene.ts";
import type { MatchView } from "../../shared/view.ts";
import { el } from "./dom.ts";

export interface PageContext {
  navigate(route: Route): void;
  map: {
    /** Shades hosts and overlays links, parks and events from a match view. */
    showMatch(view: MatchView): void;
    playFlows(flows: ReadonlyArray<Flow>): number;
  };
  /** What the player last clicked on the map, described. */
  selected: string | null;
  language(): Language;
}

const MATCH_ID = /^[A-Za-z0-9_-]{1,64}$/;

function link(label: string, onClick: () => void, attrs: Record<string, string> = {}): HTMLButtonElement {
  const button = el("button", { type: "button", class: "primary", ...attrs }, label);
  button.addEventListener("click", onClick);
  return button;
}

function landing(ctx: PageContext): Node[] {
  const code = el("input", { id: "class-code", name: "code", autocomplete: "off", maxlength: "6", "aria-describedby": "code-hint", inputmode: "latin", autocapitalize: "characters" });
  const codeError = el("p", { class: "error", role: "alert", id: "code-error" });
  const join = el("form", { id: "join-form" }, el("label", { for: "class-code" }, t("landing.code")), code, el("button", { type: "submit", class: "primary" }, t("landing.joinButton")));
  join.addEventListener("submit", (event) => {
    event.preventDefault();
    const value = code.value.trim();
    if (!isClassCode(value)) {
      codeError.textContent = t("error.code");
      return;
    }
    ctx.navigate({ page: "join", code: value.toUpperCase() });
  });
  const replayId = el("input", { id: "replay-id", name: "replay", autocomplete: "off" });
  const replayError = el("p", { class: "error", role: "alert" });
  const replay = el("form", { id: "replay-form" }, el("label", { for: "replay-id" }, t("landing.replayId")), replayId, el("button", { type: "submit", class: "primary" }, t("landing.open")));
  replay.addEventListener("submit", (event) => {
    event.preventDefault();
    const value = replayId.value.trim();
    if (!MATCH_ID.test(value)) {
      replayError.textContent = t("error.replayId");
      return;
    }
    ctx.navigate({ page: "replay", id: value });
  });
  return [
    el("h1", {}, t("app.title")),
    el("p", { class: "hint" }, t("app.tagline")),
    el("h2", {}, t("landing.join")),
    join,
    el("p", { class: "hint", id: "code-hint" }, t("landing.codeHint")),
    codeError,
    el("h2", {}, t("landing.solo")),
    el("p", { class: "hint" }, t("landing.soloHint")),
    link(t("landing.solo"), () => ctx.navigate({ page: "solo" }), { id: "play-solo" }),
    el("h2", {}, t("landing.instructor")),
    el("p", { class: "hint" }, t("landing.instructorHint")),
    link(t("landing.instructor"), () => ctx.navigate({ page: "instructor" }), { id: "open-instructor" }),
    el("h2", {}, t("landing.replay")),
    el("p", { class: "hint" }, t("landing.replayHint")),
    replay,
    replayError,
    link(t("debrief.browse"), () => ctx.navigate({ page: "replay", id: null }), { id: "open-replays" }),
  ];
}

/** The welcome step: a link preview fetching /join/CODE sees this page and takes no seat. */
function welcome(code: string, take: (name: string) => void, back: (() => void) | null): Node[] {
  const name = el("input", { id: "player-name", name: "name", autocomplete: "nickname", maxlength: "40" });
  const form = el("form", { id: "welcome-form" }, el("label", { for: "player-name" }, t("welcome.name")), name, el("button", { type: "submit", class: "primary" }, t("welcome.take")));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    take(name.value.trim());
  });
  const backButton = back ? [el("p", {}, link(t("welcome.back"), back, { id: "welcome-back" }))] : [];
  return [el("h1", {}, t("welcome.title", { code })), el("p", {}, t("welcome.body")), ...backButton, form];
}

/** The class a player went past the welcome step of, so a re-render (language switch) stays in its lobby or match. */
let pastWelcome: { code: string; name: string; seatToken?: string } | null = null;
/** Whether /solo plays on the game server (the page came from it) or offline; asked once. */
let soloOnServer: Promise<boolean> | null = null;

function classPage(panel: HTMLElement, ctx: PageContext, code: string, details: Node): void {
  const joined = pastWelcome?.code === code ? pastWelcome : null;
  if (!joined) {
    // The seat code saved when a seat of this class was taken here (the key is the one net/match-page.ts writes).
    const seatToken = globalThis.localStorage?.getItem(`bnr.seat.${code}`);
    const back = seatToken
      ? () => {
          pastWelcome = { code, name: "", seatToken };
          classPage(panel, ctx, code, details);
        }
      : null;
    const take = (name: string) => {
      pastWelcome = { code, name };
      classPage(panel, ctx, code, details);
    };
    panel.replaceChildren(...welcome(code, take, back), details);
    return;
  }
  void import("../net/match-page.ts").then((net) =>
    joined.seatToken ? net.returnToClass(panel, ctx, code, joined.seatToken, details) : net.renderClass(panel, ctx, code, joined.name, details),
  );
}

async function soloPage(panel: HTMLElement, ctx: PageContext, details: Node): Promise<void> {
  soloOnServer ??= import("../net/health.ts").then((h) => h.servedByGameServer());
  if (await soloOnServer) {
    const net = await import("../net/match-page.ts");
    await net.renderServerSolo(panel, ctx, details);
  } else {
    const solo = await import("../solo/solo-page.ts");
    await solo.renderSolo(panel, ctx, details);
  }
}

const home = (ctx: PageContext): HTMLButtonElement => link(t("nav.home"), () => ctx.navigate({ page: "landing" }));

export function renderPage(panel: HTMLElement, route: Route, ctx: PageContext): void {
  const details = ctx.selected ? el("p", { class: "details", id: "selection" }, ctx.selected) : el("p", { class: "details hint" }, t("map.hint"));
  switch (route.page) {
    case "landing":
      panel.replaceChildren(...landing(ctx), details);
      return;
    case "join":
      classPage(panel, ctx, route.code, details);
      return;
    case "instructor":
      panel.replaceChildren(el("h1", {}, t("instructor.title")), el("p", { role: "status" }, t("net.connecting")));
      void import("../instructor/console-page.ts").then((page) => page.renderInstructor(panel, ctx));
      return;
    case "projector":
      panel.replaceChildren(el("p", { role: "status" }, t("net.connecting")));
      void import("../instructor/projector-page.ts").then((page) => page.renderProjector(panel, ctx, route.code));
      return;
    case "replay":
      panel.replaceChildren(el("h1", {}, t("debrief.title")), el("p", { role: "status" }, t("debrief.loading")), home(ctx));
      void import("../debrief/debrief-page.ts").then((debrief) => debrief.renderReplay(panel, ctx, details, route.id));
      return;
    case "invalid":
      panel.replaceChildren(el("p", { class: "error", role: "alert" }, t(route.reason === "code" ? "error.code" : "error.replayId")), home(ctx));
      return;
    case "notFound":
      panel.replaceChildren(el("p", { class: "error", role: "alert" }, t("error.notFound", { path: route.path })), home(ctx));
      return;
    case "solo":
      panel.replaceChildren(el("h1", {}, t("solo.title")), el("p", { role: "status" }, t("solo.loading")));
      void soloPage(panel, ctx, details);
      return;
  }
}
