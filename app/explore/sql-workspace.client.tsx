import { closeCompletion } from "@codemirror/autocomplete";
import { sql as sqlLanguage, PostgreSQL } from "@codemirror/lang-sql";
import { EditorView, keymap } from "@codemirror/view";
import { basicSetup } from "codemirror";
import { Prec } from "@codemirror/state";
import { useEffect, useRef, useState } from "react";
import { internalTables, type TableInfo } from "./catalog.client";
import { duckErrorMessage } from "./duckdb.client";
import { runUserSql, runUserSqlOnServer } from "./sql-queries.client";
import { ResultGrid } from "./result-grid.client";
import { SaveByName } from "./save-by-name";
import { historyKey, readSaved, save, unsave, type Saved } from "./kept-data.client";

interface HistoryEntry {
  sql: string;
  at: string;
  ms: number;
  ok: boolean;
}

function readHistory(userId: string): HistoryEntry[] {
  try {
    const entries = JSON.parse(localStorage.getItem(historyKey(userId)) ?? "[]") as unknown;
    return Array.isArray(entries) ? (entries.filter((h) => typeof h?.sql === "string" && typeof h?.at === "string") as HistoryEntry[]) : [];
  } catch {
    return [];
  }
}

/** DuckDB marks errors with "LINE n:" and a caret line; find the offset in the editor's text. */
export function errorPosition(message: string, text: string): number | null {
  const line = /LINE (\d+):\s?(.*)\n(\s*)\^/.exec(message);
  if (!line) return null;
  const lines = text.split("\n");
  const lineNo = Number(line[1]) - 1;
  const prefix = `LINE ${line[1]}: `;
  const column = Math.max(0, line[3]!.length - prefix.length);
  if (lineNo >= lines.length) return null;
  return lines.slice(0, lineNo).reduce((n, l) => n + l.length + 1, 0) + Math.min(column, lines[lineNo]!.length);
}

