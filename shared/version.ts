/** Bumped whenever a rule change makes old logs re-simulate differently (docs/match-log.md). */
export const ENGINE_VERSION = "0.1.0";
