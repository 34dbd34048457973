import { DuckDBInstance } from "@duckdb/node-api";
import { existsSync } from "node:fs";
import { UsageError } from "./command";
import { quoteIdent } from "../../workbench/sql-quote";

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Reads named columns of a CSV or Parquet file as text (codes keep their zeros), in file order. */
export async function readColumns(file: string, columns: string[]): Promise<Record<string, (string | null)[]>> {
  if (!existsSync(file)) throw new UsageError(`${file} does not exist`);
  const connection = await (await DuckDBInstance.create(":memory:")).connect();
  const source = /\.parquet$/i.test(file) ? `read_parquet(${quote(file)})` : `read_csv(${quote(file)}, all_varchar = true, header = true)`;
  const available = (await connection.runAndReadAll(`SELECT column_name FROM (DESCRIBE SELECT * FROM ${source})`)).getRows().map((r) => String(r[0]));
  for (const c of columns) {
    if (!available.includes(c)) throw new UsageError(`${file} has no column '${c}'; its columns are ${available.join(", ")}`);
  }
  const reader = await connection.runAndReadAll(`SELECT ${columns.map((c) => `CAST(${quoteIdent(c)} AS VARCHAR)`).join(", ")} FROM ${source}`);
  const rows = reader.getRows();
  return Object.fromEntries(columns.map((c, i) => [c, rows.map((r) => (r[i] === null ? null : String(r[i])))]));
}
