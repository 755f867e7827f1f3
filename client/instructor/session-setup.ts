/**
 * The set-up form of a class session: scenario (built-in or a file), rounds, phase timers, roles
 * open to students, the AI of every seat, event cards allowed, disabled or forced (with their
 * teaching notes), what each role sees, and overrides of scenario parameters. It reads into the
 * settings of shared/session-settings.ts and is checked with the same code the server uses; it
 * saves and loads template files.
 */
import { ARCHETYPE_NAMES, ARCHETYPES_OF, DIFFICULTIES } from "../../shared/ai/archetypes.ts";
import { loadScenario as checkScenario } from "../../shared/scenario/load.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import { formatOverrideLines, makeTemplate, parseOverrideLines, readTemplate, resolveSessionSettings, ROUND_PRESETS, TIMED_PHASES, VISIBILITY_CHOICES, type SessionSettings, type SettingsIssue } from "../../shared/session-settings.ts";
import { ROLES, type Role } from "../../shared/types.ts";
import type { MessageKey } from "../i18n/en.ts";
import { language, localized, t } from "../i18n/index.ts";
import { el } from "../ui/dom.ts";

export interface SessionSetup {
  element: HTMLElement;
  /** The settings as the form holds them, or the problems that stop them (checked against the scenario). */
  read(): { settings: SessionSettings; issues: SettingsIssue[] };
  showIssues(issues: ReadonlyArray<SettingsIssue>): void;
  /** The admin password typed in, if any. */
  password(): string;
}

const issueText = (i: SettingsIssue): string => (language() === "zh" ? i.zh : i.en);

function select(id: string, options: ReadonlyArray<[string, string]>, value: string, attrs: Record<string, string> = {}): HTMLSelectElement {
  const node = el("select", { id, ...attrs });
  for (const [v, label] of options) {
    const option = el("option", { value: v }, label);
    if (v === value) option.selected = true;
    node.append(option);
  }
  return node;
}

