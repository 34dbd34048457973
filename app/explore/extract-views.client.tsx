import { useCallback, useEffect, useMemo, useState } from "react";
import type { CodeProblem } from "../../workbench/hs/codes";
import { Chart, type ChartOption } from "~/components/chart.client";
import type { TableInfo } from "./catalog.client";
import { duckErrorMessage } from "./duckdb.client";
import {
  conversionCheck,
  currenciesOf,
  loadViews,
  ratesTables,
  rowsOf,
  type FilterDimension,
  viewSource,
  declaredCodeCounts,
  createHs2017Map,
  type Measure,
  type ViewFilters,
} from "./extract-view-queries.client";
import { RatesEditor } from "./rates-editor.client";
import { SliceAccuracy } from "./slice-accuracy.client";
import type { HsReference } from "./hs-reference.client";
import { BatchPredict } from "./batch-predict.client";
import { ResultGrid } from "./result-grid.client";
import { pct, safeHtml } from "../../workbench/text/format";
import { editionReport, type EditionReport, type HsEdition } from "../../workbench/hs/hs-version";
import type { ViewState } from "./view-state";
import { engineOf } from "./table-engine.client";

/** A measure as the select names it: "lines", "value:EUR" (one currency's lines), "converted:TABLE:EUR". */
function parseMeasure(key: string): Measure {
  const [kind, a, b] = key.split(":");
  if (kind === "value") return { kind: "value", currency: a === "" ? null : a! };
  if (kind === "converted") return { kind: "converted", rates: a!, target: b! };
  return { kind: "lines" };
}

/** The measure with its unit, for axes, tooltips, headings and exports. */
function measureName(m: Measure): string {
  if (m.kind === "lines") return "Lines";
  if (m.kind === "value")
    return m.currency === null ? "Statistical value (no currency column)" : `Statistical value, ${m.currency} (${m.currency} lines only)`;
  return `Statistical value in ${m.target} (converted with ${m.rates})`;
}

const PROBLEM_LABELS: Record<CodeProblem | "valid" | "unchecked", string> = {
  valid: "Valid HS 2022",
  unchecked: "Not checked (beyond the 10,000 most used codes)",
  "unknown-subheading": "Subheading not in HS 2022",
  "unknown-heading": "Heading does not exist",
  "unknown-chapter": "Chapter does not exist",
  "reserved-chapter": "Reserved chapter 77",
  length: "Wrong length",
  format: "Not digits",
  ambiguous: "Ambiguous",
  empty: "Empty",
};

const trunc = (s: string, n = 48) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

const DIMENSION_LABELS: Record<FilterDimension, string> = {
  chapter: "chapter",
  section: "section",
  heading: "heading",
  origin: "origin",
  month: "month",
  office: "office",
  importer: "importer",
  procedure: "procedure",
};

/**
 * Ready-made views of a declaration table. A click on a bar filters every view (each by all filters but its own), the
 * rows and their exports; the filters show as chips, each removable.
 */
