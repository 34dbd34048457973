import { defineConfig, devices } from "@playwright/test";
import { existsSync } from "node:fs";
import { keptPredictionsDir } from "./tests/support/kept-predictions-dir";

// Browsers cannot be downloaded on our machines: use Debian's chromium when present.
const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find(existsSync);

export const E2E_DEMO_PASSWORD = "e2e-demo-password-2026";

// Servers started by the run (this config's and the specs' own) read built retrieval indexes instead of building them,
// and the predictions measured before (by the unit and integration tests, or an earlier run): the same folders as the
// unit and integration tests'. Each lane's fresh start would otherwise measure every version again (40–45 s of CPU).
process.env.WORKBENCH_INDEX_CACHE_DIR ??= ".cache/test-indexes";
process.env.WORKBENCH_PREDICTION_CACHE_DIR ??= keptPredictionsDir();

/**
 * Two lanes run side by side, each on its own server with its own fresh data directory and one spec file at a time:
 * every test resets its server's demo state first (tests/e2e/fixtures.ts), so two tests must never share a server.
 * The "registry" lane has the specs that change or read the server's data directory, start servers of their own or
 * lean on the server; the "explore" lane the pages whose work is in the browser (DuckDB-WASM). About equal in time.
 */
const EXPLORE_SPECS = /\/(explore|explore-kept|accessibility|offline|narrow)\.spec\.ts$/;
const LANES = [
  { name: "registry", port: Number(process.env.E2E_PORT ?? 3210), dataDir: ".cache/e2e-data", testIgnore: EXPLORE_SPECS },
  { name: "explore", port: Number(process.env.E2E_PORT ?? 3210) + 1, dataDir: ".cache/e2e-data-explore", testMatch: EXPLORE_SPECS },
] as const;
const desktop = devices["Desktop Chrome"];

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results/e2e",
  // a limit for a test that hangs, not a speed check: the longest tests take 30–60 s here, twice that when the machine is
  // loaded (a CI run with every step twice as slow timed out in a test that walks 15 steps of a server extract)
  timeout: 120_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: LANES.length,
  retries: 0,
  reporter: [["list"], ["html", { open: "never", outputFolder: "test-results/html" }], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    // No trace: recording one (a DOM snapshot at every step) took 13% of the e2e run's CPU (272 s against 237 s for the
    // Compare and Classify specs), on a run that is CPU-bound. A failure keeps its screenshot; to see the steps again,
    // rerun the failing test with `--trace on`.
    trace: "off",
    // Pages are drawn as for a person who asked their system for less motion: charts at once instead of moving into
    // place for a second at every filter (chart.client.tsx honours the setting). Four chart-heavy Explore tests, in three
    // alternating A/B pairs: 51–56 s instead of 60–69 s, 107–118 s of the machine's CPU instead of 123–141 s.
    // compare.spec.ts checks both settings.
    reducedMotion: "reduce",
    screenshot: "only-on-failure",
    launchOptions: {
      ...(systemChromium ? { executablePath: systemChromium } : {}),
      // --liftoff-only: WebAssembly runs as V8's baseline compiler makes it, never recompiled by its optimising one. Every
      // Explore test starts DuckDB-WASM (34 MB) in a new context, and the optimising recompiles were CPU the run lacks
      // (two lanes on two cores): the renderers' CPU fell from 716 to 602 s and the run from 13.4 to 12.1 min in one A/B.
      // The product runs with V8's defaults; only speed differs, never a result.
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--js-flags=--liftoff-only",
      ],
    },
  },
  projects: LANES.flatMap((lane) => {
    const use = { ...desktop, baseURL: `http://localhost:${lane.port}` };
    return [
      { name: `warm-up-${lane.name}`, testMatch: /warm-up\.setup\.ts/, workers: 1, use },
      {
        name: lane.name,
        dependencies: [`warm-up-${lane.name}`],
        workers: 1,
        use,
        ...("testMatch" in lane ? { testMatch: lane.testMatch } : { testIgnore: lane.testIgnore }),
      },
    ];
  }),
  // A fresh data directory for each server each run, so the seeded state is known.
  webServer: LANES.map((lane) => ({
    command: `rm -rf ${lane.dataDir} && node server.js`,
    url: `http://localhost:${lane.port}/healthz`,
    reuseExistingServer: false,
    // a limit for a test that hangs, not a speed check: the longest tests take 30–60 s here, twice that when the machine is
    // loaded (a CI run with every step twice as slow timed out in a test that walks 15 steps of a server extract)
    timeout: 120_000,
    stdout: "pipe" as const,
    env: {
      PORT: String(lane.port),
      WORKBENCH_DATA_DIR: lane.dataDir,
      WORKBENCH_DEMO_PASSWORD: E2E_DEMO_PASSWORD,
      WORKBENCH_INDEX_CACHE_DIR: process.env.WORKBENCH_INDEX_CACHE_DIR!,
      WORKBENCH_PREDICTION_CACHE_DIR: process.env.WORKBENCH_PREDICTION_CACHE_DIR!,
      NODE_ENV: "production",
    },
  })),
});
