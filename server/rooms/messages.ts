/**
 * The messages clients send, as zod schemas given to Colyseus `validate`. Each schema accepts any
 * payload and yields a parse result, so a malformed message gets a clear refusal (English and
 * Chinese) instead of the disconnect Colyseus gives when validation throws.
 */
import { z } from "zod";
import { ROLES } from "../../shared/types.ts";
import { refusal, type Refusal } from "./refusals.ts";

const actionId = z.string().min(1).max(64);
const text = z.string().trim().min(1).max(500);

export const actionMessage = z.strictObject({ id: actionId, action: z.unknown() });
export const ordersMessage = z.strictObject({ id: actionId, orders: z.array(z.unknown()).max(40) });
export const readyMessage = z.union([z.undefined(), z.null(), z.strictObject({})]);

export const instructorCommand = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("start") }),
  z.strictObject({ type: z.literal("pause") }),
  z.strictObject({ type: z.literal("resume") }),
  z.strictObject({ type: z.literal("extend"), seconds: z.number().int().min(1).max(3600) }),
  z.strictObject({ type: z.literal("advance") }),
  z.strictObject({ type: z.literal("eventControls"), forced: z.array(z.string().max(64)).max(50), disabled: z.array(z.string().max(64)).max(50) }),
  z.strictObject({ type: z.literal("broadcast"), text }),
  z.strictObject({ type: z.literal("openRoles"), roles: z.array(z.enum(ROLES)).max(3) }),
  z.strictObject({ type: z.literal("seatController"), seat: z.string().min(1).max(64), controller: z.enum(["ai", "human"]) }),
  z.strictObject({ type: z.literal("undo") }),
  z.strictObject({ type: z.literal("end") }),
  /** Not a game command: the instructor receives that seat's views read-only (null stops). Not logged. */
  z.strictObject({ type: z.literal("watch"), seat: z.string().min(1).max(64).nullable() }),
]);
export const instructorMessage = z.strictObject({ id: actionId, command: instructorCommand });

/** Wraps a schema so validation never throws: the handler receives the parse result. */
export const lenient = <T extends z.ZodType>(schema: T) => z.unknown().transform((raw) => schema.safeParse(raw));

/** The first problem of a failed parse, as a refusal. */
export function invalid(error: z.ZodError): Refusal {
  const issue = error.issues[0];
  const path = issue && issue.path.length > 0 ? issue.path.join(".") : "(message)";
  return refusal("BAD_MESSAGE", { detail: `${path}: ${issue?.message ?? "invalid"}` });
}

/** Join options: a student's name and wanted seat, a seat code to come back, or the instructor's token. */
export const joinOptions = z.object({
  code: z.string().trim().toUpperCase().max(12).optional(),
  name: z.string().trim().min(1).max(40).optional(),
  seat: z.string().min(1).max(64).optional(),
  seatToken: z.string().min(8).max(128).optional(),
  instructorToken: z.string().min(8).max(128).optional(),
  projector: z.boolean().optional(),
});
export type JoinOptions = z.infer<typeof joinOptions>;
