import { Protocol, getMessageBytes } from "@colyseus/core";
import { unpack } from "msgpackr";
import { describe, expect, test } from "vitest";
import { encoded } from "../../server/rooms/public-views.ts";

/** What the SDK does with a room message: the type string after the protocol byte, then one msgpack value. */
function decode(bytes: Buffer): { type: string; message: unknown } {
  expect(bytes[0]).toBe(Protocol.ROOM_DATA);
  const length = (bytes[1] as number) & 0x1f;
  return { type: bytes.subarray(2, 2 + length).toString(), message: unpack(bytes.subarray(2 + length)) };
}

describe("room messages on the wire", () => {
  const rows = (n: number, shift: number) => Array.from({ length: n }, (_, i) => ({ market: `m${i}`, sector: "steel", demand: i * 1.5 + shift, supply: i / 3, price: 10 + shift }));

  test("each message decodes on its own, with no structure kept from an earlier one", () => {
    const first = { version: 1, view: { board: rows(40, 0) } };
    const second = { version: 2, view: { board: rows(30, 1), edges: [{ id: "a~b", level: 1 }] } };
    encoded("public", first);
    const bytes = encoded("public", second);
    expect(decode(bytes)).toEqual({ type: "public", message: second });
    expect(decode(encoded("private", first))).toEqual({ type: "private", message: first });
  });

  test("same-shaped objects send their keys once: smaller than plain msgpack", () => {
    const message = { version: 1, view: { board: rows(300, 0) } };
    expect(encoded("public", message).length).toBeLessThan(0.7 * getMessageBytes.raw(Protocol.ROOM_DATA, "public", message).length);
  });
});
