import { describe, expect, it } from "vitest";
import type { ConfusionMatrix } from "../../workbench/evaluation/confusion-matrix";
import { differenceView, matrixView, orderLabels, OTHER_LABEL } from "../../workbench/evaluation/matrix-view";
import { comparisonReportHtml } from "../../app/compare/report-html";
import { compareModels, verdictOf } from "../../workbench/evaluation/compare";

// rows true, columns predicted:   x  y  z
const a: ConfusionMatrix = { labels: ["x", "y", "z"], counts: [5, 1, 0, /* y */ 2, 1, 0, /* z */ 0, 0, 1] };
const b: ConfusionMatrix = { labels: ["x", "y", "z"], counts: [6, 0, 0, /* y */ 0, 3, 0, /* z */ 1, 0, 0] };

describe("matrix view", () => {
  it("orders by code, support or errors, and merges the rest into Other", () => {
    expect(orderLabels([a, b], "code", null).labels).toEqual(["x", "y", "z"]);
    expect(orderLabels([a, b], "support", null).labels).toEqual(["x", "y", "z"]);
    // errors of A and B together: x 1, y 2, z 1
    expect(orderLabels([a, b], "error", null).labels).toEqual(["y", "x", "z"]);
    expect(orderLabels([a, b], "code", 1)).toEqual({ labels: ["x", OTHER_LABEL], members: [["x"], ["y", "z"]] });
  });
  it("can leave out the classes no line has, as true or predicted class, in any of the matrices", () => {
    // w: no line anywhere; v: only predicted, by B; u: only true, in both
    const labels = ["u", "v", "w", "x"];
    const sparseA: ConfusionMatrix = { labels, counts: [0, 0, 0, 2, /* v */ 0, 0, 0, 0, /* w */ 0, 0, 0, 0, /* x */ 0, 0, 0, 3] };
    const sparseB: ConfusionMatrix = { labels, counts: [0, 1, 0, 1, /* v */ 0, 0, 0, 0, /* w */ 0, 0, 0, 0, /* x */ 0, 0, 0, 3] };
    expect(orderLabels([sparseA, sparseB], "code", null).labels).toEqual(labels);
    expect(orderLabels([sparseA, sparseB], "code", null, true).labels).toEqual(["u", "v", "x"]);
    expect(orderLabels([sparseA], "code", null, true).labels).toEqual(["u", "x"]);
    expect(orderLabels([sparseA, sparseB], "support", null, true).labels).toEqual(["x", "u", "v"]);
    // the top N among the classes with lines; Other holds only classes with lines
    expect(orderLabels([sparseA, sparseB], "code", 1, true)).toEqual({ labels: ["x", OTHER_LABEL], members: [["x"], ["u", "v"]] });
    expect(orderLabels([sparseA, sparseB], "code", 3, true).labels).toEqual(["u", "v", "x"]);
    // a set without lines keeps every class rather than none
    const empty: ConfusionMatrix = { labels, counts: new Array<number>(16).fill(0) };
    expect(orderLabels([empty], "code", null, true).labels).toEqual(labels);
  });
  it("gives counts with row and column shares, normalised as asked, and can hide the diagonal", () => {
    const order = orderLabels([a, b], "code", null);
    const v = matrixView(a, order, { normalise: "row", hideDiagonal: false });
    expect(v.rowSums).toEqual([6, 3, 1]);
    expect(v.columnSums).toEqual([7, 2, 1]);
    expect(v.cells.find((c) => c.x === 1 && c.y === 0)).toEqual({ x: 1, y: 0, count: 1, rowShare: 1 / 6, columnShare: 1 / 2, value: 1 / 6 });
    expect(matrixView(a, order, { normalise: "column", hideDiagonal: false }).cells.find((c) => c.x === 0 && c.y === 1)!.value).toBeCloseTo(2 / 7);
    expect(matrixView(a, order, { normalise: "none", hideDiagonal: true }).cells.map((c) => [c.x, c.y, c.value])).toEqual([
      [1, 0, 1],
      [0, 1, 2],
    ]);
    const merged = matrixView(a, orderLabels([a, b], "code", 1), { normalise: "none", hideDiagonal: false });
    // Other = y + z: true Other predicted x = 2, predicted Other = 1 + 1 (y→y, z→z)
    expect(merged.cells.map((c) => [c.x, c.y, c.count])).toEqual([
      [0, 0, 5],
      [1, 0, 1],
      [0, 1, 2],
      [1, 1, 2],
    ]);
  });
  it("shows B − A where the models differ", () => {
    const order = orderLabels([a, b], "code", null);
    const diff = differenceView(
      matrixView(a, order, { normalise: "none", hideDiagonal: false }),
      matrixView(b, order, { normalise: "none", hideDiagonal: false }),
      {
        hideDiagonal: false,
      },
    );
    const at = (x: number, y: number) => diff.find((c) => c.x === x && c.y === y);
    expect(at(0, 0)).toEqual({ x: 0, y: 0, a: 5, b: 6, value: 1 });
    expect(at(0, 1)).toEqual({ x: 0, y: 1, a: 2, b: 0, value: -2 });
    expect(at(2, 2)).toEqual({ x: 2, y: 2, a: 1, b: 0, value: -1 });
    expect(diff).toHaveLength(6);
  });
});

