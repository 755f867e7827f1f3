/**
 * The match log: JSON Lines with a SHA-256 hash chain, so any edited byte is found, with its line.
 * The format is documented in docs/match-log.md; keep the two in step.
 *
 * Every line is `{"seq":…,"kind":…,"turn":…,<kind fields>,"prev":"<64 hex>","hash":"<64 hex>"}`.
 * `hash` is the SHA-256 of the exact UTF-8 bytes of the line up to (not including) `,"hash":`,
 * which include `prev`, the hash of the line before (GENESIS for the first line).
 */
import { assertJsonValue } from "./canonical.ts";
import { sha256Hex } from "./hash.ts";
import type { Result } from "./types.ts";
import { err, ok } from "./types.ts";

export const LOG_FORMAT = "bri-gvc-matchlog";
export const LOG_FORMAT_VERSION = 1;
/** Format versions this code reads. */
export const SUPPORTED_FORMAT_VERSIONS: readonly number[] = [LOG_FORMAT_VERSION];
/** The `prev` of the first line. */
export const GENESIS = "0".repeat(64);

// ---------------------------------------------------------------------------------------------
// Line types

/** The fields the log itself adds to every line. */
export type LineMeta = { seq: number; prev: string; hash: string };

/** What a caller appends: a kind, a turn and kind-specific fields (plain JSON). */
export type LineBody = { kind: string; turn: number; [field: string]: unknown };

/** Line 1: everything needed to replay the match anywhere. */
export type HeaderBody = {
  kind: "header";
  turn: 0;
  format: typeof LOG_FORMAT;
  formatVersion: number;
  engineVersion: string;
  /** The whole scenario, every parameter and override included. */
  scenario: unknown;
  seed: number;
  /** Seats and their roles (and who plays them). */
  seats: unknown[];
  settings: Record<string, unknown>;
};

/** A negotiation action (propose/accept/reject/withdraw/breach), applied immediately; `reason` is an AI player's explanation. */
export type OfferBody = { kind: "offer"; turn: number; seat: string; action: unknown; reason?: { en: string; zh: string } };

export const ORDER_SOURCES = ["human", "ai", "bot", "timeout"] as const;
export type OrderSource = (typeof ORDER_SOURCES)[number];

/** A seat's sealed orders for the turn; `reasons` carries the AI's one-line explanations. */
export type OrdersBody = {
  kind: "orders";
  turn: number;
  seat: string;
  by: OrderSource;
  actions: unknown[];
  reasons?: unknown[];
};

export type InstructorBody = { kind: "instructor"; turn: number; action: unknown };

export type PhaseBody = { kind: "phase"; turn: number; phase: string };

/** After each resolution: the state hash and the public view, so old matches show without re-simulating. */
export type ResolvedBody = { kind: "resolved"; turn: number; stateHash: string; public: unknown };

/** The last line of a finished match. */
export type FinishedBody = { kind: "finished"; turn: number; stateHash: string; ranking: unknown[] };

export type KnownBody = HeaderBody | OfferBody | OrdersBody | InstructorBody | PhaseBody | ResolvedBody | FinishedBody;
export type LineKind = KnownBody["kind"];
export type BodyOfKind<K extends LineKind> = Extract<KnownBody, { kind: K }>;

/** A line as read back: its body with the log's own fields. */
export type LogLine = LineBody & LineMeta;

export type ParsedLine = {
  /** 1-based line number in the file. */
  lineNo: number;
  /** The exact text of the line (no newline). */
  text: string;
  body: LogLine;
  hash: string;
};

export type ParsedLog = {
  header: HeaderBody & LineMeta;
  /** Every line, the header included: `lines[i].body.seq === i`. */
  lines: ParsedLine[];
  /** True when the last line is a `finished` line. */
  finished: boolean;
};

export type LogProblemCode =
  | "empty"
  | "malformed"
  | "seq"
  | "chain"
  | "hash"
  | "not-a-match-log"
  | "format-version"
  | "structure"
  | "engine-version";

