import { defineConfig, devices } from "@playwright/test";
import { existsSync } from "node:fs";

const PORT = Number(process.env.E2E_PORT ?? 3210);
// Browsers cannot be downloaded on our machines: use Debian's chromium when present.
const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find(existsSync);

export const E2E_DEMO_PASSWORD = "e2e-demo-password-2026";

// Servers started by the run (this config's and the specs' own) read built retrieval indexes instead of building them
// (the same folder as the unit and integration tests').
process.env.WORKBENCH_INDEX_CACHE_DIR ??= ".cache/test-indexes";

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results/e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"], ["html", { open: "never", outputFolder: "test-results/html" }], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      ...(systemChromium ? { executablePath: systemChromium } : {}),
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [
    { name: "warm-up", testMatch: /warm-up\.setup\.ts/, use: { ...devices["Desktop Chrome"] } },
    { name: "chromium", dependencies: ["warm-up"], use: { ...devices["Desktop Chrome"] } },
  ],
  webServer: {
    // A fresh data directory each run, so the seeded state is known.
    command: "rm -rf .cache/e2e-data && node server.js",
    url: `http://localhost:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe",
    env: {
      PORT: String(PORT),
      WORKBENCH_DATA_DIR: ".cache/e2e-data",
      WORKBENCH_DEMO_PASSWORD: E2E_DEMO_PASSWORD,
      WORKBENCH_INDEX_CACHE_DIR: process.env.WORKBENCH_INDEX_CACHE_DIR,
      NODE_ENV: "production",
    },
  },
});
