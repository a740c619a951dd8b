import { defineConfig } from "@playwright/test";

// Drives Debian's chromium (no browser download) against the real `returns`
// binary that e2e/server.ts starts on a fresh database: SQLite by default,
// PostgreSQL when E2E_DATABASE=postgres.
export default defineConfig({
  testDir: "e2e",
  timeout: 120_000,
  workers: 1,
  fullyParallel: false,
  reporter: [["list"]],
  globalSetup: "./e2e/global-setup.ts",
  globalTeardown: "./e2e/global-teardown.ts",
  use: {
    browserName: "chromium",
    launchOptions: { executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ["--no-sandbox"] },
    viewport: { width: 1024, height: 800 },
    locale: "en-US",
  },
});
