/**
 * The console's connection to its class room (docs/protocol.md): joined with the instructor token
 * (or as a projector), handlers first and then `resync`. Commands carry ids and wait for their
 * `ack`; when the SDK's own reconnection gives up, the room is joined again with the same key.
 */
import { Client, type Room } from "@colyseus/sdk";
import type { NameBook } from "../../shared/names.ts";
import type { TurnReport } from "../../shared/report.ts";
import type { MatchView } from "../../shared/view.ts";
import { namesFrom, PublicViewKeeper, readReport, type Ack, type PublicWire, type Refusal, type RoomState, type SeatView, type Welcome, type Wire, type WireEntry } from "../net/protocol.ts";

export type InstructorCommand =
  | { type: "start" | "pause" | "resume" | "advance" | "undo" | "end" }
  | { type: "extend"; seconds: number }
  | { type: "eventControls"; forced: string[]; disabled: string[] }
  | { type: "broadcast"; text: string }
  | { type: "openRoles"; roles: string[] }
  | { type: "seatController"; seat: string; controller: "ai" | "human" }
  | { type: "watch"; seat: string | null };

/** What an instructor watching a seat receives: the seat's public and private views, as the seat gets them. */
export interface Watched {
  seat: string;
  public: MatchView;
  private: SeatView;
}

export interface LinkListener {
  welcome?(welcome: Welcome): void;
  publicView?(view: MatchView): void;
  instructorView?(view: MatchView, report: TurnReport | null): void;
  state(state: RoomState): void;
  ack?(ack: Ack, command: InstructorCommand | undefined): void;
  watched?(watched: Watched): void;
  broadcast?(text: string): void;
  refused?(refusal: Refusal): void;
  status(status: "open" | "dropped" | "closed"): void;
}

export type Key = { code: string; instructorToken: string } | { code: string; projector: true };

const REJOIN_DELAYS_MS = [500, 1000, 2000, 4000, 8000];

export class InstructorLink {
  private readonly client: Client;
  private room: Room;
  private readonly key: Key;
  private readonly listener: LinkListener;
  private readonly pending = new Map<string, InstructorCommand>();
  /** The session's names, from the last `welcome`: report entries come without their texts. */
  private names: NameBook | undefined;
  private readonly publicView = new PublicViewKeeper();
  private counter = 0;
  private leaving = false;

  private constructor(client: Client, room: Room, key: Key, listener: LinkListener) {
    this.client = client;
    this.room = room;
    this.key = key;
    this.listener = listener;
  }

  /** Joins; rejects with the server's message in both languages when refused (a wrong token, an unknown code). */
  static async open(key: Key, listener: LinkListener): Promise<InstructorLink> {
    const client = new Client(location.origin);
    const link = new InstructorLink(client, await client.join("class", key), key, listener);
    link.attach();
    return link;
  }

  /** Sends a command; its `ack` reaches the listener with the command. Returns the command's id. */
  command(command: InstructorCommand): string {
    const id = `console-${Date.now().toString(36)}-${++this.counter}`;
    this.pending.set(id, command);
    this.room.send("instructor", { id, command });
    return id;
  }

  leave(): void {
    this.leaving = true;
    void this.room.leave(true);
  }

  private attach(): void {
    const room = this.room;
    const l = this.listener;
    room.reconnection.minUptime = 1000;
    room.onMessage("welcome", (w: Welcome) => {
      this.names = namesFrom(w);
      l.welcome?.(w);
    });
    room.onMessage("public", (m: PublicWire) => {
      const view = this.publicView.accept(m);
      if (view) l.publicView?.(view);
      else this.room.send("resync");
    });
    room.onMessage("private", (m: { view?: MatchView; report?: { turn: number; entries: WireEntry[] } | null }) => {
      if (m.view) l.instructorView?.(m.view, readReport(m.report, this.names));
    });
    room.onMessage("ack", (a: Ack) => {
      const command = this.pending.get(a.id);
      this.pending.delete(a.id);
      l.ack?.(a, command);
    });
    room.onMessage("watch", (w: Omit<Watched, "private"> & { private: Wire<SeatView> }) => l.watched?.({ ...w, private: { ...w.private, report: readReport(w.private.report, this.names) } }));
    room.onMessage("broadcast", (m: { text: string }) => l.broadcast?.(m.text));
    room.onMessage("refused", (r: Refusal) => l.refused?.(r));
    room.onMessage("offer", () => undefined);
    room.onMessage("resolved", () => undefined);
    room.onStateChange((state: unknown) => l.state(state as RoomState));
    room.onDrop(() => l.status("dropped"));
    room.onReconnect(() => {
      l.status("open");
      room.send("resync");
    });
    room.onLeave(() => {
      if (this.leaving) {
        l.status("closed");
        return;
      }
      l.status("dropped");
      void this.rejoin();
    });
    room.send("resync");
  }

  private async rejoin(): Promise<void> {
    for (let attempt = 0; !this.leaving; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, REJOIN_DELAYS_MS[Math.min(attempt, REJOIN_DELAYS_MS.length - 1)]));
      try {
        this.room = await this.client.join("class", this.key);
      } catch (error) {
        // The session is over (its room is gone) or the key no longer opens it: nothing to come back to.
        if (/\[(UNKNOWN_CODE|NOT_INSTRUCTOR)\]/.test(error instanceof Error ? error.message : String(error))) {
          this.listener.status("closed");
          return;
        }
        continue;
      }
      this.attach();
      this.listener.status("open");
      return;
    }
  }
}

/** A server message carries both languages ("English / 中文 [CODE]"): the current one is shown. */
export function joinRefusal(message: string, zh: boolean): string {
  const match = /^(.*?) \/ (.*?)(?: \[[A-Z_]+\])?$/.exec(message);
  if (!match) return message;
  return zh ? (match[2] ?? message) : (match[1] ?? message);
}
