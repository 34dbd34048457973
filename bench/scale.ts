// `npm run bench:scale`: the scale path, measured in one run on this machine.
// 1. Registry operations per second on SQLite and on PostgreSQL (the same store code; a PostgreSQL server is started
//    for the run), one caller and eight at once.
// 2. Native DuckDB on the server over a 10,000,000-line table of two versions' predictions (a chapter GROUP BY and the
//    chapter confusion matrix of A vs B) against the same SQL in DuckDB-WASM in headless Chromium on 1,000,000 lines.
// 3. `workbench evaluate` over a 1,000,000-line generated extract (the production model, as a command-line run).
// Prints a table and writes bench/results/scale-<timestamp>.json.
import { DuckDBInstance } from "@duckdb/node-api";
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { parseArgs, promisify } from "node:util";
import { chapterMatrixSql, PAIR_TABLE_COLUMNS, PAIR_TABLE_SELECT } from "../workbench/evaluation/confusion-sql";
import { loadNomenclature, repoRoot } from "../workbench/hs/load-fixtures";
import { seedModelVersions } from "../workbench/registry/seed-models";
import { takeApiBudget } from "../workbench/store/api-budget";
import { audit, SYSTEM_ACTOR } from "../workbench/store/audit";
import { databaseFile, migrate, openDatabase, type Db } from "../workbench/store/db";
import { connectPostgres } from "../workbench/store/postgres";
import { createSession, sessionUserId } from "../workbench/store/sessions";
import { createUser } from "../workbench/store/users";
import { createDatabase, startPostgres } from "../tests/support/postgres-server";
import { bundlePage, launchChromium, serve } from "./browser";
import { ensurePairsCsv, syntheticPairs } from "./compare-data";
import { benchDataDir, ensureExtract } from "./extract-data";
import { printResults, updateReadme, type BenchRow } from "./report";

const { values } = parseArgs({
  options: {
    "server-rows": { type: "string", default: "10000000" },
    "browser-rows": { type: "string", default: "1000000" },
    "evaluate-rows": { type: "string", default: "1000000" },
  },
});
const SERVER_ROWS = Number(values["server-rows"]);
const BROWSER_ROWS = Number(values["browser-rows"]);
const EVALUATE_ROWS = Number(values["evaluate-rows"]);
const root = resolve(".");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Calls per second of `op` over about a second, with `callers` running at once. */
async function perSecond(op: () => Promise<unknown>, callers: number): Promise<number> {
  const until = performance.now() + 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (performance.now() < until) {
        await op();
        done++;
      }
    }),
  );
  return Math.round(done / ((performance.now() - until + 1000) / 1000));
}

async function registryOps(db: Db) {
  const user = await createUser(db, { username: `bench-${Date.now()}`, role: "viewer", password: "bench-password-2026" }, SYSTEM_ACTOR);
  const sid = await createSession(db, user.id, "bench");
  const ops: Record<string, () => Promise<unknown>> = {
    "session check (read)": () => sessionUserId(db, sid),
    "audit entry (write transaction)": () =>
      db.transaction((tx) => audit(tx, { actor: SYSTEM_ACTOR, action: "auth.sign-in", targetType: "user", targetId: user.id })),
    "API budget (read + write transaction)": () =>
      takeApiBudget(db, [{ budget: "requests", perMinute: 1e9, cost: 1, burstAtLeast: 5 }], { user: user.id }),
  };
  const out: Record<string, { one: number; eight: number }> = {};
  for (const [name, op] of Object.entries(ops)) out[name] = { one: await perSecond(op, 1), eight: await perSecond(op, 8) };
  return out;
}

