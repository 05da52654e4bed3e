import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, devices } from "@playwright/test";
import { findChromium } from "./scripts/find-chromium.mjs";
import { E2E_BASE_URL, E2E_PORT, e2eServerEnv } from "./scripts/test/test-env.mjs";

// One fresh data directory (embedded PGlite, generated files) per run. This file is evaluated by the runner
// and again by every worker: the runner creates the directory and the workers inherit it through the env.
// scripts/test.mjs passes its own through RAQI_E2E_DATA_DIR.
let dataDir = process.env.RAQI_E2E_DATA_DIR;
if (!dataDir) {
  const created = fs.mkdtempSync(path.join(os.tmpdir(), "raqi-e2e-"));
  process.env.RAQI_E2E_DATA_DIR = dataDir = created;
  process.on("exit", () => fs.rmSync(created, { recursive: true, force: true }));
}

// The server must use embedded PGlite: Playwright merges process.env into webServer.env, so unset it here.
delete process.env.DATABASE_URL;

const executablePath = findChromium() ?? undefined;

export default defineConfig({
  testDir: "./e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "./test-results/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "./test-results/e2e.json" }]],
  use: {
    baseURL: E2E_BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath,
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
  ],
  // Runs against the production build: `next build` must have run first (scripts/test.mjs does it).
  webServer: {
    command: `npx next start -p ${E2E_PORT}`,
    cwd: path.dirname(fileURLToPath(import.meta.url)),
    url: `${E2E_BASE_URL}/sign-in`,
    env: e2eServerEnv(dataDir),
    reuseExistingServer: process.env.RAQI_E2E_REUSE_SERVER === "1",
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
  },
});
