// `npm run bench:http`: load test of POST /api/classify on localhost — the production server (node server.js) on a
// fresh data directory once its start-up measurement is done, N concurrent clients sending 10 descriptions per request with a bearer token, bounded in
// requests and time. Prints a table and writes bench/results/http-<timestamp>.json.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { parseCsvRecords } from "../workbench/csv";
import { fixturesDir } from "../workbench/hs/load-fixtures";
import { printResults, updateReadme, type BenchRow } from "./report";

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "3000" },
    seconds: { type: "string", default: "30" },
    concurrency: { type: "string", default: "16" },
  },
});
const MAX_REQUESTS = Number(values.requests);
const MAX_SECONDS = Number(values.seconds);
const CONCURRENCY = Number(values.concurrency);
const PER_REQUEST = 10;
const PORT = 3299;
const root = resolve(".");

/** Polls `url` until `ready` says so (by default: any 2xx answer); `what` names the wait when it runs out. */
async function waitFor(url: string, timeoutMs: number, what: string, ready = async (r: Response) => r.ok) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if (await ready(await fetch(url))) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} within ${timeoutMs / 1000} s (${url})`);
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), "workbench-bench-http-"));
  const env = {
    ...process.env,
    WORKBENCH_DATA_DIR: dataDir,
    PORT: String(PORT),
    WORKBENCH_DEMO_PASSWORD: "bench-password-2026",
    // the load test measures throughput, not the per-user budgets
    WORKBENCH_API_REQUESTS_PER_MINUTE: "0",
    WORKBENCH_API_DESCRIPTIONS_PER_MINUTE: "0",
    NODE_ENV: "production" as const,
  };
  const server = spawn(process.execPath, ["server.js"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let serverLog = "";
  server.stdout.on("data", (c) => (serverLog += c));
  server.stderr.on("data", (c) => (serverLog += c));
  try {
    const booted = performance.now();
    const healthzUrl = `http://127.0.0.1:${PORT}/healthz`;
    await waitFor(healthzUrl, 60_000, "the server did not answer");
    // A first start measures every version on the real sets in the inference workers (once per data directory);
    // the throughput figures are for a server that has finished, the time it took is reported beside them.
    await waitFor(
      healthzUrl,
      15 * 60_000,
      "the start-up measurement did not finish",
      async (r) => !((await r.json()) as { measuringRealTextFigures?: number }).measuringRealTextFigures,
    );
    const startupSeconds = Math.round((performance.now() - booted) / 100) / 10;
    // a token for the demo analyst, through the real CLI
    const token = await new Promise<string>((res, rej) => {
      const cli = spawn(process.execPath, ["bin/workbench.js", "token", "create", "--user", "analyst", "--name", "bench"], { env });
      let out = "";
      cli.stdout.on("data", (c) => (out += c));
      cli.on("close", (code) => {
        const found = /(hsw_[A-Za-z0-9_-]+)/.exec(out)?.[1];
        return code === 0 && found ? res(found) : rej(new Error(`token create failed: ${out}`));
      });
    });
    const texts = parseCsvRecords(readFileSync(join(fixturesDir(), "demo-extract.csv"), "utf8"), ["goods_description"]).map(
      (r) => r.goods_description!,
    );
    // The seeded production model (flat) and the hierarchical one (ADR 0010), each under the same load.
    const MODELS = [
      { label: "production (hs-baseline@1.0.0, flat)", model: undefined },
      { label: "hs-hierarchical@1.0.0", model: "hs-hierarchical@1.0.0" },
    ];
    const load = async (model: string | undefined) => {
      const body = (i: number) =>
        JSON.stringify({ descriptions: Array.from({ length: PER_REQUEST }, (_, k) => texts[(i * PER_REQUEST + k) % texts.length]), model });
      const call = async (i: number) => {
        const t = performance.now();
        const response = await fetch(`http://127.0.0.1:${PORT}/api/classify`, {
          method: "POST",
          headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
          body: body(i),
        });
        const json = (await response.json()) as { results?: unknown[] };
        const ok = response.status === 200 && json.results?.length === PER_REQUEST;
        return { ms: performance.now() - t, ok, status: response.status };
      };
      for (let i = 0; i < 20; i++) await call(i); // warm-up: model loaded and compiled
      const latencies: number[] = [];
      const errors: Record<string, number> = {};
      let next = 0;
      const started = performance.now();
      const deadline = started + MAX_SECONDS * 1000;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < MAX_REQUESTS && performance.now() < deadline) {
            const r = await call(next++);
            latencies.push(r.ms);
            if (!r.ok) errors[String(r.status)] = (errors[String(r.status)] ?? 0) + 1;
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      latencies.sort((a, b) => a - b);
      const q = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]! * 10) / 10;
      return { rps: Math.round((latencies.length / seconds) * 10) / 10, errors, q50: q(0.5), q95: q(0.95), sent: latencies.length, seconds };
    };
    const rows: BenchRow[] = [
      { figure: "First start on a new data directory: seeding and measuring every version on the real sets (s)", value: startupSeconds },
    ];
    const runs: Record<string, Awaited<ReturnType<typeof load>>> = {};
    for (const { label, model } of MODELS) {
      console.log(`POST /api/classify with ${label}: warm-up, then ${CONCURRENCY} clients…`);
      const run = (runs[label] = await load(model));
      const errorCount = Object.values(run.errors).reduce((s, n) => s + n, 0);
      rows.push(
        {
          figure: `POST /api/classify, ${PER_REQUEST} descriptions each, ${CONCURRENCY} clients, ${label} (requests/s)`,
          value: run.rps,
          goal: "≥ 200",
          met: run.rps >= 200,
        },
        { figure: "  descriptions/s (with top-5 and word explanations)", value: Math.round(run.rps * PER_REQUEST) },
        { figure: "  errors", value: errorCount, goal: "= 0", met: errorCount === 0 },
        { figure: "  latency p50 (ms)", value: run.q50 },
        { figure: "  latency p95 (ms)", value: run.q95 },
        { figure: "  requests sent", value: run.sent },
      );
    }
    // Reference: the same clients on GET /healthz (one SQLite read, no model) — the HTTP stack's ceiling on this machine.
    let healthz = 0;
    const healthStarted = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (performance.now() - healthStarted < 5000) {
          await (await fetch(healthzUrl)).text();
          healthz++;
        }
      }),
    );
    const healthzRps = Math.round((healthz / ((performance.now() - healthStarted) / 1000)) * 10) / 10;
    rows.push({ figure: "Reference: GET /healthz with the same clients, no model (requests/s)", value: healthzRps });
    const result = {
      benchmark: "http",
      at: new Date().toISOString(),
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model },
      settings: { maxRequests: MAX_REQUESTS, maxSeconds: MAX_SECONDS, concurrency: CONCURRENCY, perRequest: PER_REQUEST },
      startupSeconds,
      runs,
      table: rows,
    };
    printResults(`HTTP load test: POST /api/classify on localhost, ${result.machine.cpus} cores`, rows);
    writeFileSync(join(root, "bench/results", `http-${result.at.replace(/[:.]/g, "-")}.json`), JSON.stringify(result, null, 2) + "\n");
    writeFileSync(join(root, "bench/results/http-latest.json"), JSON.stringify(result, null, 2) + "\n");
    updateReadme(
      "http",
      `**HTTP** — ${result.at.slice(0, 10)}, ${result.machine.cpus} cores: \`node server.js\` (one process, measured once its start-up measurement of the real sets is done) per model, ${CONCURRENCY} concurrent clients on the same machine, at most ${MAX_REQUESTS} requests or ${MAX_SECONDS} s.`,
      rows,
    );
  } finally {
    server.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
