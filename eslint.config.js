import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

const frameworkAndIo = [
  { group: ["node:*"], message: "shared/ is pure: no Node built-ins (file system, process, clocks)." },
  { group: ["fs", "fs/*", "path", "os", "crypto", "child_process", "worker_threads", "perf_hooks", "timers", "timers/*"], message: "shared/ is pure: no I/O, clocks or Node built-ins." },
  { group: ["colyseus", "@colyseus/*", "phaser", "phaser/*", "express", "i18next"], message: "shared/ is framework-free." },
  { group: ["**/server/**", "**/client/**", "../server", "../client", "../../server", "../../client"], message: "shared/ must not import server or client code." },
];

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "data/", "coverage/", ".scratch/"] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  {
    files: ["shared/**/*.ts"],
    languageOptions: { globals: {} },
    rules: {
      "no-restricted-imports": ["error", { patterns: frameworkAndIo }],
      "no-restricted-globals": [
        "error",
        { name: "Date", message: "No clocks in shared/: time comes from the turn number." },
        { name: "performance", message: "No clocks in shared/." },
        { name: "process", message: "No process access in shared/." },
        { name: "setTimeout", message: "No timers in shared/." },
        { name: "setInterval", message: "No timers in shared/." },
        { name: "require", message: "ES modules only." },
      ],
      "no-restricted-properties": [
        "error",
        { object: "Math", property: "random", message: "Use the seeded RNG in the match state." },
      ],
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
  {
    // The client runs in the browser and its engine worker.
    files: ["client/**/*.ts"],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Tests assert on what they just looked up; a failed lookup fails the test anyway.
    files: ["test/**/*.ts"],
    rules: { "@typescript-eslint/no-non-null-assertion": "off" },
  },
);