export function SqlWorkspace({
  tables,
  onSchemaChange,
  initialSql,
  initialRunOn,
  userId,
}: {
  tables: TableInfo[];
  onSchemaChange: () => void;
  initialSql: string;
  /** "" for this browser's DuckDB, or the server extract the query runs on */
  initialRunOn: string;
  userId: string;
}) {
  const servers = tables.filter((t) => t.place === "server" && !t.server?.problem).map((t) => t.name);
  const [runOn, setRunOn] = useState(initialRunOn);
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const runRef = useRef<() => void>(() => undefined);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [resultVersion, setResultVersion] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const [resultCaption, setResultCaption] = useState("Result");
  const [history, setHistory] = useState<HistoryEntry[]>([]);

  const [saved, setSaved] = useState<Saved["queries"]>([]);
  useEffect(() => {
    setHistory(readHistory(userId));
    setSaved(readSaved(userId).queries);
  }, [userId]);

  useEffect(() => {
    // completion knows the tables the query can read where it runs
    const readable = runOn ? tables.filter((t) => t.name === runOn) : tables.filter((t) => t.place === "browser");
    const schema = Object.fromEntries(
      readable.flatMap((t) => {
        const columns = t.columns.map((c) => c.name);
        return runOn
          ? [
              [t.name, columns],
              ["extract", columns],
            ]
          : [[t.name, columns]];
      }),
    );
    const state = EditorView.updateListener.of(() => undefined);
    view.current?.destroy();
    view.current = new EditorView({
      doc: view.current?.state.doc.toString() ?? initialSql,
      extensions: [
        // running closes the completion list the last word opened (it stayed over the result)
        Prec.highest(keymap.of([{ key: "Mod-Enter", run: (editor) => (closeCompletion(editor), runRef.current(), true) }])),
        basicSetup,
        sqlLanguage({ dialect: PostgreSQL, schema, upperCaseKeywords: true }),
        EditorView.lineWrapping,
        state,
      ],
      parent: host.current!,
    });
    return () => view.current?.destroy();
    // The editor is rebuilt when tables change so completion knows their columns.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tables, runOn]);

  const run = async () => {
    const text = view.current?.state.doc.toString().trim().replace(/;\s*$/, "") ?? "";
    if (!text || running) return;
    setRunning(true);
    setError(null);
    setMessage(null);
    const started = performance.now();
    let ok = true;
    try {
      if (runOn) {
        const answer = await runUserSqlOnServer(runOn, text);
        setResultVersion((v) => v + 1);
        setResultCaption(
          `Result from the server extract ${runOn}${answer.truncated ? ` — the first ${answer.rows.toLocaleString("en")} rows only (the server's limit): aggregate or filter for the rest` : ""}`,
        );
      } else if ((await runUserSql(text)) === "rows") {
        setResultCaption("Result");
        setResultVersion((v) => v + 1);
      } else {
        setMessage("Statement executed.");
        onSchemaChange();
      }
      const ms = Math.round(performance.now() - started);
      setMessage((m) => `${m ? `${m} ` : ""}Done in ${ms} ms.`);
    } catch (e) {
      ok = false;
      const msg = duckErrorMessage(e);
      setError(msg);
      const position = errorPosition(msg, view.current!.state.doc.toString());
      if (position !== null && view.current) {
        view.current.dispatch({ selection: { anchor: position, head: Math.min(view.current.state.doc.length, position + 1) }, scrollIntoView: true });
        view.current.focus();
      }
    } finally {
      setRunning(false);
      const entry = { sql: text, at: new Date().toISOString(), ms: Math.round(performance.now() - started), ok };
      const next = [entry, ...readHistory(userId).filter((h) => h.sql !== text)].slice(0, 50);
      localStorage.setItem(historyKey(userId), JSON.stringify(next));
      setHistory(next);
    }
  };
  runRef.current = run;

  const load = (sql: string) => view.current?.dispatch({ changes: { from: 0, to: view.current.state.doc.length, insert: sql } });

  return (
    <div className="sql-workspace">
      <div className="sql-editor-row">
        <div className="sql-editor" ref={host} data-testid="sql-editor" />
        <aside className="history" aria-label="Query history">
          <h4>Saved queries</h4>
          {saved.length === 0 ? <p className="muted small">Name a query below to keep it.</p> : null}
          <ul aria-label="Saved queries">
            {saved.map((q) => (
              <li key={q.name} className="saved-query">
                <button type="button" className="history-item" title={q.sql} onClick={() => load(q.sql)}>
                  {q.name}
                </button>
                <button
                  type="button"
                  className="link-like small"
                  aria-label={`Delete the saved query ${q.name}`}
                  onClick={() => setSaved(unsave(userId, "queries", q.name).queries)}
                >
                  ✕
                </button>
              </li>
            ))}
          </ul>
          <h4>History</h4>
          {history.length === 0 ? <p className="muted small">Queries you run appear here.</p> : null}
          <ul>
            {history.slice(0, 15).map((h) => (
              <li key={h.at + h.sql}>
                <button type="button" className={`history-item ${h.ok ? "" : "failed"}`} title={h.sql} onClick={() => load(h.sql)}>
                  {h.sql.slice(0, 80)}
                </button>
              </li>
            ))}
          </ul>
        </aside>
      </div>
      <div className="sql-actions">
        {servers.length ? (
          <label className="inline-label">
            Run in{" "}
            <select value={runOn} onChange={(e) => setRunOn(e.target.value)} aria-label="Where the query runs">
              <option value="">this browser (DuckDB-WASM)</option>
              {servers.map((name) => (
                <option key={name} value={name}>
                  the server, on extract {name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <button type="button" onClick={run} disabled={running}>
          {running ? "Running…" : "Run"}
        </button>
        <span className="muted small">
          {runOn
            ? `Ctrl/⌘ + Enter runs the query. On the server: one SELECT on ${runOn} (also named extract), at most 30 s, 10,000 rows back.`
            : "Ctrl/⌘ + Enter runs the query. Queries run in DuckDB's worker; the page stays responsive."}
        </span>
        <SaveByName
          what="query"
          onSave={(name) => {
            const sql = view.current?.state.doc.toString().trim() ?? "";
            if (sql) setSaved(save(userId, "queries", { name, sql }).queries);
          }}
        />
        {message ? (
          <span className="small" role="status">
            {message}
          </span>
        ) : null}
      </div>
      {error ? (
        <pre className="sql-error" role="alert" data-testid="sql-error">
          {error}
        </pre>
      ) : null}
      {resultVersion > 0 && !error ? (
        <ResultGrid key={resultVersion} relation={internalTables.queryResult} exportName="query-result" caption={resultCaption} />
      ) : null}
    </div>
  );
}
