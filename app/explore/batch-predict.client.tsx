import { useEffect, useRef, useState } from "react";
import { batchClassifier } from "../classify/classify-workers.client";
import { addPredictions, columnsWithWords, PREDICTION_COLUMNS, textColumnsOf } from "./batch-predict-queries.client";
import type { TableInfo } from "./catalog.client";
import { duckErrorMessage } from "./duckdb.client";
import { extractApi } from "./table-engine.client";
import { utcText } from "../../workbench/text/format";
import { VersionOptions } from "~/components/version-options";

type ServerJob = NonNullable<NonNullable<TableInfo["server"]>["job"]>;

/** Polls the server's run until it ends; its progress as it goes. */
async function followOnServer(extract: string, onProgress: (job: ServerJob) => void): Promise<ServerJob> {
  for (;;) {
    const { job } = await extractApi<{ job: ServerJob | null }>(extract, "predictions");
    if (!job) throw new Error("the server has no prediction run for this extract (was it restarted?)");
    onProgress(job);
    if (job.state !== "running") return job;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** What a server run that ended did, timed by the server (the page may show it long after: it says when). */
function serverRunOutcome(job: ServerJob): string {
  const finished = job.finishedAt ?? job.startedAt;
  if (job.state === "failed") return `Prediction failed (${utcText(finished)}): ${job.message ?? "the server could not predict"}`;
  const seconds = (Date.parse(finished) - Date.parse(job.startedAt)) / 1000;
  const columns = PREDICTION_COLUMNS[job.slot];
  return `Predicted ${job.total.toLocaleString("en")} distinct texts of ${job.column} with ${job.model} on the server in ${seconds.toFixed(1)} s, finished ${utcText(finished)}; the extract now has ${columns.code}, ${columns.confidence} and ${columns.by}.`;
}

const optionsOf = (columns: string[]) =>
  columns.map((c) => (
    <option key={c} value={c}>
      {c}
    </option>
  ));

/**
 * Classifies every text of a chosen column (goods_description when the table has one, else its column of words) in
 * the browser and adds predicted_code, predicted_confidence and predicted_by columns to the table (page by page, with
 * progress; cancelling keeps the table as it was). A server extract is predicted on the server (each distinct text once) and gets the same
 * columns there.
 */
export function BatchPredict({ table, onDone }: { table: TableInfo; onDone: () => void }) {
  const [versions, setVersions] = useState<{ ref: string; status: string; strongest: boolean }[]>([]);
  const [ref, setRef] = useState("");
  const [progress, setProgress] = useState<{ done: number; total: number; perSecond: number } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const cancelled = useRef(false);
  const hasPredictions = table.columns.some((c) => c.name === PREDICTION_COLUMNS.a.code);
  const [slot, setSlot] = useState<"a" | "b">("a");
  const textColumns = textColumnsOf(table);
  // the columns that hold words (goods descriptions) offered first, the one with most words chosen when the table has
  // no goods_description; codes and identifiers only when asked for (null: not measured yet)
  const [withWords, setWithWords] = useState<string[] | null>(null);
  const [column, setColumn] = useState(textColumns.includes("goods_description") ? "goods_description" : "");
  useEffect(() => {
    let current = true;
    setWithWords(null);
    setColumn(textColumns.includes("goods_description") ? "goods_description" : "");
    void columnsWithWords(table)
      // not measured (a server extract's query refused): every column offered as before, none set apart
      .catch(() => textColumns)
      .then((found) => {
        if (!current) return;
        setWithWords(found);
        setColumn((chosen) => chosen || (found[0] ?? ""));
      });
    return () => {
      current = false;
    };
  }, [table.name, textColumns.join("\u0000")]); // eslint-disable-line react-hooks/exhaustive-deps
  const otherColumns = textColumns.filter((c) => !withWords?.includes(c));

  useEffect(() => {
    fetch("/resources/model-versions", { credentials: "same-origin" })
      .then((r) => r.json() as Promise<{ versions: { ref: string; status: string; strongest: boolean }[] }>)
      .then((d) => {
        setVersions(d.versions);
        setRef(d.versions[0]?.ref ?? "");
      })
      .catch(() => setMessage("Could not list model versions."));
  }, []);

  const onServer = table.place === "server";
  const follow = async (started: number) => {
    const job = await followOnServer(table.name, (j) =>
      setProgress({ done: j.done, total: j.total, perSecond: Math.round(j.done / Math.max(0.001, (performance.now() - started) / 1000)) }),
    );
    setMessage(serverRunOutcome(job));
    if (job.state === "done") onDone();
  };
  // a run this server is still making (the page was reloaded meanwhile) is followed to its end; one that ended is told
  // (it may have ended while the page reloaded)
  const job = table.server?.job;
  useEffect(() => {
    if (job?.state === "running") {
      void follow(performance.now())
        .catch((e: unknown) => setMessage(`Prediction failed: ${(e as Error).message}`))
        .finally(() => setProgress(null));
    } else if (job) setMessage(serverRunOutcome(job));
  }, [job?.state, table.name]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!textColumns.length) return null;

  const run = async () => {
    cancelled.current = false;
    setMessage(null);
    if (onServer) {
      const started = performance.now();
      try {
        setProgress({ done: 0, total: 0, perSecond: 0 });
        // the server's refusal (a viewer, an unknown model, a column without text) is its own message
        await extractApi(table.name, "predictions", { model: ref, slot: hasPredictions ? slot : "a", column });
        await follow(started);
      } catch (e) {
        setMessage(`Prediction failed: ${(e as Error).message}`);
      } finally {
        setProgress(null);
      }
      return;
    }
    try {
      // as many workers as the table's size warrants (workersFor)
      const classifier = await batchClassifier(ref, table.rows);
      const started = performance.now();
      const { lines: done, withoutText } = await addPredictions(table.name, column, classifier, {
        onProgress: (p) => setProgress({ ...p, perSecond: Math.round(p.done / ((performance.now() - started) / 1000)) }),
        isCancelled: () => cancelled.current,
        slot: hasPredictions ? slot : "a",
      });
      const columns = PREDICTION_COLUMNS[hasPredictions ? slot : "a"];
      const seconds = (performance.now() - started) / 1000;
      const where = classifier.workers ? `${classifier.workers} worker${classifier.workers > 1 ? "s" : ""}` : "on this page";
      setMessage(
        `Predicted ${done.toLocaleString("en")} descriptions of ${column} with ${ref} in ${seconds.toFixed(1)} s (${where}); wrote ${columns.code}, ${columns.confidence} and ${columns.by}.` +
          (withoutText ? ` ${withoutText.toLocaleString("en")} of them have no letter or digit: nothing to classify, their code is left empty.` : ""),
      );
      onDone();
    } catch (e) {
      setMessage(
        e instanceof DOMException && e.name === "AbortError"
          ? "Prediction cancelled; the table is unchanged."
          : `Prediction failed: ${duckErrorMessage(e)}`,
      );
    } finally {
      setProgress(null);
    }
  };

  return (
    <div className="batch-predict">
      <label className="inline-label">
        Text column{" "}
        <select value={column} onChange={(e) => setColumn(e.target.value)} aria-label="Text column to classify" disabled={!!progress}>
          {column ? null : (
            <option value="" disabled>
              {withWords ? "choose a column" : "reading the columns…"}
            </option>
          )}
          {withWords ? null : optionsOf(textColumns)}
          {withWords?.length ? <optgroup label="Descriptions (words)">{optionsOf(withWords)}</optgroup> : null}
          {withWords && otherColumns.length ? <optgroup label="No words: codes, identifiers">{optionsOf(otherColumns)}</optgroup> : null}
        </select>
      </label>
      {withWords && !withWords.length ? (
        <span className="small muted" data-testid="no-description-column">
          No column of this table reads as goods descriptions (words); its text columns hold codes or identifiers. Choose one to classify it anyway.
        </span>
      ) : null}
      <label className="inline-label">
        Predict codes with{" "}
        <select value={ref} onChange={(e) => setRef(e.target.value)} aria-label="Model for batch prediction" disabled={!!progress}>
          <VersionOptions
            versions={versions.map((v) => ({ ref: v.ref, label: `${v.ref} (${v.status}${v.strongest ? ", strongest on real text" : ""})` }))}
          />
        </select>
      </label>
      {hasPredictions ? (
        <label className="inline-label">
          into{" "}
          <select value={slot} onChange={(e) => setSlot(e.target.value as "a" | "b")} aria-label="Write the predictions to" disabled={!!progress}>
            <option value="a">the predictions (A), replacing them</option>
            <option value="b">a second prediction (B), to compare with A</option>
          </select>
        </label>
      ) : null}
      {progress ? (
        <>
          <progress max={progress.total} value={progress.done} aria-label="Prediction progress" />
          <span className="small muted">
            {progress.done.toLocaleString("en")} / {progress.total.toLocaleString("en")} ({progress.perSecond.toLocaleString("en")}/s)
          </span>
          {onServer ? (
            <span className="small muted">on the server: it goes on if you leave this page</span>
          ) : (
            <button type="button" className="secondary small" onClick={() => (cancelled.current = true)}>
              Cancel
            </button>
          )}
        </>
      ) : (
        <button type="button" className="secondary" onClick={run} disabled={!ref || !column}>
          {onServer ? "Predict HS codes on the server" : "Predict HS codes"}
        </button>
      )}
      {message ? (
        <span className="small" role="status" data-testid="batch-predict-status">
          {message}
        </span>
      ) : null}
    </div>
  );
}
