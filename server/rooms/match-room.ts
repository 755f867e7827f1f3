/**
 * What class and solo rooms share: the adapter between Colyseus clients and a Session. It maps
 * clients to seats, validates messages, limits their rate, projects the session into the public room
 * state, and sends each seat its private view. Rules live in shared/, turns in ./session.ts.
 */
import { ErrorCode, Room, ServerError, validate, type Client } from "@colyseus/core";
import type { RoomException } from "@colyseus/core";
import type { SeatId } from "../../shared/types.ts";
import { actionMessage, instructorMessage, invalid, lenient, ordersMessage, readyMessage } from "./messages.ts";
import { refusal, type Refusal } from "./refusals.ts";
import { copySession } from "./room-state.ts";
import { MatchRoomState, SeatInfo } from "./schema.ts";
import { services } from "./services.ts";
import { findByToken, hashToken, type SeatControl } from "./seats.ts";
import type { Ack, Session, SessionEvent } from "./session.ts";
import { instruct } from "./instructor.ts";
import { wireEntry } from "./projection.ts";
import { PrivateViews } from "./private-views.ts";
import { writeTogether } from "./write-together.ts";
import { encoded, PublicViews } from "./public-views.ts";
import { namedParts } from "../../shared/names.ts";

export interface ClientData {
  kind: "student" | "instructor" | "projector";
  seat?: SeatId;
  tokenHash?: string;
  /** The seat code, kept only in memory for this connection, so `welcome` can repeat it. */
  seatToken?: string;
  /** The seat an instructor watches (read-only), if any. */
  watching?: SeatId;
  tokens: number;
  refilledAt: number;
  warnedAt: number;
}

export type MatchClient = Client<{ userData: ClientData }>;

/** How long a closing room (a finished match, an abandoned solo) waits for a client when nobody is connected. */
const FINISHED_ROOM_MS = 60_000;

/** Thrown from onAuth/onJoin: the SDK shows the message, so it carries both languages. */
export const joinError = (r: Refusal): ServerError => new ServerError(ErrorCode.MATCHMAKE_INVALID_CRITERIA, `${r.en} / ${r.zh} [${r.code}]`);

export abstract class MatchRoom extends Room<{ state: MatchRoomState; client: MatchClient }> {
  session!: Session;
  /** A hard cap that disconnects floods; the per-client rate limit below refuses politely first. */
  override maxMessagesPerSecond = Math.max(100, services().settings.messagesPerSecond * 10);
  override autoDispose = false;
  /**
   * Patches every second (Colyseus: 50 ms): a seat's "ready" or "orders in" shows within a second,
   * and a new phase at once (see `patchSoon`). Under a class-sized load most socket writes were
   * patches, each one frame to each of 40 clients: at 200 ms they were two thirds of the frames sent;
   * at 500 ms still half, and 25 classes used 12% more of the server's CPU than at 1000 ms.
   */
  override patchRate = 1000;
  private phasePatch: NodeJS.Immediate | null = null;
  /** Which client currently holds each member's place (by seat-code hash). */
  protected holders = new Map<string, string>();
  /** The current public view, encoded once per variant for every client that asks for it. */
  private views!: PublicViews;
  /** Each seat's own view and the instructor's. */
  private privateViews!: PrivateViews;
  private projectionDue = false;

  override messages = {
    action: validate(lenient(actionMessage), (client: MatchClient, parsed) => {
      if (!this.admit(client)) return;
      if (!parsed.success) return this.refuse(client, invalid(parsed.error));
      const seat = this.seatOf(client);
      if (!seat) return this.ack(client, parsed.data.id, { ok: false, error: refusal("NOT_SEATED") });
      return this.session.negotiate(seat, parsed.data.id, parsed.data.action).then((ack) => this.ack(client, parsed.data.id, ack), () => this.ack(client, parsed.data.id, { ok: false, error: refusal("SERVER_ERROR") }));
    }),
    orders: validate(lenient(ordersMessage), (client: MatchClient, parsed) => {
      if (!this.admit(client)) return;
      if (!parsed.success) return this.refuse(client, invalid(parsed.error));
      const seat = this.seatOf(client);
      if (!seat) return this.ack(client, parsed.data.id, { ok: false, error: refusal("NOT_SEATED") });
      return this.session.submitOrders(seat, parsed.data.id, parsed.data.orders).then((ack) => this.ack(client, parsed.data.id, ack), () => this.ack(client, parsed.data.id, { ok: false, error: refusal("SERVER_ERROR") }));
    }),
    ready: validate(lenient(readyMessage), (client: MatchClient, parsed) => {
      if (!this.admit(client)) return;
      if (!parsed.success) return this.refuse(client, invalid(parsed.error));
      const seat = this.seatOf(client);
      if (!seat) return this.refuse(client, refusal("NOT_SEATED"));
      this.ack(client, "ready", this.session.setReady(seat));
    }),
    instructor: validate(lenient(instructorMessage), (client: MatchClient, parsed) => {
      if (!this.admit(client)) return;
      if (!parsed.success) return this.refuse(client, invalid(parsed.error));
      if (client.userData?.kind !== "instructor") return this.ack(client, parsed.data.id, { ok: false, error: refusal("NOT_INSTRUCTOR") });
      const command = parsed.data.command;
      if (command.type === "watch") return this.watch(client, parsed.data.id, command.seat);
      return instruct(this.session, command).then((ack) => this.ack(client, parsed.data.id, ack), () => this.ack(client, parsed.data.id, { ok: false, error: refusal("SERVER_ERROR") }));
    }),
    resync: (client: MatchClient) => {
      if (this.admit(client)) this.greet(client);
    },
    "*": (client: MatchClient, type: string | number) => {
      if (this.admit(client)) this.refuse(client, refusal("UNKNOWN_MESSAGE", { type: String(type).slice(0, 40) }));
    },
  };

