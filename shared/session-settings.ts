/**
 * What an instructor chooses for a class session, checked by the same code on the server
 * (POST /api/sessions) and in the console: scenario and overrides of any of its parameters,
 * rounds, phase timers, roles open to students, the AI of every seat, the event cards allowed,
 * disabled or forced, and what each role can see. Also the template file an instructor saves and
 * shares. Every problem names the field it is about, in English and Chinese (docs/instructor.md).
 */
import { z } from "zod";
import { ARCHETYPES_OF, DIFFICULTIES, defaultArchetypes, isArchetypeOf, type AiSeat, type Difficulty } from "./ai/archetypes.ts";
import { formatPath, loadScenario } from "./scenario/load.ts";
import type { Scenario } from "./scenario/schema.ts";
import { seatRole } from "./state.ts";
import { err, ok, ROLES, type Result, type Role, type SeatId } from "./types.ts";
import type { MatchView } from "./view.ts";

export const TEMPLATE_FORMAT = "bri-gvc-session-template";
export const TEMPLATE_VERSION = 1;

/** The two class lengths the console offers: rounds for a 45- and a 90-minute class. */
export const ROUND_PRESETS = [
  { rounds: 6, minutes: 45 },
  { rounds: 10, minutes: 90 },
] as const;

export const TIMED_PHASES = ["briefing", "negotiate", "commit", "report"] as const;

/**
 * What a student of each role sees beyond its own seat (the instructor and the projector always see
 * the whole public view): `scores` every seat's score or only its own; `rivals` the public side of
 * the other seats of its own role (plants, links, reputation, figures) or not; `governance` the
 * governance of every chain link or only of the links it is party to.
 */
export const VISIBILITY_CHOICES = {
  scores: ["all", "own"],
  rivals: ["public", "hidden"],
  governance: ["all", "own"],
} as const;
export type RoleVisibility = { [K in keyof typeof VISIBILITY_CHOICES]: (typeof VISIBILITY_CHOICES)[K][number] };
export type Visibility = Record<Role, RoleVisibility>;
export const FULL_VISIBILITY: RoleVisibility = { scores: "all", rivals: "public", governance: "all" };

const seconds = z.number().finite().min(0.05).max(3600);
const cardList = z.array(z.string().min(1).max(64)).max(100);
const roleVisibility = z.strictObject({
  scores: z.enum(VISIBILITY_CHOICES.scores),
  rivals: z.enum(VISIBILITY_CHOICES.rivals),
  governance: z.enum(VISIBILITY_CHOICES.governance),
}).partial();

export const sessionSettingsSchema = z.strictObject({
  /** A whole scenario file (format bri-gvc-scenario); the built-in one when absent. */
  scenario: z.record(z.string(), z.unknown()).optional(),
  rounds: z.number().int().min(1).max(20).optional(),
  /** Phase lengths in seconds; the server's defaults for the others. */
  timers: z.strictObject({ briefing: seconds, negotiate: seconds, commit: seconds, report: seconds }).partial().optional(),
  openRoles: z.array(z.enum(ROLES)).min(1).max(3).optional(),
  seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
  /** The difficulty of every AI seat not listed in `ai`. */
  difficulty: z.enum(DIFFICULTIES).optional(),
  /** Seats whose AI differs from the default mix (docs/ai.md). */
  ai: z.array(z.strictObject({ seat: z.string().min(1).max(64), archetype: z.string().min(1).max(40).optional(), difficulty: z.enum(DIFFICULTIES).optional() })).max(200).optional(),
  /** Event cards forced into the first draw, and cards that never occur. */
  events: z.strictObject({ forced: cardList, disabled: cardList }).partial().optional(),
  visibility: z.strictObject({ cluster: roleVisibility, host: roleVisibility, lead: roleVisibility }).partial().optional(),
  /** Changes to the scenario: `path` as `parameters.rounds.short`, `clusters[5].links[0].governance` or `clusters.shaoxing_apparel.links.eurowear.governance`. */
  overrides: z.array(z.strictObject({ path: z.string().min(1).max(300), value: z.json() })).max(200).optional(),
});
export type SessionSettings = z.infer<typeof sessionSettingsSchema>;
export type Override = NonNullable<SessionSettings["overrides"]>[number];

/** A problem with a setting: where it is (`overrides[0].value`, `settings.rounds`) and what is wrong, in both languages. */
export interface SettingsIssue {
  path: string;
  en: string;
  zh: string;
}