async function registry() {
  const dir = mkdtempSync(join(tmpdir(), "workbench-bench-scale-"));
  const postgres = await startPostgres();
  try {
    console.log("registry: SQLite (a file in WAL mode, as installed)…");
    const sqlite = await openDatabase(databaseFile(dir));
    const onSqlite = await registryOps(sqlite);
    await sqlite.close();
    console.log("registry: PostgreSQL (a server on this machine, started for the run)…");
    const postgresDb = await connectPostgres(await createDatabase(postgres.adminUrl, "bench"), { max: 10 });
    await migrate(postgresDb);
    const onPostgres = await registryOps(postgresDb);
    await postgresDb.close();
    return { sqlite: onSqlite, postgres: onPostgres };
  } finally {
    postgres.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const QUERIES = {
  "chapter GROUP BY": (t: string) => `SELECT truth_chapter, count(*) AS n FROM ${t} GROUP BY ALL`,
  "confusion matrix A vs B by chapter": (t: string) => chapterMatrixSql(t, "a_chapter", "b_chapter"),
};

async function duckdb() {
  const codes = loadNomenclature()
    .subheadings()
    .map((s) => s.code);
  mkdirSync(benchDataDir, { recursive: true });
  const csvPath = join(benchDataDir, `predictions-${BROWSER_ROWS}.csv`);
  ensurePairsCsv(csvPath, syntheticPairs(BROWSER_ROWS, codes));

  console.log(
    `native DuckDB: ${SERVER_ROWS.toLocaleString("en")} lines (the ${BROWSER_ROWS.toLocaleString("en")} pairs, ${SERVER_ROWS / BROWSER_ROWS} times)…`,
  );
  const duck = await (await DuckDBInstance.create(":memory:")).connect();
  await duck.run(
    `CREATE TABLE base AS SELECT ${PAIR_TABLE_SELECT} FROM read_csv('${csvPath}', header = true, auto_detect = false, columns = {${PAIR_TABLE_COLUMNS}})`,
  );
  await duck.run(`CREATE TABLE big AS SELECT base.* FROM base, range(${SERVER_ROWS / BROWSER_ROWS})`);
  const threads = String((await duck.runAndReadAll("SELECT current_setting('threads')")).getRows()[0]![0]);
  const native: Record<string, number> = {};
  for (const [name, sql] of Object.entries(QUERIES)) {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      await duck.runAndReadAll(sql("big"));
      times.push(performance.now() - t);
    }
    native[name] = Math.round(median(times));
  }

  console.log(`DuckDB-WASM in headless Chromium: ${BROWSER_ROWS.toLocaleString("en")} lines…`);
  const { server, port } = await serve(await bundlePage(join(root, "bench/compare-page.ts")), root, benchDataDir);
  const browser = await launchChromium();
  const wasm: Record<string, number> = {};
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => document.title === "bench ready");
    type Api = { bench: Record<string, (...a: unknown[]) => Promise<{ ms: number }>> };
    const call = (name: string, ...args: unknown[]) =>
      page.evaluate(([f, a]) => (window as unknown as Api).bench[f as string]!(...(a as unknown[])), [name, args] as const);
    await call("start");
    await call("load", `/data/predictions-${BROWSER_ROWS}.csv`);
    for (const [name, sql] of Object.entries(QUERIES)) {
      const times: number[] = [];
      for (let i = 0; i < 3; i++) times.push((await call("time", sql("predictions"))).ms);
      wasm[name] = Math.round(median(times));
    }
  } finally {
    await browser.close();
    server.close();
  }
  return { threads, native, wasm };
}

