import { Table } from "apache-arrow";
import { useEffect, useRef, useState } from "react";
import { predictTopK } from "../../models/hs-classifier/classifier";
import { quoteIdent } from "../../workbench/extract/column-mapping";
import { browserTf, loadBrowserModel } from "../classify/browser-model.client";
import { utf8Vector } from "./arrow-vectors";
import { duckErrorMessage, getDuck, queryRows, tablePages } from "./duckdb.client";
import type { TableInfo } from "./extract-views.client";

const PAGE = 4096;

/**
 * Classifies every goods description of a table in the browser and adds predicted_code, predicted_confidence and
 * predicted_by columns to it (page by page, with progress; cancelling keeps the table as it was).
 */
export function BatchPredict({ table, onDone }: { table: TableInfo; onDone: () => void }) {
  const [versions, setVersions] = useState<{ ref: string; status: string }[]>([]);
  const [ref, setRef] = useState("");
  const [progress, setProgress] = useState<{ done: number; total: number; perSecond: number } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const cancelled = useRef(false);

  useEffect(() => {
    fetch("/resources/model-versions", { credentials: "same-origin" })
      .then((r) => r.json() as Promise<{ versions: { ref: string; status: string }[] }>)
      .then((d) => {
        setVersions(d.versions);
        setRef(d.versions[0]?.ref ?? "");
      })
      .catch(() => setMessage("Could not list model versions."));
  }, []);

  if (!table.columns.some((c) => c.name === "goods_description")) return null;

  const run = async () => {
    cancelled.current = false;
    setMessage(null);
    const { conn } = await getDuck();
    const name = quoteIdent(table.name);
    const scratch = "__predictions";
    try {
      const [model_name, version] = ref.split("@") as [string, string];
      const loaded = await loadBrowserModel(model_name, version);
      const tf = await browserTf();
      const [{ n }] = (await queryRows<{ n: number }>(`SELECT count(*)::DOUBLE AS n FROM ${name}`)) as [{ n: number }];
      await conn.query(`CREATE OR REPLACE TEMP TABLE ${scratch} (rid BIGINT, predicted_code VARCHAR, predicted_confidence DOUBLE)`);
      const started = performance.now();
      let done = 0;
      setProgress({ done, total: n, perSecond: 0 });
      for await (const rows of tablePages<{ rid: number; d: string | null }>(name, "rowid::DOUBLE AS rid, goods_description AS d", n, PAGE)) {
        if (cancelled.current) throw new DOMException("cancelled", "AbortError");
        const candidates = await predictTopK(tf, loaded.model, loaded.features, loaded.labels, rows.map((r) => r.d ?? ""), 1);
        const ipcTable = new Table({
          rid: utf8Vector(rows.map((r) => String(r.rid))),
          predicted_code: utf8Vector(candidates.map((c) => c[0]?.code ?? null)),
          predicted_confidence: utf8Vector(candidates.map((c) => (c[0] ? c[0].probability.toFixed(6) : null))),
        });
        await conn.insertArrowTable(ipcTable, { name: `${scratch}_page`, create: true });
        await conn.query(`INSERT INTO ${scratch} SELECT CAST(rid AS BIGINT), predicted_code, CAST(predicted_confidence AS DOUBLE) FROM ${scratch}_page`);
        await conn.query(`DROP TABLE ${scratch}_page`);
        done += rows.length;
        setProgress({ done, total: n, perSecond: Math.round(done / ((performance.now() - started) / 1000)) });
      }
      for (const [column, type] of [["predicted_code", "VARCHAR"], ["predicted_confidence", "DOUBLE"], ["predicted_by", "VARCHAR"]] as const) {
        await conn.query(`ALTER TABLE ${name} ADD COLUMN IF NOT EXISTS ${column} ${type}`);
      }
      await conn.query(
        `UPDATE ${name} SET predicted_code = p.predicted_code, predicted_confidence = p.predicted_confidence, predicted_by = '${ref}'
         FROM ${scratch} p WHERE ${name}.rowid = p.rid`,
      );
      const seconds = (performance.now() - started) / 1000;
      setMessage(`Predicted ${done.toLocaleString("en")} descriptions with ${ref} in ${seconds.toFixed(1)} s; added predicted_code, predicted_confidence and predicted_by.`);
      onDone();
    } catch (e) {
      setMessage(e instanceof DOMException && e.name === "AbortError" ? "Prediction cancelled; the table is unchanged." : `Prediction failed: ${duckErrorMessage(e)}`);
    } finally {
      await conn.query(`DROP TABLE IF EXISTS ${scratch}`).catch(() => undefined);
      await conn.query(`DROP TABLE IF EXISTS ${scratch}_page`).catch(() => undefined);
      setProgress(null);
    }
  };

  return (
    <div className="batch-predict">
      <label className="inline-label">
        Predict codes with{" "}
        <select value={ref} onChange={(e) => setRef(e.target.value)} aria-label="Model for batch prediction" disabled={!!progress}>
          {versions.map((v) => (
            <option key={v.ref} value={v.ref}>
              {v.ref} ({v.status})
            </option>
          ))}
        </select>
      </label>
      {progress ? (
        <>
          <progress max={progress.total} value={progress.done} aria-label="Prediction progress" />
          <span className="small muted">
            {progress.done.toLocaleString("en")} / {progress.total.toLocaleString("en")} ({progress.perSecond.toLocaleString("en")}/s)
          </span>
          <button type="button" className="secondary small" onClick={() => (cancelled.current = true)}>
            Cancel
          </button>
        </>
      ) : (
        <button type="button" className="secondary" onClick={run} disabled={!ref}>
          Predict HS codes
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
