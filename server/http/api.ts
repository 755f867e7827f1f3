/**
 * The HTTP API: health, class sessions, match logs. A plain Node handler (mounted in the Colyseus
 * server's express app); every malformed request is a 4xx with a message in English and Chinese,
 * never a 500.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { MatchLogBuilder, parseLog, type LineBody } from "../../shared/matchlog.ts";
import { ROLES } from "../../shared/types.ts";
import type { MatchStore } from "../storage/matches.ts";
import { givenPassword, givenToken, holdsToken, passwordOk, seesAll } from "./access.ts";

const seconds = z.number().finite().min(0.05).max(3600);

export const sessionRequest = z.strictObject({
  adminPassword: z.string().max(200).optional(),
  rounds: z.number().int().min(1).max(20).optional(),
  timers: z.strictObject({ briefing: seconds, negotiate: seconds, commit: seconds, report: seconds }).partial().optional(),
  openRoles: z.array(z.enum(ROLES)).min(1).max(3).optional(),
  seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
});
export type SessionRequest = z.infer<typeof sessionRequest>;

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
  createClass: (request: SessionRequest) => Promise<CreatedSession>;
  /** The live class session with this code, for the join page. */
  describeCode: (code: string) => unknown;
  rooms: () => Record<string, number>;
  live: () => ReadonlySet<string>;
}

const MAX_BODY = 64 * 1024;

class HttpError extends Error {
  readonly status: number;
  readonly zh: string;
  constructor(status: number, en: string, zh: string) {
    super(en);
    this.status = status;
    this.zh = zh;
  }
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
    const parsed = sessionRequest.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? issue.path.join(".") : "(body)";
      throw new HttpError(400, `invalid session request at ${where}: ${issue?.message ?? "invalid"}`, `课堂请求无效（${where}）`);
    }
    const created = await ctx.createClass(parsed.data);
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
      send(res, 200, { ok: true, rooms: ctx.rooms(), liveMatches: ctx.live().size });
      return true;
    }
    if (path === "/api/sessions" && method === "POST") return sessions(req, res).then(() => true);
    const code = /^\/api\/sessions\/([^/]+)$/.exec(path);
    if (code && method === "GET") {
      const wanted = decodeURIComponent(code[1] ?? "").toUpperCase();
      const info = ctx.describeCode(wanted);
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
        if (e instanceof HttpError) send(res, e.status, { error: e.message, zh: e.zh });
        else {
          console.error("HTTP API error:", e);
          send(res, 503, { error: "the server could not do this now; try again", zh: "服务器暂时无法处理，请重试" });
        }
      },
    );
  };
}
