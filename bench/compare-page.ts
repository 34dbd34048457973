// Runs inside headless Chromium for `npm run bench:compare`: the Compare page's own code path, from a prediction table
// in DuckDB-WASM to a rendered ECharts heatmap.
import { heatmapOption } from "../app/compare/heatmap-option";
import { echarts } from "../app/components/echarts.client";
import { getDuck } from "../app/explore/duckdb.client";
import { chapterMatrixFromCells, chapterMatrixSql, PAIR_TABLE_COLUMNS, PAIR_TABLE_SELECT } from "../workbench/evaluation/confusion-sql";
import { differenceView, matrixView, orderLabels } from "../workbench/evaluation/matrix-view";

const ms = (start: number) => Math.round((performance.now() - start) * 10) / 10;

async function cells(table: string, column: string) {
  const { conn } = await getDuck();
  const result = await conn.query(chapterMatrixSql(table, "truth_chapter", column));
  // columns, not row objects: 9,409 toJSON() calls cost more than the aggregation
  const [r, c, n] = ["r", "c", "n"].map((name) => result.getChild(name)!.toArray() as ArrayLike<number>);
  return Array.from({ length: result.numRows }, (_, i) => ({ r: r![i]!, c: c![i]!, n: n![i]! }));
}

let chart: ReturnType<typeof echarts.init> | null = null;

/**
 * Draws the option into the page's 560×560 chart, as the Compare page does when its data or controls change (the chart
 * element exists once the page is open; `fresh` also creates it, as on first open).
 */
function render(option: Record<string, unknown>, fresh = false): Promise<void> {
  if (fresh || !chart) {
    chart?.dispose();
    const div = document.createElement("div");
    div.style.cssText = "width:560px;height:560px";
    document.body.replaceChildren(div);
    chart = echarts.init(div, undefined, { renderer: "canvas" });
  }
  const target = chart;
  return new Promise((resolve) => {
    target.off("finished");
    target.on("finished", () => resolve());
    target.setOption(option, { notMerge: true });
  });
}

const names = { a: "model-a@1.0.0", b: "model-b@1.0.0" };
const viewOptions = { normalise: "none" as const, hideDiagonal: false };

const api = {
  async start() {
    const t = performance.now();
    const duck = await getDuck();
    return { bundle: duck.bundle, startMs: ms(t) };
  },
  async load(url: string) {
    const { db, conn } = await getDuck();
    const t = performance.now();
    const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
    await db.registerFileBuffer("predictions.csv", bytes);
    await conn.query(
      `CREATE TABLE predictions AS SELECT ${PAIR_TABLE_SELECT} FROM read_csv('predictions.csv', header = true, auto_detect = false, columns = {${PAIR_TABLE_COLUMNS}})`,
    );
    await db.dropFile("predictions.csv");
    return { loadMs: ms(t) };
  },
  /** Runs one query on the loaded table (bench:scale); its time and row count. */
  async time(sql: string) {
    const { conn } = await getDuck();
    const t = performance.now();
    const result = await conn.query(sql);
    return { ms: ms(t), rows: result.numRows };
  },
  /** One model: aggregate → matrix → view → option → heatmap drawn. */
  async oneHeatmap(fresh = false) {
    const t0 = performance.now();
    const matrix = chapterMatrixFromCells(await cells("predictions", "a_chapter"));
    const sqlMs = ms(t0);
    const t1 = performance.now();
    const order = orderLabels([matrix], "code", null);
    const view = matrixView(matrix, order, viewOptions);
    const option = heatmapOption("a", { a: view, b: view, diff: [], order }, { normalise: "none", scale: "log" }, names, () => "");
    const viewMs = ms(t1);
    const t2 = performance.now();
    await render(option, fresh);
    return { totalMs: ms(t0), sqlMs, viewMs, renderMs: ms(t2), counts: matrix.counts };
  },
  /** What the page does for a comparison: both matrices, three heatmaps (A, B, B − A). */
  async threeHeatmaps() {
    const t0 = performance.now();
    const a = chapterMatrixFromCells(await cells("predictions", "a_chapter"));
    const b = chapterMatrixFromCells(await cells("predictions", "b_chapter"));
    const order = orderLabels([a, b], "code", null);
    const views = {
      a: matrixView(a, order, viewOptions),
      b: matrixView(b, order, viewOptions),
      order,
      diff: [] as ReturnType<typeof differenceView>,
    };
    views.diff = differenceView(views.a, views.b, viewOptions);
    for (const side of ["a", "b", "diff"] as const) await render(heatmapOption(side, views, { normalise: "none", scale: "log" }, names, () => ""));
    return { totalMs: ms(t0), countsB: b.counts };
  },
};

(window as unknown as { bench: typeof api }).bench = api;
document.title = "bench ready";