/** Everything a session needs, every default filled in. */
export interface ResolvedSettings {
  scenario: Scenario;
  rounds: number;
  timers: Partial<Record<(typeof TIMED_PHASES)[number], number>>;
  openRoles: Role[];
  seed: number;
  ai: AiSeat[];
  events: { forced: string[]; disabled: string[] };
  visibility: Visibility;
  overrides: Override[];
}

const issue = (path: string, en: string, zh: string): SettingsIssue => ({ path, en: `${path}: ${en}`, zh: `${path}：${zh}` });

/** zod's problems, each with its path; the Chinese names the field and keeps zod's detail. */
function zodIssues(error: z.ZodError, prefix: string): SettingsIssue[] {
  return error.issues.map((i) => {
    const path = formatPath([...(prefix ? [prefix] : []), ...i.path]);
    return issue(path, i.message, `此项无效（${i.message}）`);
  });
}

export function parseSessionSettings(raw: unknown, prefix = ""): Result<SessionSettings, SettingsIssue[]> {
  const parsed = sessionSettingsSchema.safeParse(raw ?? {});
  return parsed.success ? ok(parsed.data) : err(zodIssues(parsed.error, prefix));
}

// ------------------------------------------------------------------------------------------------
// Overrides

const FORBIDDEN_KEYS = new Set(["__proto__", "prototype", "constructor"]);

/** `a.b[2].c` → ["a", "b", 2, "c"]; null when the path is malformed. */
export function pathSegments(path: string): Array<string | number> | null {
  const out: Array<string | number> = [];
  for (const piece of path.split(".")) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(piece);
    if (!m || (m[1] === "" && m[2] === "")) return null;
    if (m[1]) out.push(/^\d+$/.test(m[1]) ? Number(m[1]) : m[1]);
    for (const index of (m[2] ?? "").matchAll(/\[(\d+)\]/g)) out.push(Number(index[1]));
  }
  return out.some((s) => typeof s === "string" && FORBIDDEN_KEYS.has(s)) ? null : out;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** An element of a list by index, or by its `id` (a link by its `leadFirm`). */
function childIndex(list: Json[], segment: string | number): number {
  if (typeof segment === "number") return segment < list.length ? segment : -1;
  return list.findIndex((item) => typeof item === "object" && item !== null && !Array.isArray(item) && (item.id === segment || item.leadFirm === segment));
}

/**
 * Sets one value inside a scenario's JSON (a fresh copy is given); only the last step of the path
 * may be a field the scenario does not have yet (the scenario schema then judges it). Returns the
 * canonical path (indexes, not ids) or why the path leads nowhere.
 */
function setAt(root: Json, segments: ReadonlyArray<string | number>, value: Json): Result<string, { en: string; zh: string }> {
  let node: Json = root;
  const canonical: Array<string | number> = [];
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string | number;
    const last = i === segments.length - 1;
    const here = formatPath(canonical);
    if (Array.isArray(node)) {
      const index = childIndex(node, segment);
      if (index < 0) return err({ en: `'${here}' has no element ${JSON.stringify(segment)}`, zh: `“${here}”中没有元素 ${JSON.stringify(segment)}` });
      canonical.push(index);
      if (last) node[index] = value;
      else node = node[index] as Json;
    } else if (typeof node === "object" && node !== null) {
      const key = String(segment);
      canonical.push(key);
      if (last) node[key] = value;
      else if (!Object.hasOwn(node, key)) return err({ en: `'${here}' has no field '${key}'`, zh: `“${here}”中没有字段“${key}”` });
      else node = node[key] as Json;
    } else return err({ en: `'${here}' is a value, not a group of fields`, zh: `“${here}”是一个值，不是字段组` });
  }
  return ok(formatPath(canonical));
}

/**
 * The scenario with the overrides applied in order, then checked whole by the scenario schema. A
 * problem caused by an override is reported on that override (`overrides[i].value`), naming the
 * scenario field; a problem of the uploaded scenario itself on `scenario.<field>`.
 */