  /** Binds the room to its session and starts the phase clock. */
  protected attach(session: Session): void {
    this.session = session;
    this.state = new MatchRoomState();
    this.state.kind = session.config.room;
    this.state.code = session.config.code;
    this.state.matchId = session.config.matchId;
    this.state.rounds = session.config.rounds;
    for (const s of session.seats.values()) {
      const info = new SeatInfo();
      info.id = s.seat;
      info.role = s.role;
      this.state.seats.set(s.seat, info);
    }
    session.onEvent = (event) => this.onSessionEvent(event);
    this.views = new PublicViews(session);
    this.privateViews = new PrivateViews(session, () => this.clients, this.views);
    this.projectPublic();
    this.projectNow();
    this.clock.setInterval(() => session.tick(), 100);
    const { live } = services();
    live.set(session.config.matchId, this.roomId);
  }

  override onUncaughtException(error: RoomException, method: string): void {
    // A refused join is an answer to the client, not a fault.
    if (error.cause instanceof ServerError && error.cause.code === ErrorCode.MATCHMAKE_INVALID_CRITERIA) return;
    console.error(`room ${this.roomId} (${this.roomName}): uncaught exception in ${method}:`, error.cause ?? error);
  }

  override async onDispose(): Promise<void> {
    this.privateViews?.stop();
    if (this.phasePatch) clearImmediate(this.phasePatch);
    services().live.delete(this.session?.config.matchId ?? "");
    await this.session?.close().catch(() => undefined);
  }

  // ------------------------------------------------------------------------------------------
  // Seats

  protected seatOf(client: MatchClient): SeatId | undefined {
    return client.userData?.kind === "student" ? client.userData.seat : undefined;
  }

  protected bind(client: MatchClient, kind: ClientData["kind"], seat?: SeatControl, seatToken?: string): void {
    const now = services().now();
    const tokenHash = seatToken === undefined ? undefined : hashToken(seatToken);
    client.userData = { kind, tokens: this.burst(), refilledAt: now, warnedAt: 0, ...(seat ? { seat: seat.seat } : {}), ...(tokenHash ? { tokenHash, seatToken } : {}) };
    if (tokenHash) this.holders.set(tokenHash, client.sessionId);
  }

  /**
   * Who the client is (kind, seat, seat code, server time), the public view and its private view. Sent when the
   * client asks with `resync`: messages sent during the join arrive before the client can listen.
   */
  protected greet(client: MatchClient): void {
    const data = client.userData;
    client.send("welcome", { kind: data?.kind ?? null, seat: data?.seat ?? null, seatToken: data?.seatToken ?? null, serverTime: services().now(), names: namedParts(this.session.state.scenario) });
    client.enqueueRaw(this.views.message(this.seatOf(client)));
    this.privateViews.send(client);
    if (data?.watching) client.enqueueRaw(this.views.watch(data.watching));
  }

  /** A student back with their seat code: same seat, same member, the AI hands the seat back. */
  protected async rejoin(client: MatchClient, token: string): Promise<SeatControl | null> {
    const found = findByToken(this.session.seats, token);
    if (!found) return null;
    this.bind(client, "student", found.seat, token);
    if (!found.member.present) {
      found.member.present = true;
      await this.session.saveSeat(found.seat);
    }
    return found.seat;
  }

  /** The member's place is free again (left for good, or never came back in time). */
  protected async memberGone(tokenHash: string | undefined, sessionId: string): Promise<void> {
    if (!tokenHash || this.holders.get(tokenHash) !== sessionId) return;
    this.holders.delete(tokenHash);
    for (const seat of this.session.seats.values()) {
      const member = seat.members.find((m) => m.tokenHash === tokenHash);
      if (member?.present) {
        member.present = false;
        await this.session.saveSeat(seat).catch(() => undefined);
      }
    }
    this.project();
  }

  override onDrop(client: MatchClient): void {
    // Refused while the room shuts down: there is nothing to come back to in this process.
    Promise.resolve(this.allowReconnection(client, services().settings.reconnectSeconds)).catch(() => undefined);
    this.project();
  }

  override onReconnect(client: MatchClient): void {
    this.project();
    this.greet(client);
  }

  override async onLeave(client: MatchClient): Promise<void> {
    await this.memberGone(client.userData?.tokenHash, client.sessionId);
  }

