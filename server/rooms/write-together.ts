/**
 * A turn's end sends each client several messages at once (the public view's change, `resolved`,
 * its private view). Each message would be its own socket write: a system call that also wakes the
 * other end, and under 25 classes socket writes were the largest single item of the server's CPU
 * profile. Corking each client's socket until the current JavaScript has run makes them one write.
 */
import type { Socket } from "node:net";

/** The TCP socket under a Colyseus WebSocket client (ws keeps it as `_socket`); undefined on other transports. */
const socketOf = (client: object): Socket | undefined => (client as { ref?: { _socket?: Socket | null } }).ref?._socket ?? undefined;

/** What is sent to `clients` from now until the current JavaScript has run leaves in one write per client. */
export function writeTogether(clients: Iterable<object>): void {
  for (const client of clients) {
    const socket = socketOf(client);
    if (!socket || socket.destroyed || socket.writableCorked > 0) continue;
    socket.cork();
    process.nextTick(() => socket.uncork());
  }
}
