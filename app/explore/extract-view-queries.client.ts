// The Explore views' queries over one declaration table, optionally filtered to one chapter. Each runs where its table
// lives (table-engine.client.ts): the same SQL in this tab's DuckDB or on the server.
import { validateCode, type CodeProblem } from "../../workbench/hs/codes";
import { internalTables, quoteIdent, quoteLiteral, tablesWithColumns, type TableInfo } from "./catalog.client";
import { getDuck, queryRows } from "./duckdb.client";
import { engineOf } from "./table-engine.client";
import type { HsReference } from "./hs-reference.client";
import { CHAPTER_COLUMN } from "./ingest.client";
import type { FilterDimension, ViewFilters } from "./view-state";

/**
 * What the views read: a table, with its declared codes or with the codes a model predicted into it (then as
 * commodity_code, only lines at or above a confidence). Every view, filter, measure and the rows read `relation`.
 */
export interface ViewSource extends TableInfo {
  relation: string;
  codes: "declared" | "predicted";
}

/** `hs2017Map`: a relation (code6, mapped) reading the table's HS 2017 codes in HS 2022 (createHs2017Map) */
export function viewSource(t: TableInfo, codes: "declared" | "predicted", minConfidence = 0, hs2017Map?: string): ViewSource {
  const has = (c: string) => t.columns.some((col) => col.name === c);
  if (codes === "declared" && hs2017Map) {
    // HS 2017 codes read in HS 2022 (six digits) where the correlation names one successor; splits and invalid codes drop out
    const chapterColumn = has(CHAPTER_COLUMN) ? `, CAST(substr(m.mapped, 1, 2) AS INTEGER) AS ${CHAPTER_COLUMN}` : "";
    return {
      ...t,
      relation: `(SELECT x.* REPLACE (m.mapped AS commodity_code${chapterColumn}) FROM ${quoteIdent(t.name)} x JOIN ${hs2017Map} m ON substr(x.commodity_code, 1, 6) = m.code6)`,
      codes,
    };
  }
  if (codes === "declared") return { ...t, relation: quoteIdent(t.name), codes };
  const replaced = [
    "predicted_code AS commodity_code",
    ...(has(CHAPTER_COLUMN) ? [`CAST(substr(predicted_code, 1, 2) AS INTEGER) AS ${CHAPTER_COLUMN}`] : []),
  ];
  const select = has("commodity_code") ? `* REPLACE (${replaced.join(", ")})` : `*, ${replaced.join(", ")}`;
  return {
    ...t,
    columns: has("commodity_code") ? t.columns : [...t.columns, { name: "commodity_code", type: "VARCHAR" }],
    relation: `(SELECT ${select} FROM ${quoteIdent(t.name)} WHERE predicted_code IS NOT NULL AND predicted_confidence >= ${Number(minConfidence)})`,
    codes,
  };
}

/** SQL condition selecting one chapter, using the fast hs_chapter column when the table has it. */
function chapterFilter(table: TableInfo, chapter: string): string {
  return table.columns.some((c) => c.name === CHAPTER_COLUMN)
    ? `${CHAPTER_COLUMN} = ${Number(chapter)}`
    : `substr(commodity_code, 1, 2) = ${quoteLiteral(chapter)}`;
}

export type { FilterDimension, ViewFilters };

/** SQL conditions for the filters (but `except`), AND-joined; "" when there are none. */
function conditions(t: ViewSource, filters: ViewFilters, reference: HsReference, except?: FilterDimension): string[] {
  const out: string[] = [];
  const f = { ...filters };
  if (except) delete f[except];
  if (f.chapter) out.push(chapterFilter(t, f.chapter));
  if (f.section) {
    const chapters = reference.nomenclature.section(f.section)?.chapters ?? [];
    out.push(chapters.length ? `substr(commodity_code, 1, 2) IN (${chapters.map(quoteLiteral).join(", ")})` : "FALSE");
  }
  if (f.heading) out.push(`substr(commodity_code, 1, 4) = ${quoteLiteral(f.heading)}`);
  if (f.origin) out.push(f.origin === "?" ? "country_of_origin IS NULL" : `country_of_origin = ${quoteLiteral(f.origin)}`);
  for (const [d, column] of [
    ["office", "customs_office"],
    ["importer", "importer_ref"],
    ["procedure", "procedure"],
  ] as const) {
    const v = f[d];
    if (v) out.push(v === "?" ? `${quoteIdent(column)} IS NULL` : `CAST(${quoteIdent(column)} AS VARCHAR) = ${quoteLiteral(v)}`);
  }
  if (f.month && /^\d{4}-\d{2}$/.test(f.month))
    out.push(
      `acceptance_date >= DATE ${quoteLiteral(`${f.month}-01`)} AND acceptance_date < DATE ${quoteLiteral(`${f.month}-01`)} + INTERVAL 1 MONTH`,
    );
  return out;
}

