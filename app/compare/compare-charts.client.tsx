// The interactive half of Compare: heatmaps of A, B and B − A (ECharts), chapter → heading expansion and cell
// drill-down from the paired lines loaded into the browser's DuckDB, coverage curves with a threshold slider, exports.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Chart, chartPng, type ChartInstance, type ChartOption } from "~/components/chart.client";
import { duckErrorMessage } from "~/explore/duckdb.client";
import { download, downloadWorkbook } from "~/explore/export.client";
import { getHsReference } from "~/explore/hs-reference.client";
import { toCsv } from "../../workbench/csv";
import type { ConfusionMatrix } from "../../workbench/evaluation/confusion-matrix";
import {
  describeMatrixView,
  differenceView,
  matrixView,
  orderLabels,
  OTHER_LABEL,
  type MatrixViewOptions,
} from "../../workbench/evaluation/matrix-view";
import type { Cell, HeatmapWindow, Scale, Side } from "./heatmap-option";
import { HeatmapTrio } from "./heatmap-trio.client";
import { thresholdFor } from "../../workbench/evaluation/statistics";
import type { Comparison } from "../../workbench/evaluation/compare";
import { ReliabilityDiagram } from "~/components/reliability-diagram";
import { pct, proportionText, shareText } from "../../workbench/text/format";
import { cellLines, headingMatrix, loadServerRows, type CellSelection, type DrillRow } from "./compare-queries.client";
import { comparisonReportHtml } from "./report-html";
import { comparisonWorkbookSheets, perChapterTable } from "./comparison-workbook";
import { formatModelRef } from "../../workbench/registry/model-ref";

interface Level {
  /** null: chapters; else the expanded chapters (headings inside them) */
  chapters: string[] | null;
  a: ConfusionMatrix;
  b: ConfusionMatrix;
}

/**
 * `prepareTable` gives the DuckDB table of paired lines (line, ref, description, truth, a_code, a_probability, b_code,
 * b_probability); by default they come from the server for a shipped set.
 */
