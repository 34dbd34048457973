import { describe, expect, it } from "vitest";
import {
  chapterConfusion,
  classStats,
  differenceMatrix,
  headingConfusion,
  mostConfusedPairs,
  cell,
} from "../../workbench/evaluation/confusion-matrix";
import { createRng } from "../../workbench/random";
import { bootstrapDelta, bootstrapPairDeltas, coverageCurve, mcnemar, thresholdFor } from "../../workbench/evaluation/statistics";
import { compareModels, verdictOf } from "../../workbench/evaluation/compare";

const pairs = [
  { truth: "010121", predicted: "010121" },
  { truth: "010121", predicted: "020110" },
  { truth: "020110", predicted: "020110" },
  { truth: "020110", predicted: "020120" },
  { truth: "030111", predicted: "010121" },
];

describe("chapter confusion matrix", () => {
  const m = chapterConfusion(pairs);
  it("has all 97 chapters, reserved 77 included and empty, rows true and columns predicted", () => {
    expect(m.labels).toHaveLength(97);
    expect(m.labels[76]).toBe("77");
    expect(m.counts).toHaveLength(97 * 97);
    expect([cell(m, 0, 0), cell(m, 0, 1), cell(m, 1, 1), cell(m, 2, 0)]).toEqual([1, 1, 2, 1]);
    expect(m.counts.reduce((s, x) => s + x, 0)).toBe(5);
    expect(m.counts.slice(76 * 97, 77 * 97).every((x) => x === 0)).toBe(true);
  });
  it("gives per-class precision, recall, F1 and support computed by hand", () => {
    const [c01, c02, c03, c04] = classStats(m);
    expect(c01).toMatchObject({ label: "01", support: 2, predicted: 2, correct: 1, precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(c02).toMatchObject({ support: 2, predicted: 3, correct: 2, recall: 1 });
    expect(c02!.precision).toBeCloseTo(2 / 3);
    expect(c02!.f1).toBeCloseTo(0.8);
    expect(c03).toMatchObject({ support: 1, predicted: 0, precision: null, recall: 0, f1: null });
    expect(c04).toMatchObject({ support: 0, precision: null, recall: null, f1: null });
  });
  it("ranks the most-confused pairs by count, ties by code", () => {
    expect(mostConfusedPairs(m)).toEqual([
      { truth: "01", predicted: "02", count: 1, shareOfTruth: 0.5 },
      { truth: "03", predicted: "01", count: 1, shareOfTruth: 1 },
    ]);
  });
  it("leaves a line without a prediction out of the matrix and refuses a truth outside 01–97", () => {
    expect(chapterConfusion([{ truth: "010121", predicted: "" }]).counts.every((x) => x === 0)).toBe(true);
    expect(() => chapterConfusion([{ truth: "990000", predicted: "010121" }])).toThrow(/chapter 01–97/);
  });
  it("subtracts B − A", () => {
    const b = chapterConfusion([pairs[0]!, pairs[0]!]);
    const d = differenceMatrix(m, b);
    expect(cell(d, 0, 0)).toBe(1);
    expect(cell(d, 1, 1)).toBe(-2);
  });
});

describe("heading confusion matrix", () => {
  it("expands chosen chapters into their headings with an 'other' class", () => {
    const m = headingConfusion(pairs, ["01"], ["0101", "0102", "0201"]);
    expect(m.labels).toEqual(["0101", "0102", "other"]);
    // 010121 → 0101 (right), 010121 → 0201 (other); the chapter 02 and 03 lines are not rows here
    expect(m.counts).toEqual([1, 0, 1, 0, 0, 0, 0, 0, 0]);
    const two = headingConfusion(pairs, ["01", "02"], ["0101", "0102", "0201"]);
    expect(two.labels).toEqual(["0101", "0102", "0201", "other"]);
    expect(two.counts.reduce((s, x) => s + x, 0)).toBe(4);
  });
});

describe("McNemar", () => {
  it("uses the exact binomial test for few discordant pairs", () => {
    // P(X ≤ 1 | n = 10, p = ½) = 11/1024, two-sided 22/1024
    expect(mcnemar(1, 9)).toMatchObject({ method: "exact", pValue: 22 / 1024 });
    expect(mcnemar(3, 3).pValue).toBe(1);
    expect(mcnemar(0, 0)).toMatchObject({ method: "none", pValue: 1 });
  });
  it("uses χ² with continuity correction on a known table", () => {
    const r = mcnemar(121, 59);
    expect(r.method).toBe("chi-square");
    expect(r.statistic).toBeCloseTo(20.6722, 4);
    expect(r.pValue).toBeGreaterThan(5.44e-6);
    expect(r.pValue).toBeLessThan(5.46e-6);
  });
});

describe("bootstrap", () => {
  const n = 2000;
  const a = Uint8Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0));
  const b = Uint8Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 1 : 0));
  const group = Uint8Array.from({ length: n }, (_, i) => i % 4);
  it("is deterministic for a seed and brackets the estimate", () => {
    const one = bootstrapDelta(a, b, group, 4, { seed: 42, resamples: 300 });
    const two = bootstrapDelta(a, b, group, 4, { seed: 42, resamples: 300 });
    const other = bootstrapDelta(a, b, group, 4, { seed: 43, resamples: 300 });
    expect(one).toEqual(two);
    expect(other.overall.low).not.toBe(one.overall.low);
    expect(one.overall.estimate).toBeCloseTo(1000 / n - 667 / n, 10);
    expect(one.overall.low).toBeLessThan(one.overall.estimate);
    expect(one.overall.high).toBeGreaterThan(one.overall.estimate);
    expect(one.groups.every((g) => g && g.low <= g.estimate && g.estimate <= g.high)).toBe(true);
  });
  it("gives a zero-width interval when both models agree everywhere, and nothing for an empty set", () => {
    const same = bootstrapDelta(a, a, group, 4, { seed: 1, resamples: 100 });
    expect(same.overall).toEqual({ estimate: 0, low: 0, high: 0 });
    const empty = bootstrapDelta(new Uint8Array(0), new Uint8Array(0), new Uint8Array(0), 4, { seed: 1, resamples: 100 });
    expect(empty.overall).toEqual({ estimate: 0, low: 0, high: 0 });
    expect(empty.groups).toEqual([null, null, null, null]);
  });
  it("resamples several versions at once to exactly the interval of each pair on its own", () => {
    const rng = createRng(5);
    const corrects = [0.2, 0.45, 0.5, 0.9, 0.45, 0.6, 0.3, 0.7].map((skill) => Uint8Array.from({ length: 1500 }, () => (rng.next() < skill ? 1 : 0)));
    for (const k of [2, 3, 8]) {
      const together = bootstrapPairDeltas(corrects.slice(0, k), { seed: 9, resamples: 250 });
      expect(together.pairs).toHaveLength((k * (k - 1)) / 2);
      for (const { i, j, overall } of together.pairs)
        expect(overall).toEqual(bootstrapDelta(corrects[i]!, corrects[j]!, group.subarray(0, 1500), 4, { seed: 9, resamples: 250 }).overall);
    }
    expect(bootstrapPairDeltas([new Uint8Array(0), new Uint8Array(0)]).pairs[0]!.overall).toEqual({ estimate: 0, low: 0, high: 0 });
    expect(() => bootstrapPairDeltas(Array.from({ length: 9 }, () => a))).toThrow(/at most 8/);
  });
});

