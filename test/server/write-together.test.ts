import { createServer, connect, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import { writeTogether } from "../../server/rooms/write-together.ts";

let server: Server | null = null;
afterEach(() => server?.close());

/** A connected pair of sockets over loopback: what the server writes, and every chunk the other end reads. */
async function pair(): Promise<{ sending: Socket; chunks: Buffer[] }> {
  const chunks: Buffer[] = [];
  const accepted = new Promise<Socket>((resolve) => {
    server = createServer((socket) => resolve(socket)).listen(0, "127.0.0.1");
  });
  await new Promise((resolve) => server?.once("listening", resolve));
  const { port } = server?.address() as { port: number };
  const reading = connect(port, "127.0.0.1");
  reading.on("data", (chunk: Buffer) => chunks.push(chunk));
  const sending = await accepted;
  return { sending, chunks };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe("writing a turn's messages together", () => {
  test("what is sent in the same step leaves in one write, in order, once the step is over", async () => {
    const { sending, chunks } = await pair();
    writeTogether([{ ref: { _socket: sending } }]);
    expect(sending.writableCorked).toBe(1);
    for (const part of ["public;", "resolved;", "private;"]) sending.write(part);
    // Held back until the step is over: none of it went to the system yet.
    expect(sending.writableLength).toBe(24);
    await new Promise((resolve) => process.nextTick(resolve));
    expect(sending.writableCorked).toBe(0);
    await settle();
    expect(chunks.map(String)).toEqual(["public;resolved;private;"]);
    sending.destroy();
  });

  test("clients without a socket (other transports) and closed sockets are left alone", async () => {
    const { sending } = await pair();
    sending.destroy();
    expect(() => writeTogether([{}, { ref: {} }, { ref: { _socket: null } }, { ref: { _socket: sending } }])).not.toThrow();
    expect(sending.writableCorked).toBe(0);
  });
});
