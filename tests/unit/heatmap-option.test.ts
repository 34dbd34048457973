import { describe, expect, it } from "vitest";
import { chartTable } from "../../app/components/chart-data";
import { CELL_PX, cellText, fitWindow, heatmapFit, heatmapOption, moveCell } from "../../app/compare/heatmap-option";
import { differenceView, matrixView, orderLabels } from "../../workbench/evaluation/matrix-view";
import type { ConfusionMatrix } from "../../workbench/evaluation/confusion-matrix";

const labels = Array.from({ length: 60 }, (_, i) => String(i + 1).padStart(2, "0"));
// A: every line right; B: chapter 02 taken for 03 five times out of five
const matrix = (wrong: boolean): ConfusionMatrix => {
  const counts = new Array<number>(labels.length * labels.length).fill(0);
  labels.forEach((_, i) => (counts[i * labels.length + i] = 5));
  if (wrong) {
    counts[1 * labels.length + 1] = 0;
    counts[1 * labels.length + 2] = 5;
  }
  return { labels, counts } as ConfusionMatrix;
};
const options = { normalise: "none" as const, sort: "code" as const, topN: null, hideDiagonal: false };
const order = orderLabels([matrix(false), matrix(true)], "code", null);
const a = matrixView(matrix(false), order, options);
const b = matrixView(matrix(true), order, options);
const views = { a, b, diff: differenceView(a, b, options), order };
const names = { a: "m@1", b: "m@2" };
const nameOf = (code: string) => `chapter ${code}`;

describe("heatmap layout and keyboard", () => {
  it("fits whole 24 px cells into the chart and at most 22 rows", () => {
    const fit = heatmapFit(60, 800);
    expect(fit.columns).toBe(Math.floor((800 - 104) / CELL_PX));
    expect(fit.rows).toBe(22);
    expect(heatmapFit(5, 800)).toMatchObject({ columns: 5, rows: 5 });
  });

  it("moves the window only as far as needed to show a cell, never past the matrix", () => {
    const fit = { columns: 10, rows: 5 };
    expect(fitWindow(null, 60, fit)).toEqual({ x: [0, 9], y: [0, 4] });
    expect(fitWindow({ x: [0, 9], y: [0, 4] }, 60, fit, { x: 12, y: 2 })).toEqual({ x: [3, 12], y: [0, 4] });
    expect(fitWindow({ x: [3, 12], y: [0, 4] }, 60, fit, { x: 1, y: 59 })).toEqual({ x: [1, 10], y: [55, 59] });
    // a matrix that shrank (top 10 chosen) pulls the window back inside it
    expect(fitWindow({ x: [50, 59], y: [55, 59] }, 8, { columns: 8, rows: 5 })).toEqual({ x: [0, 7], y: [3, 7] });
  });

  it("steps across cells with arrows, Home/End, Page Up/Down and Ctrl+Home/End, stopping at the edges", () => {
    expect(moveCell({ x: 0, y: 0 }, "ArrowLeft", 60)).toEqual({ x: 0, y: 0 });
    expect(moveCell({ x: 0, y: 0 }, "ArrowRight", 60)).toEqual({ x: 1, y: 0 });
    expect(moveCell({ x: 4, y: 55 }, "PageDown", 60)).toEqual({ x: 4, y: 59 });
    expect(moveCell({ x: 4, y: 5 }, "End", 60)).toEqual({ x: 59, y: 5 });
    expect(moveCell({ x: 4, y: 5 }, "End", 60, true)).toEqual({ x: 59, y: 59 });
    expect(moveCell({ x: 4, y: 5 }, "Home", 60, true)).toEqual({ x: 0, y: 0 });
    expect(moveCell({ x: 4, y: 5 }, "a", 60)).toBeNull();
  });

  it("reads a cell in words, empty cells included", () => {
    expect(cellText("b", views, { x: 2, y: 1 }, "none", names, nameOf)).toEqual([
      "true 02 chapter 02",
      "predicted 03 chapter 03",
      "B (m@2): 5 lines",
      "100.0% of row · 50.0% of column",
    ]);
    expect(cellText("a", views, { x: 2, y: 1 }, "none", names, nameOf)[2]).toBe("A (m@1): 0 lines");
    expect(cellText("diff", views, { x: 1, y: 1 }, "none", names, nameOf).slice(2)).toEqual(["A (m@1): 5 lines", "B (m@2): 0 lines", "B − A: -5"]);
    expect(cellText("diff", views, { x: 0, y: 0 }, "none", names, nameOf).slice(2)).toEqual(["A (m@1): 5 lines", "B (m@2): 5 lines", "B − A: 0"]);
  });

  it("labels every class, shows a window with sliders that cannot widen it, and tables counts not log colours", () => {
    const option = heatmapOption("a", views, { normalise: "none", scale: "log" }, names, nameOf, { x: [0, 29], y: [0, 21] });
    const x = option.xAxis as { axisLabel: { interval: number; lineHeight: number } };
    expect(x.axisLabel.interval).toBe(0);
    expect(x.axisLabel.lineHeight).toBeGreaterThanOrEqual(CELL_PX);
    const zooms = option.dataZoom as { id: string; startValue: number; endValue: number; minValueSpan: number; maxValueSpan: number }[];
    expect(zooms.map((z) => [z.id, z.startValue, z.endValue, z.maxValueSpan])).toEqual([
      ["x", 0, 29, 29],
      ["y", 0, 21, 21],
    ]);
    // the whole matrix on screen: no sliders
    expect(heatmapOption("a", views, { normalise: "none", scale: "log" }, names, nameOf, { x: [0, 59], y: [0, 59] }).dataZoom).toEqual([]);
    const table = chartTable(option)!;
    expect(table.columns).toEqual(["predicted", "true", "lines"]);
    expect(table.rows[0]).toEqual(["01", "01", 5]);
  });

  it("escapes names in tooltips", () => {
    const option = heatmapOption("a", views, { normalise: "none", scale: "linear" }, names, () => "<img src=x>");
    const tip = (option.tooltip as { formatter: (p: unknown) => string }).formatter({ data: [0, 0] });
    const label = (option.yAxis as { tooltip: { formatter: (p: unknown) => string } }).tooltip.formatter({ value: "01" });
    expect(tip).toContain("&lt;img");
    expect(label).toBe("true 01 &lt;img src=x&gt;");
  });
});
