/**
 * The solo room: one student against AI players, no instructor. A client creates it with its name
 * (and the seat it wants); the match starts at once and each phase ends when the student is done.
 * Coming back (refresh, lost connection) works with the seat code, as in a class.
 */
import { randomBytes } from "node:crypto";
import { readSharedScenarioFile } from "../scenario-file.ts";
import { joinOptions } from "./messages.ts";
import { refusal } from "./refusals.ts";
import { chooseSeat, hashToken } from "./seats.ts";
import { services } from "./services.ts";
import { createSession } from "./session-files.ts";
import { instruct } from "./instructor.ts";
import { joinError, MatchRoom, type MatchClient } from "./match-room.ts";
import type { ClassRoomOptions } from "./class-room.ts";

export class SoloRoom extends MatchRoom {
  /** Nobody else can come back to a solo match once its student has gone for good. */
  override autoDispose = true;

  override async onCreate(options: Partial<ClassRoomOptions> & { seed?: unknown }): Promise<void> {
    const handed = typeof options?.handoff === "string" ? services().handoff.get(options.handoff) : undefined;
    if (handed) services().handoff.delete(options.handoff as string);
    const session = handed ?? (await this.newSession(options?.seed));
    this.roomId = session.config.matchId;
    this.attach(session);
    await this.setMatchmaking({ private: true, maxClients: 3 });
    if (options?.recovered) {
      // Rebuilt after a restart with nobody connected yet: wait the reconnection window for the student.
      this.autoDispose = false;
      this.expireAbsentMembers();
      this.clock.setTimeout(() => this.closeWhenEmpty(), services().settings.reconnectSeconds * 1000);
    }
  }

  private async newSession(seed: unknown) {
    const s = services();
    const checked = readSharedScenarioFile();
    if (!checked.ok) throw new Error(checked.error);
    const id = `solo-${new Date(s.now()).toISOString().slice(0, 10)}-${randomBytes(4).toString("hex")}`;
    return createSession(
      s.store,
      s.ai,
      {
        room: "solo",
        code: "",
        matchId: id,
        rounds: checked.value.parameters.rounds.short,
        timers: s.settings.soloTimers,
        openRoles: ["cluster", "host", "lead"],
        instructorTokenHash: "",
        scenario: checked.value,
        seed: typeof seed === "number" && Number.isSafeInteger(seed) && seed >= 0 ? seed : randomBytes(4).readUInt32LE(0),
      },
      s.now,
    );
  }

  override async onJoin(client: MatchClient, raw: unknown): Promise<void> {
    const parsed = joinOptions.safeParse(raw ?? {});
    if (!parsed.success) throw joinError(refusal("BAD_MESSAGE", { detail: parsed.error.issues[0]?.message ?? "invalid join options" }));
    const options = parsed.data;
    if (options.seatToken !== undefined) {
      const seat = await this.rejoin(client, options.seatToken);
      if (!seat) throw joinError(refusal("BAD_SEAT_CODE"));
      return;
    }
    if ([...this.session.seats.values()].some((s) => s.members.length > 0)) throw joinError(refusal("SOLO_ONE_SEAT"));
    if (!options.name) throw joinError(refusal("NAME_REQUIRED"));
    const wanted = options.seat ?? this.session.state.seats.find((s) => s.role === "cluster")?.id;
    const chosen = chooseSeat(this.session.seats, this.session.config.openRoles, wanted);
    if (!chosen.ok) throw joinError(chosen.error);
    const token = randomBytes(18).toString("base64url");
    chosen.value.members.push({ name: options.name, tokenHash: hashToken(token), present: true });
    this.bind(client, "student", chosen.value, token);
    await this.session.saveSeat(chosen.value);
    if (this.session.phase === "lobby") await instruct(this.session, { type: "start" });
    this.project();
  }
}