describe("coverage curve", () => {
  it("steps once when every line has the same confidence", () => {
    const curve = coverageCurve([0.7, 0.7, 0.7, 0.7], [1, 1, 0, 1]);
    expect(curve).toHaveLength(101);
    expect(curve[70]).toEqual({ threshold: 0.7, accepted: 4, right: 3, share: 1, accuracy: 0.75 });
    expect(curve[71]).toEqual({ threshold: 0.71, accepted: 0, right: 0, share: 0, accuracy: null });
    expect(curve[0]!.share).toBe(1);
    expect(thresholdFor(curve, 0.95)).toBeNull();
    // 3 of 4 right: 75%, but shown only down to 30%
    expect(thresholdFor(curve, 0.75)).toBeNull();
    expect(thresholdFor(curve, 0.25)!.threshold).toBe(0);
  });
  it("handles an empty set", () => {
    const curve = coverageCurve([], []);
    expect(curve.every((p) => p.share === 0 && p.accuracy === null)).toBe(true);
    expect(thresholdFor(curve, 0.95)).toBeNull();
  });
  it("finds the lowest threshold shown to reach the target accuracy (the interval's lower end), not merely reaching it", () => {
    // two lines both right at 0.9 and above: 100%, but their interval reaches down to 34%
    const few = coverageCurve([0.99, 0.9, 0.8, 0.3], [1, 1, 0, 0]);
    expect(few[90]).toMatchObject({ accepted: 2, share: 0.5, accuracy: 1 });
    expect(thresholdFor(few, 0.95)).toBeNull();
    expect(thresholdFor(few, 0.3)).toMatchObject({ threshold: 0.81, share: 0.5 });
    // 73 right in a row above 0.9 shows 95%; 72 do not
    const run = (right: number) =>
      coverageCurve([...Array.from({ length: right }, () => 0.95), 0.85, 0.5], [...Array.from({ length: right }, () => 1), 0, 1]);
    expect(thresholdFor(run(73), 0.95)).toMatchObject({ threshold: 0.86, accepted: 73 });
    expect(thresholdFor(run(72), 0.95)).toBeNull();
  });
});

