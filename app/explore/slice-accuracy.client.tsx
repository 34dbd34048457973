import { useEffect, useState } from "react";
import { wilsonInterval } from "../../workbench/evaluation/statistics";
import { pct } from "../../workbench/text/format";
import { duckErrorMessage } from "./duckdb.client";
import {
  AGREEMENT_PAIRS,
  agreementBySlice,
  SLICES,
  type AgreementPair,
  type FilterDimension,
  type Slice,
  type ViewFilters,
  type ViewSource,
} from "./extract-view-queries.client";
import type { HsReference } from "./hs-reference.client";
import { downloadWorkbook } from "./export.client";
import { aboutSheet, sheetOf } from "../../workbench/extract/xlsx-write";

/**
 * Where the model fails us: agreement of predicted with declared codes (or of two versions' predictions) by country of
 * origin, office, importer, procedure, month or HS chapter, worst first by the upper end of the 95% interval (a slice is only "worst" when its lines show it,
 * not because it has two of them). A click filters the views and the rows to that slice.
 */
export function SliceAccuracy({
  source,
  filters,
  filtersText,
  exportName,
  reference,
  onPick,
}: {
  source: ViewSource;
  filters: ViewFilters;
  /** the filters in words, as their chips say them ("" for none) */
  filtersText: string;
  /** the rows' export name (the table's and its filters'): the slices' workbook is named after it */
  exportName: string;
  reference: HsReference;
  onPick: (dimension: FilterDimension, value: string) => void;
}) {
  const available = SLICES.filter((s) => source.columns.some((c) => c.name === s.column));
  const [slice, setSlice] = useState<Slice | undefined>(available[0]);
  // the chapter of the codes the view shows: declared ones, or prediction A's where the table has none
  const labelOf = (s: Slice) =>
    s.dimension !== "chapter" ? s.label : source.codes === "declared" ? "HS chapter (declared)" : "HS chapter (prediction A)";
  // declared codes only where the view shows declared codes (a predicted view calls its predictions commodity_code)
  const pairs = AGREEMENT_PAIRS.filter(
    (p) =>
      (p.left !== "commodity_code" || source.codes === "declared") &&
      [p.left, p.right].every((column) => source.columns.some((c) => c.name === column)),
  );
  const [pair, setPair] = useState<AgreementPair | undefined>(pairs[0]);
  const [rows, setRows] = useState<{ key: string; n: number; hs6: number; chapter: number; low: number; high: number }[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!slice || !pair) return;
    let stale = false;
    setError(null);
    agreementBySlice(source, slice, filters, reference, pair)
      .then((r) => {
        if (stale) return;
        const scored = r.map((x) => ({ ...x, ...wilsonInterval(x.hs6, x.n) }));
        setRows(scored.sort((a, b) => a.high - b.high || b.n - a.n));
      })
      .catch((e) => !stale && setError(duckErrorMessage(e)));
    return () => {
      stale = true;
    };
  }, [source, slice, filters, reference, pair]);

  if (!slice || !pair) return null;
  const total = rows?.reduce((s, r) => s + r.n, 0) ?? 0;
  const right = rows?.reduce((s, r) => s + r.hs6, 0) ?? 0;
  const overall = `HS6 agreement ${pct(total ? right / total : 0)} on ${total.toLocaleString("en")} lines with both codes${
    pair.id === "a-b" ? " (agreement is not accuracy: both may be wrong)." : " (declared codes may be wrong too)."
  }`;

  // every slice, not only the worst shown: an office or an importer code keeps its leading zeros as a text cell
  const exportSlices = (shown: NonNullable<typeof rows>) => {
    const about: [string, string][] = [
      ["Table", source.name],
      ["Codes compared", pair.label],
      ["By", labelOf(slice)],
      ["Filters", filtersText || "none"],
      ["Overall", overall],
      ["Order", `worst first by the upper end of the 95% interval (Wilson) of HS6 agreement`],
    ];
    void downloadWorkbook(`${exportName}-agreement-by-${slice.dimension}.xlsx`, [
      aboutSheet(about, new Date()),
      sheetOf(
        `By ${labelOf(slice)}`,
        [
          { name: labelOf(slice), kind: "text", width: 24 },
          { name: "lines", kind: "number" },
          { name: "HS6 agreeing lines", kind: "number" },
          { name: "HS6 agreement", kind: "percent" },
          { name: "95% interval low", kind: "percent" },
          { name: "95% interval high", kind: "percent" },
          { name: "chapter agreement", kind: "percent" },
        ],
        shown.map((r) => [r.key, r.n, r.hs6, r.hs6 / r.n, r.low, r.high, r.chapter / r.n]),
      ),
    ]);
  };
  return (
    <section className="card wide" aria-labelledby="slice-accuracy">
      <h3 id="slice-accuracy">{pair.id === "a-b" ? "Where the two versions disagree" : "Where the predictions disagree with the declarations"}</h3>
      <div className="view-controls">
        {pairs.length > 1 ? (
          <label className="inline-label">
            Compare{" "}
            <select value={pair.id} onChange={(e) => setPair(pairs.find((p) => p.id === e.target.value))} aria-label="Codes compared">
              {pairs.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label className="inline-label">
          By{" "}
          <select
            value={slice.dimension}
            onChange={(e) => setSlice(available.find((s) => s.dimension === e.target.value))}
            aria-label="Slice accuracy by"
          >
            {available.map((s) => (
              <option key={s.dimension} value={s.dimension}>
                {labelOf(s)}
              </option>
            ))}
          </select>
        </label>
        {rows ? (
          <>
            <span className="muted small">Overall: {overall}</span>
            <button type="button" className="small secondary" onClick={() => exportSlices(rows)}>
              All {rows.length.toLocaleString("en")} to Excel
            </button>
          </>
        ) : null}
      </div>
      {error ? <pre className="sql-error">{error}</pre> : null}
      {rows ? (
        <table className="table compact" data-testid="slice-accuracy">
          <caption className="muted small">
            Worst first by the upper end of the 95% interval (Wilson): a slice ranks low only when enough of its lines disagree
            {rows.length > 15 ? ` (the worst 15 of ${rows.length.toLocaleString("en")} here; every one in the Excel export)` : ""}. Click a row to
            filter the views and the rows to it.
          </caption>
          <thead>
            <tr>
              <th>{labelOf(slice)}</th>
              <th>Lines</th>
              <th>HS6 agreement</th>
              <th>95% interval</th>
              <th>Chapter agreement</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, 15).map((r) => (
              <tr key={r.key}>
                <td>
                  {slice.dimension !== "chapter" ? (
                    <PickButton onPick={() => onPick(slice.dimension, r.key)}>{r.key}</PickButton>
                  ) : /^\d{2}$/.test(r.key) ? (
                    <>
                      <PickButton onPick={() => onPick(slice.dimension, r.key)}>{r.key}</PickButton>
                      <span className="muted small"> {reference.nomenclature.get(r.key)?.description ?? "not an HS chapter"}</span>
                    </>
                  ) : (
                    // not a chapter (a code that is not one): nothing to filter to
                    r.key
                  )}
                </td>
                <td className="num">{r.n.toLocaleString("en")}</td>
                <td className="num">{pct(r.hs6 / r.n)}</td>
                <td className="num">
                  {pct(r.low)} – {pct(r.high)}
                </td>
                <td className="num">{pct(r.chapter / r.n)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">Computing…</p>
      )}
    </section>
  );
}

const PickButton = ({ onPick, children }: { onPick: () => void; children: string }) => (
  <button type="button" className="link-like-inline" onClick={onPick}>
    {children}
  </button>
);