export default function CompareCharts({
  comparison,
  chapterNames,
  prepareTable,
  initialChapter,
}: {
  comparison: Comparison;
  chapterNames: Record<string, string>;
  prepareTable?: () => Promise<string>;
  /** open this chapter into its headings once the lines are loaded */
  initialChapter?: string | null;
}) {
  const { a, b, set, report } = comparison;
  const [nameA, nameB] = [formatModelRef(a), formatModelRef(b)];
  const names = useMemo(() => ({ a: nameA, b: nameB }), [nameA, nameB]);
  const [options, setOptions] = useState<MatrixViewOptions & { scale: Scale }>({
    normalise: "none",
    sort: "code",
    topN: null,
    hideDiagonal: false,
    hideEmpty: true,
    scale: "log",
  });
  const [level, setLevel] = useState<Level>({ chapters: null, a: report.a.chapterMatrix, b: report.b.chapterMatrix });
  const [table, setTable] = useState<string | null>(null);
  const [tableError, setTableError] = useState<string | null>(null);
  const [headingNames, setHeadingNames] = useState<{ headings: string[]; nameOf: (code: string) => string } | null>(null);
  const [selection, setSelection] = useState<CellSelection | null>(null);
  const [drill, setDrill] = useState<{ rows: DrillRow[]; total: number } | { error: string } | null>(null);
  const [threshold, setThreshold] = useState(0.9);
  const charts = useRef<Partial<Record<Side | "coverage", ChartInstance>>>({});
  const shownWindow = useRef<HeatmapWindow | null>(null);

  // The paired lines into DuckDB once per comparison (cell drill-down and heading matrices are SQL over them).
  useEffect(() => {
    let cancelled = false;
    setTable(null);
    setLevel({ chapters: null, a: report.a.chapterMatrix, b: report.b.chapterMatrix });
    setSelection(null);
    (async () => {
      const name = await (prepareTable ?? (() => loadServerRows(comparison)))();
      const reference = await getHsReference();
      if (cancelled) return;
      setHeadingNames({ headings: reference.nomenclature.headings().map((h) => h.code), nameOf: (c) => reference.nomenclature.nameOf(c) });
      setTable(name);
    })().catch((error) => !cancelled && setTableError(duckErrorMessage(error)));
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one load per compared pair and set
  }, [a.sha256, b.sha256, set.hash]);

  const nameOf = useCallback(
    (code: string) =>
      code === OTHER_LABEL || code === "other"
        ? "all other classes"
        : code.length === 2
          ? (chapterNames[code] ?? "")
          : (headingNames?.nameOf(code) ?? ""),
    [chapterNames, headingNames],
  );

  const expand = useCallback(
    async (chapters: string[]) => {
      if (!table || !headingNames) return;
      const valid = chapters.filter((c) => /^\d{2}$/.test(c));
      if (!valid.length) return;
      const cells = (column: "a_code" | "b_code") => headingMatrix(table, column, valid, headingNames.headings);
      setLevel({ chapters: valid, a: await cells("a_code"), b: await cells("b_code") });
      setSelection(null);
    },
    [table, headingNames],
  );

  useEffect(() => {
    if (initialChapter && table && headingNames) void expand([initialChapter]);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the lines are ready
  }, [table, headingNames]);

  const heatmapOptions = useMemo(() => ({ normalise: options.normalise, scale: options.scale }), [options.normalise, options.scale]);
  const views = useMemo(() => {
    const order = orderLabels([level.a, level.b], options.sort, options.topN, options.hideEmpty);
    const va = matrixView(level.a, order, options);
    const vb = matrixView(level.b, order, options);
    return { order, a: va, b: vb, diff: differenceView(va, vb, options) };
  }, [level, options]);

  // A chapter label expands into the headings of that chapter; a cell lists its lines.
  const onLabel = (label: string) => {
    if (level.chapters === null && label !== OTHER_LABEL) void expand([label]);
  };
  const onOpenCell = (side: Side, cell: Cell) => {
    const members = views.order.members;
    setSelection({ side, truth: members[cell.y]!, predicted: members[cell.x]!, length: level.chapters ? 4 : 2 });
  };

  // Cell drill-down: the lines behind the selected cell, from DuckDB.
  useEffect(() => {
    if (!selection || !table) return;
    let cancelled = false;
    const expandedHeadings = level.chapters && headingNames ? headingNames.headings.filter((h) => level.chapters!.includes(h.slice(0, 2))) : [];
    cellLines(table, selection, level.chapters, expandedHeadings)
      .then((result) => !cancelled && setDrill(result))
      .catch((error) => !cancelled && setDrill({ error: duckErrorMessage(error) }));
    return () => {
      cancelled = true;
    };
  }, [selection, table, level.chapters, headingNames]);

  const coverageOption = useMemo((): ChartOption => {
    const series = (side: "a" | "b") => {
      const curve = report[side].coverage;
      const label = `${side.toUpperCase()} ${names[side]}`;
      return [
        {
          name: `${label}: share auto-accepted`,
          type: "line",
          showSymbol: false,
          data: curve.map((p) => [p.threshold, p.share * 100]),
          lineStyle: { type: side === "a" ? "dashed" : "solid" },
        },
        {
          name: `${label}: accuracy of accepted`,
          type: "line",
          showSymbol: false,
          data: curve.filter((p) => p.accuracy !== null).map((p) => [p.threshold, p.accuracy! * 100]),
          lineStyle: { type: side === "a" ? "dashed" : "solid" },
        },
      ];
    };
    const [a1, a2] = series("a");
    const [b1, b2] = series("b");
    return {
      title: { text: `Coverage vs confidence: A ${names.a}, B ${names.b}`, left: "center", textStyle: { fontSize: 13 } },
      tooltip: { trigger: "axis", valueFormatter: (v: number) => `${Number(v).toFixed(1)}%` },
      legend: { bottom: 0, type: "scroll" },
      grid: { left: 50, right: 20, top: 40, bottom: 70 },
      xAxis: { type: "value", min: 0, max: 1, name: "confidence threshold", nameLocation: "middle", nameGap: 26 },
      yAxis: { type: "value", min: 0, max: 100, name: "%" },
      series: [
        {
          ...a1,
          markLine: { symbol: "none", silent: true, data: [{ xAxis: threshold }], label: { formatter: `threshold ${threshold.toFixed(2)}` } },
        },
        a2,
        b1,
        b2,
      ],
    };
  }, [report, names, threshold]);

  const at = (side: "a" | "b") => report[side].coverage[Math.round(threshold * 100)]!;
  const at95 = (side: "a" | "b") => thresholdFor(report[side].coverage, 0.95);

  const levelLabel = level.chapters ? `headings of chapter ${level.chapters.join(" and ")}` : "chapters";

  function exportMatrices() {
    const rows: unknown[][] = [];
    for (const [side, m] of [
      ["A " + names.a, level.a],
      ["B " + names.b, level.b],
    ] as const) {
      const size = m.labels.length;
      m.labels.forEach((label, i) => rows.push([side, label, ...m.counts.slice(i * size, (i + 1) * size)]));
    }
    const size = level.a.labels.length;
    level.a.labels.forEach((label, i) =>
      rows.push([`B − A`, label, ...level.b.counts.slice(i * size, (i + 1) * size).map((x, j) => x - level.a.counts[i * size + j]!)]),
    );
    download(
      new Blob([toCsv(["matrix", "true \\ predicted", ...level.a.labels], rows)], { type: "text/csv" }),
      `confusion-${levelLabel.replace(/\W+/g, "-")}.csv`,
    );
  }

  function exportPerChapter() {
    const { columns, rows } = perChapterTable(comparison, chapterNames);
    download(
      new Blob(
        [
          toCsv(
            columns.map((c) => c.name),
            rows,
          ),
        ],
        { type: "text/csv" },
      ),
      `per-chapter-${names.a}-vs-${names.b}.csv`,
    );
  }

  function exportWorkbook() {
    const sheets = comparisonWorkbookSheets(comparison, chapterNames, { label: levelLabel, a: level.a, b: level.b, nameOf }, new Date());
    void downloadWorkbook(`comparison-${names.a}-vs-${names.b}-${set.id}.xlsx`, sheets);
  }

  // A chart image holds only the part of a large matrix on screen: the report says which part.
  function windowInWords() {
    const w = shownWindow.current;
    const labels = views.order.labels;
    if (!w || (w.x[0] === 0 && w.y[0] === 0 && w.x[1] === labels.length - 1 && w.y[1] === labels.length - 1)) return "";
    return `; the part on screen: true ${labels[w.y[0]]}–${labels[w.y[1]]} by predicted ${labels[w.x[0]]}–${labels[w.x[1]]} of ${labels.length} classes (every cell is in the Matrices CSV)`;
  }

  function exportReport() {
    const images = (["a", "b", "diff", "coverage"] as const).flatMap((k) => {
      const chart = charts.current[k];
      return chart
        ? [
            {
              title:
                k === "coverage"
                  ? "Coverage vs confidence"
                  : k === "diff"
                    ? `B − A (${levelLabel})`
                    : `${k.toUpperCase()} ${names[k]} (${levelLabel})`,
              src: chartPng(chart),
              settings: k === "coverage" ? null : `View: ${describeMatrixView(options)}${windowInWords()}.`,
            },
          ]
        : [];
    });
    const html = comparisonReportHtml(comparison, chapterNames, images, new Date());
    download(new Blob([html], { type: "text/html" }), `comparison-${names.a}-vs-${names.b}-${set.id}.html`);
  }

  const png = (key: Side | "coverage", file: string) => (
    <button
      type="button"
      className="small secondary"
      onClick={() => charts.current[key] && download(dataUrlBlob(chartPng(charts.current[key]!)), file)}
    >
      PNG
    </button>
  );

  return (
    <div className="compare-charts">
      <h2>Confusion matrices ({levelLabel})</h2>
      <div className="view-controls" role="group" aria-label="Matrix view">
        <label className="inline-label">
          Normalise{" "}
          <select value={options.normalise} onChange={(e) => setOptions({ ...options, normalise: e.target.value as MatrixViewOptions["normalise"] })}>
            <option value="none">none (counts)</option>
            <option value="row">by row (recall view)</option>
            <option value="column">by column (precision view)</option>
          </select>
        </label>
        <label className="inline-label">
          Colour{" "}
          <select value={options.scale} onChange={(e) => setOptions({ ...options, scale: e.target.value as Scale })}>
            <option value="log">log</option>
            <option value="linear">linear</option>
          </select>
        </label>
        <label className="inline-label">
          Sort{" "}
          <select value={options.sort} onChange={(e) => setOptions({ ...options, sort: e.target.value as MatrixViewOptions["sort"] })}>
            <option value="code">by code</option>
            <option value="support">by lines (support)</option>
            <option value="error">by errors</option>
          </select>
        </label>
        <label className="inline-label">
          Show{" "}
          <select
            value={options.topN ?? "all"}
            onChange={(e) => setOptions({ ...options, topN: e.target.value === "all" ? null : Number(e.target.value) })}
          >
            <option value="all">all</option>
            <option value="10">top 10 + Other</option>
            <option value="20">top 20 + Other</option>
            <option value="30">top 30 + Other</option>
          </select>
        </label>
        <label className="inline-label">
          <input type="checkbox" checked={options.hideDiagonal} onChange={(e) => setOptions({ ...options, hideDiagonal: e.target.checked })} /> hide
          diagonal
        </label>
        <label className="inline-label">
          <input type="checkbox" checked={options.hideEmpty} onChange={(e) => setOptions({ ...options, hideEmpty: e.target.checked })} /> only{" "}
          {level.chapters ? "headings" : "chapters"} with lines
        </label>
        {level.chapters ? (
          <button
            type="button"
            className="small"
            onClick={() => (setLevel({ chapters: null, a: report.a.chapterMatrix, b: report.b.chapterMatrix }), setSelection(null))}
          >
            Back to chapters
          </button>
        ) : (
          <label className="inline-label">
            Expand chapter{" "}
            <select
              value=""
              disabled={!table}
              onChange={(e) => e.target.value && void expand([e.target.value])}
              aria-label="Expand chapter into headings"
            >
              <option value="">{table ? "choose…" : "loading lines…"}</option>
              {report.perChapter.map((c) => (
                <option key={c.chapter} value={c.chapter}>
                  {c.chapter} {chapterNames[c.chapter]?.slice(0, 40)}
                </option>
              ))}
            </select>
          </label>
        )}
        <span className="spacer" />
        <button type="button" className="small secondary" onClick={exportMatrices}>
          Matrices CSV
        </button>
        <button type="button" className="small secondary" onClick={exportPerChapter}>
          Per-chapter CSV
        </button>
        <button type="button" className="small secondary" onClick={exportWorkbook}>
          Excel workbook
        </button>
        <button type="button" className="small" onClick={exportReport}>
          HTML report
        </button>
      </div>
      {tableError ? <p className="form-error">Drill-down is unavailable: {tableError}</p> : null}
      <p className="muted small">
        Rows are the true {level.chapters ? "heading" : "chapter"}, columns the predicted one. Hover a cell or a label for counts and names; click a
        cell to list its lines (or Tab to a matrix, move with the arrow keys and press Enter);
        {level.chapters ? "" : " click a chapter label (or choose one above) to expand it into its headings."} A matrix larger than its chart shows a
        part of it: the sliders move all three together. In B − A, blue means B has more lines in that cell: better on the diagonal, worse off it.
      </p>
      <HeatmapTrio
        views={views}
        options={heatmapOptions}
        names={names}
        nameOf={nameOf}
        onOpenCell={onOpenCell}
        onLabel={onLabel}
        onReady={(side, c) => (charts.current[side] = c)}
        windowRef={shownWindow}
        figureCaption={(side) =>
          png(side, `heatmap-${side === "diff" ? "b-minus-a" : side}-${side === "diff" ? `${names.b}-${names.a}` : names[side]}.png`)
        }
      />

      {selection ? (
        <section className="card drill" data-testid="drill-down" aria-live="polite">
          <h3>
            Lines with true {selection.length === 2 ? "chapter" : "heading"} {selection.truth.length > 3 ? "Other" : selection.truth.join(", ")}{" "}
            predicted as {selection.predicted.length > 3 ? "Other" : selection.predicted.join(", ")} by{" "}
            {selection.side === "diff" ? `A (${names.a}) or B (${names.b})` : `${selection.side.toUpperCase()} (${names[selection.side]})`}
            {selection.length === 2 && selection.truth.length === 1 && selection.predicted.length === 1 ? (
              <button
                type="button"
                className="small secondary"
                onClick={() => void expand([...new Set([selection.truth[0]!, selection.predicted[0]!])])}
              >
                Expand{" "}
                {selection.truth[0] === selection.predicted[0]
                  ? `chapter ${selection.truth[0]}`
                  : `chapters ${selection.truth[0]} and ${selection.predicted[0]}`}{" "}
                into headings
              </button>
            ) : null}
            <button type="button" className="link-like" onClick={() => setSelection(null)} aria-label="Close the list">
              ×
            </button>
          </h3>
          {!drill ? (
            <p className="muted">Querying DuckDB…</p>
          ) : "error" in drill ? (
            <p className="form-error">{drill.error}</p>
          ) : (
            <>
              <p className="muted small">
                {drill.total.toLocaleString("en")} lines{drill.total > drill.rows.length ? `; the first ${drill.rows.length} are shown` : ""}.
              </p>
              <div className="scroll-box" tabIndex={0} role="region" aria-label="Lines of the chosen cell (scrolls)">
                <table className="table compact">
                  <thead>
                    <tr>
                      <th>Line</th>
                      <th>Description</th>
                      <th>True code</th>
                      <th>A {names.a}</th>
                      <th>B {names.b}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {drill.rows.map((r) => (
                      <tr key={r.line}>
                        <td className="small">{r.ref}</td>
                        <td>{r.description}</td>
                        <CodeCell code={r.truth} nameOf={nameOf} />
                        <CodeCell code={r.a_code} nameOf={nameOf} probability={r.a_probability} right={r.a_code === r.truth} />
                        <CodeCell code={r.b_code} nameOf={nameOf} probability={r.b_probability} right={r.b_code === r.truth} />
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </section>
      ) : null}

      <h2>How much could be auto-accepted?</h2>
      <div className="two-columns">
        <figure>
          <Chart
            option={coverageOption}
            height={340}
            label={`Coverage curves of A ${names.a} and B ${names.b}`}
            testId="coverage-chart"
            onReady={(c) => (charts.current.coverage = c)}
          />
          <figcaption>{png("coverage", `coverage-${names.a}-vs-${names.b}.png`)}</figcaption>
        </figure>
        <div className="card">
          <label className="threshold">
            Confidence threshold <strong>{threshold.toFixed(2)}</strong>
            <input
              type="range"
              min={0}
              max={1}
              step={0.01}
              value={threshold}
              onChange={(e) => setThreshold(Number(e.target.value))}
              aria-label="Confidence threshold"
            />
          </label>
          <table className="table compact" data-testid="coverage-readout">
            <thead>
              <tr>
                <th />
                <th>Auto-accepted at {threshold.toFixed(2)}</th>
                <th>Accuracy among them</th>
                <th>Shown ≥ 95% accurate</th>
              </tr>
            </thead>
            <tbody>
              {(["a", "b"] as const).map((side) => {
                const p = at(side);
                const q = at95(side);
                return (
                  <tr key={side}>
                    <th>
                      {side.toUpperCase()} {names[side]}
                    </th>
                    <td>{shareText(p.accepted, report.n)}</td>
                    <td>{proportionText(p.right, p.accepted)}</td>
                    <td>{q ? `${pct(q.share)} (confidence ≥ ${q.threshold.toFixed(2)})` : "not shown on these lines"}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="muted small">
            Auto-accepted: the top suggestion's confidence is at least the threshold; accuracy is HS6 top-1 among those lines. Shown ≥ 95% accurate:
            the largest share whose accuracy has the lower end of its 95% interval at 95% or more (at least 73 lines without a miss).
          </p>
        </div>
      </div>

      {report.a.calibration && report.b.calibration ? (
        <>
          <h2>Is the confidence honest?</h2>
          <p className="muted small">
            Bars: how often the top suggestion was right among lines with that confidence; the dashed diagonal is where a calibrated model would be.
            Calibration error: the line-weighted gap between the two (0 is perfect).
          </p>
          <div className="two-columns" data-testid="reliability">
            {(["a", "b"] as const).map((side) => (
              <ReliabilityDiagram
                key={side}
                title={`${side.toUpperCase()} ${names[side]}`}
                ece={report[side].calibration.ece}
                bins={report[side].calibration.bins}
              />
            ))}
          </div>
        </>
      ) : null}
    </div>
  );
}

function CodeCell({ code, nameOf, probability, right }: { code: string; nameOf: (c: string) => string; probability?: number; right?: boolean }) {
  const name = code.length === 6 ? nameOf(code) : "";
  return (
    <td className={right === undefined ? undefined : right ? "cell-right" : "cell-wrong"}>
      <code>{code}</code>
      {probability !== undefined ? <span className="small"> {(probability * 100).toFixed(1)}%</span> : null}
      <div className="muted small">{name}</div>
    </td>
  );
}

function dataUrlBlob(url: string): Blob {
  const [head, body] = url.split(",") as [string, string];
  const bytes = Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type: /data:([^;]+)/.exec(head)?.[1] ?? "image/png" });
}
