/**
 * The client build. Phaser 4 cannot be tree-shaken, so `phaser` resolves to its own core entry point
 * (no physics, tilemaps, particles, canvas renderer or Spector debugger), built with the defines
 * Phaser's webpack config uses: this takes the first-frame bundle from about 433 KB gzip to about 280.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

// Phaser tests these as `if (typeof X)`: true keeps a feature, false drops it from the bundle.
const PHASER_DEFINES = {
  "typeof WEBGL_RENDERER": JSON.stringify(true),
  "typeof CANVAS_RENDERER": JSON.stringify(false),
  "typeof WEBGL_DEBUG": JSON.stringify(false),
  "typeof FEATURE_SOUND": JSON.stringify(false),
  "typeof EXPERIMENTAL": JSON.stringify(false),
  "typeof PLUGIN_FBINSTANT": JSON.stringify(false),
  global: "globalThis",
};

export default defineConfig({
  root: here("./client"),
  base: "/",
  publicDir: false,
  resolve: {
    alias: [
      { find: /^phaser$/, replacement: here("./node_modules/phaser/src/phaser-core.js") },
      { find: /^phaser3spectorjs$/, replacement: here("./client/empty-module.ts") },
    ],
  },
  define: PHASER_DEFINES,
  // The dev server pre-bundles Phaser apart from the app: it needs the same defines.
  optimizeDeps: { rolldownOptions: { transform: { define: PHASER_DEFINES } } },
  build: {
    outDir: here("./dist/client"),
    emptyOutDir: true,
    target: "es2022",
    // The map geometry and the scenario stay separate JSON files fetched at run time.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1600,
  },
  worker: { format: "es" },
});
