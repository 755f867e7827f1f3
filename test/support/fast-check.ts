/**
 * Property tests run from a fixed seed so that a CI run is reproducible. To explore other seeds locally:
 * `FC_SEED=random npx vitest run test/properties.test.ts` (a failure prints the seed that reproduces it).
 */
import fc from "fast-check";

const seedSetting = process.env.FC_SEED;
if (seedSetting !== "random") fc.configureGlobal({ seed: seedSetting === undefined ? 20261126 : Number(seedSetting) });
