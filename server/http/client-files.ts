/**
 * Serves the built client (dist/client) and its page for the app's routes. When there is no build,
 * every page route answers a short page saying so, so `npm start` always gives something to open.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, normalize, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
};

/** The routes that answer with the client's page. */
const PAGE_ROUTES = [/^\/$/, /^\/join\/[A-Za-z0-9]{1,12}\/?$/, /^\/join\/?$/, /^\/solo\/?$/, /^\/instructor\/?$/, /^\/projector\/[A-Za-z]{1,12}\/?$/, /^\/replay\/?$/, /^\/replay\/[A-Za-z0-9_-]{1,100}\/?$/];

export const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Belt and Road value chains</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem">
<h1>Belt and Road value chains</h1>
<p>The game server is running, but the client is not built. Run <code>npm run build</code>, then restart with <code>npm start</code>.</p>
<p lang="zh">游戏服务器已运行，但客户端尚未构建。请运行 <code>npm run build</code>，然后用 <code>npm start</code> 重新启动。</p>
<p><a href="/healthz">Server health</a></p>
</body></html>
`;

export function createClientFiles(root: string) {
  const index = join(root, "index.html");

  async function fileAt(path: string): Promise<string | null> {
    const info = await stat(path).catch(() => null);
    return info?.isFile() ? path : null;
  }

  function stream(res: ServerResponse, path: string, head: boolean, cache: boolean): void {
    res.writeHead(200, { "content-type": TYPES[extname(path).toLowerCase()] ?? "application/octet-stream", "cache-control": cache ? "public, max-age=31536000, immutable" : "no-cache" });
    if (head) return void res.end();
    createReadStream(path)
      .on("error", () => res.destroy())
      .pipe(res);
  }

  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const method = req.method ?? "GET";
    if (method !== "GET" && method !== "HEAD") return next();
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    } catch {
      return next();
    }
    const head = method === "HEAD";
    void (async () => {
      if (PAGE_ROUTES.some((r) => r.test(pathname))) {
        const page = await fileAt(index);
        if (page) return stream(res, page, head, false);
        res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-cache" });
        return void res.end(head ? undefined : NOT_BUILT_PAGE);
      }
      const target = normalize(join(root, pathname));
      if (!target.startsWith(root + sep)) return next();
      const file = await fileAt(target);
      if (file) return stream(res, file, head, pathname.startsWith("/assets/"));
      next();
    })().catch(() => next());
  };
}