export function ExtractViews({
  table,
  reference,
  onSchemaChange,
  initial,
  onViewChange,
}: {
  table: TableInfo;
  reference: HsReference;
  onSchemaChange: () => void;
  /** the view to start from (from the page's address or a saved view); the component is remounted for another table */
  initial: ViewState;
  onViewChange: (view: Pick<ViewState, "filters" | "measure" | "codes" | "minConfidence" | "edition">) => void;
}) {
  const [filters, setFilters] = useState<ViewFilters>(initial.filters);
  const chapter = filters.chapter ?? null;
  /** a click on a bar: filter by it, or remove the filter when it is already the one */
  const toggle = (d: FilterDimension, value: string) => setFilters((f) => ({ ...f, [d]: f[d] === value ? undefined : value }));
  const [measureKey, setMeasureKey] = useState(initial.measure);
  const measure = useMemo(() => parseMeasure(measureKey), [measureKey]);
  const [currencies, setCurrencies] = useState<{ currency: string; lines: number }[] | null>(null);
  const [rates, setRates] = useState<{ table: string; target: string }[]>([]);
  const [conversion, setConversion] = useState<Awaited<ReturnType<typeof conversionCheck>> | null>(null);
  const [ratesVersion, setRatesVersion] = useState(0);
  const [data, setData] = useState<Awaited<ReturnType<typeof loadViews>> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const has = (c: string) => table.columns.some((col) => col.name === c);
  const hasValue = has("statistical_value");
  const hasDeclared = has("commodity_code");
  const hasPredicted = has("predicted_code") && has("predicted_confidence");
  // declared codes by default; a table without them (descriptions only) is viewed through its predicted codes
  const defaultCodes = hasDeclared ? "declared" : "predicted";
  const [codes, setCodes] = useState<"declared" | "predicted">(initial.codes ?? defaultCodes);
  const [minConfidence, setMinConfidence] = useState(initial.minConfidence);
  const usedCodes = hasDeclared ? codes : "predicted";
  // the declared codes' HS edition: detected from the codes, chosen by the analyst; HS 2017 read in HS 2022 where it can be
  const [edition, setEdition] = useState<HsEdition | null>(initial.edition);
  const [editions, setEditions] = useState<EditionReport | null>(null);
  const [hs2017Map, setHs2017Map] = useState<string | null>(null);
  const usedEdition = edition ?? editions?.suggested ?? "HS2022";
  useEffect(() => {
    let stale = false;
    setEditions(null);
    if (!hasDeclared) return;
    declaredCodeCounts(table)
      .then((codes) => !stale && setEditions(editionReport(codes, reference.nomenclature, reference.crosswalk)))
      .catch((e) => !stale && setError(duckErrorMessage(e)));
    return () => {
      stale = true;
    };
  }, [table, hasDeclared, reference]);
  useEffect(() => {
    let stale = false;
    setHs2017Map(null);
    if (usedEdition !== "HS2017" || !editions) return;
    createHs2017Map(table, editions.mapping)
      .then((name) => !stale && setHs2017Map(name))
      .catch((e) => !stale && setError(duckErrorMessage(e)));
    return () => {
      stale = true;
    };
  }, [table, usedEdition, editions]);
  // HS 2017 views wait for their mapping; until then nothing is shown rather than unmapped codes
  const mapPending = usedCodes === "declared" && hasDeclared && (editions === null || (usedEdition === "HS2017" && hs2017Map === null));
  const source = useMemo(
    () => viewSource(table, usedCodes, minConfidence, usedEdition === "HS2017" ? (hs2017Map ?? undefined) : undefined),
    [table, usedCodes, minConfidence, usedEdition, hs2017Map],
  );
  const declaredSource = useMemo(
    () => viewSource(table, "declared", 0, usedEdition === "HS2017" ? (hs2017Map ?? undefined) : undefined),
    [table, usedEdition, hs2017Map],
  );

  useEffect(
    () => onViewChange({ filters, measure: measureKey, codes: codes === defaultCodes ? null : codes, minConfidence, edition }),
    // the parent's callback changes every render; the view is what matters
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [filters, measureKey, codes, minConfidence, edition],
  );
  // the currencies of the table and the rates tables that can convert them
  useEffect(() => {
    let stale = false;
    Promise.all([hasValue ? currenciesOf(source) : Promise.resolve([]), ratesTables()])
      .then(([c, r]) => {
        if (stale) return;
        setCurrencies(c);
        setRates(r);
      })
      .catch((e) => !stale && setError(duckErrorMessage(e)));
    return () => {
      stale = true;
    };
  }, [source, hasValue, ratesVersion]);
  useEffect(() => {
    let stale = false;
    setError(null);
    setConversion(null);
    if (mapPending) return setData(null);
    const check = measure.kind === "converted" ? conversionCheck(source, measure) : Promise.resolve(null);
    check
      .then(async (c) => {
        if (stale) return;
        setConversion(c);
        // overlapping periods would count a line twice: no figures until the rates are fixed
        if (c?.overlaps.length) return setData(null);
        const d = await loadViews(source, filters, measure, reference);
        if (!stale) setData(d);
      })
      .catch((e) => !stale && setError(duckErrorMessage(e)));
    return () => {
      stale = true;
    };
    // new rates change a converted measure's figures
  }, [source, filters, measure, reference, ratesVersion, mapPending]);

  const { nomenclature } = reference;
  const chapterName = useCallback(
    (code: string) => nomenclature.get(code)?.description ?? (code === "77" ? "Reserved" : "not an HS chapter"),
    [nomenclature],
  );
  const options = useMemo(() => {
    if (!data) return null;
    const metricName = measureName(measure);
    // the unit at the end of every value axis: lines, or the currency the values are in
    const unit = measure.kind === "lines" ? "lines" : measure.kind === "value" ? (measure.currency ?? "value") : measure.target;
    const chapters = data.byChapter;
    const byChapter: ChartOption = {
      tooltip: {
        trigger: "item",
        formatter: (p: { name: string; value: number }) =>
          safeHtml`Chapter ${p.name}: ${trunc(chapterName(p.name), 60)}<br/>${metricName}: ${p.value.toLocaleString("en")}`,
      },
      grid: { left: 60, right: 16, top: 16, bottom: 40 },
      xAxis: {
        type: "category",
        data: chapters.map((c) => c.key),
        axisLabel: { interval: "auto" },
        name: "HS chapter",
        nameLocation: "middle",
        nameGap: 26,
      },
      yAxis: { type: "value", name: metricName },
      series: [
        {
          type: "bar",
          data: chapters.map((c) => ({
            value: c.metric,
            itemStyle: { color: chapter === null || c.key === chapter ? "#0b5cad" : "#b8c7d9" },
          })),
        },
      ],
    };
    const sections = new Map<string, number>();
    for (const c of data.sectionChapters) {
      const section = nomenclature.get(c.key)?.section ?? "—";
      sections.set(section, (sections.get(section) ?? 0) + c.metric);
    }
    const sectionRows = nomenclature
      .sections()
      .map((s) => ({ id: s.id, name: s.name, metric: sections.get(s.id) ?? 0 }))
      .concat(sections.has("—") ? [{ id: "—", name: "Codes outside the nomenclature", metric: sections.get("—")! }] : [])
      .reverse();
    const bySection: ChartOption = {
      tooltip: {
        trigger: "item",
        formatter: (p: { name: string; value: number; dataIndex: number }) =>
          safeHtml`Section ${p.name}: ${sectionRows[p.dataIndex]!.name}<br/>${metricName}: ${p.value.toLocaleString("en")}`,
      },
      grid: { left: 210, right: 24, top: 8, bottom: 24 },
      yAxis: {
        type: "category",
        data: sectionRows.map((s) => s.id),
        axisLabel: { formatter: (id: string) => `${id} ${trunc(sectionRows.find((s) => s.id === id)?.name ?? "", 28)}` },
      },
      xAxis: { type: "value", splitNumber: 3, axisLabel: { hideOverlap: true }, name: unit, nameLocation: "end" },
      series: [
        {
          type: "bar",
          data: sectionRows.map((s) => ({
            value: s.metric,
            itemStyle: { color: !filters.section || s.id === filters.section ? "#3d7cc9" : "#b8c7d9" },
          })),
        },
      ],
    };
    const horizontal = (rows: { key: string; metric: number }[], label: (k: string) => string, color: string, selected?: string): ChartOption => {
      const r = [...rows].reverse();
      return {
        tooltip: {
          trigger: "item",
          formatter: (p: { name: string; value: number }) => safeHtml`${label(p.name)}<br/>${metricName}: ${p.value.toLocaleString("en")}`,
        },
        grid: { left: 230, right: 24, top: 8, bottom: 24 },
        yAxis: { type: "category", data: r.map((x) => x.key), axisLabel: { formatter: (k: string) => trunc(label(k), 36) } },
        xAxis: { type: "value", splitNumber: 3, axisLabel: { hideOverlap: true }, name: unit, nameLocation: "end" },
        series: [
          { type: "bar", data: r.map((x) => ({ value: x.metric, itemStyle: { color: !selected || x.key === selected ? color : "#c9c9c9" } })) },
        ],
      };
    };
    const monthly: ChartOption = {
      tooltip: { trigger: "axis" },
      grid: { left: 60, right: 16, top: 16, bottom: 40 },
      xAxis: { type: "category", data: data.monthly.map((m) => m.key) },
      yAxis: { type: "value", name: metricName },
      series: [
        {
          // straight segments: a smoothed curve of monthly totals dips and peaks where no month does
          type: "line",
          areaStyle: { opacity: 0.15 },
          data: data.monthly.map((m) => ({ value: m.metric, symbolSize: m.key === filters.month ? 12 : 4 })),
        },
      ],
    };
    const validity = data.codeValidity;
    const codeChart: ChartOption = {
      tooltip: { trigger: "item" },
      grid: { left: 190, right: 24, top: 8, bottom: 24 },
      yAxis: { type: "category", data: validity.byProblem.map((p) => PROBLEM_LABELS[p.problem]) },
      xAxis: { type: "value", name: "Lines" },
      series: [
        {
          type: "bar",
          data: validity.byProblem.map((p) => ({
            value: p.lines,
            itemStyle: { color: p.problem === "valid" ? "#1d6b35" : p.problem === "unchecked" ? "#777777" : "#a61b1b" },
          })),
        },
      ],
    };
    return {
      byChapter,
      bySection,
      headings: horizontal(data.headings, (k) => `${k} ${nomenclature.get(k)?.description ?? "(not in HS 2022)"}`, "#5a8f29", filters.heading),
      origins: horizontal(data.origins, (k) => k, "#8d5a97", filters.origin),
      monthly,
      codeChart,
    };
  }, [data, chapter, filters, measure, nomenclature, chapterName]);

  const filterText = (d: FilterDimension, v: string) =>
    d === "chapter"
      ? `chapter ${v} — ${trunc(chapterName(v), 60)}`
      : d === "section"
        ? `section ${v} — ${trunc(nomenclature.section(v)?.name ?? "", 60)}`
        : d === "heading"
          ? `heading ${v} — ${trunc(nomenclature.get(v)?.description ?? "not in HS 2022", 60)}`
          : `${DIMENSION_LABELS[d]} ${v}`;
  const active = (Object.keys(DIMENSION_LABELS) as FilterDimension[]).filter((d) => filters[d]);
  const suffix = active.map((d) => `${d}-${filters[d]}`).join("-");
  const exportName = `${table.name}${suffix ? `-${suffix}` : ""}`;

  if (!hasDeclared && !hasPredicted) {
    // descriptions without codes: predict them, then every view works on the predicted codes
    return (
      <div className="views">
        <BatchPredict table={table} onDone={onSchemaChange} />
        <div className="notice" data-testid="no-codes">
          {table.name} has no declared codes (<code>commodity_code</code>). Choose its text column and predict HS codes above: the views then show the
          predicted codes, with a confidence threshold. Or use SQL to explore it.
        </div>
      </div>
    );
  }
  return (
    <div className="views">
      <BatchPredict table={table} onDone={onSchemaChange} />
      {hasDeclared && editions && usedCodes === "declared" ? (
        <div className="view-controls" data-testid="hs-edition">
          <label className="inline-label">
            Declared codes in{" "}
            <select value={usedEdition} onChange={(e) => setEdition(e.target.value as HsEdition)} aria-label="HS edition of the declared codes">
              <option value="HS2022">HS 2022</option>
              <option value="HS2017">HS 2017, read in HS 2022</option>
            </select>
          </label>
          <span className="muted small">
            Detected: {pct(editions.validIn.HS2022 / Math.max(1, editions.lines))} of lines have HS 2022 codes,{" "}
            {pct(editions.validIn.HS2017 / Math.max(1, editions.lines))} HS 2017 codes
            {edition === null ? ` — shown as ${usedEdition === "HS2017" ? "HS 2017" : "HS 2022"}` : ""}.
          </span>
          {usedEdition === "HS2017" && editions.split.length ? (
            <details data-testid="hs-splits">
              <summary>
                {editions.split.reduce((n, x) => n + x.lines, 0).toLocaleString("en")} lines with {editions.split.length} HS 2017 codes that split
                into several HS 2022 codes are kept apart (not in the views)
              </summary>
              <ul className="small">
                {editions.split.slice(0, 20).map((x) => (
                  <li key={x.code}>
                    <code>{x.code}</code> ({x.lines.toLocaleString("en")} lines) → {x.successors.join(", ")}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </div>
      ) : null}
      {hasPredicted ? (
        <div className="view-controls" aria-label="Which codes the views show">
          <label className="inline-label">
            Codes{" "}
            <select value={usedCodes} onChange={(e) => setCodes(e.target.value as "declared" | "predicted")} aria-label="Codes shown">
              {hasDeclared ? <option value="declared">declared (commodity_code)</option> : null}
              <option value="predicted">predicted (predicted_code)</option>
            </select>
          </label>
          {usedCodes === "predicted" ? (
            <label className="inline-label">
              Confidence at least{" "}
              <select value={minConfidence} onChange={(e) => setMinConfidence(Number(e.target.value))} aria-label="Minimum confidence">
                {[0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95].map((t) => (
                  <option key={t} value={t}>
                    {t === 0 ? "any" : `${Math.round(t * 100)}%`}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
        </div>
      ) : null}
      <div className="view-controls">
        {active.length ? (
          active.map((d) => (
            <span key={d} className="filter-chip" data-testid={`${d}-filter`}>
              Filter: {filterText(d, filters[d]!)}
              <button
                type="button"
                aria-label={`Remove the ${DIMENSION_LABELS[d]} filter`}
                onClick={() => setFilters((f) => ({ ...f, [d]: undefined }))}
              >
                ✕
              </button>
            </span>
          ))
        ) : (
          <span className="muted">Click a bar (chapter, section, heading, origin, month) to filter every view and the rows below.</span>
        )}
        <span className="spacer" />
        <label className="inline-label">
          Measure{" "}
          <select value={measureKey} onChange={(e) => setMeasureKey(e.target.value)} aria-label="Measure">
            <option value="lines">Lines</option>
            {hasValue && currencies === null ? <option value="value:">Statistical value (no currency column)</option> : null}
            {(currencies ?? []).map((c) => (
              <option key={c.currency} value={`value:${c.currency}`}>
                Statistical value, {c.currency} ({c.lines.toLocaleString("en")} lines)
              </option>
            ))}
            {has("acceptance_date") && currencies
              ? rates.map((r) => (
                  <option key={`${r.table}:${r.target}`} value={`converted:${r.table}:${r.target}`}>
                    Statistical value in {r.target}, converted with {r.table}
                  </option>
                ))
              : null}
          </select>
        </label>
      </div>
      {hasValue && currencies && currencies.length > 1 ? (
        <p className="muted small" data-testid="currency-note">
          Values are in {currencies.length} currencies ({currencies.map((c) => c.currency).join(", ")}): they are shown one currency at a time, never
          added together. To add them up, convert them with exchange rates you load or enter (below).
        </p>
      ) : null}
      {conversion ? (
        <p
          className={conversion.overlaps.length ? "form-error" : "muted small"}
          data-testid="conversion-note"
          role={conversion.overlaps.length ? "alert" : undefined}
        >
          {conversion.overlaps.length
            ? `The rates overlap (${conversion.overlaps.join("; ")}): a line would be converted twice. Fix the rates table first.`
            : `${(conversion.lines - conversion.unconverted).toLocaleString("en")} of ${conversion.lines.toLocaleString("en")} lines converted; ${conversion.unconverted.toLocaleString("en")} have no rate for their currency and date and are left out.`}
        </p>
      ) : null}
      {hasValue && currencies ? <RatesEditor onSaved={() => setRatesVersion((v) => v + 1)} onSchemaChange={onSchemaChange} /> : null}
      {error ? <pre className="sql-error">{error}</pre> : null}
      {options ? (
        <div className="chart-grid">
          <section className="card wide" data-story="chapters">
            <h3>{measureName(measure)} by HS chapter</h3>
            <Chart
              label={`${measure.kind === "lines" ? "Lines" : "Value"} by HS chapter`}
              option={options.byChapter}
              onClick={(p) => toggle("chapter", p.name)}
            />
          </section>
          <section className="card">
            <h3>By HS section</h3>
            <Chart label="By HS section" option={options.bySection} height={420} onClick={(p) => p.name !== "—" && toggle("section", p.name)} />
          </section>
          <section className="card">
            <h3>Top headings{chapter ? ` in chapter ${chapter}` : ""}</h3>
            <Chart label="Top headings" option={options.headings} height={420} onClick={(p) => toggle("heading", p.name)} />
          </section>
          <section className="card">
            <h3>Countries of origin</h3>
            {has("country_of_origin") ? (
              <Chart label="Countries of origin" option={options.origins} height={360} onClick={(p) => toggle("origin", p.name)} />
            ) : (
              <p className="muted">Needs a country_of_origin column.</p>
            )}
          </section>
          <section className="card">
            <h3>By month</h3>
            {has("acceptance_date") ? (
              <Chart label="By month" option={options.monthly} height={360} onClick={(p) => toggle("month", p.name)} />
            ) : (
              <p className="muted">Needs an acceptance_date column.</p>
            )}
          </section>
          <section className="card wide">
            <h3>{usedCodes === "predicted" ? "Predicted" : "Declared"} codes against the HS 2022 nomenclature</h3>
            <div className="split">
              <Chart label={`${usedCodes === "predicted" ? "Predicted" : "Declared"} code validity`} option={options.codeChart} height={240} />
              {data!.codeValidity.invalid.length ? (
                <div>
                  <p className="muted">{data!.codeValidity.distinct.toLocaleString("en")} distinct codes; most used codes that do not exist:</p>
                  <table className="table compact" data-testid="invalid-codes">
                    <thead>
                      <tr>
                        <th>Code</th>
                        <th>Lines</th>
                        <th>Why</th>
                      </tr>
                    </thead>
                    <tbody>
                      {data!.codeValidity.invalid.slice(0, 8).map((c) => (
                        <tr key={c.code}>
                          <td>
                            <code>{c.code}</code>
                          </td>
                          <td className="num">{c.lines.toLocaleString("en")}</td>
                          <td>{c.reason}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ) : (
                <p className="muted" data-testid="invalid-codes">
                  {data!.codeValidity.distinct.toLocaleString("en")} distinct codes, every one a HS 2022 subheading.
                </p>
              )}
            </div>
          </section>
        </div>
      ) : (
        <p className="muted">Computing views…</p>
      )}
      {hasPredicted && (hasDeclared || has("predicted_code_b")) ? (
        <SliceAccuracy
          source={hasDeclared ? declaredSource : source}
          filters={filters}
          filtersText={active.map((d) => filterText(d, filters[d]!)).join("; ")}
          exportName={exportName}
          reference={reference}
          onPick={(d, v) => setFilters((f) => ({ ...f, [d]: v }))}
        />
      ) : null}
      <h3>Rows{active.length ? ` (${active.map((d) => filterText(d, filters[d]!)).join("; ")})` : ""}</h3>
      <ResultGrid relation={rowsOf(source, filters, reference)} exportName={exportName} engine={engineOf(table)} revision={table} />
    </div>
  );
}
