import { describe, expect, it } from "vitest";
import { chartTable } from "../../app/components/chart-data";
import { modelNameRows, modelRuns, versionPoints } from "../../app/overview/version-points";

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

describe("the Overview's accuracy over versions", () => {
  const point = (ref: string, real = true) => ({ ref, status: "candidate", hs2: 0.5, hs6: 0.2, real });

  it("keeps each model's versions together with a blank place between models, so no line joins two models", () => {
    // registration order: a later version of the first model registered after another model's
    const points = versionPoints([point("hs-retrieval@1.0.0"), point("hs-combined@1.0.0"), point("hs-retrieval@1.1.0"), point("my@model@2.0")]);
    expect(points.map((p) => p?.ref ?? null)).toEqual(["hs-retrieval@1.0.0", "hs-retrieval@1.1.0", null, "hs-combined@1.0.0", null, "my@model@2.0"]);
  });

  it("names each model once under its versions, a row lower where two small models side by side would overlap", () => {
    const model = (name: string, n: number) => Array.from({ length: n }, (_, i) => point(`${name}@1.${i}.0`));
    const points = versionPoints([
      ...model("hs-baseline", 1),
      ...model("hs-combined", 21),
      ...model("hs-hierarchical", 1),
      ...model("hs-hierarchical-glossary", 2),
      ...model("hs-retrieval", 16),
    ]);
    const runs = modelRuns(points);
    expect(runs).toEqual([
      { start: 0, end: 0 },
      { start: 2, end: 22 },
      { start: 24, end: 24 },
      { start: 26, end: 27 },
      { start: 29, end: 44 },
    ]);
    // at 560 px: the glossary's name would cross hs-hierarchical's, two points away; hs-retrieval's is clear of both
    const rows = modelNameRows(points, runs, 560);
    expect([...rows]).toEqual([
      [0, 0],
      [12, 0],
      [24, 0],
      [26, 1],
      [36, 0],
    ]);
    // with room to spare, every name level
    expect([...modelNameRows(points, runs, 5600).values()]).toEqual([0, 0, 0, 0, 0]);
  });

  it("leaves the blank places out of the chart's table, and keeps a category that has figures", () => {
    const t = chartTable({
      xAxis: { type: "category", data: ["a@1", "", "b@1", ""] },
      yAxis: { type: "value" },
      series: [
        { type: "line", name: "HS6", data: [10, null, { value: 20 }, 5] },
        { type: "scatter", name: "HS6, model card (synthetic)", data: [null, null, null, null] },
      ],
    });
    expect(t!.rows).toEqual([
      ["a@1", 10, ""],
      ["b@1", 20, ""],
      ["", 5, ""],
    ]);
  });
});
