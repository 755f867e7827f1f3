/** Who may read, list or delete match logs, and create sessions (issue 5, "Running it"). */
import type { IncomingMessage } from "node:http";
import { timingSafeEqual } from "node:crypto";
import { hashToken } from "../rooms/seats.ts";

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

export const isLocal = (req: IncomingMessage): boolean => LOOPBACK.has(req.socket.remoteAddress ?? "");

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

const same = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** The admin password given with the request (Authorization: Bearer …, or X-Admin-Password). */
export function givenPassword(req: IncomingMessage, body?: { adminPassword?: unknown }): string | undefined {
  const auth = header(req, "authorization");
  if (auth?.startsWith("Bearer ")) return auth.slice("Bearer ".length);
  const fromBody = body?.adminPassword;
  return header(req, "x-admin-password") ?? (typeof fromBody === "string" ? fromBody : undefined);
}

export const passwordOk = (adminPassword: string | undefined, given: string | undefined): boolean =>
  adminPassword !== undefined && adminPassword !== "" && given !== undefined && same(adminPassword, given);

/** The instructor token given with the request (X-Instructor-Token, or ?token=). */
export function givenToken(req: IncomingMessage, url: URL): string | undefined {
  return header(req, "x-instructor-token") ?? url.searchParams.get("token") ?? undefined;
}

/** Everything: the server's own machine, or the admin password when one is set. */
export const seesAll = (req: IncomingMessage, adminPassword: string | undefined, given: string | undefined): boolean =>
  isLocal(req) || passwordOk(adminPassword, given);

/** A match's own instructor: the token hashes to the one in the log's header. */
export const holdsToken = (token: string | undefined, instructorTokenHash: unknown): boolean =>
  token !== undefined && typeof instructorTokenHash === "string" && instructorTokenHash !== "" && hashToken(token) === instructorTokenHash;
