import { resolve } from "node:path";
import { defineConfig } from "vite";

// Two pages: the console (index.html) and GraphiQL (graphiql.html), so
// GraphiQL's weight is loaded only at /graphiql. Output is committed and
// embedded in the `returns` binary; the build must be byte-for-byte
// reproducible for CI to compare it with the committed copy.
export default defineConfig({
  esbuild: { jsx: "automatic", legalComments: "none" },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      input: {
        index: resolve(__dirname, "index.html"),
        graphiql: resolve(__dirname, "graphiql.html"),
      },
    },
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
} as import("vite").UserConfig);