  /** After a restart nobody is connected: members who do not come back in time lose their seat to the AI. */
  protected expireAbsentMembers(): void {
    this.clock.setTimeout(() => {
      for (const seat of this.session.seats.values()) {
        let changed = false;
        for (const m of seat.members) {
          if (m.present && !this.holders.has(m.tokenHash)) {
            m.present = false;
            changed = true;
          }
        }
        if (changed) void this.session.saveSeat(seat).catch(() => undefined);
      }
    }, services().settings.reconnectSeconds * 1000);
  }

  // ------------------------------------------------------------------------------------------
  // Messages out

  protected burst(): number {
    return services().settings.messagesPerSecond * 2;
  }

  /** The per-client rate limit (a token bucket): over it, messages are refused, not disconnected. */
  protected admit(client: MatchClient): boolean {
    const data = client.userData;
    if (!data) return false;
    const now = services().now();
    const rate = services().settings.messagesPerSecond;
    data.tokens = Math.min(this.burst(), data.tokens + ((now - data.refilledAt) / 1000) * rate);
    data.refilledAt = now;
    if (data.tokens >= 1) {
      data.tokens -= 1;
      return true;
    }
    if (now - data.warnedAt > 1000) {
      data.warnedAt = now;
      client.send("refused", refusal("TOO_MANY"));
    }
    return false;
  }

  protected refuse(client: MatchClient, error: Refusal): void {
    client.send("refused", error);
  }

  protected ack(client: MatchClient, id: string, ack: Ack): void {
    const seat = this.seatOf(client);
    // When the action changed the seat's view (orders taken in, an offer made), it leaves in the same socket write.
    const viewChanged = seat !== undefined && this.privateViews.isMarked(seat);
    if (viewChanged) writeTogether([client]);
    client.send("ack", { id, ...ack });
    if (viewChanged) this.privateViews.flush();
  }

  /** An instructor starts (or, with null, stops) watching a seat: it gets what that seat gets, read-only, until it stops. */
  private watch(client: MatchClient, id: string, seat: SeatId | null): void {
    if (seat !== null && !this.session.seats.has(seat)) return this.ack(client, id, { ok: false, error: refusal("NO_SUCH_SEAT", { seat }) });
    if (seat === null) delete client.userData?.watching;
    else if (client.userData) client.userData.watching = seat;
    this.ack(client, id, { ok: true });
    if (seat !== null) client.enqueueRaw(this.views.watch(seat));
  }

  protected onSessionEvent(event: SessionEvent): void {
    switch (event.type) {
      case "changed":
        this.project();
        // `resolve` lasts milliseconds and the new turn's messages follow it: it waits for the next patch.
        if (this.session.phase !== this.state.phase && this.session.phase !== "resolve") this.patchSoon();
        if (this.session.phase === "finished") this.closeWhenEmpty();
        break;
      case "public":
        // The first of a new turn's messages: the rest follow in the same step.
        writeTogether(this.clients);
        this.projectPublic();
        this.project();
        break;
      case "private":
        this.privateViews.mark(event.seats);
        // A new turn for everyone goes out at once, not after the rest of the resolution's work.
        if (event.seats === "all") this.privateViews.flush();
        break;
      case "broadcast":
        this.state.broadcast = event.text;
        this.broadcast("broadcast", { text: event.text });
        break;
      case "offer":
        {
          const bytes = encoded("offer", { from: event.from, action: event.action, id: event.id ?? null, entries: event.entries.map(wireEntry) });
          for (const client of this.clients) if (client.userData?.seat && event.seats.includes(client.userData.seat)) client.enqueueRaw(bytes);
        }
        break;
      case "report":
        this.broadcast("resolved", { turn: event.turn, endedAt: event.endedAt });
        break;
    }
  }

  /** From now on the room goes once its last client has left, or in a minute if nobody is connected (its log stays). */
  protected closeWhenEmpty(): void {
    if (this.autoDispose) return;
    this.autoDispose = true;
    this.clock.setTimeout(() => {
      if (this.clients.length === 0) void this.disconnect();
    }, FINISHED_ROOM_MS);
  }

  /** A new public view: a `public` message to everyone (each variant encoded once), and its version in the state. */
  protected projectPublic(): void {
    this.state.publicVersion += 1;
    this.views.refresh(this.state.publicVersion);
    for (const client of this.clients) client.enqueueRaw(this.views.change(this.seatOf(client)));
    this.views.sendWatched(this.clients, () => true);
  }

  /**
   * The room state is due to change: it is copied at the next patch, once, however many actions
   * arrived since (clients see the room state only in patches anyway).
   */
  protected project(): void {
    this.projectionDue = true;
  }

  /** A new phase in which students act reaches the clients at once rather than at the next regular patch. */
  private patchSoon(): void {
    this.phasePatch ??= setImmediate(() => {
      this.phasePatch = null;
      this.broadcastPatch();
    });
  }

  override onBeforePatch(): void {
    if (this.projectionDue) this.projectNow();
  }

  private projectNow(): void {
    this.projectionDue = false;
    copySession(this.state, this.session, this.clients.map((c) => c.userData?.seat));
  }
}
