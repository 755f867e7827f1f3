/**
 * Imported first by every entry point that resolves turns (the server, `npm run bench`, `sim`,
 * `replay`, `calibrate`), so that the benchmark measures the engine as the server runs it.
 *
 * V8 "pretenures" an allocation site once nearly everything it allocates survives a young-generation
 * collection: from then on that site allocates straight into the old generation. A resolution builds
 * the next state out of fresh objects, all still alive when a collection comes in the middle of a
 * turn, so most of the engine's sites get pretenured; yet a state is dropped a turn or two later, and
 * in the old generation only a full mark-compact reclaims it. Without pretenuring, resolving a turn of
 * the default scenario took about a fifth less time (p50 0.67–0.70 → 0.50–0.63 ms in four alternating
 * runs of the same 300 turns). V8 reads the flag whenever it weighs its pretenuring feedback, so
 * setting it here, before any turn is resolved, takes effect for the whole process and its workers.
 */
import { setFlagsFromString } from "node:v8";

setFlagsFromString("--no-allocation-site-pretenuring");
