/**
 * The HTTP API: health, class sessions, match logs. A plain Node handler (mounted in the Colyseus
 * server's express app); every malformed request is a 4xx with a message in English and Chinese,
 * never a 500.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { MatchLogBuilder, parseLog, type LineBody } from "../../shared/matchlog.ts";
import { flushTimes } from "../storage/flush-times.ts";
import { eventLoopDelay } from "../event-loop-delay.ts";
import { parseSessionSettings, type SessionSettings, type SettingsIssue } from "../../shared/session-settings.ts";
import type { Result } from "../../shared/types.ts";
import type { MatchStore } from "../storage/matches.ts";
import { givenPassword, givenToken, holdsToken, passwordOk, seesAll } from "./access.ts";


export interface CreatedSession {
  code: string;
  roomId: string;
  matchId: string;
  instructorToken: string;
}

export interface ApiContext {
  adminPassword: string | undefined;
  store: MatchStore;
  /** Base URL for join links (the network address). */
  publicBase: () => string;
  /** Refuses settings that do not fit the scenario, each problem with its field. */
  createClass: (settings: SessionSettings) => Promise<Result<CreatedSession, SettingsIssue[]>>;
  /** The live class session with this code, for the join page. */
  describeCode: (code: string) => unknown;
  /** The scenario the live class session with this code plays (overrides applied). */
  scenarioOf: (code: string) => unknown;
  rooms: () => Record<string, number>;
  live: () => ReadonlySet<string>;
}

/** Large enough for a whole scenario file uploaded with the session settings (the built-in one is about 100 KB). */
const MAX_BODY = 1024 * 1024;

class HttpError extends Error {
  readonly status: number;
  readonly zh: string;
  readonly issues: SettingsIssue[] | undefined;
  constructor(status: number, en: string, zh: string, issues?: SettingsIssue[]) {
    super(en);
    this.status = status;
    this.zh = zh;
    this.issues = issues;
  }
}

/** Settings refused: the first problem in the message, every problem in `issues`. */
function settingsRefused(issues: SettingsIssue[]): HttpError {
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
  const moreZh = issues.length > 1 ? `（另有 ${issues.length - 1} 处问题）` : "";
  return new HttpError(400, `invalid session request at ${issues[0]?.en ?? "(body)"}${more}`, `课堂设置无效：${issues[0]?.zh ?? "(body)"}${moreZh}`, issues);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new HttpError(413, `the request body is over ${MAX_BODY} bytes`, `请求内容超过 ${MAX_BODY} 字节`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8").trim();
  if (text === "") return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new HttpError(400, `the request body is not valid JSON: ${(e as Error).message}`, "请求内容不是有效的 JSON");
  }
}

const forbidden = () => new HttpError(403, "not allowed: use the server's own machine, the admin password, or this match's instructor token", "无权访问：请在服务器本机访问，或提供管理员密码或本局的教师令牌");
const notFound = (id: string) => new HttpError(404, `no match '${id}'`, `没有对局“${id}”`);

/** A log with students' names replaced by seat names and seat-code hashes left out, re-chained. */
export function anonymize(text: string): string {
  const parsed = parseLog(text);
  if (!parsed.ok) return text;
  const out = new MatchLogBuilder();
  for (const { body } of parsed.value.lines) {
    const { seq: _seq, prev: _prev, hash: _hash, ...rest } = body;
    if (rest.kind === "seat" && Array.isArray(rest.members)) {
      rest.members = (rest.members as Array<{ present?: unknown }>).map((m, i) => ({ name: `${String(rest.seat)} #${i + 1}`, present: m.present }));
    }
    out.append(rest as LineBody);
  }
  return out.toString();
}