export function applyOverrides(base: unknown, overrides: ReadonlyArray<Override>): Result<Scenario, SettingsIssue[]> {
  const json = structuredClone(base) as Json;
  const issues: SettingsIssue[] = [];
  const touched: string[] = [];
  overrides.forEach((o, i) => {
    const segments = pathSegments(o.path);
    if (!segments) {
      issues.push(issue(`overrides[${i}].path`, `'${o.path}' is not a field path (write it as parameters.rounds.short or clusters[0].links[0].governance)`, `“${o.path}”不是字段路径（例如 parameters.rounds.short 或 clusters[0].links[0].governance）`));
      touched.push("");
      return;
    }
    const set = setAt(json, segments, o.value as Json);
    if (!set.ok) issues.push(issue(`overrides[${i}].path`, set.error.en, set.error.zh));
    touched.push(set.ok ? set.value : "");
  });
  if (issues.length > 0) return err(issues);
  const loaded = loadScenario(json);
  if (loaded.ok) return loaded;
  return err(
    loaded.error.map((problem) => {
      // The last override that wrote this field, a group containing it, or a field inside it (an unknown key is reported on its group) is the one to blame.
      const within = (inner: string, outer: string) => inner === outer || inner.startsWith(`${outer}.`) || inner.startsWith(`${outer}[`);
      const i = touched.findLastIndex((p) => p !== "" && (within(problem.path, p) || within(p, problem.path)));
      if (i >= 0) return issue(`overrides[${i}].value`, `${problem.path}: ${problem.message}`, `${problem.path}：该值不被场景接受（${problem.message}）`);
      return issue(`scenario.${problem.path}`, problem.message, `场景文件中此项无效（${problem.message}）`);
    }),
  );
}

/**
 * Overrides as an instructor types them, one per line: `path = value`, the value as JSON or, when it
 * is not JSON, as a word (`= MODULAR`); empty lines and lines starting with `#` are left aside.
 */
export function parseOverrideLines(text: string): { overrides: Override[]; issues: SettingsIssue[] } {
  const overrides: Override[] = [];
  const issues: SettingsIssue[] = [];
  text.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const at = line.indexOf("=");
    if (at <= 0) {
      issues.push(issue(`overrides line ${i + 1}`, `'${line}' is not of the form path = value`, `“${line}”不是“路径 = 值”的形式`));
      return;
    }
    const value = line.slice(at + 1).trim();
    let parsed: Override["value"];
    try {
      parsed = JSON.parse(value) as Override["value"];
    } catch {
      parsed = value;
    }
    overrides.push({ path: line.slice(0, at).trim(), value: parsed });
  });
  return { overrides, issues };
}

export const formatOverrideLines = (overrides: ReadonlyArray<Override> | undefined): string => (overrides ?? []).map((o) => `${o.path} = ${JSON.stringify(o.value)}`).join("\n");

// ------------------------------------------------------------------------------------------------
// Resolving the settings against a scenario

/**
 * Fills every default and checks each setting against the scenario (its seats, archetypes and event
 * cards). Without an uploaded scenario or overrides the built-in scenario object itself is used, so
 * every such match shares it.
 */
export function resolveSessionSettings(settings: SessionSettings, builtIn: Scenario, seed: number): Result<ResolvedSettings, SettingsIssue[]> {
  const changed = settings.scenario !== undefined || (settings.overrides ?? []).length > 0;
  const scenario = changed ? applyOverrides(settings.scenario ?? builtIn, settings.overrides ?? []) : ok(builtIn);
  if (!scenario.ok) return scenario;
  const s = scenario.value;
  const issues: SettingsIssue[] = [];
  const difficulty: Difficulty = settings.difficulty ?? "normal";
  const ai = defaultArchetypes(s, seed, difficulty);
  (settings.ai ?? []).forEach((wanted, i) => {
    const role = seatRole(s, wanted.seat);
    const at = ai.findIndex((a) => a.seat === wanted.seat);
    if (role === null || at < 0) {
      issues.push(issue(`ai[${i}].seat`, `no seat '${wanted.seat}' in scenario '${s.id}'`, `场景“${s.id}”中没有席位“${wanted.seat}”`));
      return;
    }
    if (wanted.archetype !== undefined && !isArchetypeOf(role, wanted.archetype)) {
      const known = ARCHETYPES_OF[role].join(", ");
      issues.push(issue(`ai[${i}].archetype`, `'${wanted.archetype}' is not an archetype of a ${role}; expected one of: ${known}`, `“${wanted.archetype}”不是 ${role} 的 AI 类型；可选：${known}`));
      return;
    }
    const current = ai[at] as AiSeat;
    ai[at] = { seat: current.seat, archetype: (wanted.archetype as AiSeat["archetype"] | undefined) ?? current.archetype, difficulty: wanted.difficulty ?? current.difficulty };
  });
  const cards = new Set(s.eventCards.map((c) => c.id));
  const forced = settings.events?.forced ?? [];
  const disabled = settings.events?.disabled ?? [];
  for (const [name, list] of [["forced", forced], ["disabled", disabled]] as const) {
    list.forEach((id, i) => {
      if (!cards.has(id)) issues.push(issue(`events.${name}[${i}]`, `no event card '${id}' in scenario '${s.id}'`, `场景“${s.id}”中没有事件卡“${id}”`));
      else if (list.indexOf(id) !== i) issues.push(issue(`events.${name}[${i}]`, `event card '${id}' is listed twice`, `事件卡“${id}”重复列出`));
    });
  }
  forced.forEach((id, i) => {
    if (disabled.includes(id)) issues.push(issue(`events.forced[${i}]`, `event card '${id}' cannot be both forced and disabled`, `事件卡“${id}”不能同时被强制和禁用`));
  });
  if (issues.length > 0) return err(issues);
  const visibility = Object.fromEntries(ROLES.map((r) => [r, { ...FULL_VISIBILITY, ...settings.visibility?.[r] }])) as Visibility;
  return ok({
    scenario: s,
    rounds: settings.rounds ?? s.parameters.rounds.short,
    timers: settings.timers ?? {},
    openRoles: [...new Set(settings.openRoles ?? (["cluster", "host"] as Role[]))],
    seed,
    ai,
    events: { forced: [...forced], disabled: [...disabled] },
    visibility,
    overrides: settings.overrides ?? [],
  });
}

