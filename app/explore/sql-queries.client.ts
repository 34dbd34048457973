// What the SQL workspace runs: the user's statement as typed; a query's rows are kept in a temporary table so the
// grid can page through them without running the query again.
import { internalTables, quoteIdent } from "./catalog.client";
import { getDuck } from "./duckdb.client";

/** Statements whose rows we keep in a temporary table, so the grid can page through them without re-running. */
const RETURNS_ROWS = /^\s*(\(|select\b|with\b|from\b|values\b|table\b|pivot\b|unpivot\b|describe\b|summarize\b|show\b)/i;

export async function runUserSql(text: string): Promise<"rows" | "statement"> {
  const { conn } = await getDuck();
  if (RETURNS_ROWS.test(text)) {
    await conn.query(`CREATE OR REPLACE TEMP TABLE ${internalTables.queryResult} AS ${text}`);
    return "rows";
  }
  await conn.query(text);
  return "statement";
}

/** What the editor holds before the user types: the first rows of the selected table. */
export const exampleQuery = (table: string | null) => (table ? `SELECT *\nFROM ${quoteIdent(table)}\nLIMIT 100` : "SELECT 42 AS answer");
