// The profile of one table for the drift comparison: chapter mix, codes, description lengths, frequent words and the
// model's confidence (when it has predictions).
import { LENGTH_BAND_ENDS, type ExtractProfile } from "../../workbench/evaluation/drift";
import { descriptionColumn } from "./batch-predict-queries.client";
import { quoteIdent, type TableInfo } from "./catalog.client";
import { engineOf } from "./table-engine.client";

const toMap = <K>(rows: { k: K | null; n: number }[]) => new Map(rows.filter((r) => r.k !== null).map((r) => [r.k!, r.n]));

export async function profileOf(t: TableInfo): Promise<ExtractProfile> {
  const has = (c: string) => t.columns.some((col) => col.name === c);
  const name = quoteIdent(t.name);
  // each table is read where it lives: two months may be one in this browser and one on the server
  const queryRows = engineOf(t).rows;
  const code = has("commodity_code") ? "commodity_code" : has("predicted_code") ? "predicted_code" : null;
  const described = await descriptionColumn(t);
  const text = described === null ? null : quoteIdent(described);
  const hasConfidence = has("predicted_confidence");
  const lengthBand = text
    ? `CASE ${LENGTH_BAND_ENDS.map((end, i) => `WHEN length(${text}) <= ${end} THEN ${i}`).join(" ")} ELSE ${LENGTH_BAND_ENDS.length} END`
    : null;
  const [[count], chapters, codes, [length], words, [confidence], lengthBands, confidenceBands] = await Promise.all([
    queryRows<{ n: number }>(`SELECT count(*)::DOUBLE AS n FROM ${name}`),
    code
      ? queryRows<{ k: string; n: number }>(`SELECT substr(${code}, 1, 2) AS k, count(*)::DOUBLE AS n FROM ${name} GROUP BY 1`)
      : Promise.resolve([]),
    code
      ? queryRows<{ k: string; n: number }>(`SELECT substr(${code}, 1, 6) AS k, count(*)::DOUBLE AS n FROM ${name} GROUP BY 1`)
      : Promise.resolve([]),
    text ? queryRows<{ m: number | null }>(`SELECT avg(length(${text}))::DOUBLE AS m FROM ${name}`) : Promise.resolve([{ m: 0 }]),
    text
      ? queryRows<{ k: string; n: number }>(
          // words of any alphabet (ração, kalosze), not only a to z
          `SELECT w AS k, count(*)::DOUBLE AS n FROM (SELECT unnest(regexp_extract_all(lower(${text}), '\\p{L}{3,}')) AS w FROM ${name}) GROUP BY 1 ORDER BY 2 DESC LIMIT 500`,
        )
      : Promise.resolve([]),
    hasConfidence ? queryRows<{ m: number | null }>(`SELECT avg(predicted_confidence)::DOUBLE AS m FROM ${name}`) : Promise.resolve([{ m: null }]),
    lengthBand
      ? queryRows<{ k: number; n: number }>(`SELECT ${lengthBand} AS k, count(*)::DOUBLE AS n FROM ${name} WHERE ${text} IS NOT NULL GROUP BY 1`)
      : Promise.resolve([]),
    hasConfidence
      ? queryRows<{ k: number; n: number }>(
          `SELECT least(floor(predicted_confidence * 10), 9)::INTEGER AS k, count(*)::DOUBLE AS n FROM ${name} WHERE predicted_confidence IS NOT NULL GROUP BY 1`,
        )
      : Promise.resolve(null),
  ]);
  return {
    lines: count?.n ?? 0,
    chapters: toMap(chapters),
    codes: toMap(codes),
    codesFrom: code === null ? null : code === "commodity_code" ? "declared" : "predicted",
    meanLength: text === null ? null : (length?.m ?? 0),
    words: toMap(words),
    meanConfidence: confidence?.m ?? null,
    lengthBands: toMap(lengthBands.map((r) => ({ k: Number(r.k), n: r.n }))),
    confidenceBands: confidenceBands && toMap(confidenceBands.map((r) => ({ k: Number(r.k), n: r.n }))),
  };
}
