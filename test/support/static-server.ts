/**
 * Serves the built client the way the game server will: files from dist/client, and index.html
 * for every route the client knows (/, /join/CODE, /solo, /instructor, /replay/ID).
 */
import { createServer, type Server } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import type { AddressInfo } from "node:net";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

export async function serveStatic(root: string): Promise<StaticServer> {
  const base = resolve(root);
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    const file = normalize(join(base, path));
    const inside = file.startsWith(base) && extname(file) !== "";
    readFile(inside ? file : join(base, "index.html"))
      .then((body) => {
        res.writeHead(200, { "content-type": TYPES[inside ? extname(file) : ".html"] ?? "application/octet-stream" });
        res.end(body);
      })
      .catch(() => {
        res.writeHead(404, { "content-type": "text/plain" });
        res.end("not found");
      });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