/**
 * What is wrong with a log, and where. `expected`/`actual` compare the value a field should have
 * with the value it has: for "hash", expected is the hash of the line's contents and actual the hash
 * written in the line; for "chain", expected is the previous line's hash and actual the `prev` field.
 */
export type LogProblem = {
  code: LogProblemCode;
  /** 1-based line number in the file. */
  line: number;
  turn?: number;
  message: string;
  expected?: string;
  actual?: string;
};

/** Narrows a line to a known kind (by its `kind` field; `parseLog` has checked the fields' types). */
export function isKind<K extends LineKind, B extends LineBody>(body: B, kind: K): body is B & BodyOfKind<K> {
  return body.kind === kind;
}

/** The header body for a new log (format name and version filled in). */
export function makeHeader(fields: {
  engineVersion: string;
  scenario: unknown;
  seed: number;
  seats: unknown[];
  settings: Record<string, unknown>;
}): HeaderBody {
  return {
    kind: "header",
    turn: 0,
    format: LOG_FORMAT,
    formatVersion: LOG_FORMAT_VERSION,
    engineVersion: fields.engineVersion,
    scenario: fields.scenario,
    seed: fields.seed,
    seats: fields.seats,
    settings: fields.settings,
  };
}

// ---------------------------------------------------------------------------------------------
// Writing

const HEX64 = /^[0-9a-f]{64}$/;
const RESERVED = new Set(["seq", "kind", "turn", "prev", "hash"]);
const isTurn = (turn: unknown): turn is number => typeof turn === "number" && Number.isSafeInteger(turn) && turn >= 0;

/**
 * Encodes one line. The prefix `{"seq":…,"kind":…,"turn":…,<other fields in insertion order>,"prev":"…"`
 * is written with JSON.stringify semantics (fields whose value is undefined are left out), `hash` is
 * sha256Hex(prefix), and the line is prefix + `,"hash":"<hash>"}`.
 * Throws a TypeError on a programming error: a bad seq/prev/kind/turn, a body field named seq, prev
 * or hash, or a value JSON cannot carry (NaN, Infinity, functions, bigint, …).
 */
export function encodeLine(prev: string, seq: number, body: LineBody): { text: string; hash: string } {
  if (!HEX64.test(prev)) throw new TypeError(`encodeLine: prev must be 64 lowercase hex digits, got ${JSON.stringify(prev)}`);
  if (!isTurn(seq)) throw new TypeError(`encodeLine: seq must be a non-negative integer, got ${String(seq)}`);
  if (typeof body.kind !== "string" || body.kind === "") throw new TypeError("encodeLine: kind must be a non-empty string");
  if (!isTurn(body.turn)) throw new TypeError(`encodeLine: turn must be a non-negative integer, got ${String(body.turn)}`);
  let prefix = `{"seq":${seq},"kind":${JSON.stringify(body.kind)},"turn":${body.turn}`;
  for (const key of Object.keys(body)) {
    if (key === "kind" || key === "turn") continue;
    if (RESERVED.has(key)) throw new TypeError(`encodeLine: a line body cannot have its own "${key}" field`);
    const value = body[key];
    if (value === undefined) continue;
    assertJsonValue(value, `${body.kind}.${key}`);
    prefix += `,${JSON.stringify(key)}:${JSON.stringify(value)}`;
  }
  prefix += `,"prev":"${prev}"`;
  const hash = sha256Hex(prefix);
  return { text: `${prefix},"hash":"${hash}"}`, hash };
}

/**
 * The hash chain of a log being written: appends lines and returns their texts, keeping only what
 * the next line needs (its seq and the last hash), so a live server does not hold whole logs in
 * memory. Every appended body is checked as `parseLog` will check it.
 */
export class LogChain {
  #count: number;
  #lastHash: string;
  #finished: boolean;

