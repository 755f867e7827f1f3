/**
 * What people call the things the engine refers to by id: seats, places, parks, sectors and corridor
 * links by their scenario names, and the engine's own words (governance, upgrade types, stances,
 * stages) in English and Chinese. Reports and refusals keep ids in their params for programs, and
 * read names in their text.
 */
import type { Localized } from "./types.ts";

interface Named {
  readonly id: string;
  readonly name: Localized;
}

/** The parts of a scenario that carry names; the client can pass the raw scenario JSON it loaded. */
export interface NamedScenario {
  readonly clusters: ReadonlyArray<Named>;
  readonly hosts: ReadonlyArray<Named>;
  readonly leadFirms: ReadonlyArray<Named>;
  readonly nodes: ReadonlyArray<Named>;
  readonly parks: ReadonlyArray<Named>;
  readonly sectors: ReadonlyArray<Named>;
}

export interface NameBook {
  readonly seats: ReadonlyMap<string, Localized>;
  readonly nodes: ReadonlyMap<string, Localized>;
  readonly parks: ReadonlyMap<string, Localized>;
  readonly sectors: ReadonlyMap<string, Localized>;
}

const parts = new WeakMap<NamedScenario, NamedScenario>();
const idsAndNames = (items: ReadonlyArray<Named>): Named[] => items.map((i) => ({ id: i.id, name: i.name }));

/** Only the ids and names of a scenario: what a client needs to read reports (a few KB instead of the whole scenario). */
export function namedParts(scenario: NamedScenario): NamedScenario {
  let named = parts.get(scenario);
  if (!named) {
    named = {
      clusters: idsAndNames(scenario.clusters),
      hosts: idsAndNames(scenario.hosts),
      leadFirms: idsAndNames(scenario.leadFirms),
      nodes: idsAndNames(scenario.nodes),
      parks: idsAndNames(scenario.parks),
      sectors: idsAndNames(scenario.sectors),
    };
    parts.set(scenario, named);
  }
  return named;
}

const books = new WeakMap<NamedScenario, NameBook>();
const table = (items: ReadonlyArray<Named>): Map<string, Localized> => new Map(items.map((i) => [i.id, i.name]));

export function namesOf(scenario: NamedScenario): NameBook {
  let book = books.get(scenario);
  if (!book) {
    book = {
      seats: new Map([...table(scenario.clusters), ...table(scenario.hosts), ...table(scenario.leadFirms)]),
      nodes: table(scenario.nodes),
      parks: table(scenario.parks),
      sectors: table(scenario.sectors),
    };
    books.set(scenario, book);
  }
  return book;
}

const GOVERNANCE: Record<string, Localized> = {
  MARKET: { en: "market", zh: "市场型" },
  MODULAR: { en: "modular", zh: "模块型" },
  RELATIONAL: { en: "relational", zh: "关系型" },
  CAPTIVE: { en: "captive", zh: "俘获型" },
  HIERARCHY: { en: "hierarchy", zh: "层级型" },
};
const UPGRADES: Record<string, Localized> = {
  PROC: { en: "process", zh: "工艺" },
  PROD: { en: "product", zh: "产品" },
  FUNC: { en: "functional", zh: "功能" },
  CHAIN: { en: "chain", zh: "链条" },
};
const STAGES: Record<string, Localized> = {
  U2: { en: "R&D/design", zh: "研发设计" },
  U1: { en: "core-component", zh: "核心零部件" },
  M: { en: "manufacturing", zh: "制造" },
  D1: { en: "logistics", zh: "物流分销" },
  D2: { en: "brand/marketing", zh: "品牌营销" },
};
const ENVIRONMENT: Record<string, Localized> = { low: { en: "lax", zh: "宽松" }, med: { en: "moderate", zh: "适中" }, high: { en: "strict", zh: "严格" } };
const LOW_HIGH: Record<string, Localized> = { low: { en: "low", zh: "低" }, high: { en: "high", zh: "高" } };

/** Which words a parameter carries, by its name; a value outside the table prints as it is. */
const WORDS: Record<string, Record<string, Localized>> = {
  governance: GOVERNANCE,
  wanted: GOVERNANCE,
  from: GOVERNANCE,
  to: GOVERNANCE,
  type: UPGRADES,
  upgrade: UPGRADES,
  stage: STAGES,
  stance: { low: { en: "low", zh: "低端" }, neutral: { en: "neutral", zh: "中性" }, high: { en: "high", zh: "高端" } },
  level: ENVIRONMENT,
  env: ENVIRONMENT,
  state: {
    offers: { en: "offers", zh: "提供" },
    ends: { en: "ends", zh: "取消" },
    requires: { en: "requires", zh: "要求" },
    "no longer requires": { en: "no longer requires", zh: "不再要求" },
  },
  K_state: LOW_HIGH,
  D_state: LOW_HIGH,
  C_state: LOW_HIGH,
};

/** Parameters that name a place, a park, a sector or a corridor link; any other may name a seat (or a place: `from`, `to`). */
const PLACE_KEYS = new Set(["node", "from", "to"]);
const LIST_KEYS = new Set(["hosts"]);

type Language = keyof Localized;

function nameOf(key: string, id: string, book: NameBook): Localized | undefined {
  if (key === "park") return book.parks.get(id);
  if (key === "sector") return book.sectors.get(id);
  if (key === "edge") {
    const [a, b] = id.split("~");
    const from = a === undefined ? undefined : book.nodes.get(a);
    const to = b === undefined ? undefined : book.nodes.get(b);
    return from && to ? { en: `${from.en} – ${to.en}`, zh: `${from.zh}—${to.zh}` } : undefined;
  }
  return book.seats.get(id) ?? (PLACE_KEYS.has(key) ? book.nodes.get(id) : undefined);
}

function wordOrName(key: string, value: string, book: NameBook | undefined, language: Language): string {
  const word = WORDS[key]?.[value];
  if (word) return word[language];
  const name = book ? nameOf(key, value, book) : undefined;
  return name ? name[language] : value;
}

/** The params with ids replaced by names and the engine's words by their translation, for one language. */
export function readableParams<T extends string | number>(params: Readonly<Record<string, T>>, book: NameBook | undefined, language: Language): Record<string, T | string> {
  const out: Record<string, T | string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value !== "string") out[key] = value;
    else if (LIST_KEYS.has(key)) out[key] = value.split(", ").map((v) => wordOrName("host", v, book, language)).join(language === "zh" ? "、" : ", ");
    else out[key] = wordOrName(key, value, book, language);
  }
  return out;
}
