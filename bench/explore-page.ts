// Runs inside headless Chromium for `npm run bench:explore`: the product's own DuckDB-WASM code paths.
import { EXTRACT_COLUMNS, EXTRACT_SQL_TYPES } from "../workbench/extract/declaration-line";
import { quoteLiteral } from "../workbench/sql-quote";
import { getDuck } from "../app/explore/duckdb.client";
import { collectValidationInput, commitStaged, stageFile } from "../app/explore/ingest.client";
import { DuckDBDataProtocol } from "@duckdb/duckdb-wasm";
import { ensureParquetWasm, parquetRowGroups } from "../app/explore/parquet.client";

async function fileFrom(url: string, name: string): Promise<File> {
  const blob = await (await fetch(url)).blob();
  return new File([blob], name);
}

const ms = (start: number) => Math.round(performance.now() - start);

async function groupByChapter(table: string, runs = 7): Promise<{ coldMs: number; warmMedianMs: number }> {
  const { conn } = await getDuck();
  // Tables loaded by the Explore page carry hs_chapter (UTINYINT); the plain read does not.
  const columns = await conn.query(`SELECT column_name FROM (DESCRIBE ${table})`);
  const chapter = columns.toArray().some((r) => r.toJSON().column_name === "hs_chapter") ? "hs_chapter" : "substr(commodity_code, 1, 2)";
  const sql = `SELECT ${chapter} AS chapter, count(*) AS lines, sum(statistical_value) AS value FROM ${table} GROUP BY 1`;
  let t = performance.now();
  await conn.query(sql);
  const coldMs = ms(t);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    await conn.query(sql);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { coldMs, warmMedianMs: Math.round(times[Math.floor(times.length / 2)]! * 10) / 10 };
}

const api = {
  /** What the Explore page does when it opens: start DuckDB and parquet-wasm. */
  async start() {
    const t = performance.now();
    const [duck] = await Promise.all([getDuck(), ensureParquetWasm()]);
    return { bundle: duck.bundle, startMs: ms(t) };
  },
  /** The same SQL as the native run: one read_csv with explicit column types over a registered file handle. */
  async csvPlain(url: string) {
    const file = await fileFrom(url, "plain.csv");
    const { db, conn } = await getDuck();
    await db.registerFileHandle("plain.csv", file, DuckDBDataProtocol.BROWSER_FILEREADER, true);
    const columns = EXTRACT_COLUMNS.map((c) => `${quoteLiteral(c)}: '${EXTRACT_SQL_TYPES[c]}'`).join(", ");
    const t = performance.now();
    await conn.query(`CREATE TABLE plain_csv AS SELECT * FROM read_csv('plain.csv', header = true, auto_detect = false, columns = {${columns}})`);
    const loadMs = ms(t);
    return { loadMs, groupBy: await groupByChapter("plain_csv") };
  },
  /** What the Explore page does: chunked staging with progress and cancel, validation counts, typed commit. */
  async csvProduct(url: string) {
    const file = await fileFrom(url, "product.csv");
    let t = performance.now();
    const staged = await stageFile(file, () => undefined, new AbortController().signal);
    const stageMs = ms(t);
    t = performance.now();
    await collectValidationInput(staged);
    const validateMs = ms(t);
    t = performance.now();
    await commitStaged(staged, "product_csv", null);
    const commitMs = ms(t);
    return { loadMs: stageMs + commitMs, stageMs, commitMs, validateMs, groupBy: await groupByChapter("product_csv") };
  },
  async parquetProduct(url: string) {
    const file = await fileFrom(url, "product.parquet");
    let t = performance.now();
    const staged = await stageFile(file, () => undefined, new AbortController().signal);
    const stageMs = ms(t);
    t = performance.now();
    await commitStaged(staged, "product_parquet", null);
    const commitMs = ms(t);
    return { loadMs: stageMs + commitMs, stageMs, commitMs, groupBy: await groupByChapter("product_parquet") };
  },
  /** Where the Parquet path spends its time: parquet-wasm decoding vs DuckDB's Arrow insert. */
  async parquetBreakdown(url: string) {
    const file = await fileFrom(url, "breakdown.parquet");
    const { conn } = await getDuck();
    let decodeMs = 0;
    let insertMs = 0;
    let groups = 0;
    let t = performance.now();
    for await (const group of parquetRowGroups(file)) {
      decodeMs += performance.now() - t;
      t = performance.now();
      await conn.insertArrowFromIPCStream(group.ipc, { name: "breakdown", create: group.group === 0 });
      insertMs += performance.now() - t;
      groups++;
      t = performance.now();
    }
    await conn.query("DROP TABLE breakdown");
    return { groups, decodeMs: Math.round(decodeMs), insertMs: Math.round(insertMs) };
  },
  async drop(table: string) {
    const { conn } = await getDuck();
    await conn.query(`DROP TABLE IF EXISTS ${table}`);
  },
};

(window as unknown as { bench: typeof api }).bench = api;
document.title = "bench ready";