describe("HTML report", () => {
  it("is self-contained, names A and B everywhere and escapes text", () => {
    const truth = ["010121", "010121", "020110"];
    const report = compareModels(
      truth,
      truth.map(() => [{ code: "010121", probability: 0.9 }]),
      truth.map((t) => [{ code: t, probability: 0.8 }]),
      { resamples: 50 },
    );
    const comparison = {
      a: { name: "old", version: "1.0.0", sha256: "a".repeat(64), status: "production" as const },
      b: { name: "new", version: "2.0.0", sha256: "b".repeat(64), status: "candidate" as const },
      set: { id: "held-out", label: "Held <out>", description: "test", hash: "c".repeat(64), lines: 3, excluded: 0 },
      report,
      verdict: verdictOf(report, { a: "old@1.0.0", b: "new@2.0.0" }),
    };
    const html = comparisonReportHtml(
      comparison,
      { "01": "Animals & <live>" },
      [{ title: "chart", src: "data:image/png;base64,AAAA" }],
      new Date("2026-01-02T03:04:05Z"),
    );
    expect(html).toContain("<title>Comparison: A old@1.0.0 vs B new@2.0.0 — Held &lt;out&gt;</title>");
    expect(html).toContain("Animals &amp; &lt;live&gt;");
    expect(html).toContain('src="data:image/png;base64,AAAA"');
    expect(html).toContain("Most-confused chapter pairs of B new@2.0.0");
    expect(html).not.toMatch(/<script|<link|src="http/);
  });
});

describe("the view settings stated with an exported chart", () => {
  it("says what the colours count and what is left out", async () => {
    const { describeMatrixView } = await import("../../workbench/evaluation/matrix-view");
    expect(describeMatrixView({ normalise: "row", sort: "error", topN: 20, hideDiagonal: true, hideEmpty: true, scale: "log" })).toBe(
      'shares of each true class (rows sum to 100%); the 20 largest classes, the rest merged into "Other"; correct predictions (the diagonal) hidden; sorted by error rate; logarithmic colour scale',
    );
    expect(describeMatrixView({ normalise: "none", sort: "code", topN: null, hideDiagonal: false, hideEmpty: false })).toBe(
      "line counts; every class; correct predictions shown; sorted by code",
    );
    expect(describeMatrixView({ normalise: "none", sort: "code", topN: null, hideDiagonal: false, hideEmpty: true })).toContain(
      "; every class with lines;",
    );
  });
});
