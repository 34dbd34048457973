import { DuckDBInstance } from "@duckdb/node-api";
import { existsSync } from "node:fs";
import { InputError, UsageError } from "./command";
import { quoteIdent } from "../../workbench/sql-quote";

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Reads named columns of a CSV or Parquet file as text (codes keep their zeros), in file order. */
export async function readColumns(file: string, columns: string[]): Promise<Record<string, (string | null)[]>> {
  if (!existsSync(file)) throw new UsageError(`${file} does not exist`);
  const connection = await (await DuckDBInstance.create(":memory:")).connect();
  const parquet = /\.parquet$/i.test(file);
  // standard CSV quoting and strict parsing: an unterminated quote or a ragged row is an error, not silently read
  const source = parquet
    ? `read_parquet(${quote(file)})`
    : `read_csv(${quote(file)}, all_varchar = true, header = true, quote = '"', escape = '"', strict_mode = true)`;
  const kind = parquet ? "Parquet" : "CSV";
  const run = async (sql: string) => {
    try {
      return await connection.runAndReadAll(sql);
    } catch (error) {
      // one line naming the file and what was wrong (DuckDB's first line carries the row when it knows it)
      const first = String((error as Error).message ?? error)
        .split("\n")[0]!
        .replace(/^[A-Za-z ]+Error: /, "")
        .slice(0, 240);
      throw new InputError(`${file}: not a readable ${kind} file with a header row (${first})`);
    }
  };
  const available = (await run(`SELECT column_name FROM (DESCRIBE SELECT * FROM ${source})`)).getRows().map((r) => String(r[0]));
  for (const c of columns) {
    if (!available.includes(c)) throw new UsageError(`${file} has no column '${c}'; its columns are ${available.join(", ")}`);
  }
  const reader = await run(`SELECT ${columns.map((c) => `CAST(${quoteIdent(c)} AS VARCHAR)`).join(", ")} FROM ${source}`);
  const rows = reader.getRows();
  return Object.fromEntries(columns.map((c, i) => [c, rows.map((r) => (r[i] === null ? null : String(r[i])))]));
}
