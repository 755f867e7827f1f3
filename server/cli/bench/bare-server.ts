/**
 * The bare Colyseus room the server benchmark compares against: it acknowledges every message at
 * once, with no validation, log or game. Run as its own process by ./server.ts (PORT from the environment).
 */
import { defineRoom, defineServer, Room, type Client } from "@colyseus/core";
import { WebSocketTransport } from "@colyseus/ws-transport";

class BareRoom extends Room {
  override maxMessagesPerSecond = 1000;
  override messages = {
    orders: (client: Client, m: { id?: unknown }) => client.send("ack", { id: m?.id, ok: true }),
    action: (client: Client, m: { id?: unknown }) => client.send("ack", { id: m?.id, ok: true }),
  };
}

const server = defineServer({ rooms: { bare: defineRoom(BareRoom) }, transport: new WebSocketTransport(), greet: false });
await server.listen(Number(process.env.PORT ?? 2599), "127.0.0.1");
process.stdout.write("bare server ready\n");
