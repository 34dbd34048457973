// The browser database's catalog: which tables the user has, the names the app gives its own tables (never listed to
// users), identifier and literal quoting, and the table operations (count, columns, rename, drop). Every browser
// module names and quotes tables through here.
import { quoteIdent, quoteLiteral } from "../../workbench/sql-quote";
import type { PredictionJob, ServerPredictionsEntry } from "../../workbench/registry/server-extracts";
import { getDuck, queryRows } from "./duckdb.client";

export { quoteIdent, quoteLiteral };

/** Where a table lives: this tab's DuckDB-WASM, or an extract registered on the server (native DuckDB there). */
export type TablePlace = "browser" | "server";

export interface TableInfo {
  name: string;
  rows: number;
  columns: { name: string; type: string }[];
  place: TablePlace;
  /** a server extract: what the registry says of it, and why it cannot be read now */
  server?: {
    format: string;
    files: number;
    registeredBy: string;
    registeredAt: string;
    predictions: ServerPredictionsEntry[];
    job: PredictionJob | null;
    problem?: string;
  };
}

/** Tables the app makes for itself start with "__": staging, scratch, query results, compared lines. */
const INTERNAL_PREFIX = "__";

/** Names of the app's own tables. */
export const internalTables = {
  queryResult: "__result",
  predictions: "__predictions",
  staging: (n: number) => `__staging_${n}`,
  /** one table's HS 2017 codes with their single HS 2022 successor */
  hs2017Map: (table: string) => `__hs2017_map_${table.replace(/[^A-Za-z0-9_]/g, "_").slice(0, 40)}`,
  /** the paired lines of a comparison: one per compared pair and set */

  comparison: (aSha256: string, bSha256: string, setHash: string) => `__compare_${aSha256.slice(0, 8)}_${bSha256.slice(0, 8)}_${setHash.slice(0, 8)}`,
};

/** The user's tables with their columns and row counts (internal tables left out). */
export async function listTables(): Promise<TableInfo[]> {
  const columns = await queryRows<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT table_name, column_name, data_type FROM information_schema.columns
     WHERE table_schema = 'main' AND NOT starts_with(table_name, ${quoteLiteral(INTERNAL_PREFIX)}) ORDER BY table_name, ordinal_position`,
  );
  const names = [...new Set(columns.map((c) => c.table_name))];
  const counts = await Promise.all(names.map((n) => countRows(quoteIdent(n))));
  return names.map((name, i) => ({
    name,
    place: "browser" as const,
    rows: counts[i]!,
    columns: columns.filter((c) => c.table_name === name).map((c) => ({ name: c.column_name, type: c.data_type })),
  }));
}

/** Rows of a table or of a query in parentheses. */
export async function countRows(relation: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(`SELECT count(*)::DOUBLE AS n FROM ${relation}`);
  return row?.n ?? 0;
}

/** Column names and types of a table or a query in parentheses. */
export async function describe(relation: string): Promise<{ name: string; type: string }[]> {
  const rows = await queryRows<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM ${relation}`);
  return rows.map((r) => ({ name: r.column_name, type: r.column_type }));
}

export async function tableExists(name: string): Promise<boolean> {
  const [row] = await queryRows<{ n: number }>(`SELECT count(*)::DOUBLE AS n FROM duckdb_tables() WHERE table_name = ${quoteLiteral(name)}`);
  return (row?.n ?? 0) > 0;
}

export async function renameTable(from: string, to: string): Promise<void> {
  const { conn } = await getDuck();
  await conn.query(`ALTER TABLE ${quoteIdent(from)} RENAME TO ${quoteIdent(to)}`);
}

export async function dropTable(name: string): Promise<void> {
  const { conn } = await getDuck();
  await conn.query(`DROP TABLE IF EXISTS ${quoteIdent(name)}`);
}

/** User tables (internal ones left out) that have every one of the columns. */
export async function tablesWithColumns(columns: readonly string[]): Promise<string[]> {
  const rows = await queryRows<{ t: string }>(
    `SELECT table_name AS t FROM duckdb_columns() WHERE column_name IN (${columns.map(quoteLiteral).join(", ")})
     AND NOT starts_with(table_name, ${quoteLiteral(INTERNAL_PREFIX)}) GROUP BY table_name HAVING count(*) = ${columns.length} ORDER BY table_name`,
  );
  return rows.map((r) => r.t);
}

/** User tables that hold both a goods description and a declared code (candidates for a comparison). */
export const labelledTables = () => tablesWithColumns(["goods_description", "commodity_code"]);
