import { describe, expect, it } from "vitest";
import { expectedCalibrationError } from "../../workbench/evaluation/calibration";
import { computeMetrics } from "../../workbench/evaluation/metrics";

describe("expected calibration error", () => {
  it("is zero when confidence equals accuracy in every bin and the gap otherwise", () => {
    // four lines at 0.75 confidence, three of them right
    const perfect = expectedCalibrationError([0.75, 0.75, 0.75, 0.75], [1, 1, 1, 0]);
    expect(perfect.ece).toBeCloseTo(0, 10);
    const over = expectedCalibrationError([0.95, 0.95, 0.15, 0.15], [0, 1, 0, 0]);
    // bin 0.9–1.0: confidence 0.95, accuracy 0.5 → gap 0.45; bin 0.1–0.2: 0.15 vs 0 → 0.15; each half the lines
    expect(over.ece).toBeCloseTo(0.3, 10);
    expect(over.bins[9]).toMatchObject({ n: 2, accuracy: 0.5 });
    expect(over.bins[5]).toMatchObject({ n: 0, confidence: null, accuracy: null });
  });
});

describe("several accepted codes per line", () => {
  it("counts a prediction right when it names any accepted code, at every level", () => {
    const m = computeMetrics([
      { truth: "701610", alsoAccepted: ["690890"], candidates: [{ code: "690890", probability: 0.9 }] },
      { truth: "611300", candidates: [{ code: "611300", probability: 0.8 }] },
      {
        truth: "392190",
        alsoAccepted: ["392062"],
        candidates: [
          { code: "850440", probability: 0.6 },
          { code: "392062", probability: 0.3 },
        ],
      },
    ]);
    expect(m.accuracy.hs6.top1).toBeCloseTo(2 / 3);
    expect(m.accuracy.hs6.top3).toBe(1);
    expect(m.accuracy.hs2.top1).toBeCloseTo(2 / 3);
    expect(m.coverage.find((c) => c.threshold === 0.9)).toMatchObject({ share: 1 / 3, accuracy: 1 });
  });
});

describe("temperature calibration", () => {
  it("finds the temperature that generated the outcomes, and keeps the ranking", async () => {
    const { fitTemperature, softmax, calibratedKernel } = await import("../../models/hs-classifier/calibration");
    const { createRng } = await import("../../workbench/random");
    const rng = createRng(7);
    // lines whose right code is drawn from softmax(score / 0.5): a fitted temperature near 0.5
    const rows = Array.from({ length: 3000 }, () => {
      const scores = Array.from({ length: 10 }, () => rng.normal());
      const p = softmax(scores, 0.5);
      let u = rng.next();
      const right = p.findIndex((x) => (u -= x) < 0);
      return { scores, accepted: scores.map((_, i) => i === (right < 0 ? 9 : right)) };
    });
    const t = fitTemperature(rows);
    expect(t).toBeGreaterThan(0.42);
    expect(t).toBeLessThan(0.58);

    // an over-confident network made less sure: same order, probabilities flatter, still summing to at most 1
    const kernel = calibratedKernel(
      {
        architecture: "flat",
        labels: ["010121", "010129", "010130"],
        topK: (texts, k) =>
          texts.map(() =>
            [
              { code: "010121", probability: 0.98 },
              { code: "010129", probability: 0.015 },
              { code: "010130", probability: 0.005 },
            ].slice(0, k),
          ),
        probabilityOf: () => new Float32Array(),
      },
      3,
    );
    const [top] = await kernel.topK(["x"], 2);
    expect(top!.map((c) => c.code)).toEqual(["010121", "010129"]);
    expect(top![0]!.probability).toBeLessThan(0.98);
    expect(top![0]!.probability).toBeGreaterThan(top![1]!.probability);
    expect((await kernel.probabilityOf(["x"], [2]))[0]).toBeGreaterThan(0.005);
  });
});

describe("the top code's calibration", () => {
  it("recovers the slope and intercept that generated the outcomes", async () => {
    const { fitTopCodeCalibration } = await import("../../models/hs-classifier/calibration");
    const { createRng } = await import("../../workbench/random");
    const rng = createRng(11);
    // an overconfident model: a line it is p sure of is right with σ(0.4 · logit p − 0.6)
    const lines = Array.from({ length: 20_000 }, () => {
      const confidence = rng.next();
      const x = Math.log(confidence / (1 - confidence));
      return { confidence, right: rng.next() < 1 / (1 + Math.exp(-(0.4 * x - 0.6))) };
    });
    const fitted = fitTopCodeCalibration(lines);
    expect(fitted.slope).toBeCloseTo(0.4, 1);
    expect(fitted.intercept).toBeCloseTo(-0.6, 1);
    // a confidence that says nothing about being right cannot be calibrated this way
    expect(() => fitTopCodeCalibration(lines.map((l, i) => ({ confidence: l.confidence, right: i % 2 === 0 && l.confidence < 0.5 })))).toThrow(
      /does not rise with being right/,
    );
  });

  it("rescales the top code only; the others keep their order and share what is left, never above the top", async () => {
    const { calibrateTopCode } = await import("../../models/hs-classifier/calibration");
    const c = { slope: 0.4, intercept: -0.6 };
    const sure = calibrateTopCode([0.98, 0.015, 0.005], c);
    expect(sure[0]).toBeCloseTo(1 / (1 + Math.exp(-(0.4 * Math.log(0.98 / 0.02) - 0.6))), 10);
    expect(sure[1]! / sure[2]!).toBeCloseTo(3, 10);
    expect(sure.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    // two close codes: the second would pass the lowered top one, so it is held at it (the ranking stays)
    const close = calibrateTopCode([0.45, 0.4, 0.15], c);
    expect(close[1]).toBe(close[0]);
    expect(close[2]! < close[1]!).toBe(true);
    expect(close.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1 + 1e-12);
    // an unsure top code raised: the others are lowered in proportion
    const unsure = calibrateTopCode([0.05, 0.04, 0.03], c);
    expect(unsure[0]).toBeGreaterThan(0.05);
    expect(unsure[1]).toBeLessThan(0.04);
    expect(calibrateTopCode([], c)).toEqual([]);
  });
});
