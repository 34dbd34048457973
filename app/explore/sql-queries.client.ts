// What the SQL workspace runs: the user's statement as typed; a query's rows are kept in a temporary table so the
// grid can page through them without running the query again. On a server extract the query runs there (one
// SELECT, time limit, row cap) and only its answer is kept here, with the server's column types.
import { Table } from "apache-arrow";
import { utf8Vector } from "./arrow-vectors";
import { internalTables, quoteIdent } from "./catalog.client";
import { getDuck } from "./duckdb.client";
import { serverQuery } from "./table-engine.client";

/** Statements whose rows we keep in a temporary table, so the grid can page through them without re-running. */
const RETURNS_ROWS = /^\s*(\(|select\b|with\b|from\b|values\b|table\b|pivot\b|unpivot\b|describe\b|summarize\b|show\b)/i;

/** Statements DuckDB runs only on their own (SHOW TABLES, DESCRIBE t, SUMMARIZE t): kept by reading them as a subquery. */
const ON_THEIR_OWN = /^\s*(describe|summarize|show)\b/i;

export async function runUserSql(text: string): Promise<"rows" | "statement"> {
  const { conn } = await getDuck();
  if (RETURNS_ROWS.test(text)) {
    const statement = text.trim().replace(/;\s*$/, "");
    // the page's own tables (named __…) are not the analyst's: SHOW TABLES leaves them out, as the table list does
    const hidden = /^show\s+(all\s+)?tables$/i.test(statement) ? " WHERE name NOT LIKE '\\_\\_%' ESCAPE '\\'" : "";
    const rows = ON_THEIR_OWN.test(statement) ? `SELECT * FROM (${statement})${hidden}` : text;
    await conn.query(`CREATE OR REPLACE TEMP TABLE ${internalTables.queryResult} AS ${rows}`);
    return "rows";
  }
  await conn.query(text);
  return "statement";
}

/** Types an answer's column keeps here; anything else (lists, structs, sent as text by the server) stays text. */
const PLAIN_TYPE =
  /^(VARCHAR|BOOLEAN|TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DATE|TIMESTAMP|TIME|DECIMAL\(\d+,\s*\d+\))$/;

/** Runs the query on a server extract and keeps its answer (at most the server's row cap) as the query result. */
export async function runUserSqlOnServer(extract: string, text: string): Promise<{ rows: number; truncated: boolean; ms: number }> {
  const answer = await serverQuery(extract, text);
  const { conn } = await getDuck();
  const result = internalTables.queryResult;
  const scratch = `${result}_answer`;
  const columns = answer.columns.map((c) => ({ ...c, type: PLAIN_TYPE.test(c.type) ? c.type : "VARCHAR" }));
  await conn.query(`CREATE OR REPLACE TEMP TABLE ${result} (${columns.map((c) => `${quoteIdent(c.name)} ${c.type}`).join(", ")})`);
  if (answer.rows.length) {
    // every value as text into a scratch table, then cast to the server's types in one statement
    const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
    const vectors = Object.fromEntries(columns.map((c, i) => [`c${i}`, utf8Vector(answer.rows.map((r) => text(r[c.name])))]));
    try {
      await conn.insertArrowTable(new Table(vectors), { name: scratch, create: true });
      await conn.query(`INSERT INTO ${result} SELECT ${columns.map((c, i) => `CAST(c${i} AS ${c.type})`).join(", ")} FROM ${scratch}`);
    } finally {
      await conn.query(`DROP TABLE IF EXISTS ${scratch}`);
    }
  }
  return { rows: answer.rows.length, truncated: answer.truncated, ms: answer.ms };
}

/** What the editor holds before the user types: the first rows of the selected table. */
export const exampleQuery = (table: string | null) => (table ? `SELECT *\nFROM ${quoteIdent(table)}\nLIMIT 100` : "SELECT 42 AS answer");