const where = (parts: readonly string[]) => (parts.length ? `WHERE ${parts.join(" AND ")}` : "");

/** The table's rows under every filter, as a relation for the grid and exports. */
export const rowsOf = (source: ViewSource, filters: ViewFilters, reference: HsReference) =>
  `(SELECT * FROM ${source.relation} ${where(conditions(source, filters, reference))})`;

/**
 * What the views add up. Values in different currencies are never added: a value measure is one currency's lines
 * only, or every line converted with a rates table the user loaded or entered (lines without a rate are left out and
 * counted).
 */
export type Measure = { kind: "lines" } | { kind: "value"; currency: string | null } | { kind: "converted"; rates: string; target: string };

/** The rows a measure looks at and how it adds them up. */
async function measured(t: ViewSource, m: Measure): Promise<{ relation: string; metric: string }> {
  const table = t.relation;
  if (m.kind === "lines") return { relation: table, metric: "count(*)::DOUBLE" };
  if (m.kind === "value") {
    return {
      relation: m.currency === null ? table : `(SELECT * FROM ${table} WHERE currency = ${quoteLiteral(m.currency)})`,
      metric: "coalesce(sum(statistical_value), 0)::DOUBLE",
    };
  }
  return {
    relation: `(SELECT * FROM ${await convertedRows(t, m)} WHERE converted_value IS NOT NULL)`,
    metric: "coalesce(sum(converted_value), 0)::DOUBLE",
  };
}

/**
 * A rates table (in this browser) as the table's SQL reads it: by name in this tab's DuckDB; for a table on the
 * server, its rows written into the query.
 */
async function ratesRelation(t: ViewSource, rates: string): Promise<string> {
  if (t.place === "browser") return quoteIdent(rates);
  const rows = await queryRows<{ c: string; t: string; r: number; f: string; u: string }>(
    `SELECT currency AS c, to_currency AS t, rate::DOUBLE AS r, valid_from::VARCHAR AS f, valid_to::VARCHAR AS u FROM ${quoteIdent(rates)}
     WHERE currency IS NOT NULL AND to_currency IS NOT NULL AND rate IS NOT NULL AND valid_from IS NOT NULL AND valid_to IS NOT NULL`,
  );
  if (!rows.length)
    return "(SELECT NULL::VARCHAR AS currency, NULL::VARCHAR AS to_currency, NULL::DOUBLE AS rate, NULL::DATE AS valid_from, NULL::DATE AS valid_to WHERE FALSE)";
  const values = rows.map(
    (r) => `(${quoteLiteral(r.c)}, ${quoteLiteral(r.t)}, ${Number(r.r)}::DOUBLE, DATE ${quoteLiteral(r.f)}, DATE ${quoteLiteral(r.u)})`,
  );
  return `(SELECT * FROM (VALUES ${values.join(", ")}) AS v(currency, to_currency, rate, valid_from, valid_to))`;
}

/** Every line with its value in the target currency (NULL where no rate covers its currency and date). */
async function convertedRows(t: ViewSource, m: { rates: string; target: string }): Promise<string> {
  const target = quoteLiteral(m.target);
  return `(SELECT x.*, CASE WHEN x.currency = ${target} THEN x.statistical_value ELSE x.statistical_value * r.rate END AS converted_value
    FROM ${t.relation} x LEFT JOIN ${await ratesRelation(t, m.rates)} r
      ON r.to_currency = ${target} AND r.currency = x.currency AND x.acceptance_date BETWEEN r.valid_from AND r.valid_to)`;
}

