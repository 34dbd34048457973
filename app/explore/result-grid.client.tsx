import { useEffect, useState } from "react";
import { duckErrorMessage } from "./duckdb.client";
import { exportRelation } from "./export.client";
import { browserEngine, readPage, type Engine } from "./table-engine.client";
import { gridNumber } from "../../workbench/text/format";

const PAGE = 100;

/**
 * A paged grid over any relation (a table, or a query in parentheses) where it lives; only one page is ever fetched.
 * Exports of a server extract's rows stop at the server's row cap (the extract stays on the server).
 */
export function ResultGrid({
  relation,
  exportName,
  caption,
  engine = browserEngine,
  revision,
}: {
  relation: string;
  exportName: string;
  caption?: string;
  engine?: Engine;
  /** changes when the relation's rows or columns may have (predictions written into its table): read again */
  revision?: unknown;
}) {
  const [page, setPage] = useState(0);
  const [total, setTotal] = useState<number | null>(null);
  const [rows, setRows] = useState<Record<string, unknown>[]>([]);
  const [columns, setColumns] = useState<{ name: string; type: string }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [exporting, setExporting] = useState<string | null>(null);
  const [exported, setExported] = useState<string | null>(null);

  useEffect(() => setPage(0), [relation]);

  useEffect(() => {
    let stale = false;
    void (async () => {
      try {
        const data = await readPage(engine, relation, page, PAGE);
        if (stale) return;
        setTotal(data.total);
        setColumns(data.columns);
        setRows(data.rows);
        setError(null);
      } catch (e) {
        if (!stale) setError(duckErrorMessage(e));
      }
    })();
    return () => {
      stale = true;
    };
  }, [relation, page, engine, revision]);

  const pages = total === null ? 1 : Math.max(1, Math.ceil(total / PAGE));
  const doExport = async (format: "csv" | "xlsx" | "parquet") => {
    setExporting(format);
    try {
      const { rows, cut, cutCells } = await exportRelation(engine, relation, format, exportName);
      const notes = [
        cut
          ? `Exported the first ${rows.toLocaleString("en")} rows: the server sends at most that many; filter further, or ask an admin for the whole extract.`
          : "",
        cutCells
          ? `${cutCells.toLocaleString("en")} text(s) longer than an Excel cell holds (32,767 characters) were cut; CSV and Parquet keep them whole.`
          : "",
      ].filter(Boolean);
      setExported(notes.length ? notes.join(" ") : null);
    } catch (e) {
      setError(`Export failed: ${duckErrorMessage(e)}`);
    } finally {
      setExporting(null);
    }
  };

  if (error)
    return (
      <pre className="sql-error" role="alert">
        {error}
      </pre>
    );
  return (
    <div className="grid-wrap">
      <div className="grid-toolbar">
        <span className="muted" data-testid="grid-count">
          {caption ? `${caption} · ` : ""}
          {total === null ? "…" : `${total.toLocaleString("en")} rows`}
          {total ? ` · rows ${(page * PAGE + 1).toLocaleString("en")}–${Math.min(total, (page + 1) * PAGE).toLocaleString("en")}` : ""}
        </span>
        <button type="button" className="secondary" disabled={page === 0} onClick={() => setPage((p) => p - 1)}>
          ← Previous
        </button>
        <span className="muted">
          page {page + 1} of {pages.toLocaleString("en")}
        </span>
        <button type="button" className="secondary" disabled={page + 1 >= pages} onClick={() => setPage((p) => p + 1)}>
          Next →
        </button>
        <span className="spacer" />
        <button type="button" className="secondary" disabled={!!exporting || !total} onClick={() => doExport("csv")}>
          {exporting === "csv" ? "Exporting…" : "Export CSV"}
        </button>
        <button type="button" className="secondary" disabled={!!exporting || !total} onClick={() => doExport("xlsx")}>
          {exporting === "xlsx" ? "Exporting…" : "Export Excel"}
        </button>
        {engine.place === "browser" ? (
          <button type="button" className="secondary" disabled={!!exporting || !total} onClick={() => doExport("parquet")}>
            {exporting === "parquet" ? "Exporting…" : "Export Parquet"}
          </button>
        ) : null}
      </div>
      {exported ? (
        <p className="notice small" role="status" data-testid="export-cut">
          {exported}
        </p>
      ) : null}
      <div className="grid-scroll" tabIndex={0} role="region" aria-label="Rows (scrolls)">
        <table className="table data-grid">
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.name} title={c.type}>
                  {c.name}
                  <span className="col-type">{c.type}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={page * PAGE + i}>
                {columns.map((c) => {
                  const value = row[c.name];
                  if (value === null || value === undefined) {
                    return (
                      <td key={c.name}>
                        <span className="null">NULL</span>
                      </td>
                    );
                  }
                  if (typeof value !== "number") return <td key={c.name}>{String(value)}</td>;
                  const shown = gridNumber(value);
                  return (
                    <td key={c.name} className="num" title={shown === String(value) ? undefined : String(value)}>
                      {shown}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
