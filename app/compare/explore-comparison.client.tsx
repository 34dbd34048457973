// Compare on an extract loaded on the Explore page (it lives in this tab's DuckDB, never on the server): both models
// run in the browser, the chapter matrices are aggregated by DuckDB-WASM, the statistics come from the same core.
import { Link } from "@remix-run/react";
import { Table } from "apache-arrow";
import { useEffect, useRef, useState } from "react";
import { predictTopK } from "../../models/hs-classifier/classifier";
import { compareModels, verdictOf } from "../../workbench/evaluation/compare";
import { chapterMatrixFromCells, chapterMatrixSql, PAIR_TABLE_SELECT } from "../../workbench/evaluation/confusion-sql";
import type { Candidate } from "../../workbench/evaluation/metrics";
import { quoteIdent } from "../../workbench/extract/column-mapping";
import { normaliseCode } from "../../workbench/hs/codes";
import { browserTf, loadBrowserModel } from "../classify/browser-model.client";
import { utf8Vector } from "../explore/arrow-vectors";
import { duckErrorMessage, getDuck, queryRows, tablePages } from "../explore/duckdb.client";
import { getHsReference } from "../explore/hs-reference.client";
import CompareCharts from "./compare-charts.client";
import { ComparisonSummary, refOf } from "./comparison-summary";
import type { Comparison, VersionRef } from "./comparison.server";

const PAGE = 4096;

interface Computed {
  comparison: Comparison;
  table: string;
}

// Computed comparisons stay for the life of the tab (like the extract itself).
const computed = new Map<string, Computed>();

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