/** Currencies of a table's lines, most lines first (null: the table has no currency column). */
export async function currenciesOf(t: ViewSource): Promise<{ currency: string; lines: number }[] | null> {
  if (!t.columns.some((c) => c.name === "currency")) return null;
  return engineOf(t).rows<{ currency: string; lines: number }>(
    `SELECT coalesce(currency, '(none)') AS currency, count(*)::DOUBLE AS lines FROM ${t.relation} WHERE statistical_value IS NOT NULL GROUP BY 1 ORDER BY 2 DESC`,
  );
}

/** User tables that hold exchange rates (currency, to_currency, rate, valid_from, valid_to) and the targets they convert to. */
export async function ratesTables(): Promise<{ table: string; target: string }[]> {
  const out: { table: string; target: string }[] = [];
  for (const t of await tablesWithColumns(["currency", "to_currency", "rate", "valid_from", "valid_to"])) {
    const targets = await queryRows<{ target: string }>(
      `SELECT DISTINCT to_currency AS target FROM ${quoteIdent(t)} WHERE to_currency IS NOT NULL ORDER BY 1`,
    );
    for (const { target } of targets) out.push({ table: t, target });
  }
  return out;
}

/**
 * Whether a rates table can convert a table: periods of one currency must not overlap (a line would be counted twice),
 * and lines without a rate for their currency and date are counted (they are left out of the converted views).
 */
export async function conversionCheck(
  t: ViewSource,
  m: { rates: string; target: string },
): Promise<{ overlaps: string[]; unconverted: number; lines: number }> {
  const rates = quoteIdent(m.rates);
  const overlaps = await queryRows<{ what: string }>(
    `SELECT a.currency || ' ' || a.valid_from || '…' || a.valid_to || ' and ' || b.valid_from || '…' || b.valid_to AS what
     FROM ${rates} a JOIN ${rates} b ON a.currency = b.currency AND a.to_currency = b.to_currency AND a.rowid < b.rowid
       AND a.valid_from <= b.valid_to AND b.valid_from <= a.valid_to
     WHERE a.to_currency = ${quoteLiteral(m.target)} LIMIT 5`,
  );
  const [counts] = await engineOf(t).rows<{ unconverted: number; lines: number }>(
    `SELECT count(*) FILTER (WHERE converted_value IS NULL)::DOUBLE AS unconverted, count(*)::DOUBLE AS lines FROM ${await convertedRows(t, m)} WHERE statistical_value IS NOT NULL`,
  );
  return { overlaps: overlaps.map((o) => o.what), unconverted: counts?.unconverted ?? 0, lines: counts?.lines ?? 0 };
}

/** The table the entered rates go to; any user table with the same five columns (e.g. a loaded CSV) is a rates table too. */
export const ENTERED_RATES_TABLE = "exchange_rates";

/** One exchange rate typed in by the analyst (checked by the form), appended to ENTERED_RATES_TABLE. */
export async function addRate(r: { currency: string; target: string; rate: number; from: string; to: string }): Promise<void> {
  const { conn } = await getDuck();
  await conn.query(
    `CREATE TABLE IF NOT EXISTS ${ENTERED_RATES_TABLE} (currency VARCHAR, to_currency VARCHAR, rate DOUBLE, valid_from DATE, valid_to DATE)`,
  );
  await conn.query(
    `INSERT INTO ${ENTERED_RATES_TABLE} VALUES (${quoteLiteral(r.currency)}, ${quoteLiteral(r.target)}, ${r.rate}, DATE ${quoteLiteral(r.from)}, DATE ${quoteLiteral(r.to)})`,
  );
}

/** The most used codes checked against the nomenclature (a server answer holds at most 10,000 rows). */
const CHECKED_CODES = 10_000;

