// The Compare page's queries over the paired lines in the browser's DuckDB: loading them from the server for a
// shipped set, heading matrices of expanded chapters, and the lines behind a heatmap cell.
import { headingMatrixFromCells, headingMatrixSql, PAIR_TABLE_COLUMNS, PAIR_TABLE_SELECT } from "../../workbench/evaluation/confusion-sql";
import type { Comparison } from "../../workbench/evaluation/compare";
import type { ConfusionMatrix } from "../../workbench/evaluation/confusion-matrix";
import { formatModelRef } from "../../workbench/registry/model-ref";
import { internalTables, quoteLiteral, tableExists } from "~/explore/catalog.client";
import { getDuck, queryRows } from "~/explore/duckdb.client";
import type { Side } from "./heatmap-option";

export interface CellSelection {
  side: Side;
  truth: string[];
  predicted: string[];
  /** code length of the members: 2 (chapters) or 4 (headings); "other" heading members are given explicitly */
  length: 2 | 4;
}

export interface DrillRow {
  line: number;
  ref: string;
  description: string;
  truth: string;
  a_code: string;
  a_probability: number;
  b_code: string;
  b_probability: number;
}

const sqlList = (codes: readonly string[]) => codes.map(quoteLiteral).join(", ");

/** The paired lines of a comparison on a shipped set, fetched from the server into a DuckDB table (once per tab). */
export async function loadServerRows(comparison: Comparison): Promise<string> {
  const { a, b, set } = comparison;
  const name = internalTables.comparison(a.sha256, b.sha256, set.hash);
  if (await tableExists(name)) return name;
  const { db, conn } = await getDuck();
  const params = new URLSearchParams({ a: formatModelRef(a), b: formatModelRef(b), set: set.id });
  const response = await fetch(`/resources/comparison-rows?${params}`, { credentials: "same-origin" });
  if (!response.ok) throw new Error(`could not load the compared lines (HTTP ${response.status}): ${await response.text()}`);
  const file = `${name}.csv`;
  await db.registerFileBuffer(file, new Uint8Array(await response.arrayBuffer()));
  // Explicit types: codes stay text (no 0101 → 101).
  await conn.query(
    `CREATE TABLE ${name} AS SELECT ${PAIR_TABLE_SELECT} FROM read_csv(${quoteLiteral(file)}, header = true, auto_detect = false, quote = '"', escape = '"', columns = {${PAIR_TABLE_COLUMNS}})`,
  );
  await db.dropFile(file);
  return name;
}

/** The heading matrix of one model's predictions within the given chapters. */
export async function headingMatrix(
  table: string,
  column: "a_code" | "b_code",
  chapters: readonly string[],
  headings: readonly string[],
): Promise<ConfusionMatrix> {
  return headingMatrixFromCells(
    await queryRows<{ r: string; c: string; n: number }>(headingMatrixSql(table, "truth", column, [...chapters])),
    [...chapters],
    [...headings],
  );
}

/** The lines behind a selected cell (the first 200, and how many there are). */
export async function cellLines(
  table: string,
  selection: CellSelection,
  expandedChapters: readonly string[] | null,
  expandedHeadings: readonly string[],
): Promise<{ rows: DrillRow[]; total: number }> {
  const match = (column: string, members: string[]) => {
    const codes = members.filter((m) => m !== "other");
    const parts = codes.length ? [`substr(${column}, 1, ${selection.length}) IN (${sqlList(codes)})`] : [];
    // "other" at heading level: anything outside the expanded chapters' headings
    if (members.includes("other")) parts.push(`substr(${column}, 1, 4) NOT IN (${sqlList(expandedHeadings)})`);
    return parts.length ? `(${parts.join(" OR ")})` : "false";
  };
  const inScope = expandedChapters ? ` AND substr(truth, 1, 2) IN (${sqlList(expandedChapters)})` : "";
  const predicted =
    selection.side === "diff"
      ? `(${match("a_code", selection.predicted)} OR ${match("b_code", selection.predicted)})`
      : match(`${selection.side}_code`, selection.predicted);
  const where = `${match("truth", selection.truth)} AND ${predicted}${inScope}`;
  const [count] = await queryRows<{ n: number }>(`SELECT count(*)::DOUBLE AS n FROM ${table} WHERE ${where}`);
  const rows = await queryRows<DrillRow>(`SELECT * FROM ${table} WHERE ${where} ORDER BY line LIMIT 200`);
  return { rows, total: count!.n };
}
