import { describe, expect, it } from "vitest";
import { chartTable } from "../../app/components/chart-data";

describe("a chart's data as a table (its text alternative)", () => {
  it("reads bars by category, several series side by side", () => {
    const t = chartTable({
      xAxis: { type: "category", data: ["01", "02"], name: "HS chapter" },
      yAxis: { type: "value" },
      series: [
        { type: "bar", name: "A", data: [{ value: 3 }, 5] },
        { type: "bar", name: "B", data: [1, 0.123456] },
      ],
    });
    expect(t).toEqual({
      columns: ["HS chapter", "A", "B"],
      rows: [
        ["01", 3, 1],
        ["02", 5, 0.1235],
      ],
    });
  });

  it("reads horizontal bars and heatmap cells (non-zero only), and curves point by point", () => {
    expect(chartTable({ yAxis: { type: "category", data: ["CN"] }, xAxis: { type: "value" }, series: [{ type: "bar", data: [7] }] })).toEqual({
      columns: ["category", "value"],
      rows: [["CN", 7]],
    });
    const heat = chartTable({
      xAxis: { type: "category", data: ["01", "02"], name: "predicted" },
      yAxis: { type: "category", data: ["01", "02"], name: "true" },
      series: [{ type: "heatmap", name: "lines", data: [[0, 0, 5], [1, 0, 0], { value: [0, 1, 2] }] }],
    });
    expect(heat).toEqual({
      columns: ["predicted", "true", "lines"],
      rows: [
        ["01", "01", 5],
        ["01", "02", 2],
      ],
    });
    expect(
      chartTable({ xAxis: { type: "value", name: "coverage" }, yAxis: { name: "accuracy" }, series: [{ name: "A", data: [[0.5, 0.9]] }] }),
    ).toEqual({
      columns: ["series", "coverage", "accuracy"],
      rows: [["A", 0.5, 0.9]],
    });
    expect(chartTable({ series: [] })).toBeNull();
  });
});