export function createApi(ctx: ApiContext) {
  async function sessions(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req);
    const record = typeof body === "object" && body !== null ? (body as { adminPassword?: unknown }) : {};
    if (ctx.adminPassword && !passwordOk(ctx.adminPassword, givenPassword(req, record))) {
      throw new HttpError(401, "creating a session needs the admin password", "创建课堂需要管理员密码");
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) throw new HttpError(400, "invalid session request: the body must be a JSON object", "课堂请求无效：请求内容必须是 JSON 对象");
    const { adminPassword, ...settings } = record as Record<string, unknown>;
    if (adminPassword !== undefined && (typeof adminPassword !== "string" || adminPassword.length > 200)) throw settingsRefused([{ path: "adminPassword", en: "adminPassword: expected a string of at most 200 characters", zh: "adminPassword：应为不超过 200 个字符的字符串" }]);
    const parsed = parseSessionSettings(settings);
    if (!parsed.ok) throw settingsRefused(parsed.error);
    const result = await ctx.createClass(parsed.value);
    if (!result.ok) throw settingsRefused(result.error);
    const created = result.value;
    send(res, 201, { code: created.code, joinUrl: `${ctx.publicBase()}/join/${created.code}`, instructorToken: created.instructorToken, roomId: created.roomId, matchId: created.matchId });
  }

  async function list(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const all = seesAll(req, ctx.adminPassword, givenPassword(req));
    const token = givenToken(req, url);
    if (!all && token === undefined) throw forbidden();
    const listed = await ctx.store.list(ctx.live());
    const visible = listed.filter((m) => all || holdsToken(token, (m.parsed?.header.settings as { instructorTokenHash?: unknown } | undefined)?.instructorTokenHash));
    send(res, 200, { matches: visible.map(({ parsed: _parsed, ...m }) => m) });
  }

  async function one(req: IncomingMessage, res: ServerResponse, url: URL, id: string): Promise<void> {
    const text = await ctx.store.read(id);
    if (text === null) throw notFound(id);
    const parsed = parseLog(text);
    const tokenHash = parsed.ok ? (parsed.value.header.settings as { instructorTokenHash?: unknown }).instructorTokenHash : undefined;
    if (!seesAll(req, ctx.adminPassword, givenPassword(req)) && !holdsToken(givenToken(req, url), tokenHash)) throw forbidden();
    if (req.method === "DELETE") {
      if (ctx.live().has(id)) throw new HttpError(409, "the match is still running: end it first", "对局仍在进行，请先结束");
      await ctx.store.remove(id);
      send(res, 200, { deleted: id });
      return;
    }
    const anonymous = url.searchParams.get("anonymize") === "1";
    res.writeHead(200, { "content-type": "application/x-ndjson; charset=utf-8", "content-disposition": `attachment; filename="${id}.jsonl"`, "cache-control": "no-store" });
    res.end(anonymous ? anonymize(text) : text);
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const path = url.pathname;
    const method = req.method ?? "GET";
    if (path === "/healthz" && method === "GET") {
      send(res, 200, { ok: true, rooms: ctx.rooms(), liveMatches: ctx.live().size, logFlush: flushTimes.summary(), eventLoop: eventLoopDelay() });
      return true;
    }
    if (path === "/api/sessions" && method === "POST") return sessions(req, res).then(() => true);
    const code = /^\/api\/sessions\/([^/]+)(\/scenario)?$/.exec(path);
    if (code && method === "GET") {
      const wanted = decodeURIComponent(code[1] ?? "").toUpperCase();
      const info = code[2] ? ctx.scenarioOf(wanted) : ctx.describeCode(wanted);
      if (!info) throw new HttpError(404, `no class session has the code ${wanted}`, `没有代码为 ${wanted} 的课堂`);
      send(res, 200, info);
      return true;
    }
    if (path === "/api/matches" && method === "GET") return list(req, res, url).then(() => true);
    const match = /^\/api\/matches\/([^/]+)(\/log)?$/.exec(path);
    if (match && ((match[2] && method === "GET") || (!match[2] && method === "DELETE"))) return one(req, res, url, decodeURIComponent(match[1] ?? "")).then(() => true);
    if (path.startsWith("/api/")) throw new HttpError(404, `no API endpoint ${method} ${path}`, `没有接口 ${method} ${path}`);
    return false;
  }

  /** Express-style middleware: answers the API, passes everything else on. */
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    let url: URL;
    try {
      url = new URL(req.url ?? "/", "http://localhost");
    } catch {
      send(res, 400, { error: "bad URL", zh: "网址无效" });
      return;
    }
    route(req, res, url).then(
      (handled) => {
        if (!handled) next();
      },
      (e: unknown) => {
        if (res.headersSent) return void res.end();
        if (e instanceof HttpError) send(res, e.status, { error: e.message, zh: e.zh, ...(e.issues ? { issues: e.issues } : {}) });
        else {
          console.error("HTTP API error:", e);
          send(res, 503, { error: "the server could not do this now; try again", zh: "服务器暂时无法处理，请重试" });
        }
      },
    );
  };
}