export default function ExploreComparison({ a, b, chapterNames }: { a: VersionRef; b: VersionRef; chapterNames: Record<string, string> }) {
  const [tables, setTables] = useState<string[] | null>(null);
  const [table, setTable] = useState("");
  const [progress, setProgress] = useState<{ step: string; done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<Computed | null>(null);
  const cancelled = useRef(false);

  useEffect(() => {
    // Extract tables: those with a description and a code column (not the Compare page's own tables).
    queryRows<{ t: string }>(
      `SELECT table_name AS t FROM duckdb_columns() WHERE column_name IN ('goods_description', 'commodity_code') AND NOT starts_with(table_name, 'compare_')
       GROUP BY table_name HAVING count(*) = 2 ORDER BY table_name`,
    )
      .then((rows) => {
        setTables(rows.map((r) => r.t));
        setTable(rows[0]?.t ?? "");
      })
      .catch((e) => setError(duckErrorMessage(e)));
    return () => {
      cancelled.current = true;
    };
  }, []);

  useEffect(() => {
    setResult(computed.get(`${a.sha256}:${b.sha256}:${table}`) ?? null);
  }, [a.sha256, b.sha256, table]);

  async function run() {
    setError(null);
    cancelled.current = false;
    try {
      const { conn } = await getDuck();
      const reference = await getHsReference();
      const source = quoteIdent(table);
      const columns = new Set((await queryRows<{ c: string }>(`SELECT column_name AS c FROM duckdb_columns() WHERE table_name = '${table.replace(/'/g, "''")}'`)).map((r) => r.c));
      const refSql = columns.has("declaration_id") && columns.has("line_number") ? `declaration_id || '/' || line_number` : `'row ' || (rowid + 1)`;
      const [{ n }] = (await queryRows<{ n: number }>(`SELECT count(*)::DOUBLE AS n FROM ${source}`)) as [{ n: number }];
      const lines: { ref: string; text: string; truth: string }[] = [];
      let excluded = 0;
      setProgress({ step: "reading lines", done: 0, total: n });
      for await (const rows of tablePages<{ ref: string; d: string | null; c: string | null }>(source, `${refSql} AS ref, goods_description AS d, CAST(commodity_code AS VARCHAR) AS c`, n, PAGE)) {
        for (const r of rows) {
          const code = normaliseCode(r.c, { nomenclature: reference.nomenclature });
          if (code.ok && code.code.length >= 6 && reference.nomenclature.has(code.code.slice(0, 6))) lines.push({ ref: String(r.ref), text: r.d ?? "", truth: code.code.slice(0, 6) });
          else excluded++;
        }
        setProgress({ step: "reading lines", done: lines.length + excluded, total: n });
      }
      const tf = await browserTf();
      const predictions: Candidate[][][] = [];
      for (const v of [a, b]) {
        const loaded = await loadBrowserModel(v.name, v.version);
        const out: Candidate[][] = [];
        for (let low = 0; low < lines.length; low += PAGE) {
          if (cancelled.current) throw new DOMException("cancelled", "AbortError");
          out.push(...(await predictTopK(tf, loaded.model, loaded.features, loaded.labels, lines.slice(low, low + PAGE).map((l) => l.text), 5)));
          setProgress({ step: `predicting with ${refOf(v)}`, done: out.length, total: lines.length });
        }
        predictions.push(out);
      }
      setProgress({ step: "aggregating in DuckDB", done: 0, total: 1 });
      const hash = await sha256Hex(lines.map((l) => `${l.text}\t${l.truth}`).join("\n"));
      const name = `compare_${a.sha256.slice(0, 8)}_${b.sha256.slice(0, 8)}_${hash.slice(0, 8)}`;
      await conn.query(`DROP TABLE IF EXISTS ${name}`);
      const [pa, pb] = predictions as [Candidate[][], Candidate[][]];
      for (let low = 0; low < lines.length || low === 0; low += 50_000) {
        const slice = lines.slice(low, low + 50_000);
        const at = (p: Candidate[][], i: number) => p[low + i]![0];
        const page = new Table({
          line: utf8Vector(slice.map((_, i) => String(low + i + 1))),
          ref: utf8Vector(slice.map((l) => l.ref)),
          description: utf8Vector(slice.map((l) => l.text)),
          truth: utf8Vector(slice.map((l) => l.truth)),
          a_code: utf8Vector(slice.map((_, i) => at(pa, i)?.code ?? "")),
          a_probability: utf8Vector(slice.map((_, i) => String(at(pa, i)?.probability ?? 0))),
          b_code: utf8Vector(slice.map((_, i) => at(pb, i)?.code ?? "")),
          b_probability: utf8Vector(slice.map((_, i) => String(at(pb, i)?.probability ?? 0))),
        });
        await conn.insertArrowTable(page, { name: `${name}_page`, create: true });
        await conn.query(
          `${low === 0 ? `CREATE TABLE ${name} AS` : `INSERT INTO ${name}`} SELECT ${PAIR_TABLE_SELECT} FROM (SELECT CAST(line AS INTEGER) AS line, ref,
           description, truth, a_code, CAST(a_probability AS DOUBLE) AS a_probability, b_code, CAST(b_probability AS DOUBLE) AS b_probability FROM ${name}_page)`,
        );
        await conn.query(`DROP TABLE ${name}_page`);
        if (!lines.length) break;
      }
      const matrix = async (column: string) => chapterMatrixFromCells(await queryRows<{ r: number; c: number; n: number }>(chapterMatrixSql(name, "truth_chapter", column)));
      const matrices = { a: await matrix("a_chapter"), b: await matrix("b_chapter") };
      const report = compareModels(
        lines.map((l) => l.truth),
        pa,
        pb,
        { seed: 2022, matrices, chapterName: (c) => reference.nomenclature.nameOf(c) },
      );
      const comparison: Comparison = {
        a,
        b,
        set: {
          id: `explore:${table}`,
          label: `Extract '${table}' (loaded on Explore)`,
          description: "An extract loaded in this browser tab, with its declared codes as truth.",
          hash,
          lines: lines.length,
          excluded,
        },
        report,
        verdict: verdictOf(report, { a: refOf(a), b: refOf(b) }),
      };
      const done = { comparison, table: name };
      computed.set(`${a.sha256}:${b.sha256}:${table}`, done);
      setResult(done);
    } catch (e) {
      setError(e instanceof DOMException && e.name === "AbortError" ? "Cancelled." : `Comparison failed: ${duckErrorMessage(e)}`);
    } finally {
      setProgress(null);
    }
  }

  if (tables === null) return <p className="muted">{error ?? "Looking for extracts loaded on the Explore page…"}</p>;
  if (tables.length === 0) {
    return (
      <div className="notice" role="status">
        No extract is loaded in this tab. <Link to="/explore">Load one on the Explore page</Link> (it stays loaded while you move between pages), then
        come back here.
      </div>
    );
  }
  return (
    <>
      <div className="filters">
        <label>
          Extract
          <select value={table} onChange={(e) => setTable(e.target.value)}>
            {tables.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => void run()} disabled={progress !== null}>
          {result ? "Compute again" : "Compare on this extract"}
        </button>
        {progress ? (
          <>
            <label className="inline-label" role="status">
              {progress.step}: {progress.done.toLocaleString("en")} / {progress.total.toLocaleString("en")}
              <progress max={progress.total} value={progress.done} />
            </label>
            <button type="button" className="secondary" onClick={() => (cancelled.current = true)}>
              Cancel
            </button>
          </>
        ) : null}
      </div>
      <p className="muted small">Both models run in this browser (TensorFlow.js); the declared codes are the truth, invalid ones are left out and counted.</p>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {result ? (
        <>
          <ComparisonSummary comparison={result.comparison} chapterNames={chapterNames} />
          <CompareCharts comparison={result.comparison} chapterNames={chapterNames} prepareTable={() => Promise.resolve(result.table)} />
        </>
      ) : null}
    </>
  );
}
