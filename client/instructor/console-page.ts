/**
 * /instructor: the sessions this browser created (to take control again after a reload), the
 * set-up form of a new class session with its templates, and, once created or resumed, the live
 * console. Loaded on demand from client/ui/pages.ts.
 */
import "./console.css";
import { loadScenario as checkScenario } from "../../shared/scenario/load.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import type { SettingsIssue } from "../../shared/session-settings.ts";
import { language, localized, t } from "../i18n/index.ts";
import { servedByGameServer } from "../net/health.ts";
import { el } from "../ui/dom.ts";
import { loadScenario, loadSeats } from "../ui/match-panels.ts";
import type { PageContext } from "../ui/pages.ts";
import { facilitatorGuide } from "./facilitator-guide.ts";
import { connectConsole, consoleSession, renderConsole } from "./live-console.ts";
import { sessionSetup } from "./session-setup.ts";
import { forgetSession, rememberSession, storedSessions, type StoredSession } from "./sessions-store.ts";

interface Created {
  code: string;
  joinUrl: string;
  instructorToken: string;
  roomId: string;
  matchId: string;
}

type Refused = { error: string; zh: string; issues?: SettingsIssue[] };

let builtIn: Promise<Scenario | null> | null = null;

function builtInScenario(): Promise<Scenario | null> {
  builtIn ??= loadScenario().then((raw) => {
    const read = checkScenario(raw);
    return read.ok ? read.value : null;
  });
  return builtIn;
}

const refusedText = (body: Refused): string => (language() === "zh" ? body.zh : body.error);

/** Takes control of a stored session: its join link from the server, then the instructor's connection. */
async function resume(panel: HTMLElement, ctx: PageContext, session: StoredSession, say: (message: string) => void): Promise<void> {
  let joinUrl = `${location.origin}/join/${session.code}`;
  try {
    const response = await fetch(`/api/sessions/${encodeURIComponent(session.code)}`);
    const body = (await response.json()) as { joinUrl?: string } & Partial<Refused>;
    if (!response.ok) {
      say(body.error ? refusedText(body as Refused) : t("console.gone"));
      return;
    }
    if (typeof body.joinUrl === "string") joinUrl = body.joinUrl;
  } catch {
    say(t("net.noServer"));
    return;
  }
  const connected = await connectConsole(session, joinUrl, ctx);
  if (!connected.ok) {
    say(connected.message);
    return;
  }
  showLive(panel, ctx);
}

function showLive(panel: HTMLElement, ctx: PageContext): void {
  const host = el("div", { class: "console-page", id: "console-live" });
  panel.replaceChildren(el("h1", {}, t("instructor.title")), host);
  renderConsole(host, () => void renderInstructor(panel, ctx));
}

function storedList(panel: HTMLElement, ctx: PageContext): Node[] {
  const sessions = storedSessions();
  if (sessions.length === 0) return [];
  const error = el("p", { class: "error", role: "alert", id: "console-resume-error" });
  const rows = sessions.map((s) => {
    const resumeButton = el("button", { type: "button", class: "primary", id: `resume-${s.code}` }, t("console.resume"));
    resumeButton.addEventListener("click", () => {
      resumeButton.disabled = true;
      error.textContent = "";
      void resume(panel, ctx, s, (message) => {
        resumeButton.disabled = false;
        error.textContent = message;
      });
    });
    const forget = el("button", { type: "button", class: "secondary", id: `forget-${s.code}` }, t("console.forget"));
    forget.addEventListener("click", () => {
      forgetSession(s.code);
      void renderInstructor(panel, ctx);
    });
    return el(
      "li",
      { "data-code": s.code },
      el("strong", {}, s.code),
      ` · ${new Date(s.createdAt).toLocaleString(language() === "zh" ? "zh-CN" : "en-GB")} `,
      resumeButton,
      " ",
      el("a", { href: `/replay/${encodeURIComponent(s.matchId)}` }, t("console.debrief")),
      " ",
      forget,
    );
  });
  return [el("h2", {}, t("console.stored")), el("p", { class: "hint" }, t("console.storedHint")), el("ul", { id: "console-stored", class: "console-stored" }, ...rows), error];
}

async function create(panel: HTMLElement, ctx: PageContext, setup: ReturnType<typeof sessionSetup>, button: HTMLButtonElement): Promise<void> {
  const { settings, issues } = setup.read();
  if (issues.length > 0) {
    setup.showIssues(issues);
    return;
  }
  setup.showIssues([]);
  button.disabled = true;
  const password = setup.password();
  try {
    const response = await fetch("/api/sessions", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...settings, ...(password ? { adminPassword: password } : {}) }) });
    const body = (await response.json()) as Created | Refused;
    if (!response.ok || !("code" in body)) {
      const refused = body as Refused;
      setup.showIssues(refused.issues ?? [{ path: "", en: refused.error, zh: refused.zh }]);
      return;
    }
    const stored: StoredSession = { code: body.code, matchId: body.matchId, roomId: body.roomId, instructorToken: body.instructorToken, createdAt: new Date().toISOString() };
    rememberSession(stored);
    const connected = await connectConsole(stored, body.joinUrl, ctx);
    if (!connected.ok) {
      setup.showIssues([{ path: "", en: connected.message, zh: connected.message }]);
      return;
    }
    showLive(panel, ctx);
  } catch {
    setup.showIssues([{ path: "", en: t("net.noServer"), zh: t("net.noServer") }]);
  } finally {
    button.disabled = false;
  }
}

export async function renderInstructor(panel: HTMLElement, ctx: PageContext): Promise<void> {
  if (consoleSession()) {
    showLive(panel, ctx);
    return;
  }
  panel.replaceChildren(el("h1", {}, t("instructor.title")), el("p", { role: "status" }, t("net.connecting")));
  const [scenario, onServer] = await Promise.all([builtInScenario(), servedByGameServer(), loadSeats()]);
  if (!onServer) {
    panel.replaceChildren(el("h1", {}, t("instructor.title")), el("p", { class: "error", role: "alert" }, t("instructor.pending")));
    return;
  }
  if (!scenario) {
    panel.replaceChildren(el("h1", {}, t("instructor.title")), el("p", { class: "error", role: "alert" }, t("net.noScenario")));
    return;
  }
  const setup = sessionSetup(scenario);
  const createButton = el("button", { type: "submit", class: "primary", id: "setup-create" }, t("console.create"));
  const form = el("form", { id: "setup-form", class: "console-form" }, setup.element, el("p", {}, createButton));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void create(panel, ctx, setup, createButton);
  });
  panel.replaceChildren(
    el(
      "div",
      { class: "console-page", id: "console-home" },
      el("h1", {}, t("instructor.title")),
      el("p", { class: "hint" }, t("console.intro", { scenario: localized(scenario.name) })),
      ...storedList(panel, ctx),
      el("h2", {}, t("console.newSession")),
      form,
      facilitatorGuide(null),
    ),
  );
}
