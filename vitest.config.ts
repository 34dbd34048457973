import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";
import HeavyFirstSequencer from "./tests/support/heavy-first-sequencer";
import { keptPredictionsDir } from "./tests/support/kept-predictions-dir";

// The tests of the registry (store, promotion, audit, API, CLI) run twice: on embedded SQLite, the default, and on a
// real PostgreSQL server started for the run (tests/support/postgres-server.ts), one new database per test file.
const REGISTRY_TESTS = [
  "api-classify",
  "api-rate-limit",
  "cli",
  "cli-input",
  "cli-fresh-registry",
  "cli-models",
  "database-file",
  "demo-accounts",
  "kill-during-write",
  "overview",
  "prediction-cache",
  "invoice-line-fit",
  "prediction-import",
  "promotion",
  "first-production",
  "registered-sha256",
  "registry-lifecycle",
  "remote-models",
  "roles-and-sessions",
  "seed-models",
  "server-extract-registry",
  "separation-of-duties",
  "store",
  "store-health",
  "tamper-evidence",
].map((name) => `tests/integration/${name}.test.ts`);

export default defineConfig({
  resolve: { alias: { "~": new URL("./app", import.meta.url).pathname } },
  test: {
    globals: true,
    pool: "forks",
    // Vitest's default keeps one core for its main process (one worker on our 2-core machines), which is mostly idle:
    // a worker per core ran the suite in 237 s instead of 441 s here.
    maxWorkers: availableParallelism(),
    // a limit for a test that hangs, not a speed check: with a worker per core a heavy test may run beside another
    // heavy one and take twice as long (hs-combined@1.7.0's test: 21 s in a fresh clone); only a test that measures
    // every version or gives a child process its own limit sets another
    testTimeout: 120_000,
    // the same for set-up hooks: seeding the demo registry took over the default 10 s beside a heavy test (5 s alone)
    hookTimeout: 120_000,
    // Tests and files run in a random order (the seed is printed): none may depend on another having run first. The
    // files that classify with every shipped version start first, so the heaviest never starts last (ADR 0018).
    sequence: { shuffle: { files: true, tests: true }, sequencer: HeavyFirstSequencer },
    // every test process that loads retrieval versions reads their built indexes instead of building them (~2 s each),
    // and a registry reads the predictions another measured (every shipped version on the real sets: 40–45 s of CPU)
    env: { WORKBENCH_INDEX_CACHE_DIR: ".cache/test-indexes", WORKBENCH_PREDICTION_CACHE_DIR: keptPredictionsDir() },
    projects: [
      { extends: true, test: { name: "sqlite", include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"] } },
      {
        extends: true,
        test: {
          name: "postgres",
          include: REGISTRY_TESTS,
          globalSetup: ["tests/support/postgres-server.ts"],
          setupFiles: ["tests/support/postgres-env.ts"],
        },
      },
    ],
  },
});
