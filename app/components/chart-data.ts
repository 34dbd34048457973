// A chart's data as rows of a table: the text alternative every chart offers on demand (screen readers, copying
// figures, checking a bar). Read from the same ECharts option the chart draws, so the two cannot disagree.

type Axis = { type?: string; data?: unknown[]; name?: string };
type Series = { type?: string; name?: string; data?: unknown[]; dimensions?: string[] };

export interface ChartTable {
  columns: string[];
  rows: (string | number)[][];
}

const first = <T>(x: T | T[] | undefined): T | undefined => (Array.isArray(x) ? x[0] : x);
const valueOf = (d: unknown): unknown =>
  d !== null && typeof d === "object" && !Array.isArray(d) && "value" in d ? (d as { value: unknown }).value : d;
const cell = (v: unknown): string | number =>
  typeof v === "number" ? Math.round(v * 10_000) / 10_000 : v === null || v === undefined ? "" : String(v);

/** The rows of a bar, line or heatmap chart; null when the option has no data this can read. */
export function chartTable(option: Record<string, unknown>): ChartTable | null {
  const x = first(option.xAxis as Axis | Axis[] | undefined);
  const y = first(option.yAxis as Axis | Axis[] | undefined);
  const series = ([] as Series[]).concat((option.series as Series | Series[] | undefined) ?? []).filter((s) => Array.isArray(s.data));
  if (!series.length) return null;
  const heatmap = series.find((s) => s.type === "heatmap");
  if (heatmap && x?.data && y?.data) {
    // a fourth dimension, when named, is the figure behind a colour that may be scaled (e.g. log)
    const at = (heatmap.dimensions?.length ?? 0) > 3 ? 3 : 2;
    const rows = heatmap
      .data!.map((d) => valueOf(d))
      .filter((v): v is unknown[] => Array.isArray(v) && typeof v[at] === "number" && v[at] !== 0)
      .map((v) => [cell(x.data![Number(v[0])]), cell(y.data![Number(v[1])]), cell(v[at])]);
    return { columns: [x.name ?? "column", y.name ?? "row", at === 3 ? heatmap.dimensions![3]! : (heatmap.name ?? "value")], rows };
  }
  const category = x?.type === "category" && x.data ? x : y?.type === "category" && y.data ? y : null;
  const name = (s: Series, i: number) => s.name ?? (series.length === 1 ? "value" : `series ${i + 1}`);
  if (category) {
    const rows = category
      .data!.map((c, i) => [cell(valueOf(c)), ...series.map((s) => cell(valueOf(s.data![i])))])
      // a blank place that only separates groups of categories (no name, no value) is not a row
      .filter(([name, ...values]) => name !== "" || values.some((v) => v !== ""));
    return { columns: [category.name ?? "category", ...series.map(name)], rows };
  }
  // value against value (curves): one row per point of each series
  const rows = series.flatMap((s, i) =>
    s
      .data!.map((d) => valueOf(d))
      .filter((v): v is unknown[] => Array.isArray(v))
      .map((v) => [name(s, i), cell(v[0]), cell(v[1])]),
  );
  return rows.length ? { columns: ["series", x?.name ?? "x", y?.name ?? "y"], rows } : null;
}
