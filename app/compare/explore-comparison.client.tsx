// Compare on an extract loaded on the Explore page (it lives in this tab's DuckDB, never on the server): both models
// run in the browser, the chapter matrices are aggregated by DuckDB-WASM, the statistics come from the same core.
import { Link } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type { VersionRef } from "../../workbench/evaluation/compare";
import { labelledTables } from "../explore/catalog.client";
import { duckErrorMessage } from "../explore/duckdb.client";
import { restoreKeptOnce, useKeptUserId } from "../explore/kept-data.client";
import CompareCharts from "./compare-charts.client";
import { ComparisonSummary } from "./comparison-summary";
import { compareOnExtract, type ExtractComparison } from "./explore-comparison-pipeline.client";
import type { HsEdition } from "../../workbench/hs/hs-version";

// Computed comparisons stay for the life of the tab (like the extract itself).
const computed = new Map<string, ExtractComparison>();

export default function ExploreComparison({ a, b, chapterNames }: { a: VersionRef; b: VersionRef; chapterNames: Record<string, string> }) {
  const [tables, setTables] = useState<string[] | null>(null);
  const [table, setTable] = useState("");
  const [edition, setEdition] = useState<HsEdition | "detect">("detect");
  const [progress, setProgress] = useState<{ step: string; done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<ExtractComparison | null>(null);
  const cancelled = useRef(false);
  const userId = useKeptUserId();

  useEffect(() => {
    // Extract tables: those with a description and a code column (not the Compare page's own tables), kept ones
    // read back first when the page was opened directly.
    (userId ? restoreKeptOnce(userId) : Promise.resolve())
      .then(() => labelledTables())
      .then((names) => {
        setTables(names);
        setTable(names[0] ?? "");
      })
      .catch((e) => setError(duckErrorMessage(e)));
    return () => {
      cancelled.current = true;
    };
  }, [userId]);

  useEffect(() => {
    setResult(computed.get(`${a.sha256}:${b.sha256}:${table}:${edition}`) ?? null);
  }, [a.sha256, b.sha256, table, edition]);

  async function run() {
    setError(null);
    cancelled.current = false;
    try {
      const done = await compareOnExtract(table, a, b, { onProgress: setProgress, isCancelled: () => cancelled.current, edition });
      computed.set(`${a.sha256}:${b.sha256}:${table}:${edition}`, done);
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
        <label>
          Declared codes in
          <select value={edition} onChange={(e) => setEdition(e.target.value as HsEdition | "detect")}>
            <option value="detect">the edition their codes show</option>
            <option value="HS2022">HS 2022</option>
            <option value="HS2017">HS 2017, read in HS 2022</option>
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
      <p className="muted small">
        Both models run in this browser (TensorFlow.js); the declared codes are the truth, invalid ones are left out and counted.
      </p>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {result ? (
        <>
          <p className="notice" data-testid="extract-edition">
            Declared codes read as {result.edition.used === "HS2017" ? "HS 2017, mapped to HS 2022 through the correlation" : "HS 2022"}
            {edition === "detect"
              ? " (detected from the codes)"
              : ` (your choice; the codes look like ${result.edition.detected.replace("HS", "HS ")})`}
            {result.edition.used === "HS2017"
              ? `; ${result.edition.splitLines.toLocaleString("en")} lines whose code split into several were left out.`
              : "."}
          </p>
          <ComparisonSummary comparison={result.comparison} chapterNames={chapterNames} />
          <CompareCharts comparison={result.comparison} chapterNames={chapterNames} prepareTable={() => Promise.resolve(result.table)} />
        </>
      ) : null}
    </>
  );
}