  /** A new, empty log, or the continuation of `from` (a log read back with parseLog). */
  constructor(from?: ParsedLog) {
    this.#count = from?.lines.length ?? 0;
    this.#lastHash = from?.lines.at(-1)?.hash ?? GENESIS;
    this.#finished = from?.finished ?? false;
  }

  /**
   * Appends a line and returns its text (without newline). The first line must be a header
   * (see makeHeader). Throws on a programming error: a body that does not fit its kind, a header
   * anywhere but first, a line after `finished`, or a value JSON cannot carry.
   */
  append(body: LineBody): string {
    const seq = this.#count;
    if (this.#finished) throw new Error(`match log: the match is finished; cannot append a "${String(body.kind)}" line`);
    const problem = bodyProblem(body, seq);
    if (problem) throw new TypeError(`match log: ${problem.message}`);
    const { text, hash } = encodeLine(this.#lastHash, seq, body);
    this.#count += 1;
    this.#lastHash = hash;
    if (body.kind === "finished") this.#finished = true;
    return text;
  }

  /** The hash of the last line (GENESIS when empty): the next line's `prev`. */
  get lastHash(): string {
    return this.#lastHash;
  }

  /** The `seq` of the next line. */
  get nextSeq(): number {
    return this.#count;
  }

  get finished(): boolean {
    return this.#finished;
  }
}

/** Builds a whole log in memory, line by line (the simulation, tests, rewritten logs). */
export class MatchLogBuilder extends LogChain {
  #lines: string[];

  constructor(from?: ParsedLog) {
    super(from);
    this.#lines = from ? from.lines.map((line) => line.text) : [];
  }

  override append(body: LineBody): string {
    const text = super.append(body);
    this.#lines.push(text);
    return text;
  }

  /** The line texts so far (no newlines). */
  get lines(): readonly string[] {
    return this.#lines;
  }

  /** The file text: lines joined by "\n", with a trailing "\n" (empty string when there are no lines). */
  override toString(): string {
    return this.#lines.length === 0 ? "" : `${this.#lines.join("\n")}\n`;
  }
}

// ---------------------------------------------------------------------------------------------
// Checking bodies (shared by the builder and the parser)

type BodyProblem = { code: LogProblemCode; message: string; expected?: string; actual?: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === "string";
const isList = (value: unknown): value is unknown[] => Array.isArray(value);
const isPresent = (value: unknown): boolean => value !== undefined;
/** An AI player's one-line reason, in English and Chinese. */
const isReason = (value: unknown): boolean => isRecord(value) && isString(value.en) && isString(value.zh);

const FIELD_RULES: Record<string, ReadonlyArray<[field: string, test: (v: unknown) => boolean, what: string]>> = {
  offer: [
    ["seat", isString, "a seat id (string)"],
    ["action", isPresent, "an action"],
    ["reason", (v) => v === undefined || isReason(v), "a reason {en, zh}, when present"],
  ],
  orders: [
    ["seat", isString, "a seat id (string)"],
    ["by", (v) => (ORDER_SOURCES as readonly unknown[]).includes(v), `one of ${ORDER_SOURCES.join(", ")}`],
    ["actions", isList, "a list of actions"],
    ["reasons", (v) => v === undefined || isList(v), "a list of reasons, when present"],
  ],
  instructor: [["action", isPresent, "an action"]],
  phase: [["phase", isString, "a phase name (string)"]],
  resolved: [
    ["stateHash", isString, "a state hash (string)"],
    ["public", isPresent, "the public state"],
  ],
  finished: [
    ["stateHash", isString, "a state hash (string)"],
    ["ranking", isList, "a ranking (list)"],
  ],
  header: [
    ["engineVersion", isString, "the engine version (string)"],
    ["scenario", isPresent, "the scenario"],
    ["seed", (v) => typeof v === "number" && Number.isFinite(v), "the seed (number)"],
    ["seats", isList, "the seats (list)"],
    ["settings", isRecord, "the settings (object)"],
  ],
};

/** Line 1 must say it is a match log of a version we read. */
function identityProblem(body: Record<string, unknown>): BodyProblem | null {
  if (body.kind !== "header" || body.format !== LOG_FORMAT) {
    const what = body.kind !== "header" ? `a "${String(body.kind)}" line` : `format ${JSON.stringify(body.format) ?? "(none)"}`;
    return {
      code: "not-a-match-log",
      message: `this is not a match log: the first line should be a header with format "${LOG_FORMAT}", found ${what}`,
      expected: LOG_FORMAT,
      actual: body.kind !== "header" ? String(body.kind) : String(body.format),
    };
  }
  if (!SUPPORTED_FORMAT_VERSIONS.includes(body.formatVersion as number)) {
    return {
      code: "format-version",
      message: `match log format version ${JSON.stringify(body.formatVersion) ?? "(none)"} is not supported; this program reads version ${SUPPORTED_FORMAT_VERSIONS.join(", ")}`,
      expected: SUPPORTED_FORMAT_VERSIONS.join(","),
      actual: String(body.formatVersion),
    };
  }
  return null;
}

/** The structural problem of the body of line `seq`, if any (kind/turn, header position, field types). */
function bodyProblem(body: Record<string, unknown>, seq: number): BodyProblem | null {
  const kind = body.kind;
  if (!isString(kind) || kind === "") return { code: "malformed", message: "has no kind (a non-empty string)" };
  if (!isTurn(body.turn)) return { code: "malformed", message: "has no turn (a non-negative integer)" };
  if (seq === 0) {
    const identity = identityProblem(body);
    if (identity) return identity;
    if (body.turn !== 0) return { code: "malformed", message: "the header's turn must be 0" };
  } else if (kind === "header") {
    return { code: "structure", message: "a header can only be the first line" };
  }
  for (const [field, test, what] of FIELD_RULES[kind] ?? []) {
    if (!test(body[field])) return { code: "malformed", message: `a "${kind}" line needs "${field}": ${what}` };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Reading

const short = (hash: string): string => (hash.length > 12 ? `${hash.slice(0, 12)}…` : hash);

/** Checks that the line ends with its hash field exactly as written, and that the hash matches. */
function hashProblem(text: string, hash: unknown): BodyProblem | null {
  if (typeof hash !== "string") return { code: "hash", message: "has no hash field — the line was edited" };
  const suffix = `,"hash":${JSON.stringify(hash)}}`;
  if (!text.endsWith(suffix)) {
    return {
      code: "hash",
      message: "does not end with its hash field as the logger writes it — the line was edited",
    };
  }
  const computed = sha256Hex(text.slice(0, text.length - suffix.length));
  if (computed !== hash) {
    return {
      code: "hash",
      message: `hash does not match its contents — the line was edited (it records ${short(hash)}, its contents hash to ${short(computed)})`,
      expected: computed,
      actual: hash,
    };
  }
  return null;
}

/**
 * Reads and verifies a match log. Checks, line by line: valid JSON object ("malformed"), `seq` equals
 * the line's index ("seq"), `prev` equals the previous line's hash ("chain"), the hash of the exact
 * bytes before the hash field equals `hash` ("hash"), the kind's fields ("malformed"), a header only
 * first and nothing after `finished` ("structure"). Line 1 must be a header of this format
 * ("not-a-match-log") and a supported version ("format-version"); those two are checked before the
 * hash, since another version may lay lines out differently. Never throws.
 */
export function parseLog(text: string): Result<ParsedLog, LogProblem> {
  if (typeof text !== "string" || text.trim() === "") {
    return err({ code: "empty", line: 1, message: "the file is empty: a match log starts with a header line" });
  }
  const raw = text.split("\n");
  if (raw.at(-1) === "") raw.pop();

  const lines: ParsedLine[] = [];
  let prevHash = GENESIS;
  let finished = false;
  for (let i = 0; i < raw.length; i++) {
    const lineText = raw[i] ?? "";
    const lineNo = i + 1;
    const problem = (p: BodyProblem, turn?: number): { ok: false; error: LogProblem } => {
      const where = turn === undefined ? `line ${lineNo}` : `line ${lineNo} (turn ${turn})`;
      const out: LogProblem = { code: p.code, line: lineNo, message: `${where}: ${p.message}` };
      if (turn !== undefined) out.turn = turn;
      if (p.expected !== undefined) out.expected = p.expected;
      if (p.actual !== undefined) out.actual = p.actual;
      return err(out);
    };

    if (lineText.trim() === "") {
      return problem({ code: "malformed", message: "is empty; only the end of the file may have an empty line" });
    }
    if (lineText.endsWith("\r")) {
      return problem({
        code: "malformed",
        message: "ends with a carriage return: the file was saved with Windows line endings, which changes its bytes",
      });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(lineText);
    } catch {
      parsed = undefined;
    }
    if (!isRecord(parsed)) {
      const hint = i === 0 ? " — is this a match log?" : " — the line was edited or cut short";
      return problem({ code: "malformed", message: `is not a JSON object${hint}` });
    }
    const body = parsed;
    const turn = isTurn(body.turn) ? body.turn : undefined;

    const seqProblem = (): BodyProblem | null =>
      body.seq === i
        ? null
        : {
            code: "seq",
            message: `sequence number is ${JSON.stringify(body.seq) ?? "missing"}, expected ${i} — a line was removed, duplicated or moved here`,
            expected: String(i),
            actual: JSON.stringify(body.seq) ?? "missing",
          };
    const chainProblem = (): BodyProblem | null =>
      body.prev === prevHash
        ? null
        : {
            code: "chain",
            message:
              i === 0
                ? "its prev field should be the genesis hash (64 zeros) — the line was edited or lines before it were removed"
                : `does not chain to line ${i}: its prev field is not line ${i}'s hash — a line was removed, inserted or moved here, or the prev field was edited`,
            expected: prevHash,
            actual: typeof body.prev === "string" ? body.prev : (JSON.stringify(body.prev) ?? "missing"),
          };

    if (i === 0) {
      const identity = identityProblem(body);
      if (identity) {
        if (identity.code === "not-a-match-log" && "hash" in body && "seq" in body && "prev" in body) {
          // One of our lines, tampered with or moved: say so rather than "not a match log".
          const tamper = seqProblem() ?? chainProblem() ?? hashProblem(lineText, body.hash);
          if (tamper) return problem(tamper, turn);
        }
        if (identity.code === "format-version" && hashProblem(lineText, body.hash)) {
          identity.message += `; its hash does not match either, so the header may have been edited`;
        }
        return problem(identity, turn);
      }
    }
    const first = seqProblem() ?? chainProblem() ?? hashProblem(lineText, body.hash) ?? bodyProblem(body, i);
    if (first) return problem(first, turn);
    if (finished) {
      return problem({ code: "structure", message: `comes after the "finished" line, which must be the last line` }, turn);
    }
    const hash = body.hash as string;
    lines.push({ lineNo, text: lineText, body: body as LogLine, hash });
    prevHash = hash;
    finished = body.kind === "finished";
  }

  const header = lines[0]?.body as HeaderBody & LineMeta;
  return ok({ header, lines, finished });
}

/**
 * Whether a log written by `header.engineVersion` can be re-simulated by `engineVersion`. A log from
 * another engine version can still be chain-checked and viewed from its `resolved` public states.
 */
export function checkEngineVersion(header: HeaderBody, engineVersion: string): Result<true, LogProblem> {
  if (header.engineVersion === engineVersion) return ok(true);
  return err({
    code: "engine-version",
    line: 1,
    turn: 0,
    message:
      `line 1: this log was written by engine version ${header.engineVersion}, and this is engine version ${engineVersion}: ` +
      "its hash chain can be checked and its recorded public states viewed, but it cannot be re-simulated",
    expected: engineVersion,
    actual: header.engineVersion,
  });
}