// ------------------------------------------------------------------------------------------------
// Templates

export const templateSchema = z.strictObject({
  format: z.literal(TEMPLATE_FORMAT),
  version: z.number().int(),
  name: z.string().max(200).optional(),
  settings: sessionSettingsSchema,
});
export type SessionTemplate = z.infer<typeof templateSchema>;

export const makeTemplate = (settings: SessionSettings, name?: string): SessionTemplate => ({
  format: TEMPLATE_FORMAT,
  version: TEMPLATE_VERSION,
  ...(name ? { name } : {}),
  settings,
});

/** A template file's text, read and checked; never throws, whatever the text. */
export function readTemplate(text: string): Result<SessionTemplate, SettingsIssue[]> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return err([issue("(file)", `not JSON: ${(e as Error).message}`, "文件不是有效的 JSON")]);
  }
  const head = raw as { format?: unknown; version?: unknown } | null;
  if (typeof head !== "object" || head === null || Array.isArray(head) || head.format !== TEMPLATE_FORMAT) {
    return err([issue("format", `not a session template (expected format '${TEMPLATE_FORMAT}')`, `不是课堂模板（应为格式“${TEMPLATE_FORMAT}”）`)]);
  }
  if (head.version !== TEMPLATE_VERSION) {
    return err([issue("version", `template version ${JSON.stringify(head.version)} is not one this console reads (it reads ${TEMPLATE_VERSION})`, `模板版本 ${JSON.stringify(head.version)} 无法读取（支持版本 ${TEMPLATE_VERSION}）`)]);
  }
  const parsed = templateSchema.safeParse(raw);
  return parsed.success ? ok(parsed.data) : err(zodIssues(parsed.error, ""));
}

// ------------------------------------------------------------------------------------------------
// What a student sees

/**
 * The public view as a student of `seat` may see it under its role's visibility: other seats'
 * scores, rivals of its own role, and the governance of links it is not party to left out.
 */
export function visibleTo(view: MatchView, seat: SeatId, rule: RoleVisibility): MatchView {
  const role = view.seats.find((s) => s.id === seat)?.role;
  if (!role || (rule.scores === "all" && rule.rivals === "public" && rule.governance === "all")) return view;
  const rival = (id: SeatId) => rule.rivals === "hidden" && id !== seat && view.seats.find((s) => s.id === id)?.role === role;
  const clusters = view.clusters
    .filter((c) => !rival(c.id))
    .map((c) => (rule.governance === "own" && c.id !== seat ? { ...c, links: c.links.filter((l) => l.leadFirm === seat) } : c));
  return {
    ...view,
    scores: rule.scores === "own" ? view.scores.filter((r) => r.seat === seat) : view.scores,
    corridorScores: rule.scores === "own" ? [] : view.corridorScores,
    clusters,
    hosts: view.hosts.filter((h) => !rival(h.id)),
    leadFirms: view.leadFirms.filter((l) => !rival(l.id)),
  };
}
