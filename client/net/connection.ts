/**
 * One client's connection to a match on the classroom server (@colyseus/sdk 0.18): handlers first,
 * then `resync` (docs/protocol.md, "After joining"). Every action carries an id and stays pending
 * until its `ack`; after a reconnection the pending ones are sent again (the server answers a
 * duplicate with the same ack). When the SDK's own reconnection gives up (a server restart, a long
 * outage), the seat is joined again with its seat code until it works.
 */
import { Client, type Room } from "@colyseus/sdk";
import { namesFrom, readReport, withTexts, type Ack, type Acted, type PublicMessage, type Refusal, type RoomState, type SeatView, type Welcome, type Wire, type WireEntry, PublicViewKeeper, type PublicWire } from "./protocol.ts";
import type { NameBook } from "../../shared/names.ts";
import type { ReportEntry } from "../../shared/report.ts";

export type LinkStatus = "open" | "dropped" | "closed";

export interface MatchListener {
  welcome(welcome: Welcome): void;
  publicView(message: PublicMessage): void;
  privateView(view: SeatView): void;
  state(state: RoomState): void;
  ack(ack: Ack, acted: Acted | undefined): void;
  /** An offer step concerning this seat, with what it did as the report says it. */
  offer(entries: ReportEntry[]): void;
  resolved(turn: number): void;
  refused(refusal: Refusal): void;
  status(status: LinkStatus): void;
}

/** How to enter the match the first time, and how to come back to it with the seat code. */
export type Entry =
  | { room: "class"; code: string; name: string; seat?: string }
  | { room: "solo"; name: string; seat?: string; seed?: number }
  | { room: "class"; code: string; seatToken: string }
  | { room: "solo"; roomId: string; seatToken: string };

/** Close codes the SDK reports for a leave the client asked for. */
const CONSENTED = 4000;
const NORMAL = 1000;
const REJOIN_DELAYS_MS = [500, 1000, 2000, 4000, 8000];

function joinRoom(client: Client, entry: Entry): Promise<Room> {
  if (entry.room === "class") return client.join("class", "seatToken" in entry ? { code: entry.code, seatToken: entry.seatToken } : { code: entry.code, name: entry.name, ...(entry.seat ? { seat: entry.seat } : {}) });
  if ("seatToken" in entry) return client.joinById(entry.roomId, { seatToken: entry.seatToken });
  return client.create("solo", { name: entry.name, ...(entry.seat ? { seat: entry.seat } : {}), ...(entry.seed === undefined ? {} : { seed: entry.seed }) });
}

const randomHex = (bytes: number): string => Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, "0")).join("");

export class MatchConnection {
  private readonly client: Client;
  private readonly listener: MatchListener;
  private room: Room;
  private readonly pending = new Map<string, Acted>();
  /** Unique per page load, so ids never repeat for the seat across tabs and reloads. */
  private readonly idPrefix = randomHex(6);
  private counter = 0;
  private leaving = false;
  private comeBack: Entry | null = null;
  /** The session's names, from the last `welcome`: report entries come without their texts. */
  private names: NameBook | undefined;
  private readonly publicView = new PublicViewKeeper();

  private readonly entry: Entry;

  private constructor(client: Client, room: Room, listener: MatchListener, entry: Entry) {
    this.client = client;
    this.entry = entry;
    this.room = room;
    this.listener = listener;
  }

  /** Joins (or creates a solo match); rejects with the server's bilingual message when refused. */
  static async open(endpoint: string, entry: Entry, listener: MatchListener): Promise<MatchConnection> {
    const client = new Client(endpoint);
    const connection = new MatchConnection(client, await joinRoom(client, entry), listener, entry);
    connection.attach();
    return connection;
  }

  get roomId(): string {
    return this.room.roomId;
  }

  /** Actions sent and not yet acknowledged. */
  get unacknowledged(): number {
    return this.pending.size;
  }

  /** Sends an action, its orders or `ready`; returns the id its `ack` will carry. */
  act(acted: Acted): string {
    const id = acted.type === "ready" ? "ready" : `${this.idPrefix}-${++this.counter}`;
    this.pending.set(id, acted);
    this.send(id, acted);
    return id;
  }

  resync(): void {
    this.room.send("resync");
  }

  leave(): void {
    this.leaving = true;
    void this.room.leave(true);
  }

  private send(id: string, acted: Acted): void {
    if (acted.type === "ready") this.room.send("ready", {});
    else if (acted.type === "action") this.room.send("action", { id, action: acted.action });
    else this.room.send("orders", { id, orders: acted.orders });
  }

  private attach(): void {
    const room = this.room;
    const l = this.listener;
    // The classroom rooms never kick a fresh client: a drop a second after joining is worth reconnecting.
    room.reconnection.minUptime = 1000;
    room.onMessage("welcome", (w: Welcome) => {
      if (w.seatToken) this.rememberSeat(w.seatToken);
      this.names = namesFrom(w);
      l.welcome(w);
    });
    room.onMessage("public", (m: PublicWire) => {
      const view = this.publicView.accept(m);
      if (view) l.publicView({ version: m.version, view, report: readReport(m.report, this.names) });
      else this.resync();
    });
    room.onMessage("private", (m: Wire<SeatView>) => l.privateView({ ...m, report: readReport(m.report, this.names) }));
    room.onMessage("ack", (a: Ack) => {
      const acted = this.pending.get(a.id);
      this.pending.delete(a.id);
      l.ack(a, acted);
    });
    room.onMessage("offer", (m: { entries?: unknown }) => l.offer(Array.isArray(m?.entries) ? withTexts(m.entries as WireEntry[], this.names) : []));
    room.onMessage("resolved", (m: { turn: number }) => l.resolved(m.turn));
    room.onMessage("refused", (r: Refusal) => l.refused(r));
    room.onMessage("broadcast", () => undefined);
    room.onStateChange((state: unknown) => l.state(state as RoomState));
    room.onDrop(() => l.status("dropped"));
    room.onReconnect(() => {
      l.status("open");
      this.resendPending();
    });
    room.onLeave((code: number) => {
      if (this.leaving || code === CONSENTED || code === NORMAL || !this.comeBack) {
        l.status("closed");
        return;
      }
      l.status("dropped");
      void this.rejoin(this.comeBack);
    });
    room.send("resync");
  }

  private rememberSeat(seatToken: string): void {
    this.comeBack = this.entry.room === "solo" ? { room: "solo", roomId: this.room.roomId, seatToken } : { room: "class", code: this.entry.code, seatToken };
  }

  private resendPending(): void {
    for (const [id, acted] of this.pending) this.send(id, acted);
    this.room.send("resync");
  }

  /** Joins the seat again with its seat code, waiting longer after each failure. */
  private async rejoin(entry: Entry): Promise<void> {
    for (let attempt = 0; !this.leaving; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, REJOIN_DELAYS_MS[Math.min(attempt, REJOIN_DELAYS_MS.length - 1)]));
      try {
        this.room = await joinRoom(this.client, entry);
      } catch {
        continue;
      }
      this.attach();
      this.listener.status("open");
      for (const [id, acted] of this.pending) this.send(id, acted);
      return;
    }
  }
}
