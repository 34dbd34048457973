// The one DuckDB-WASM instance of the page. Everything on the client asks this module for it.
import * as duckdb from "@duckdb/duckdb-wasm";
import { duckErrorText } from "./duck-error";

export interface Duck {
  db: duckdb.AsyncDuckDB;
  conn: duckdb.AsyncDuckDBConnection;
  bundle: "eh" | "mvp";
}

let instance: Promise<Duck> | null = null;

/** Bundles are served by our own server from public/duckdb (copied by scripts/postinstall.js): no CDN, works offline. */
function localBundles(): duckdb.DuckDBBundles {
  const base = new URL("/duckdb/", window.location.origin).href;
  return {
    mvp: { mainModule: `${base}duckdb-mvp.wasm`, mainWorker: `${base}duckdb-browser-mvp.worker.js` },
    eh: { mainModule: `${base}duckdb-eh.wasm`, mainWorker: `${base}duckdb-browser-eh.worker.js` },
  };
}

export function getDuck(): Promise<Duck> {
  instance ??= (async () => {
    const bundles = localBundles();
    const bundle = await duckdb.selectBundle(bundles);
    const worker = new Worker(bundle.mainWorker!);
    const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
    await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
    await db.open({ query: { castBigIntToDouble: true } });
    const conn = await db.connect();
    // Parquet/JSON extensions would be downloaded at run time: never try (the app must work offline).
    await conn.query("SET autoinstall_known_extensions = false");
    await conn.query("SET autoload_known_extensions = false");
    return { db, conn, bundle: bundle.mainModule === bundles.eh!.mainModule ? "eh" : "mvp" };
  })();
  instance.catch(() => (instance = null));
  return instance;
}

/** Runs SQL and returns plain row objects (numbers as numbers, dates as ISO strings). */
export async function queryRows<T = Record<string, unknown>>(sql: string): Promise<T[]> {
  const { conn } = await getDuck();
  const table = await conn.query(sql);
  return arrowRows<T>(table);
}

export function arrowRows<T>(table: { toArray(): unknown[]; schema: { fields: { name: string; type: { typeId: number } }[] } }): T[] {
  const dateFields = table.schema.fields.filter((f) => f.type.typeId === 8 /* Date */ || f.type.typeId === 10 /* Timestamp */).map((f) => f.name);
  return table.toArray().map((row) => {
    const plain = (row as { toJSON(): Record<string, unknown> }).toJSON();
    for (const name of dateFields) {
      const v = plain[name];
      if (typeof v === "number") plain[name] = new Date(v).toISOString().slice(0, 10);
      else if (v instanceof Date) plain[name] = v.toISOString().slice(0, 10);
    }
    return plain as T;
  });
}

/**
 * Runs a long statement as a pending query that an abort cancels between execution steps (DuckDB then keeps nothing
 * of it). It has a connection of its own: a query sent on the page's connection while it runs (keeping tables in the
 * browser, a view refreshing) would end it half-way, with an error that says nothing. DuckDB's own progress reports
 * are not used: they reach JavaScript through code the page's Content Security Policy forbids (eval in the worker).
 */
export async function runCancellable(sql: string, signal: AbortSignal): Promise<void> {
  const { db } = await getDuck();
  const conn = await db.connect();
  const cancel = () => void conn.cancelSent();
  signal.addEventListener("abort", cancel);
  try {
    const reader = await conn.send(sql);
    for await (const batch of reader) void batch;
  } catch (error) {
    if (signal.aborted) throw new DOMException("The load was cancelled", "AbortError");
    throw error;
  } finally {
    signal.removeEventListener("abort", cancel);
    await conn.close().catch(() => undefined);
  }
  if (signal.aborted) throw new DOMException("The load was cancelled", "AbortError");
}

/** DuckDB's error text as users should read it (see duck-error.ts). */
export const duckErrorMessage = duckErrorText;

/**
 * Reads a table page by page in row order (by rowid), for work done in JavaScript on every row (predictions):
 * one bounded Arrow result at a time instead of the whole table.
 */
export async function* tablePages<T>(table: string, selectList: string, rows: number, pageSize: number): AsyncGenerator<T[]> {
  for (let low = 0; low < rows; low += pageSize) {
    yield queryRows<T>(`SELECT ${selectList} FROM ${table} WHERE rowid >= ${low} AND rowid < ${low + pageSize} ORDER BY rowid`);
  }
}