export function sessionSetup(builtIn: Scenario): SessionSetup {
  let uploaded: { scenario: Scenario; raw: Record<string, unknown>; name: string } | null = null;
  const scenario = () => uploaded?.scenario ?? builtIn;

  const issuesList = el("ul", { id: "setup-issues", class: "error", role: "alert" });
  const showIssues = (issues: ReadonlyArray<SettingsIssue>) => issuesList.replaceChildren(...issues.map((i) => el("li", {}, issueText(i))));

  // Scenario
  const scenarioStatus = el("p", { id: "setup-scenario-status", class: "hint" });
  const scenarioFile = el("input", { id: "setup-scenario-file", type: "file", accept: ".json,application/json" });
  const builtInButton = el("button", { type: "button", class: "secondary", id: "setup-scenario-builtin" }, t("console.scenarioBuiltIn"));
  const describeScenario = () => {
    scenarioStatus.textContent = uploaded ? t("console.scenarioUploaded", { name: uploaded.name, id: uploaded.scenario.id }) : t("console.scenarioIsBuiltIn", { name: localized(builtIn.name) });
    builtInButton.hidden = uploaded === null;
  };
  const useScenario = (raw: unknown, name: string): boolean => {
    const checked = checkScenario(raw);
    if (!checked.ok) {
      showIssues(checked.error.map((p) => ({ path: `scenario.${p.path}`, en: `scenario.${p.path}: ${p.message}`, zh: `scenario.${p.path}：${p.message}` })));
      return false;
    }
    uploaded = { scenario: checked.value, raw: raw as Record<string, unknown>, name };
    rebuildSeats();
    describeScenario();
    showIssues([]);
    return true;
  };
  scenarioFile.addEventListener("change", () => {
    const file = scenarioFile.files?.[0];
    if (!file) return;
    void file.text().then((text) => {
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch (e) {
        showIssues([{ path: "scenario", en: t("console.notJson", { detail: (e as Error).message }), zh: t("console.notJson", { detail: (e as Error).message }) }]);
        return;
      }
      useScenario(raw, file.name);
    });
  });
  builtInButton.addEventListener("click", () => {
    uploaded = null;
    scenarioFile.value = "";
    rebuildSeats();
    describeScenario();
  });

  // Rounds and timers
  const rounds = el("input", { id: "setup-rounds", type: "number", min: "1", max: "20", value: String(builtIn.parameters.rounds.short) });
  const presets = ROUND_PRESETS.map((p) => {
    const b = el("button", { type: "button", class: "secondary", id: `setup-preset-${p.rounds}` }, t("console.preset", { rounds: p.rounds, minutes: p.minutes }));
    b.addEventListener("click", () => (rounds.value = String(p.rounds)));
    return b;
  });
  const timers = Object.fromEntries(TIMED_PHASES.map((phase) => [phase, el("input", { id: `setup-timer-${phase}`, type: "number", min: "1", max: "3600", placeholder: t("console.serverDefault") })])) as Record<(typeof TIMED_PHASES)[number], HTMLInputElement>;
  const roles = Object.fromEntries(ROLES.map((r) => [r, el("input", { id: `setup-role-${r}`, type: "checkbox" })])) as Record<Role, HTMLInputElement>;
  roles.cluster.checked = true;
  roles.host.checked = true;

  // AI
  const difficulty = select("setup-difficulty", DIFFICULTIES.map((d) => [d, t(`console.difficulty.${d}` as MessageKey)]), "normal");
  const aiTable = el("tbody", { id: "setup-ai" });
  const eventsList = el("ul", { id: "setup-events", class: "console-cards" });
  function rebuildSeats(): void {
    const s = scenario();
    const seats: Array<{ id: string; role: Role; name: string }> = [
      ...s.clusters.map((c) => ({ id: c.id, role: "cluster" as const, name: localized(c.name) })),
      ...s.hosts.map((h) => ({ id: h.id, role: "host" as const, name: localized(h.name) })),
      ...s.leadFirms.map((l) => ({ id: l.id, role: "lead" as const, name: localized(l.name) })),
    ];
    aiTable.replaceChildren(
      ...seats.map((seat) =>
        el(
          "tr",
          { "data-seat": seat.id },
          el("td", {}, seat.name),
          el("td", {}, t(`role.${seat.role}` as MessageKey)),
          el("td", {}, select(`setup-ai-${seat.id}-archetype`, [["", t("console.defaultMix")], ...ARCHETYPES_OF[seat.role].map((a): [string, string] => [a, localized(ARCHETYPE_NAMES[a])])], "", { class: "ai-archetype", "aria-label": t("console.archetype") })),
          el("td", {}, select(`setup-ai-${seat.id}-difficulty`, [["", t("console.sameDifficulty")], ...DIFFICULTIES.map((d): [string, string] => [d, t(`console.difficulty.${d}` as MessageKey)])], "", { class: "ai-difficulty", "aria-label": t("console.difficulty") })),
        ),
      ),
    );
    eventsList.replaceChildren(
      ...s.eventCards.map((card) =>
        el(
          "li",
          { "data-card": card.id },
          el("strong", {}, localized(card.name)),
          " ",
          select(`setup-event-${card.id}`, [["allowed", t("console.eventAllowed")], ["disabled", t("console.eventDisabled")], ["forced", t("console.eventForced")]], "allowed", { class: "event-mode", "aria-label": localized(card.name) }),
          el("p", { class: "hint" }, localized(card.theoryNote)),
        ),
      ),
    );
  }

  // Visibility: one choice per role and option
  const visibilityKeys = Object.keys(VISIBILITY_CHOICES) as Array<keyof typeof VISIBILITY_CHOICES>;
  const visibilitySelects = Object.fromEntries(
    ROLES.map((role) => [role, Object.fromEntries(visibilityKeys.map((key) => [key, select(`setup-vis-${role}-${key}`, VISIBILITY_CHOICES[key].map((v): [string, string] => [v, t(`console.vis.${key}.${v}` as MessageKey)]), VISIBILITY_CHOICES[key][0], { "aria-label": `${t(`role.${role}` as MessageKey)}: ${t(`console.vis.${key}` as MessageKey)}` })]))]),
  ) as Record<Role, Record<keyof typeof VISIBILITY_CHOICES, HTMLSelectElement>>;
  const visibility = ROLES.map((role) => el("tr", {}, el("td", {}, t(`role.${role}` as MessageKey)), ...visibilityKeys.map((key) => el("td", {}, visibilitySelects[role][key]))));

  const overrides = el("textarea", { id: "setup-overrides", rows: "3", placeholder: "clusters.shaoxing_apparel.links.eurowear.governance = MODULAR", spellcheck: "false" });
  const seed = el("input", { id: "setup-seed", type: "number", min: "0", placeholder: t("console.seedRandom") });
  const password = el("input", { id: "setup-password", type: "password", autocomplete: "current-password", placeholder: t("console.passwordHint") });

  const number = (input: HTMLInputElement): number | undefined => (input.value.trim() === "" ? undefined : Number(input.value));

  function formSettings(): { settings: SessionSettings; issues: SettingsIssue[] } {
    const read = parseOverrideLines(overrides.value);
    const ai = [...aiTable.querySelectorAll<HTMLTableRowElement>("tr")].flatMap((row) => {
      const archetype = row.querySelector<HTMLSelectElement>(".ai-archetype")?.value ?? "";
      const level = row.querySelector<HTMLSelectElement>(".ai-difficulty")?.value ?? "";
      if (!archetype && !level) return [];
      return [{ seat: row.dataset.seat ?? "", ...(archetype ? { archetype } : {}), ...(level ? { difficulty: level as (typeof DIFFICULTIES)[number] } : {}) }];
    });
    const modes = [...eventsList.querySelectorAll<HTMLSelectElement>(".event-mode")].map((s) => ({ card: s.closest("li")?.dataset.card ?? "", mode: s.value }));
    const timerValues = Object.fromEntries(TIMED_PHASES.flatMap((p) => (number(timers[p]) === undefined ? [] : [[p, number(timers[p])]])));
    const vis = Object.fromEntries(ROLES.map((role) => [role, Object.fromEntries(visibilityKeys.map((key) => [key, visibilitySelects[role][key].value]))]));
    const settings: SessionSettings = {
      ...(uploaded ? { scenario: uploaded.raw } : {}),
      ...(number(rounds) === undefined ? {} : { rounds: number(rounds) }),
      ...(Object.keys(timerValues).length > 0 ? { timers: timerValues } : {}),
      openRoles: ROLES.filter((r) => roles[r].checked),
      difficulty: difficulty.value as (typeof DIFFICULTIES)[number],
      ...(ai.length > 0 ? { ai } : {}),
      events: { forced: modes.filter((m) => m.mode === "forced").map((m) => m.card), disabled: modes.filter((m) => m.mode === "disabled").map((m) => m.card) },
      visibility: vis as SessionSettings["visibility"],
      ...(read.overrides.length > 0 ? { overrides: read.overrides } : {}),
      ...(number(seed) === undefined ? {} : { seed: number(seed) }),
    };
    return { settings, issues: read.issues };
  }

  function read(): { settings: SessionSettings; issues: SettingsIssue[] } {
    const { settings, issues } = formSettings();
    if (issues.length > 0) return { settings, issues };
    const checked = resolveSessionSettings(settings, builtIn, settings.seed ?? 0);
    return { settings, issues: checked.ok ? [] : checked.error };
  }

  /** Sets the form from a template's settings. */
  function fill(settings: SessionSettings): void {
    if (settings.scenario) {
      if (!useScenario(settings.scenario, t("console.fromTemplate"))) return;
    } else {
      uploaded = null;
      rebuildSeats();
      describeScenario();
    }
    rounds.value = settings.rounds === undefined ? String(scenario().parameters.rounds.short) : String(settings.rounds);
    for (const p of TIMED_PHASES) timers[p].value = settings.timers?.[p] === undefined ? "" : String(settings.timers[p]);
    for (const r of ROLES) roles[r].checked = (settings.openRoles ?? ["cluster", "host"]).includes(r);
    difficulty.value = settings.difficulty ?? "normal";
    for (const a of settings.ai ?? []) {
      const row = aiTable.querySelector<HTMLTableRowElement>(`tr[data-seat="${CSS.escape(a.seat)}"]`);
      if (!row) continue;
      (row.querySelector(".ai-archetype") as HTMLSelectElement).value = a.archetype ?? "";
      (row.querySelector(".ai-difficulty") as HTMLSelectElement).value = a.difficulty ?? "";
    }
    for (const s of eventsList.querySelectorAll<HTMLSelectElement>(".event-mode")) {
      const card = s.closest("li")?.dataset.card ?? "";
      s.value = settings.events?.forced?.includes(card) ? "forced" : settings.events?.disabled?.includes(card) ? "disabled" : "allowed";
    }
    for (const role of ROLES) for (const key of visibilityKeys) visibilitySelects[role][key].value = settings.visibility?.[role]?.[key] ?? VISIBILITY_CHOICES[key][0];
    overrides.value = formatOverrideLines(settings.overrides);
    seed.value = settings.seed === undefined ? "" : String(settings.seed);
  }

  // Templates
  const templateName = el("input", { id: "setup-template-name", placeholder: t("console.templateName"), maxlength: "200" });
  const saveTemplate = el("button", { type: "button", class: "secondary", id: "setup-template-save" }, t("console.templateSave"));
  saveTemplate.addEventListener("click", () => {
    const { settings } = formSettings();
    const blob = new Blob([`${JSON.stringify(makeTemplate(settings, templateName.value.trim() || undefined), null, 2)}\n`], { type: "application/json" });
    const a = el("a", { href: URL.createObjectURL(blob), download: `${(templateName.value.trim() || "class-session").replace(/[^\w.-]+/g, "-")}.template.json` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  });
  const templateFile = el("input", { id: "setup-template-file", type: "file", accept: ".json,application/json" });
  const templateStatus = el("p", { id: "setup-template-status", class: "hint", role: "status" });
  templateFile.addEventListener("change", () => {
    const file = templateFile.files?.[0];
    if (!file) return;
    void file.text().then((text) => {
      const template = readTemplate(text);
      templateFile.value = "";
      if (!template.ok) {
        templateStatus.textContent = "";
        showIssues(template.error.map((i) => ({ ...i, en: t("console.templateRefused", { detail: i.en }), zh: `${i.zh}（模板被拒绝）` })));
        return;
      }
      showIssues([]);
      templateName.value = template.value.name ?? "";
      fill(template.value.settings);
      templateStatus.textContent = t("console.templateLoaded", { name: template.value.name ?? file.name });
    });
  });

  rebuildSeats();
  describeScenario();
  const field = (label: string, input: Node, forId?: string) => el("p", { class: "console-field" }, el("label", forId ? { for: forId } : {}, label), input);
  const element = el(
    "div",
    { id: "session-setup", class: "console-setup" },
    el("h2", {}, t("console.templates")),
    el("p", { class: "console-row" }, templateName, saveTemplate),
    field(t("console.templateLoad"), templateFile, "setup-template-file"),
    templateStatus,
    el("h2", {}, t("console.scenario")),
    scenarioStatus,
    el("p", { class: "console-row" }, el("label", { for: "setup-scenario-file" }, t("console.scenarioFile")), scenarioFile, builtInButton),
    el("h2", {}, t("console.roundsAndTimers")),
    el("p", { class: "console-row" }, ...presets),
    field(t("console.rounds"), rounds, "setup-rounds"),
    ...TIMED_PHASES.map((p) => field(t("console.timer", { phase: t(`phase.${p}` as MessageKey) }), timers[p], `setup-timer-${p}`)),
    el("h2", {}, t("console.openRoles")),
    el("p", { class: "console-row" }, ...ROLES.flatMap((r) => [roles[r], el("label", { for: `setup-role-${r}` }, t(`role.${r}` as MessageKey))])),
    el("h2", {}, t("console.ai")),
    field(t("console.difficulty"), difficulty, "setup-difficulty"),
    el("details", {}, el("summary", {}, t("console.aiSeats")), el("table", { class: "console-table" }, aiTable)),
    el("h2", {}, t("console.events")),
    el("details", {}, el("summary", {}, t("console.eventsHint")), eventsList),
    el("h2", {}, t("console.visibility")),
    el("p", { class: "hint" }, t("console.visibilityHint")),
    el("table", { class: "console-table", id: "setup-visibility" }, el("thead", {}, el("tr", {}, el("th", {}), el("th", {}, t("console.vis.scores")), el("th", {}, t("console.vis.rivals")), el("th", {}, t("console.vis.governance")))), el("tbody", {}, ...visibility)),
    el("h2", {}, t("console.overrides")),
    el("p", { class: "hint" }, t("console.overridesHint")),
    overrides,
    el("h2", {}, t("console.more")),
    field(t("console.seed"), seed, "setup-seed"),
    field(t("console.password"), password, "setup-password"),
    issuesList,
  );
  return { element, read, showIssues, password: () => password.value };
}
