/**
 * Imported first by every entry point that resolves turns (the server, `npm run bench`, `sim`,
 * `demo`, `replay`, `calibrate`), so that the benchmark measures the engine as the server runs it.
 *
 * V8 "pretenures" an allocation site once nearly everything it allocates survives a young-generation
 * collection: from then on that site allocates straight into the old generation. A room keeps its
 * state through a turn, so the sites that build a state (and the market board's rows, about 300 small
 * objects of doubles per turn) get pretenured; allocating those rows in the old generation took about
 * 150 µs of a turn's resolution. With pretenuring off, the fastest of five resolutions of each of 200
 * turns summed to 343–449 µs per turn against 531–628 µs with it (three alternating runs). V8 reads
 * the flag whenever it weighs its pretenuring feedback, so setting it here, before any turn is
 * resolved, takes effect for the whole process and its workers.
 */
import { setFlagsFromString } from "node:v8";

setFlagsFromString("--no-allocation-site-pretenuring");
