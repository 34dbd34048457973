import { useCallback, useEffect, useRef, useState } from "react";
import {
  DATE_FORMATS,
  tableNameFor,
  tableNameProblem,
  type ColumnRoles,
  type DateFormatId,
  type ReadingOptions,
} from "../../workbench/extract/column-mapping";
import { EXTRACT_COLUMNS, type ExtractColumn } from "../../workbench/extract/declaration-line";
import { summariseValidation, type ValidationSummary } from "../../workbench/extract/validation-summary";
import { DELIMITERS, delimiterName, MAX_HEADER_ROW, TEXT_ENCODINGS, type CsvChoice, type TextEncodingName } from "../../workbench/extract/sniff";
import { dropTable, listTables, renameTable, type TableInfo } from "./catalog.client";
import { fetchServerTables } from "./table-engine.client";
import { duckErrorMessage, getDuck } from "./duckdb.client";
import { ExtractViews } from "./extract-views.client";
import { DriftPanel } from "./drift-panel.client";
import { getHsReference, type HsReference } from "./hs-reference.client";
import {
  collectValidationInput,
  commitStaged,
  discardStaged,
  detectReading,
  IngestError,
  previewRows,
  stageFile,
  withRoles,
  type IngestProgress,
  type StagedFile,
} from "./ingest.client";
import { ensureParquetWasm } from "./parquet.client";
import { exampleQuery } from "./sql-queries.client";
import { SqlWorkspace } from "./sql-workspace.client";
import { SaveByName } from "./save-by-name";
import { forgetKept, keepingAvailable, readSaved, restoreKeptOnce, save, syncKept, unsave, useKeptUserId, type Saved } from "./kept-data.client";
import { DEFAULT_VIEW, viewFromSearch, viewToSearch, type ViewState } from "./view-state";

/** What the user corrected in the load check; everything else is detected. */
interface Corrections {
  csv: CsvChoice;
  reading: ReadingOptions;
  roles: ColumnRoles;
}

interface Pending {
  staged: StagedFile;
  corrections: Corrections;
  /** how numbers and dates are read: detected, then the user's choice; the summary and preview are for this reading */
  reading: Required<ReadingOptions> & { dateAmbiguous: boolean };
  summary: ValidationSummary;
  preview: Record<string, unknown>[];
  timings: { readMs: number; checkMs: number };
}

const NO_CORRECTIONS: Corrections = { csv: {}, reading: {}, roles: {} };

const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

