// Compare on an extract loaded in this tab's DuckDB: the lines with a valid declared code as truth, both models'
// predictions in the browser, the paired lines stored as a DuckDB table, the chapter matrices aggregated there, and
// then the same comparison pipeline as the server (compareOnLines).
import { Table } from "apache-arrow";
import { compareOnLines, type Comparison, type VersionRef } from "../../workbench/evaluation/compare";
import { chapterMatrixFromCells, chapterMatrixSql, PAIR_TABLE_SELECT } from "../../workbench/evaluation/confusion-sql";
import type { Candidate } from "../../workbench/evaluation/metrics";
import { setHashInput } from "../../workbench/evaluation/set-hash";
import { declaredTruths } from "../../workbench/evaluation/declared-truths";
import { formatModelRef } from "../../workbench/registry/model-ref";
import { sha256Hex } from "../classify/browser-model.client";
import { batchClassifier } from "../classify/classify-workers.client";
import { utf8Vector } from "../explore/arrow-vectors";
import { countRows, describe, internalTables, quoteIdent } from "../explore/catalog.client";
import { getDuck, queryRows, tablePages } from "../explore/duckdb.client";
import { getHsReference } from "../explore/hs-reference.client";
import type { HsEdition } from "../../workbench/hs/hs-version";

const PAGE = 4096;
const INSERT_ROWS = 50_000;

export interface ExtractComparison {
  comparison: Comparison;
  /** the DuckDB table of paired lines (drill-down and heading matrices) */
  table: string;
  /** the HS edition the declared codes were read in; HS 2017 codes are compared through their single HS 2022 successor */
  edition: { used: HsEdition; detected: HsEdition; splitLines: number };
}

export type ExtractProgress = { step: string; done: number; total: number } | null;

export async function compareOnExtract(
  tableName: string,
  a: VersionRef,
  b: VersionRef,
  options: { onProgress: (p: ExtractProgress) => void; isCancelled: () => boolean; edition?: HsEdition | "detect" },
): Promise<ExtractComparison> {
  const { conn } = await getDuck();
  const reference = await getHsReference();
  const source = quoteIdent(tableName);
  const columns = new Set((await describe(source)).map((c) => c.name));
  const refSql = columns.has("declaration_id") && columns.has("line_number") ? `declaration_id || '/' || line_number` : `'row ' || (rowid + 1)`;
  const n = await countRows(source);
  const raw: { ref: string; text: string | null; code: string | null }[] = [];
  options.onProgress({ step: "reading lines", done: 0, total: n });
  for await (const rows of tablePages<{ ref: string; d: string | null; c: string | null }>(
    source,
    `${refSql} AS ref, goods_description AS d, CAST(commodity_code AS VARCHAR) AS c`,
    n,
    PAGE,
  )) {
    for (const r of rows) raw.push({ ref: String(r.ref), text: r.d, code: r.c });
    options.onProgress({ step: "reading lines", done: raw.length, total: n });
  }
  // The declared codes' edition, as on Explore: HS 2017 codes are read through their single HS 2022 successor; a code
  // that split has no one truth and is left out (counted).
  const { lines, excluded, used, detected, splitLines } = declaredTruths(raw, reference, options.edition ?? "detect");

  const predictions: Candidate[][][] = [];
  for (const v of [a, b]) {
    // in Web Workers (as many as the lines warrant, a core each), so the page answers while they work
    const classifier = await batchClassifier(formatModelRef(v), lines.length);
    const out: Candidate[][] = [];
    for (let low = 0; low < lines.length; low += PAGE) {
      if (options.isCancelled()) throw new DOMException("cancelled", "AbortError");
      out.push(
        ...(await classifier.topK(
          lines.slice(low, low + PAGE).map((l) => l.text),
          5,
        )),
      );
      options.onProgress({ step: `predicting with ${formatModelRef(v)}`, done: out.length, total: lines.length });
    }
    predictions.push(out);
  }

  options.onProgress({ step: "aggregating in DuckDB", done: 0, total: 1 });
  const hash = await sha256Hex(setHashInput(lines));
  const name = internalTables.comparison(a.sha256, b.sha256, hash);
  const page = `${name}_page`;
  await conn.query(`DROP TABLE IF EXISTS ${name}`);
  const [pa, pb] = predictions as [Candidate[][], Candidate[][]];
  for (let low = 0; low < lines.length || low === 0; low += INSERT_ROWS) {
    const slice = lines.slice(low, low + INSERT_ROWS);
    const at = (p: Candidate[][], i: number) => p[low + i]![0];
    const arrow = new Table({
      line: utf8Vector(slice.map((_, i) => String(low + i + 1))),
      ref: utf8Vector(slice.map((l) => l.ref)),
      description: utf8Vector(slice.map((l) => l.text)),
      truth: utf8Vector(slice.map((l) => l.truth)),
      a_code: utf8Vector(slice.map((_, i) => at(pa, i)?.code ?? "")),
      a_probability: utf8Vector(slice.map((_, i) => String(at(pa, i)?.probability ?? 0))),
      b_code: utf8Vector(slice.map((_, i) => at(pb, i)?.code ?? "")),
      b_probability: utf8Vector(slice.map((_, i) => String(at(pb, i)?.probability ?? 0))),
    });
    await conn.insertArrowTable(arrow, { name: page, create: true });
    await conn.query(
      `${low === 0 ? `CREATE TABLE ${name} AS` : `INSERT INTO ${name}`} SELECT ${PAIR_TABLE_SELECT} FROM (SELECT CAST(line AS INTEGER) AS line, ref,
       description, truth, a_code, CAST(a_probability AS DOUBLE) AS a_probability, b_code, CAST(b_probability AS DOUBLE) AS b_probability FROM ${page})`,
    );
    await conn.query(`DROP TABLE ${page}`);
    if (!lines.length) break;
  }
  const matrix = async (column: string) =>
    chapterMatrixFromCells(await queryRows<{ r: number; c: number; n: number }>(chapterMatrixSql(name, "truth_chapter", column)));
  const matrices = { a: await matrix("a_chapter"), b: await matrix("b_chapter") };
  const comparison = compareOnLines(
    {
      a,
      b,
      set: {
        id: `explore:${tableName}`,
        label: `Extract '${tableName}' (loaded on Explore)`,
        description:
          used === "HS2017"
            ? `An extract loaded in this browser tab, with its declared codes as truth: HS 2017 codes read in HS 2022 through the correlation (${splitLines.toLocaleString("en")} lines whose code split left out).`
            : "An extract loaded in this browser tab, with its declared codes as truth.",
        hash,
        lines: lines.length,
        excluded: excluded.length,
      },
      truths: lines.map((l) => l.truth),
      predictions: [pa, pb],
    },
    { matrices, chapterName: (c) => reference.nomenclature.nameOf(c) },
  );
  return { comparison, table: name, edition: { used, detected, splitLines } };
}
