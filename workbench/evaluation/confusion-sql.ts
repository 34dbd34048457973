// The same confusion matrices aggregated by DuckDB (WASM on the Compare page, native in tests and benchmarks) from a
// prediction table with a true-code column and a predicted-code column. Must equal confusion-matrix.ts exactly.
import { CHAPTERS, OTHER, type ConfusionMatrix } from "./confusion-matrix";
import { quoteIdent } from "../sql-quote";

/** The chapter (1–97) of a code column as UTINYINT; NULL when the code has no valid chapter (as chapterConfusion). */
export function chapterOfSql(column: string): string {
  const c = quoteIdent(column);
  return `CASE WHEN length(${c}) >= 2 AND TRY_CAST(substr(${c}, 1, 2) AS UTINYINT) BETWEEN 1 AND 97 THEN CAST(substr(${c}, 1, 2) AS UTINYINT) END`;
}

/**
 * Chapter cells from two chapter columns (UTINYINT, see chapterOfSql): grouping two small integers is what makes the
 * 1,000,000-line matrix fast in DuckDB-WASM; lines without a predicted chapter are left out like in the TS core.
 */
export function chapterMatrixSql(table: string, truthChapterColumn: string, predictedChapterColumn: string): string {
  const t = quoteIdent(truthChapterColumn);
  const p = quoteIdent(predictedChapterColumn);
  return `SELECT ${t} AS r, ${p} AS c, CAST(count(*) AS INTEGER) AS n FROM ${quoteIdent(table)} WHERE ${p} IS NOT NULL GROUP BY ALL`;
}

export function chapterMatrixFromCells(cells: Iterable<{ r: number; c: number; n: number }>): ConfusionMatrix {
  const size = CHAPTERS.length;
  const counts = new Array<number>(size * size).fill(0);
  for (const { r, c, n } of cells) counts[(r - 1) * size + (c - 1)]! += Number(n);
  return { labels: [...CHAPTERS], counts };
}

/** Heading cells for lines whose true chapter is one of `chapters` (codes validated: two digits each). */
export function headingMatrixSql(table: string, truthColumn: string, predictedColumn: string, chapters: readonly string[]): string {
  if (!chapters.every((c) => /^\d{2}$/.test(c))) throw new Error(`chapters must be two-digit codes (got ${chapters.join(", ")})`);
  const t = quoteIdent(truthColumn);
  const p = quoteIdent(predictedColumn);
  return `SELECT substr(${t}, 1, 4) AS r, substr(${p}, 1, 4) AS c, CAST(count(*) AS INTEGER) AS n
FROM ${quoteIdent(table)}
WHERE substr(${t}, 1, 2) IN (${chapters.map((c) => `'${c}'`).join(", ")})
GROUP BY ALL`;
}

/** Builds the heading matrix with the same labels as headingConfusion (headings of the chapters + "other"). */
export function headingMatrixFromCells(
  cells: Iterable<{ r: string; c: string; n: number }>,
  chapters: readonly string[],
  headings: readonly string[],
): ConfusionMatrix {
  const labels = [...headings.filter((h) => chapters.includes(h.slice(0, 2)))].sort();
  labels.push(OTHER);
  const index = new Map(labels.map((l, i) => [l, i]));
  const size = labels.length;
  const counts = new Array<number>(size * size).fill(0);
  for (const { r, c, n } of cells) counts[(index.get(r) ?? size - 1) * size + (index.get(c ?? "") ?? size - 1)]! += Number(n);
  return { labels, counts };
}

/** Column types of a paired-prediction CSV as the server sends it (explicit: codes stay text, 0101 stays 0101). */
export const PAIR_TABLE_COLUMNS = `'line': 'INTEGER', 'ref': 'VARCHAR', 'description': 'VARCHAR', 'truth': 'VARCHAR',
  'a_code': 'VARCHAR', 'a_probability': 'DOUBLE', 'b_code': 'VARCHAR', 'b_probability': 'DOUBLE'`;

/** SELECT list adding the derived chapter columns of a paired-prediction table (truth_chapter, a_chapter, b_chapter). */
export const PAIR_TABLE_SELECT = `*, ${chapterOfSql("truth")} AS truth_chapter, ${chapterOfSql("a_code")} AS a_chapter, ${chapterOfSql("b_code")} AS b_chapter`;