/** Lines or a value measure by chapter, top headings, origins and months, and the declared codes' validity (all lines). */
export async function loadViews(t: ViewSource, filters: ViewFilters, measure: Measure, reference: HsReference) {
  const tableSql = t.relation;
  const { relation, metric } = await measured(t, measure);
  const run = engineOf(t).rows;
  // each view: every filter but its own dimension
  const but = (d: FilterDimension, extra: string[] = []) => where([...conditions(t, filters, reference, d), ...extra]);
  const hasCol = (c: string) => t.columns.some((col) => col.name === c);
  // Tables loaded on this page carry hs_chapter (a small integer), which groups several times faster than substr().
  const chapterGroup = hasCol(CHAPTER_COLUMN) ? CHAPTER_COLUMN : "substr(commodity_code, 1, 2)";
  const byChapterQuery = (d: FilterDimension) =>
    run<{ key: string | number | null; metric: number }>(
      `SELECT ${chapterGroup} AS key, ${metric} AS metric FROM ${relation} ${but(d, ["commodity_code IS NOT NULL"])} GROUP BY 1 ORDER BY 1`,
    );
  const [chapterRows, sectionChapterRows, headings, origins, monthly, codes] = await Promise.all([
    byChapterQuery("chapter"),
    // the section view adds chapters up under every filter but the section's own
    byChapterQuery("section"),
    run<{ key: string; metric: number }>(
      `SELECT substr(commodity_code, 1, 4) AS key, ${metric} AS metric FROM ${relation} ${but("heading")} GROUP BY 1 ORDER BY 2 DESC LIMIT 15`,
    ),
    hasCol("country_of_origin")
      ? run<{ key: string; metric: number }>(
          `SELECT coalesce(country_of_origin, '?') AS key, ${metric} AS metric FROM ${relation} ${but("origin")} GROUP BY 1 ORDER BY 2 DESC LIMIT 15`,
        )
      : Promise.resolve([]),
    hasCol("acceptance_date")
      ? run<{ key: string; metric: number }>(
          `SELECT strftime(date_trunc('month', acceptance_date), '%Y-%m') AS key, ${metric} AS metric FROM ${relation}
           ${but("month", ["acceptance_date IS NOT NULL"])} GROUP BY 1 ORDER BY 1`,
        )
      : Promise.resolve([]),
    run<{ code: string; lines: number }>(
      `SELECT commodity_code AS code, count(*)::DOUBLE AS lines FROM ${tableSql} ${where(conditions(t, filters, reference))} GROUP BY 1 ORDER BY 2 DESC LIMIT ${CHECKED_CODES}`,
    ),
  ]);
  // an extract with more codes than are checked (a server answer's cap): the rest are counted, not checked
  let unchecked = { lines: 0, codes: 0 };
  if (codes.length === CHECKED_CODES) {
    const [all] = await run<{ lines: number; codes: number }>(
      `SELECT count(*)::DOUBLE AS lines, (count(DISTINCT commodity_code) + max(CASE WHEN commodity_code IS NULL THEN 1 ELSE 0 END))::DOUBLE AS codes
       FROM ${tableSql} ${where(conditions(t, filters, reference))}`,
    );
    unchecked = { lines: (all?.lines ?? 0) - codes.reduce((n, c) => n + c.lines, 0), codes: (all?.codes ?? 0) - codes.length };
  }
  const byProblem = new Map<CodeProblem | "valid" | "unchecked", number>();
  const invalid: { code: string; lines: number; reason: string }[] = [];
  for (const { code, lines } of codes) {
    const r =
      code === null ? ({ ok: false, problem: "empty", reason: "no code" } as const) : validateCode(code, reference.nomenclature, reference.crosswalk);
    const key = r.ok ? "valid" : r.problem;
    byProblem.set(key, (byProblem.get(key) ?? 0) + lines);
    if (!r.ok) invalid.push({ code: code ?? "(empty)", lines, reason: r.reason });
  }
  invalid.sort((a, b) => b.lines - a.lines);
  if (unchecked.lines) byProblem.set("unchecked", unchecked.lines);
  const chaptersOf = (rows: typeof chapterRows) =>
    rows.filter((r) => r.key !== null).map((r) => ({ key: String(r.key).padStart(2, "0"), metric: r.metric }));
  return {
    byChapter: chaptersOf(chapterRows),
    sectionChapters: chaptersOf(sectionChapterRows),
    headings,
    origins,
    monthly,
    codeValidity: {
      distinct: codes.length + unchecked.codes,
      byProblem: [...byProblem.entries()].map(([problem, lines]) => ({ problem, lines })).sort((a, b) => b.lines - a.lines),
      invalid,
    },
  };
}