export default function Explorer() {
  // Explore needs a signed-in user (the route's guard): the id is there
  const userId = useKeptUserId() ?? "";
  const [engine, setEngine] = useState<"starting" | "ready" | string>("starting");
  const [reference, setReference] = useState<HsReference | null>(null);
  const [tables, setTables] = useState<TableInfo[]>([]);
  // the view on screen (table, tab, filters, measure…) is the page's address: it reopens from a bookmark or a saved view
  const [view, setView] = useState<ViewState>(() => viewFromSearch(window.location.search));
  /** bumped when a saved view is opened, so the views start again from it */
  const [viewOpened, setViewOpened] = useState(0);
  const active = view.table;
  const tab = view.tab;
  const setActive = (table: string) => setView((v) => ({ ...DEFAULT_VIEW, tab: v.tab, table }));
  const setTab = (t: ViewState["tab"]) => setView((v) => ({ ...v, tab: t }));
  const [keeping, setKeeping] = useState<{ busy: boolean; text: string; failed?: boolean } | null>(null);
  const [saved, setSaved] = useState<Saved>(() => readSaved(userId));
  const [progress, setProgress] = useState<(IngestProgress & { fileName: string }) | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [queue, setQueue] = useState<File[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const abort = useRef<AbortController | null>(null);

  const restored = useRef(false);
  const writing = useRef(false);
  const [serverProblem, setServerProblem] = useState<string | null>(null);
  const refresh = useCallback(async () => {
    // this tab's tables, then the extracts registered on the server (a browser table keeps its name if both have it)
    const [browser, server] = await Promise.all([
      listTables(),
      fetchServerTables().then(
        (list) => (setServerProblem(null), list),
        (e: unknown) => (setServerProblem((e as Error).message), []),
      ),
    ]);
    const list = [...browser, ...server.filter((s) => !browser.some((b) => b.name === s.name))];
    setTables(list);
    // a server extract opens when chosen (or from an address), never by default: each view is a query on the server
    const first = browser[0]?.name ?? null;
    setView((v) => (v.table && list.some((t) => t.name === v.table) ? v : { ...DEFAULT_VIEW, tab: v.tab, table: first }));
    return list;
  }, []);

  useEffect(() => {
    // parquet-wasm starts with DuckDB, so the first Parquet load does not wait for it.
    Promise.all([getDuck(), getHsReference(), ensureParquetWasm()])
      .then(async ([, ref]) => {
        setReference(ref);
        // restoreKeptOnce answers an empty report where the browser cannot keep data
        const report = await restoreKeptOnce(userId, (t, i, n) =>
          setKeeping({ busy: true, text: `Restoring ${t.name} (${t.rows.toLocaleString("en")} rows, ${i + 1} of ${n})…` }),
        );
        setKeeping(
          report.failed.length
            ? { busy: false, failed: true, text: `Could not restore ${report.failed.map((f) => `${f.name} (${f.reason})`).join(", ")}.` }
            : report.restored.length
              ? { busy: false, text: `Restored ${report.restored.length} kept table(s).` }
              : null,
        );
        restored.current = true;
        await refresh();
        // the data stays on this machine: what the analyst needs to know, not which WebAssembly build was chosen
        setEngine("ready, in this browser");
      })
      .catch((e) => setEngine(`failed: ${duckErrorMessage(e)}`));
  }, [refresh, userId]);

  // Every change to the tables (load, rename, remove, SQL, predictions) is kept in this browser.
  useEffect(() => {
    if (!restored.current || !keepingAvailable()) return;
    syncKept(
      userId,
      tables.filter((t) => t.place === "browser"),
      (name) => {
        writing.current = true;
        setKeeping({ busy: true, text: `Saving ${name} in this browser…` });
      },
    )
      .then(({ written, removed }) => {
        writing.current = false;
        if (written.length || removed.length)
          setKeeping({
            busy: false,
            text: `Kept in this browser at ${new Date().toISOString().slice(11, 19)} UTC${written.length ? ` (saved ${written.join(", ")})` : ""}.`,
          });
      })
      .catch((e: unknown) => {
        writing.current = false;
        setKeeping({ busy: false, failed: true, text: `Could not keep the tables in this browser: ${(e as Error).message}` });
      });
  }, [tables, userId]);
  // leaving while a table is being written would keep its previous version: the browser asks first
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (writing.current) e.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, []);

  useEffect(() => {
    const address = `/explore${viewToSearch(view)}`;
    if (address !== window.location.pathname + window.location.search) window.history.replaceState(window.history.state, "", address);
  }, [view]);

  const saveView = (name: string) => setSaved(save(userId, "views", { name, search: viewToSearch(view) }));
  const openView = (search: string) => {
    const next = viewFromSearch(search);
    if (next.table && !tables.some((t) => t.name === next.table))
      return setProblem(`That view is of table ${next.table}, which is not loaded in this browser.`);
    setProblem(null);
    setView(next);
    setViewOpened((n) => n + 1);
  };
  const forget = async () => {
    if (
      !window.confirm(
        "Remove every table from this page and everything kept in this browser for you (tables, saved queries and views, query history)?",
      )
    )
      return;
    for (const t of tables) if (t.place === "browser") await dropTable(t.name);
    await forgetKept(userId);
    setSaved(readSaved(userId));
    await refresh();
    setKeeping({ busy: false, text: "Everything kept in this browser for you was removed." });
  };

  // Files are staged one at a time; each gets its own validation summary and table.
  useEffect(() => {
    if (pending || progress || queue.length === 0 || !reference) return;
    const [file, ...rest] = queue;
    setQueue(rest);
    const controller = new AbortController();
    abort.current = controller;
    setProblem(null);
    setProgress({ phase: "reading", bytesRead: 0, totalBytes: file!.size, rows: 0, fileName: file!.name });
    void (async () => {
      try {
        const started = performance.now();
        const staged = await stageFile(file!, (p) => setProgress({ ...p, fileName: file!.name }), controller.signal);
        setProgress({ phase: "checking", bytesRead: file!.size, totalBytes: file!.size, rows: staged.rows, fileName: file!.name });
        const read = performance.now();
        const checked = await check(staged, NO_CORRECTIONS, reference);
        if (controller.signal.aborted) {
          await discardStaged(staged);
          throw new DOMException("The load was cancelled", "AbortError");
        }
        setPending({ ...checked, timings: { readMs: read - started, checkMs: performance.now() - read } });
      } catch (e) {
        if (e instanceof DOMException && e.name === "AbortError") setProblem(`Loading ${file!.name} was cancelled; nothing was kept.`);
        else setProblem(e instanceof IngestError ? e.message : `${file!.name}: ${duckErrorMessage(e)}`);
      } finally {
        setProgress(null);
        abort.current = null;
      }
    })();
  }, [queue, pending, progress, reference]);

  const addFiles = (files: FileList | File[]) => setQueue((q) => [...q, ...Array.from(files)]);

  const loadDemo = async () => {
    setProblem(null);
    try {
      const response = await fetch("/resources/demo-extract.parquet", { credentials: "same-origin" });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const blob = await response.blob();
      addFiles([new File([blob], "demo-extract.parquet", { type: "application/vnd.apache.parquet" })]);
    } catch (e) {
      setProblem(`Could not fetch the demo extract: ${(e as Error).message}`);
    }
  };

  /**
   * The user corrected how the file is read: a new delimiter, encoding or header row reads the file again; new number
   * or date formats and column roles only check it again, unless the read typed some columns as numbers (they keep no
   * text to read another way): then the file is read again, every column as text. The summary and preview are redone
   * before anything is loaded.
   */
  const correct = async (change: Partial<Corrections>) => {
    if (!pending || !reference) return;
    const corrections: Corrections = {
      csv: { ...pending.corrections.csv, ...change.csv },
      reading: { ...pending.corrections.reading, ...change.reading },
      roles: { ...pending.corrections.roles, ...change.roles },
    };
    const started = performance.now();
    let staged = pending.staged;
    try {
      if (change.csv || pending.staged.typedAtRead?.length) {
        staged = await stageFile(pending.staged.file, () => undefined, new AbortController().signal, corrections.csv, true);
        await discardStaged(pending.staged);
        corrections.roles = Object.fromEntries(Object.entries(corrections.roles).filter(([source]) => staged.header.includes(source)));
      }
      const read = performance.now();
      const checked = await check(staged, corrections, reference);
      setPending({
        ...checked,
        timings: { readMs: staged !== pending.staged ? read - started : pending.timings.readMs, checkMs: performance.now() - read },
      });
    } catch (e) {
      // The file as read before stays staged; the check says why the correction could not be read.
      setProblem(e instanceof IngestError ? e.message : `${pending.staged.fileName}: ${duckErrorMessage(e)}`);
    }
  };

  const decide = async (choice: { load: false } | { load: true; name: string; repair: boolean }) => {
    if (!pending) return;
    const { staged, summary } = pending;
    try {
      if (choice.load) {
        await commitStaged(staged, choice.name, choice.repair ? (summary.codes?.repair?.mapping ?? null) : null, pending.reading);
        await refresh();
        setActive(choice.name);
      } else {
        await discardStaged(staged);
      }
      setPending(null);
    } catch (e) {
      await discardStaged(staged).catch(() => undefined);
      setPending(null);
      setProblem(`${staged.fileName}: ${duckErrorMessage(e)}`);
    }
  };

  const rename = async (table: TableInfo) => {
    const name = window.prompt(`New name for table ${table.name}`, table.name)?.trim();
    if (!name || name === table.name) return;
    const issue = tableNameProblem(
      name,
      tables.filter((t) => t.name !== table.name).map((t) => t.name),
    );
    if (issue) return setProblem(`Cannot rename ${table.name} to ${name}: ${issue}.`);
    await renameTable(table.name, name);
    await refresh();
    setActive(name);
  };

  const drop = async (table: TableInfo) => {
    if (!window.confirm(`Remove table ${table.name} (${table.rows.toLocaleString("en")} rows) from this browser session?`)) return;
    await dropTable(table.name);
    await refresh();
  };

  const activeTable = tables.find((t) => t.name === active) ?? null;
  return (
    <div className="explorer">
      <aside className="explorer-side">
        <p className="muted small" data-testid="engine-state">
          DuckDB-WASM: {engine}
        </p>
        <button type="button" onClick={loadDemo} disabled={!!progress || engine === "starting"}>
          Load demo extract
        </button>
        <label
          className={`dropzone ${dragging ? "dragging" : ""}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            addFiles(e.dataTransfer.files);
          }}
        >
          <span>Drop CSV, TSV, Excel (.xlsx), Parquet, JSON or NDJSON files here, or choose files</span>
          <input
            type="file"
            multiple
            accept=".csv,.tsv,.txt,.xlsx,.parquet,.json,.ndjson,.jsonl"
            aria-label="Choose files to load"
            onChange={(e) => e.target.files && addFiles(e.target.files)}
          />
        </label>
        {queue.length ? <p className="muted small">{queue.length} more file(s) waiting.</p> : null}
        <h3>Tables in this browser</h3>
        {tables.every((t) => t.place !== "browser") ? <p className="muted small">No table loaded yet.</p> : null}
        <ul className="schema" aria-label="Tables">
          {tables
            .filter((t) => t.place === "browser")
            .map((t) => (
              <li key={t.name} className={t.name === active ? "active" : ""}>
                <button type="button" className="table-name" onClick={() => setActive(t.name)} aria-current={t.name === active ? "true" : undefined}>
                  {t.name}
                </button>
                <span className="muted small"> {t.rows.toLocaleString("en")} rows</span>
                <details>
                  <summary className="small">Columns and actions</summary>
                  <ColumnList table={t} />
                  <div className="table-actions">
                    <button type="button" className="secondary small" onClick={() => rename(t)}>
                      Rename
                    </button>
                    <button type="button" className="secondary small" onClick={() => drop(t)}>
                      Remove
                    </button>
                  </div>
                </details>
              </li>
            ))}
        </ul>
        {tables.some((t) => t.place === "server") || serverProblem ? (
          <>
            <h3>Extracts on the server</h3>
            <p className="muted small">
              Registered by an admin; queried where they lie (native DuckDB on the server). Only answers come to this browser.
            </p>
            {serverProblem ? <p className="small field-error">{serverProblem}</p> : null}
            <ul className="schema" aria-label="Extracts on the server">
              {tables
                .filter((t) => t.place === "server")
                .map((t) => (
                  <li key={t.name} className={t.name === active ? "active" : ""}>
                    <button
                      type="button"
                      className="table-name"
                      onClick={() => setActive(t.name)}
                      aria-current={t.name === active ? "true" : undefined}
                      disabled={!!t.server?.problem}
                    >
                      {t.name}
                    </button>{" "}
                    <span className="badge" title="This extract lives on the server">
                      server
                    </span>
                    <span className="muted small"> {t.rows.toLocaleString("en")} lines</span>
                    {t.server?.problem ? <p className="small field-error">Cannot be read now: {t.server.problem}</p> : null}
                    <details>
                      <summary className="small">Columns and origin</summary>
                      <p className="small muted">
                        {t.server?.files} {t.server?.format === "parquet" ? "Parquet" : "CSV"} file(s), registered by {t.server?.registeredBy} on{" "}
                        {t.server?.registeredAt.slice(0, 10)}
                        {t.server?.predictions.map((p) => (
                          <span key={p.slot}>
                            {" "}
                            · predictions {p.slot.toUpperCase()}: {p.model} on {p.textColumn}, by {p.madeBy} on {p.madeAt.slice(0, 10)}
                          </span>
                        ))}
                      </p>
                      <ColumnList table={t} />
                    </details>
                  </li>
                ))}
            </ul>
          </>
        ) : null}
        <h3>Saved views</h3>
        {saved.views.length === 0 ? (
          <p className="muted small">Filter and measure a table, then save the view here; it reopens from its name or its address.</p>
        ) : null}
        <ul className="saved-list" aria-label="Saved views">
          {saved.views.map((v) => (
            <li key={v.name}>
              <a
                href={`/explore${v.search}`}
                onClick={(e) => {
                  e.preventDefault();
                  openView(v.search);
                }}
              >
                {v.name}
              </a>
              <button
                type="button"
                className="link-like small"
                aria-label={`Delete the saved view ${v.name}`}
                onClick={() => setSaved(unsave(userId, "views", v.name))}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
        {active ? <SaveByName what="view" onSave={saveView} /> : null}
        <div className="kept" data-testid="kept-state">
          {keepingAvailable() ? (
            <p className={`small ${keeping?.failed ? "field-error" : "muted"}`} role="status">
              {keeping?.text ?? "Tables, saved queries and views are kept in this browser for you until you forget them."}
            </p>
          ) : (
            <p className="small field-error">This browser cannot keep data (no origin-private file system): tables are lost on reload.</p>
          )}
          <button type="button" className="secondary small" onClick={forget} disabled={!!progress || !!pending}>
            Forget this data
          </button>
        </div>
      </aside>
      <div className="explorer-main">
        {problem ? (
          <div className="form-error" role="alert">
            <span data-testid="load-problem">{problem}</span>
            <button type="button" className="link-like" onClick={() => setProblem(null)} aria-label="Dismiss">
              ✕
            </button>
          </div>
        ) : null}
        {progress ? <ProgressPanel progress={progress} onCancel={() => abort.current?.abort()} /> : null}
        {pending ? <ValidationDialog pending={pending} taken={tables.map((t) => t.name)} onDecide={decide} onCorrect={correct} /> : null}
        <div className="tabs" role="tablist">
          <button type="button" role="tab" aria-selected={tab === "views"} onClick={() => setTab("views")}>
            Views{activeTable ? `: ${activeTable.name}${activeTable.place === "server" ? " (on the server)" : ""}` : ""}
          </button>
          <button type="button" role="tab" aria-selected={tab === "sql"} onClick={() => setTab("sql")}>
            SQL
          </button>
          <button type="button" role="tab" aria-selected={tab === "drift"} onClick={() => setTab("drift")}>
            Drift
          </button>
        </div>
        {tab === "views" ? (
          activeTable && reference ? (
            <ExtractViews
              key={`${activeTable.name}:${viewOpened}`}
              table={activeTable}
              reference={reference}
              onSchemaChange={refresh}
              initial={view}
              onViewChange={(part) => setView((v) => (v.table === activeTable.name ? { ...v, ...part } : v))}
            />
          ) : (
            <div className="notice" data-testid="no-table">
              <p>No table is loaded yet. Drop a CSV, Excel (.xlsx), Parquet or JSON file on the left, or start with the demo extract.</p>
              <button type="button" onClick={loadDemo} disabled={!!progress || engine === "starting"}>
                Start with the demo extract
              </button>
            </div>
          )
        ) : tab === "drift" ? (
          // a server extract that cannot be read now is named in the list with its reason, not offered to compare
          <DriftPanel
            tables={tables.filter((t) => !t.server?.problem)}
            viewEdition={view.table && view.edition ? { table: view.table, edition: view.edition } : null}
          />
        ) : (
          <SqlWorkspace
            tables={tables}
            onSchemaChange={refresh}
            initialSql={exampleQuery(activeTable?.name ?? null)}
            initialRunOn={activeTable?.place === "server" ? activeTable.name : ""}
            userId={userId}
          />
        )}
      </div>
    </div>
  );
}

function ColumnList({ table }: { table: TableInfo }) {
  return (
    <ul className="columns">
      {table.columns.map((c) => (
        <li key={c.name}>
          {c.name} <span className="col-type">{c.type}</span>
        </li>
      ))}
    </ul>
  );
}

/** Detects how to read the staged file (the user's corrections win), then checks it and previews it that way. */
async function check(staged: StagedFile, corrections: Corrections, reference: HsReference): Promise<Omit<Pending, "timings">> {
  const withUserRoles = Object.keys(corrections.roles).length ? withRoles(staged, corrections.roles) : staged;
  const reading = { ...(await detectReading(withUserRoles)), ...corrections.reading };
  const [input, preview] = await Promise.all([collectValidationInput(withUserRoles, reading), previewRows(withUserRoles, reading)]);
  return { staged: withUserRoles, corrections, reading, preview, summary: summariseValidation(input, reference.nomenclature, reference.crosswalk) };
}

function ProgressPanel({ progress, onCancel }: { progress: IngestProgress & { fileName: string }; onCancel: () => void }) {
  const share = progress.totalBytes ? progress.bytesRead / progress.totalBytes : 0;
  const [started] = useState(() => Date.now());
  const [, tick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => tick((n) => n + 1), 500);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.floor((Date.now() - started) / 1000);
  const known = progress.phase === "reading" && !progress.onePass;
  return (
    <div className="progress-panel" role="status" aria-live="polite">
      <div>
        <strong>
          {progress.phase === "reading" ? "Reading" : "Checking"} {progress.fileName}
        </strong>{" "}
        —{" "}
        {progress.onePass && progress.phase === "reading"
          ? `${mb(progress.totalBytes)} in one pass`
          : `${mb(progress.bytesRead)} of ${mb(progress.totalBytes)}`}
        {progress.rows ? `, ${progress.rows.toLocaleString("en")} rows` : ""}
        <span className="muted small"> · {seconds} s</span>
      </div>
      <progress max={1} value={known ? share : undefined} aria-label="Load progress" />
      <button type="button" className="secondary" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

function ValidationDialog({
  pending,
  taken,
  onDecide,
  onCorrect,
}: {
  pending: Pending;
  taken: string[];
  onDecide: (c: { load: false } | { load: true; name: string; repair: boolean }) => Promise<void> | void;
  onCorrect: (change: Partial<Corrections>) => Promise<void>;
}) {
  const { staged, summary } = pending;
  const [name, setName] = useState(() => tableNameFor(staged.fileName, taken));
  const [repair, setRepair] = useState(Boolean(summary.codes?.repair));
  const [busy, setBusy] = useState(false);
  const nameIssue = tableNameProblem(name, taken);
  const label = staged.rowLabel;
  const act = async (c: Parameters<typeof onDecide>[0]) => {
    setBusy(true);
    await onDecide(c);
  };
  const correct = (change: Partial<Corrections>) => {
    setBusy(true);
    void onCorrect(change).finally(() => setBusy(false));
  };
  const sniff = staged.sniff;
  const hasDates = staged.mapping.columns.some((c) => c.type === "DATE" && !c.sourceType);
  // a workbook of several sheets: which one is read is a choice
  const sheetChoice = staged.workbook && staged.workbook.sheets.length > 1 ? staged.workbook : null;
  return (
    <section className="validation" role="dialog" aria-label={`Check ${staged.fileName} before loading`}>
      <h2>Check {staged.fileName} before loading</h2>
      <p>
        <strong data-testid="validation-rows">{summary.rows.toLocaleString("en")} rows</strong>, {staged.header.length} columns, {mb(staged.bytes)}
        {staged.workbook
          ? ` · Excel workbook, sheet “${staged.workbook.sheet}”`
          : staged.sniff
            ? ` · ${staged.sniff.encoding}, ${delimiterName(staged.sniff.delimiter)}-separated`
            : ` · ${staged.format}`}
        <span className="muted small">
          {" "}
          · read in {(pending.timings.readMs / 1000).toFixed(1)} s, checked in {(pending.timings.checkMs / 1000).toFixed(1)} s
        </span>
      </p>
      {/* a Parquet file (or JSON with typed values) carries its own columns and types: nothing to choose, no empty box */}
      {sniff || hasDates || sheetChoice ? (
        <fieldset className="reading-options" disabled={busy}>
          <legend>How the file is read</legend>
          {sheetChoice ? (
            <label>
              Sheet{" "}
              <select value={sheetChoice.sheet} onChange={(e) => correct({ csv: { sheet: e.target.value, headerRow: undefined } })}>
                {sheetChoice.sheets.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {sniff ? (
            <>
              {staged.workbook ? null : (
                <>
                  <label>
                    Delimiter{" "}
                    <select value={sniff.delimiter} onChange={(e) => correct({ csv: { delimiter: e.target.value } })}>
                      {DELIMITERS.map((d) => (
                        <option key={d} value={d}>
                          {delimiterName(d)}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label>
                    Encoding{" "}
                    <select value={sniff.encoding} onChange={(e) => correct({ csv: { encoding: e.target.value as TextEncodingName } })}>
                      {TEXT_ENCODINGS.map((enc) => (
                        <option key={enc.id} value={enc.id}>
                          {enc.label}
                        </option>
                      ))}
                    </select>
                  </label>
                </>
              )}
              <label>
                Column names in{" "}
                <select value={sniff.headerRow} onChange={(e) => correct({ csv: { headerRow: Number(e.target.value) } })}>
                  <option value={0}>no row (the file has none)</option>
                  {Array.from({ length: MAX_HEADER_ROW }, (_, i) => i + 1).map((row) => (
                    <option key={row} value={row}>
                      row {row}
                      {row > 1 ? ` (rows above it left out)` : ""}
                    </option>
                  ))}
                </select>
              </label>
              {staged.workbook ? null : (
                <label>
                  Decimal separator{" "}
                  <select
                    value={pending.reading.decimalComma ? "," : "."}
                    onChange={(e) => correct({ reading: { decimalComma: e.target.value === "," } })}
                  >
                    <option value=".">point: 1234.56</option>
                    <option value=",">comma: 1.234,56</option>
                  </select>
                </label>
              )}
            </>
          ) : null}
          {hasDates ? (
            <label>
              Date format{" "}
              <select value={pending.reading.dateFormat} onChange={(e) => correct({ reading: { dateFormat: e.target.value as DateFormatId } })}>
                {DATE_FORMATS.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.example}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {sniff && !staged.workbook && staged.header.length === 1 ? (
            <p className="notice" data-testid="one-column">
              One column found: if the file has more, choose its delimiter.
            </p>
          ) : null}
          {hasDates && pending.reading.dateAmbiguous && !pending.corrections.reading.dateFormat ? (
            <p className="notice" data-testid="date-ambiguous">
              The dates read as well day/month as month/day: check the preview and choose the format if it is wrong.
            </p>
          ) : null}
        </fieldset>
      ) : (
        <p className="muted small" data-testid="nothing-to-choose">
          How the file is read: its columns and their types come from the file itself, so there is nothing to choose.
        </p>
      )}
      {summary.headlines.length ? (
        <ul className="headlines">
          {summary.headlines.map((h) => (
            <li key={h}>{h}</li>
          ))}
        </ul>
      ) : (
        <p className="notice success">No problems found.</p>
      )}
      <details open>
        <summary>
          Columns: {summary.mapped.length} mapped to the extract format, {summary.unmapped.length} other
        </summary>
        <table className="table compact">
          <thead>
            <tr>
              <th>In the file</th>
              <th>Role</th>
              <th>Loaded as</th>
              <th>Type</th>
            </tr>
          </thead>
          <tbody>
            {staged.mapping.columns.map((c) => (
              <tr key={c.source}>
                <td>{c.source}</td>
                <td>
                  <select
                    value={c.target ?? ""}
                    aria-label={`Role of column ${c.source}`}
                    disabled={busy}
                    onChange={(e) => correct({ roles: { [c.source]: (e.target.value || null) as ExtractColumn | null } })}
                  >
                    <option value="">a column of its own</option>
                    {EXTRACT_COLUMNS.map((column) => (
                      <option key={column} value={column}>
                        {column}
                      </option>
                    ))}
                  </select>
                </td>
                <td>{c.target ? <strong>{c.name}</strong> : c.name}</td>
                <td title={c.why}>{c.type}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <details open>
        <summary>Preview: the first {pending.preview.length} rows as they will be loaded</summary>
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Preview of the first rows (scrolls)">
          <table className="table compact" data-testid="load-preview">
            <thead>
              <tr>
                {staged.mapping.columns.map((c) => (
                  <th key={c.source}>{c.name}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {pending.preview.map((row, i) => (
                <tr key={i}>
                  {staged.mapping.columns.map((c) => (
                    <td key={c.source}>
                      {row[c.name] === null || row[c.name] === undefined ? <span className="muted">empty</span> : String(row[c.name])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      {summary.codes ? (
        <details open={summary.codes.invalidLines > 0}>
          <summary>
            HS codes: {summary.codes.validLines.toLocaleString("en")} valid lines,{" "}
            <span data-testid="invalid-lines">{summary.codes.invalidLines.toLocaleString("en")}</span> invalid or unknown (
            {summary.codes.distinct.toLocaleString("en")} distinct codes)
          </summary>
          {summary.codes.examples.length ? (
            <table className="table compact" data-testid="invalid-code-examples">
              <thead>
                <tr>
                  <th>{label === "row" ? "Row" : "Record"}</th>
                  <th>Code</th>
                  <th>Lines</th>
                  <th>Why</th>
                </tr>
              </thead>
              <tbody>
                {summary.codes.examples.map((e) => (
                  <tr key={e.value}>
                    <td>{e.row}</td>
                    <td>
                      <code>{e.value}</code>
                    </td>
                    <td>{e.count}</td>
                    <td>{e.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </details>
      ) : null}
      {summary.codes?.repair ? (
        <label className="checkbox">
          <input type="checkbox" checked={repair} onChange={(e) => setRepair(e.target.checked)} />
          Repair {summary.codes.repair.lines.toLocaleString("en")} code(s) that lost their leading zero (to {summary.codes.repair.expectedLength}{" "}
          digits, only where the result is a valid HS 2022 code), e.g.{" "}
          {summary.codes.repair.examples
            .slice(0, 3)
            .map((e) => `${e.from} → ${e.to}`)
            .join(", ")}
        </label>
      ) : null}
      <div className="dialog-actions">
        <label>
          Table name <input value={name} onChange={(e) => setName(e.target.value)} aria-invalid={!!nameIssue} />
        </label>
        {nameIssue ? <span className="field-error">{nameIssue}</span> : null}
        <span className="spacer" />
        <button type="button" className="secondary" disabled={busy} onClick={() => act({ load: false })}>
          Cancel
        </button>
        <button type="button" disabled={busy || !!nameIssue} onClick={() => act({ load: true, name, repair })}>
          {summary.headlines.length ? "Load anyway" : "Load table"}
        </button>
      </div>
    </section>
  );
}