describe("compareModels and the verdict", () => {
  const truth = Array.from({ length: 400 }, (_, i) => (i % 2 ? "010121" : "020110"));
  const right = (t: string) => [{ code: t, probability: 0.9 }];
  const wrong = (t: string) => [{ code: t === "010121" ? "020110" : "010121", probability: 0.6 }];
  // chapter 01 (odd i): A right on 100 of 200, B on 50; chapter 02 (even i): A right on 50, B on 160
  const a = truth.map((t, i) => ((i % 2 ? i % 4 === 1 : i % 8 === 0) ? right(t) : wrong(t)));
  const b = truth.map((t, i) => ((i % 2 ? i % 8 === 3 : i % 10 !== 0) ? right(t) : wrong(t)));
  const report = compareModels(truth, a, b, { seed: 7, resamples: 300, chapterName: (c) => `chapter ${c}` });
  it("pairs the models line by line", () => {
    const aOnly = truth.filter((t, i) => a[i]![0]!.code === t && b[i]![0]!.code !== t).length;
    const bOnly = truth.filter((t, i) => a[i]![0]!.code !== t && b[i]![0]!.code === t).length;
    expect(report.mcnemar).toMatchObject({ aOnly, bOnly });
    expect(report.delta.estimate).toBeCloseTo((bOnly - aOnly) / 400, 10);
    expect(report.a.confusedPairs[0]).toMatchObject({ truthName: expect.stringMatching(/^chapter/) });
    expect(report.perChapter.map((c) => c.chapter)).toEqual(["01", "02"]);
    expect(report.a.at95).toMatchObject({ threshold: 0.61, share: 150 / 400 });
    expect(report.delta.estimate).toBeCloseTo(0.15, 10);
  });
  it("says which model is better in plain words, names the worse chapters and keeps A and B apart", () => {
    const v = verdictOf(report, { a: "m@1.0.0", b: "m@2.0.0" });
    expect(v.better).toBe("B");
    expect(v.headline).toMatch(
      /^B \(m@2\.0\.0\) is better by \d+\.\d points of HS6 top-1 accuracy \(95% CI \d+\.\d–\d+\.\d\), McNemar p < 0\.001; worse in chapter 01\.$/,
    );
    expect(v.worseChapters).toEqual(["01"]);
    const swapped = verdictOf(compareModels(truth, b, a, { seed: 7, resamples: 300 }), { a: "m@2.0.0", b: "m@1.0.0" });
    expect(swapped.headline).toMatch(/^A \(m@2\.0\.0\) is better by/);
    expect(verdictOf(compareModels(truth, a, a), { a: "x@1.0.0", b: "x@1.0.0" }).headline).toMatch(/^No significant difference/);
  });
});
