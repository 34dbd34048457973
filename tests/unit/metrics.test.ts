import { describe, expect, it } from "vitest";
import { computeMetrics, coverageCounts } from "../../workbench/evaluation/metrics";
import { proportionText, shareText } from "../../workbench/text/format";

const c = (code: string, probability: number) => ({ code, probability });

describe("metrics", () => {
  const predictions = [
    { truth: "010121", candidates: [c("010121", 0.9), c("010129", 0.05)] }, // exact
    { truth: "010129", candidates: [c("010121", 0.6), c("010129", 0.3)] }, // right heading, hs6 at rank 2
    { truth: "847130", candidates: [c("847141", 0.55), c("850440", 0.2), c("847130", 0.1)] }, // hs6 at rank 3
    { truth: "847130", candidates: [c("950300", 0.97)] }, // wrong chapter, confident
  ];
  const m = computeMetrics(predictions);

  it("computes top-k at HS2, HS4 and HS6 by hand", () => {
    expect(m.n).toBe(4);
    expect(m.accuracy.hs6).toEqual({ top1: 0.25, top3: 0.75, top5: 0.75 });
    expect(m.accuracy.hs4).toEqual({ top1: 0.75, top3: 0.75, top5: 0.75 });
    expect(m.accuracy.hs2).toEqual({ top1: 0.75, top3: 0.75, top5: 0.75 });
    // leading digits of the top prediction: 6, 5 (01012x), 4 (8471), 0
    expect(m.meanLeadingDigits).toBe(15 / 4);
  });

  it("reports per-chapter accuracy and support", () => {
    expect(m.perChapter).toEqual([
      { chapter: "01", support: 2, top1: 0.5, top1Hs2: 1 },
      { chapter: "84", support: 2, top1: 0, top1Hs2: 0.5 },
    ]);
  });

  it("reports coverage and accuracy at confidence thresholds", () => {
    expect(m.coverage.find((x) => x.threshold === 0.5)).toEqual({ threshold: 0.5, share: 1, accuracy: 0.25 });
    expect(m.coverage.find((x) => x.threshold === 0.9)).toEqual({ threshold: 0.9, share: 0.5, accuracy: 0.5 });
    expect(m.coverage.find((x) => x.threshold === 0.95)).toEqual({ threshold: 0.95, share: 0.25, accuracy: 0 });
  });

  it("handles an empty set", () => {
    const empty = computeMetrics([]);
    expect(empty.n).toBe(0);
    expect(empty.accuracy.hs6.top1).toBe(0);
    expect(empty.coverage.every((x) => x.share === 0 && x.accuracy === null)).toBe(true);
  });
});

describe("Wilson interval", () => {
  it("matches published values and stays honest for tiny slices", async () => {
    const { wilsonInterval } = await import("../../workbench/evaluation/statistics");
    // 81 of 263 (Wilson 1927 style example): 0.2553–0.3662 at 95%
    const a = wilsonInterval(81, 263);
    expect(a.low).toBeCloseTo(0.2553, 3);
    expect(a.high).toBeCloseTo(0.3662, 3);
    // 0 of 2: not "0% certain" — the interval reaches past 60%
    expect(wilsonInterval(0, 2).high).toBeGreaterThan(0.6);
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
  });
});

describe("auto-acceptance with the lines behind it", () => {
  it("gives back a coverage row's counts from its two shares, and says them with the interval", () => {
    // 518 lines, 7 with confidence at least 0.9, 3 of them right: the shares a card keeps
    const row = { threshold: 0.9, share: 7 / 518, accuracy: 3 / 7 };
    expect(coverageCounts(row, 518)).toEqual({ accepted: 7, right: 3 });
    expect(coverageCounts({ threshold: 0.99, share: 0, accuracy: null }, 518)).toEqual({ accepted: 0, right: 0 });
    // exact for every count on a large set too
    for (const [accepted, right] of [
      [1, 0],
      [4_999, 4_998],
      [50_000, 12_345],
    ] as const)
      expect(coverageCounts({ threshold: 0.5, share: accepted / 50_000, accuracy: right / accepted }, 50_000)).toEqual({ accepted, right });
    expect(shareText(2, 518)).toBe("0.4% (2 of 518)");
    expect(proportionText(0, 2)).toBe("0.0% (0 of 2; 95% interval 0.0–65.8%)");
    expect(proportionText(1_234, 2_000)).toBe("61.7% (1,234 of 2,000; 95% interval 59.5–63.8%)");
    expect(proportionText(0, 0)).toBe("— (no line)");
  });
});