/** The slices accuracy is asked by ("where does the model fail us"), each a filter dimension of the views. */
export const SLICES = [
  { dimension: "origin", column: "country_of_origin", label: "Country of origin" },
  { dimension: "office", column: "customs_office", label: "Customs office" },
  { dimension: "importer", column: "importer_ref", label: "Importer" },
  { dimension: "procedure", column: "procedure", label: "Procedure" },
  { dimension: "month", column: "acceptance_date", label: "Month" },
  // the view's codes' chapter (declared, or prediction A where the table has no declared codes): a labelled file
  // without any of the columns above (a set of rulings) is still sliced
  { dimension: "chapter", column: "commodity_code", label: "HS chapter" },
] as const;
export type Slice = (typeof SLICES)[number];

/** Two code columns whose agreement is asked by slice: declared vs a prediction, or two versions' predictions. */
export const AGREEMENT_PAIRS = [
  { id: "declared-a", left: "commodity_code", right: "predicted_code", label: "Declared codes vs predictions (A)" },
  { id: "declared-b", left: "commodity_code", right: "predicted_code_b", label: "Declared codes vs second prediction (B)" },
  { id: "a-b", left: "predicted_code", right: "predicted_code_b", label: "Predictions A vs B (two versions)" },
] as const;
export type AgreementPair = (typeof AGREEMENT_PAIRS)[number];

/**
 * Agreement of two code columns per slice (HS6 and chapter), under the views' filters: the lines that have both.
 * Counts only; the caller adds intervals and the order.
 */
export async function agreementBySlice(t: ViewSource, slice: Slice, filters: ViewFilters, reference: HsReference, pair: AgreementPair) {
  const key =
    slice.dimension === "month"
      ? "strftime(date_trunc('month', acceptance_date), '%Y-%m')"
      : slice.dimension === "chapter"
        ? "substr(commodity_code, 1, 2)"
        : `CAST(${quoteIdent(slice.column)} AS VARCHAR)`;
  const [l, r] = [quoteIdent(pair.left), quoteIdent(pair.right)];
  return engineOf(t).rows<{ key: string; n: number; hs6: number; chapter: number }>(
    `SELECT coalesce(${key}, '?') AS key, count(*)::DOUBLE AS n,
       sum(CASE WHEN substr(${r}, 1, 6) = substr(${l}, 1, 6) THEN 1 ELSE 0 END)::DOUBLE AS hs6,
       sum(CASE WHEN substr(${r}, 1, 2) = substr(${l}, 1, 2) THEN 1 ELSE 0 END)::DOUBLE AS chapter
     FROM ${t.relation} ${where([...conditions(t, filters, reference, slice.dimension), `${l} IS NOT NULL`, `${r} IS NOT NULL`])}
     GROUP BY 1`,
  );
}

/** Lines per six-digit code prefix of the declared codes (for the HS edition report). */
export async function declaredCodeCounts(t: TableInfo): Promise<{ code: string; lines: number }[]> {
  return engineOf(t).rows<{ code: string; lines: number }>(
    `SELECT substr(commodity_code, 1, 6) AS code, count(*)::DOUBLE AS lines FROM ${quoteIdent(t.name)} WHERE commodity_code IS NOT NULL GROUP BY 1`,
  );
}

/** The server's table of every HS 2017 subheading with its single HS 2022 successor (server-extract.ts). */
const SERVER_HS2017_MAP = "hs2017_successors";

/**
 * The HS 2017 → 2022 mapping of one table's codes as a relation (code6, mapped) the view source joins: an internal
 * table in this tab's DuckDB (replaced each time), or the server's own table for a server extract.
 */
export async function createHs2017Map(t: TableInfo, mapping: ReadonlyMap<string, string>): Promise<string> {
  if (t.place === "server") return SERVER_HS2017_MAP;
  const name = internalTables.hs2017Map(t.name);
  const { conn } = await getDuck();
  await conn.query(`CREATE OR REPLACE TEMP TABLE ${quoteIdent(name)} (code6 VARCHAR, mapped VARCHAR)`);
  const pairs = [...mapping];
  for (let i = 0; i < pairs.length; i += 1000) {
    const values = pairs.slice(i, i + 1000).map(([from, to]) => `(${quoteLiteral(from)}, ${quoteLiteral(to)})`);
    await conn.query(`INSERT INTO ${quoteIdent(name)} VALUES ${values.join(", ")}`);
  }
  return quoteIdent(name);
}
