// The Explore views' queries over one declaration table, optionally filtered to one chapter.
import { validateCode, type CodeProblem } from "../../workbench/hs/codes";
import { quoteIdent, quoteLiteral, type TableInfo } from "./catalog.client";
import { queryRows } from "./duckdb.client";
import type { HsReference } from "./hs-reference.client";
import { CHAPTER_COLUMN } from "./ingest.client";

/** SQL condition selecting one chapter, using the fast hs_chapter column when the table has it. */
function chapterFilter(table: TableInfo, chapter: string): string {
  return table.columns.some((c) => c.name === CHAPTER_COLUMN)
    ? `${CHAPTER_COLUMN} = ${Number(chapter)}`
    : `substr(commodity_code, 1, 2) = ${quoteLiteral(chapter)}`;
}

/** The table's rows (of one chapter, when given), as a relation for the grid and exports. */
export const rowsOf = (table: TableInfo, chapter: string | null) =>
  `(SELECT * FROM ${quoteIdent(table.name)} ${chapter ? `WHERE ${chapterFilter(table, chapter)}` : ""})`;

/** Lines or statistical value by chapter, top headings, origins and months, and the declared codes' validity. */
export async function loadViews(t: TableInfo, ch: string | null, byValue: boolean, reference: HsReference) {
  const tableSql = quoteIdent(t.name);
  const metric = byValue ? "coalesce(sum(statistical_value), 0)::DOUBLE" : "count(*)::DOUBLE";
  const filter = ch ? `WHERE ${chapterFilter(t, ch)}` : "";
  const hasCol = (c: string) => t.columns.some((col) => col.name === c);
  // Tables loaded on this page carry hs_chapter (a small integer), which groups several times faster than substr().
  const chapterGroup = hasCol(CHAPTER_COLUMN) ? CHAPTER_COLUMN : "substr(commodity_code, 1, 2)";
  const [chapterRows, headings, origins, monthly, codes] = await Promise.all([
    queryRows<{ key: string | number | null; metric: number }>(
      `SELECT ${chapterGroup} AS key, ${metric} AS metric FROM ${tableSql} WHERE commodity_code IS NOT NULL GROUP BY 1 ORDER BY 1`,
    ),
    queryRows<{ key: string; metric: number }>(
      `SELECT substr(commodity_code, 1, 4) AS key, ${metric} AS metric FROM ${tableSql} ${filter} GROUP BY 1 ORDER BY 2 DESC LIMIT 15`,
    ),
    hasCol("country_of_origin")
      ? queryRows<{ key: string; metric: number }>(
          `SELECT coalesce(country_of_origin, '?') AS key, ${metric} AS metric FROM ${tableSql} ${filter} GROUP BY 1 ORDER BY 2 DESC LIMIT 15`,
        )
      : Promise.resolve([]),
    hasCol("acceptance_date")
      ? queryRows<{ key: string; metric: number }>(
          `SELECT strftime(date_trunc('month', acceptance_date), '%Y-%m') AS key, ${metric} AS metric FROM ${tableSql}
           ${filter ? `${filter} AND` : "WHERE"} acceptance_date IS NOT NULL GROUP BY 1 ORDER BY 1`,
        )
      : Promise.resolve([]),
    queryRows<{ code: string; lines: number }>(`SELECT commodity_code AS code, count(*)::DOUBLE AS lines FROM ${tableSql} ${filter} GROUP BY 1`),
  ]);
  const byProblem = new Map<CodeProblem | "valid", number>();
  const invalid: { code: string; lines: number; reason: string }[] = [];
  for (const { code, lines } of codes) {
    const r =
      code === null ? ({ ok: false, problem: "empty", reason: "no code" } as const) : validateCode(code, reference.nomenclature, reference.crosswalk);
    const key = r.ok ? "valid" : r.problem;
    byProblem.set(key, (byProblem.get(key) ?? 0) + lines);
    if (!r.ok) invalid.push({ code: code ?? "(empty)", lines, reason: r.reason });
  }
  invalid.sort((a, b) => b.lines - a.lines);
  const byChapter = chapterRows.filter((r) => r.key !== null).map((r) => ({ key: String(r.key).padStart(2, "0"), metric: r.metric }));
  return {
    byChapter,
    headings,
    origins,
    monthly,
    codeValidity: {
      distinct: codes.length,
      byProblem: [...byProblem.entries()].map(([problem, lines]) => ({ problem, lines })).sort((a, b) => b.lines - a.lines),
      invalid,
    },
  };
}