async function evaluate() {
  const { csvPath } = await ensureExtract(EVALUATE_ROWS);
  const dataDir = mkdtempSync(join(tmpdir(), "workbench-bench-evaluate-"));
  try {
    const db = await openDatabase(databaseFile(dataDir));
    await seedModelVersions(db, repoRoot());
    await db.close();
    console.log(`workbench evaluate: hs-baseline@1.0.0 on ${EVALUATE_ROWS.toLocaleString("en")} lines…`);
    const t = performance.now();
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        "bin/workbench.js",
        "evaluate",
        "--model",
        "hs-baseline@1.0.0",
        "--input",
        csvPath,
        "--text-column",
        "goods_description",
        "--label-column",
        "commodity_code",
        "--json",
      ],
      { env: { ...process.env, WORKBENCH_DATA_DIR: dataDir }, maxBuffer: 64 * 1024 * 1024 },
    );
    const seconds = (performance.now() - t) / 1000;
    const report = JSON.parse(stdout) as { lines?: number; n?: number };
    return {
      seconds: Math.round(seconds * 10) / 10,
      linesPerSecond: Math.round(EVALUATE_ROWS / seconds),
      reportLines: report.lines ?? report.n ?? null,
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The same work in a browser tab: the extract read by DuckDB-WASM, classified and scored as `evaluate` does. */
async function evaluateInBrowser() {
  const { csvPath } = await ensureExtract(EVALUATE_ROWS);
  console.log(`the same in headless Chromium (DuckDB-WASM, TensorFlow.js wasm): ${EVALUATE_ROWS.toLocaleString("en")} lines…`);
  const { server, port } = await serve(await bundlePage(join(root, "bench/evaluate-page.ts")), root, benchDataDir);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => document.title === "bench ready");
    type Api = {
      bench: { evaluate(url: string, ref: string): Promise<{ lines: number; readMs: number; predictMs: number; totalMs: number; hs6Top1: number }> };
    };
    const result = await page.evaluate(([url, ref]) => (window as unknown as Api).bench.evaluate(url, ref), [
      `/data/${basename(csvPath)}`,
      "hs-baseline@1.0.0",
    ] as const);
    return {
      ...result,
      seconds: Math.round(result.totalMs / 100) / 10,
      linesPerSecond: Math.round(result.lines / (result.totalMs / 1000)),
    };
  } finally {
    await browser.close();
    server.close();
  }
}

async function main() {
  const registryResult = await registry();
  const duck = await duckdb();
  const evaluated = await evaluate();
  const inBrowser = await evaluateInBrowser();
  const rows: BenchRow[] = [];
  for (const [op, sqlite] of Object.entries(registryResult.sqlite)) {
    const postgres = registryResult.postgres[op]!;
    rows.push({ figure: `Registry: ${op}, per second, SQLite / PostgreSQL, 1 caller`, value: `${sqlite.one} / ${postgres.one}` });
    rows.push({ figure: `Registry: ${op}, per second, SQLite / PostgreSQL, 8 callers`, value: `${sqlite.eight} / ${postgres.eight}` });
  }
  for (const name of Object.keys(QUERIES)) {
    const native = duck.native[name]!;
    const wasm = duck.wasm[name]!;
    rows.push({ figure: `Server DuckDB (${duck.threads} threads), ${name}, ${SERVER_ROWS / 1e6}M lines (ms)`, value: native });
    rows.push({ figure: `  browser DuckDB-WASM, same SQL, ${BROWSER_ROWS / 1e6}M lines (ms)`, value: wasm });
    rows.push({
      figure: "  time per line, browser ÷ server (×)",
      value: Math.round((wasm / BROWSER_ROWS / (native / SERVER_ROWS)) * 10) / 10,
    });
  }
  rows.push({ figure: `workbench evaluate, ${EVALUATE_ROWS / 1e6}M lines, hs-baseline (s)`, value: evaluated.seconds });
  rows.push({ figure: "  lines per second (read, predict top-5, score)", value: evaluated.linesPerSecond });
  rows.push({ figure: `  the same in a browser tab, ${EVALUATE_ROWS / 1e6}M lines (s)`, value: inBrowser.seconds });
  rows.push({ figure: "  lines per second in the browser", value: inBrowser.linesPerSecond });
  rows.push({ figure: "  time, browser ÷ server (×)", value: Math.round((inBrowser.seconds / evaluated.seconds) * 10) / 10 });
  const result = {
    benchmark: "scale",
    at: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model },
    registry: registryResult,
    duckdb: duck,
    evaluate: evaluated,
    evaluateInBrowser: inBrowser,
    table: rows,
  };
  printResults("Scale benchmark", rows);
  const out = join(root, "bench/results", `scale-${result.at.replace(/[:.]/g, "-")}.json`);
  writeFileSync(out, JSON.stringify(result, null, 2) + "\n");
  writeFileSync(join(root, "bench/results/scale-latest.json"), JSON.stringify(result, null, 2) + "\n");
  updateReadme(
    "scale",
    `**Scale** — ${result.at.slice(0, 10)}, ${result.machine.cpus} cores; registry on SQLite (WAL file) and PostgreSQL 15 (same machine), native DuckDB vs DuckDB-WASM in headless Chromium on generated predictions, \`workbench evaluate\` on the generated extract.`,
    rows,
  );
  console.log(`\nwrote ${out}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
