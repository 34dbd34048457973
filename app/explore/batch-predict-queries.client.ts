// Batch prediction into a table: every text of one column classified page by page in the browser, the results written
// to a scratch table and then into predicted_code, predicted_confidence and predicted_by columns in one statement, so
// a cancel or a failure leaves the table as it was.
import { Table } from "apache-arrow";
import type { Classifier } from "../../models/hs-classifier/classifier";
import type { Candidate } from "../../workbench/evaluation/metrics";
import { utf8Vector } from "./arrow-vectors";
import { countRows, internalTables, quoteIdent, quoteLiteral, type TableInfo } from "./catalog.client";
import { getDuck, tablePages } from "./duckdb.client";
import { engineOf } from "./table-engine.client";
import { formatModelRef } from "../../workbench/registry/model-ref";
import { columnsOfWords, WORDS_SAMPLE, WORDS_SQL_PATTERN } from "../../workbench/text/words";

const PAGE = 4096;
/** texts whose answer is kept for the rest of a run (a bound on memory for tables of millions of distinct texts) */
const REMEMBERED_TEXTS = 200_000;

/** Where predictions go: the table's predictions (A), or a second version's beside them (B), to compare the two. */
export const PREDICTION_COLUMNS = {
  a: { code: "predicted_code", confidence: "predicted_confidence", by: "predicted_by" },
  b: { code: "predicted_code_b", confidence: "predicted_confidence_b", by: "predicted_by_b" },
} as const;

/**
 * How much of each text column reads as words (workbench/text/words.ts), over the table's first rows (empty values
 * not counted): goods descriptions score near 1, codes and identifiers (declaration_id, a declarant's "ZZR1LT6") near
 * 0. Run where the table lives.
 */
async function wordShares(table: TableInfo, columns: string[]): Promise<Map<string, number>> {
  if (!columns.length) return new Map();
  const shares = columns.map(
    (c, i) =>
      `avg(CASE WHEN trim(${quoteIdent(c)}) = '' OR ${quoteIdent(c)} IS NULL THEN NULL WHEN regexp_matches(${quoteIdent(c)}, ${quoteLiteral(WORDS_SQL_PATTERN)}) THEN 1 ELSE 0 END)::DOUBLE AS s${i}`,
  );
  const [row] = await engineOf(table).rows<Record<string, number | null>>(
    `SELECT ${shares.join(", ")} FROM (SELECT ${columns.map(quoteIdent).join(", ")} FROM ${quoteIdent(table.name)} LIMIT ${WORDS_SAMPLE})`,
  );
  return new Map(columns.map((c, i) => [c, row?.[`s${i}`] ?? 0]));
}

/** A table's text columns, but those predictions were written to. */
export const textColumnsOf = (table: TableInfo) =>
  table.columns.filter((c) => c.type === "VARCHAR" && !c.name.startsWith("predicted_")).map((c) => c.name);

/** The text columns of a table that hold words, most words first. */
export async function columnsWithWords(table: TableInfo): Promise<string[]> {
  return columnsOfWords(await wordShares(table, textColumnsOf(table)));
}

/** A table's goods descriptions: goods_description, else its column with most words; null when none has words. */
export async function descriptionColumn(table: TableInfo): Promise<string | null> {
  if (table.columns.some((c) => c.name === "goods_description")) return "goods_description";
  return (await columnsWithWords(table))[0] ?? null;
}

export async function addPredictions(
  tableName: string,
  textColumn: string,
  classifier: Pick<Classifier, "identity" | "topK">,
  options: { onProgress: (p: { done: number; total: number }) => void; isCancelled: () => boolean; slot?: "a" | "b" },
): Promise<{ lines: number; withoutText: number }> {
  const target = PREDICTION_COLUMNS[options.slot ?? "a"];
  const { conn } = await getDuck();
  const name = quoteIdent(tableName);
  const scratch = internalTables.predictions;
  const page = `${scratch}_page`;
  const by = quoteLiteral(formatModelRef(classifier.identity));
  try {
    const n = await countRows(name);
    await conn.query(`CREATE OR REPLACE TEMP TABLE ${scratch} (rid BIGINT, predicted_code VARCHAR, predicted_confidence DOUBLE)`);
    let done = 0;
    // lines with nothing to classify (no letter or digit): the classifier gives them no code, and they keep none
    let withoutText = 0;
    options.onProgress({ done, total: n });
    // a text already classified in this run is not classified again (extracts repeat their descriptions)
    const seen = new Map<string, Candidate[]>();
    for await (const rows of tablePages<{ rid: number; d: string | null }>(name, `rowid::DOUBLE AS rid, ${quoteIdent(textColumn)} AS d`, n, PAGE)) {
      if (options.isCancelled()) throw new DOMException("cancelled", "AbortError");
      const texts = rows.map((r) => r.d ?? "");
      const fresh = [...new Set(texts.filter((t) => !seen.has(t)))];
      const answers = new Map<string, Candidate[]>();
      (fresh.length ? await classifier.topK(fresh, 1) : []).forEach((c, i) => {
        answers.set(fresh[i]!, c);
        if (seen.size < REMEMBERED_TEXTS) seen.set(fresh[i]!, c);
      });
      const candidates = texts.map((t) => seen.get(t) ?? answers.get(t)!);
      withoutText += candidates.filter((c) => !c.length).length;
      const ipcTable = new Table({
        rid: utf8Vector(rows.map((r) => String(r.rid))),
        predicted_code: utf8Vector(candidates.map((c) => c[0]?.code ?? null)),
        predicted_confidence: utf8Vector(candidates.map((c) => (c[0] ? c[0].probability.toFixed(6) : null))),
      });
      await conn.insertArrowTable(ipcTable, { name: page, create: true });
      await conn.query(`INSERT INTO ${scratch} SELECT CAST(rid AS BIGINT), predicted_code, CAST(predicted_confidence AS DOUBLE) FROM ${page}`);
      await conn.query(`DROP TABLE ${page}`);
      done += rows.length;
      options.onProgress({ done, total: n });
    }
    for (const [column, type] of [
      [target.code, "VARCHAR"],
      [target.confidence, "DOUBLE"],
      [target.by, "VARCHAR"],
    ] as const) {
      await conn.query(`ALTER TABLE ${name} ADD COLUMN IF NOT EXISTS ${column} ${type}`);
    }
    await conn.query(
      `UPDATE ${name} SET ${target.code} = p.predicted_code, ${target.confidence} = p.predicted_confidence, ${target.by} = ${by}
       FROM ${scratch} p WHERE ${name}.rowid = p.rid`,
    );
    return { lines: done, withoutText };
  } finally {
    await conn.query(`DROP TABLE IF EXISTS ${scratch}`).catch(() => undefined);
    await conn.query(`DROP TABLE IF EXISTS ${page}`).catch(() => undefined);
  }
}
