// Where a table's SQL runs: in this tab's DuckDB-WASM, or — for an extract registered on the server — in native
// DuckDB on the server, through the query API (one SELECT, a time limit, at most 10,000 rows back). Every Explore
// query goes through the engine of the table it reads, so views, rows, drift and accuracy by slice work on both; the
// browser never receives more of a server extract than an answer.
import { describe, type TableInfo, type TablePlace } from "./catalog.client";
import { queryRows } from "./duckdb.client";

export interface Engine {
  place: TablePlace;
  /** the server extract a server engine queries */
  extract?: string;
  /** the rows of a query (a server answer cut at its row cap is refused: a view must not show part of its data) */
  rows<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  /** column names and types of a table or a query in parentheses */
  columns(relation: string): Promise<{ name: string; type: string }[]>;
}

export interface ServerAnswer {
  columns: { name: string; type: string }[];
  rows: Record<string, unknown>[];
  truncated: boolean;
  ms: number;
}

/**
 * A call to a server extract's API (`/api/extracts/NAME/…`, GET without a body, POST with one): its JSON answer, or
 * the server's own message (time limit, read-only, no right to predict…) as the error.
 */
export async function extractApi<T>(extract: string, path: "query" | "predictions", body?: unknown): Promise<T> {
  const response = await fetch(
    `/api/extracts/${encodeURIComponent(extract)}/${path}`,
    body === undefined
      ? { credentials: "same-origin" }
      : { method: "POST", credentials: "same-origin", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) },
  );
  const answer = (await response.json().catch(() => null)) as { error?: string } | null;
  if (!response.ok || !answer) throw new Error(answer?.error ?? `the server answered ${response.status}`);
  return answer as T;
}

/** Runs one SELECT on a server extract. */
export async function serverQuery(extract: string, sql: string): Promise<ServerAnswer> {
  const body = await extractApi<{ columns: ServerAnswer["columns"]; rows: unknown[][]; truncated: boolean; ms: number }>(extract, "query", {
    sql,
  });
  const names = body.columns.map((c) => c.name);
  return {
    columns: body.columns,
    rows: body.rows.map((r) => Object.fromEntries(names.map((n, i) => [n, r[i]]))),
    truncated: body.truncated,
    ms: body.ms,
  };
}

export const browserEngine: Engine = { place: "browser", rows: queryRows, columns: describe };

function serverEngine(extract: string): Engine {
  return {
    place: "server",
    extract,
    async rows<T>(sql: string) {
      const answer = await serverQuery(extract, sql);
      if (answer.truncated) throw new Error("the answer has more than 10,000 rows; narrow the filters");
      return answer.rows as T[];
    },
    async columns(relation: string) {
      return (await serverQuery(extract, `SELECT * FROM ${relation} LIMIT 0`)).columns;
    },
  };
}

const serverEngines = new Map<string, Engine>();

/** The engine of a table (one object per table, so components can depend on it). */
export function engineOf(t: { name: string; place: TablePlace }): Engine {
  if (t.place === "browser") return browserEngine;
  let engine = serverEngines.get(t.name);
  if (!engine) serverEngines.set(t.name, (engine = serverEngine(t.name)));
  return engine;
}

/** One page of a table or a query in parentheses, with its total row count and columns. */
export async function readPage(engine: Engine, relation: string, page: number, pageSize: number) {
  const [[count], columns, rows] = await Promise.all([
    engine.rows<{ n: number }>(`SELECT count(*)::DOUBLE AS n FROM ${relation}`),
    engine.columns(relation),
    engine.rows(`SELECT * FROM ${relation} LIMIT ${pageSize} OFFSET ${page * pageSize}`),
  ]);
  return { total: count?.n ?? 0, columns, rows };
}

/** The extracts registered on the server, as tables beside the browser's (an unreadable one says why). */
export async function fetchServerTables(): Promise<TableInfo[]> {
  const response = await fetch("/api/extracts", { credentials: "same-origin" });
  if (!response.ok) throw new Error(`could not list the server's extracts (${response.status})`);
  const { extracts } = (await response.json()) as { extracts: ServerListing[] };
  return extracts.map((e) => ({
    name: e.name,
    place: "server" as const,
    rows: "problem" in e.info ? 0 : e.info.rows,
    columns: "problem" in e.info ? [] : e.info.columns,
    server: {
      format: e.format,
      files: e.files,
      registeredBy: e.registeredBy,
      registeredAt: e.registeredAt,
      predictions: e.predictions,
      job: e.job,
      ...("problem" in e.info ? { problem: e.info.problem } : {}),
    },
  }));
}

interface ServerListing extends Omit<NonNullable<TableInfo["server"]>, "problem"> {
  name: string;
  info: { columns: { name: string; type: string }[]; rows: number } | { problem: string };
}
