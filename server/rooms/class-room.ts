/**
 * The class room: created only by the HTTP API (POST /api/sessions) or by crash recovery, joined
 * with the class code. Students take a seat (or come back with their seat code), the instructor
 * joins with the instructor token, a projector joins with `projector: true` and sees the public
 * state only.
 */
import { matchMaker, ServerError, type AuthContext } from "@colyseus/core";
import { randomBytes } from "node:crypto";
import { joinOptions } from "./messages.ts";
import { refusal } from "./refusals.ts";
import { chooseSeat, findByToken, hashToken } from "./seats.ts";
import { services } from "./services.ts";
import { joinError, MatchRoom, type MatchClient } from "./match-room.ts";

export interface ClassRoomOptions {
  /** The key of the session handed over by the server (never something a client can give). */
  handoff: string;
  /** Rebuilt from its log after a restart. */
  recovered?: boolean;
}

export class ClassRoom extends MatchRoom {
  override async onCreate(options: ClassRoomOptions): Promise<void> {
    const session = typeof options?.handoff === "string" ? services().handoff.get(options.handoff) : undefined;
    if (!session) throw new ServerError(4003, "class rooms are created through POST /api/sessions");
    services().handoff.delete(options.handoff);
    this.roomId = session.config.matchId;
    services().codes.set(session.config.code, this.roomId);
    this.attach(session);
    // Matchmaking finds the room by its code (the room definition filters by `code`).
    await this.setMatchmaking({ metadata: { code: session.config.code } });
    if (options.recovered) this.expireAbsentMembers();
  }

  /** Refuses an unknown class code before any room is looked up. */
  static override async onAuth(_token: string, options: unknown, _context: AuthContext): Promise<boolean> {
    const parsed = joinOptions.safeParse(options ?? {});
    if (!parsed.success) throw joinError(refusal("BAD_MESSAGE", { detail: parsed.error.issues[0]?.message ?? "invalid join options" }));
    const code = parsed.data.code ?? "";
    // Matchmaking filters on the options as given: normalise the code there too ("abcd" finds ABCD).
    if (typeof options === "object" && options !== null && "code" in options) (options as { code: string }).code = code;
    const roomId = services().codes.get(code);
    if (!roomId) throw joinError(refusal("UNKNOWN_CODE", { code: code || "(none)" }));
    // Credentials are checked here, before a seat is reserved, so a refusal never half-joins.
    const session = (matchMaker.getLocalRoomById(roomId) as ClassRoom | undefined)?.session;
    const { instructorToken, seatToken, name, projector } = parsed.data;
    if (session && instructorToken !== undefined && hashToken(instructorToken) !== session.config.instructorTokenHash) throw joinError(refusal("NOT_INSTRUCTOR"));
    if (session && seatToken !== undefined && !findByToken(session.seats, seatToken)) throw joinError(refusal("BAD_SEAT_CODE"));
    if (instructorToken === undefined && seatToken === undefined && !projector && !name) throw joinError(refusal("NAME_REQUIRED"));
    return true;
  }

  override async onJoin(client: MatchClient, raw: unknown): Promise<void> {
    const parsed = joinOptions.safeParse(raw ?? {});
    if (!parsed.success) throw joinError(refusal("BAD_MESSAGE", { detail: parsed.error.issues[0]?.message ?? "invalid join options" }));
    const options = parsed.data;
    if (options.code !== this.session.config.code) throw joinError(refusal("UNKNOWN_CODE", { code: options.code ?? "(none)" }));
    if (options.instructorToken !== undefined) {
      if (hashToken(options.instructorToken) !== this.session.config.instructorTokenHash) throw joinError(refusal("NOT_INSTRUCTOR"));
      this.bind(client, "instructor");
      return;
    }
    if (options.projector) {
      this.bind(client, "projector");
      return;
    }
    if (options.seatToken !== undefined) {
      const seat = await this.rejoin(client, options.seatToken);
      if (!seat) throw joinError(refusal("BAD_SEAT_CODE"));
      this.project();
      return;
    }
    if (!options.name) throw joinError(refusal("NAME_REQUIRED"));
    const chosen = chooseSeat(this.session.seats, this.session.config.openRoles, options.seat);
    if (!chosen.ok) throw joinError(chosen.error);
    const token = randomBytes(18).toString("base64url");
    chosen.value.members.push({ name: options.name, tokenHash: hashToken(token), present: true });
    this.bind(client, "student", chosen.value, token);
    await this.session.saveSeat(chosen.value);
    this.project();
  }

  override async onDispose(): Promise<void> {
    services().codes.delete(this.session?.config.code ?? "");
    await super.onDispose();
  }
}
