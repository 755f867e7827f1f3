import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["./test/support/fast-check.ts"],
    // Builds the client once per run (when stale) for the browser tests.
    globalSetup: ["./test/support/build-client.ts"],
    reporters: ["default", "./test/support/summary-reporter.ts"],
    testTimeout: 60_000,
  },
});
