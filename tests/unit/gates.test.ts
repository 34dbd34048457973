import { describe, expect, it } from "vitest";
import { compareModels } from "../../workbench/evaluation/compare";
import { evaluateFirstGates, evaluateGates, gatesConfigSchema, type GatesConfig } from "../../workbench/registry/gates";

const config: GatesConfig = {
  minHs6Top1: 0.5,
  chapterRegression: { minSupport: 30, maxLossPoints: 5 },
  significance: { alpha: 0.05 },
  verifyArtifacts: true,
};
const ok = [{ ref: "a@1.0.0", ok: true, message: "all files match" }];

/** 400 lines, chapters 01 and 02; `rightA(i)` / `rightB(i)` say which model gets line i right. */
function reportFor(rightA: (i: number) => boolean, rightB: (i: number) => boolean) {
  const truth = Array.from({ length: 400 }, (_, i) => (i % 2 ? "010121" : "020110"));
  const answer = (t: string, right: boolean) => [{ code: right ? t : t === "010121" ? "020110" : "010121", probability: 0.8 }];
  return compareModels(
    truth,
    truth.map((t, i) => answer(t, rightA(i))),
    truth.map((t, i) => answer(t, rightB(i))),
    { resamples: 300, seed: 1 },
  );
}

describe("promotion gates", () => {
  it("all pass for a clearly better candidate", () => {
    const report = reportFor(
      (i) => i % 4 === 0,
      (i) => i % 10 !== 0,
    );
    const gates = evaluateGates(report, config, ok);
    expect(gates.map((g) => [g.id, g.passed])).toEqual([
      ["min-hs6-top1", true],
      ["chapter-regression", true],
      ["significance", true],
      ["artifacts", true],
    ]);
    expect(gates[0]!.detail).toBe("90.0% on 400 lines (production: 25.0%)");
  });

  it("fail with the numbers: low accuracy, a chapter losing ground, no significant gain, a tampered artifact", () => {
    // chapter 01 (odd lines): A right on all, B on half → −50 points; chapter 02: B gains exactly what 01 loses
    const report = reportFor(
      (i) => i % 2 === 1,
      (i) => (i % 2 ? i % 4 === 1 : i % 4 === 0),
    );
    const gates = evaluateGates(report, { ...config, minHs6Top1: 0.6 }, [
      ...ok,
      { ref: "b@2.0.0", ok: false, message: "weights.bin does not match its sha256" },
    ]);
    const byId = Object.fromEntries(gates.map((g) => [g.id, g]));
    expect(byId["min-hs6-top1"]).toMatchObject({ passed: false, detail: "50.0% on 400 lines (production: 50.0%)" });
    expect(byId["chapter-regression"]).toMatchObject({ passed: false, detail: "chapter 01: 100.0% → 50.0% (-50.0 points, 200 lines)" });
    expect(byId["significance"]!.passed).toBe(false);
    expect(byId["significance"]!.detail).toMatch(/^Δ 0\.0 points \(95% CI -?\d+\.\d to \d+\.\d\), McNemar p = 0\.944$/); // 100 vs 100 discordant lines: χ² = (0 − 1)² / 200
    expect(byId["artifacts"]).toMatchObject({ passed: false, detail: "a@1.0.0: all files match; b@2.0.0: weights.bin does not match its sha256" });
  });

  it("ignores small chapters and can skip the artifact gate", () => {
    const report = reportFor(
      (i) => i % 2 === 1,
      (i) => (i % 2 ? i % 4 === 1 : i % 4 === 0),
    );
    const gates = evaluateGates(report, { ...config, chapterRegression: { minSupport: 201, maxLossPoints: 5 }, verifyArtifacts: false }, []);
    expect(gates.map((g) => g.id)).toEqual(["min-hs6-top1", "chapter-regression", "significance"]);
    expect(gates[1]!.passed).toBe(true);
  });

  it("on a first production (nothing to compare with) run only the candidate's own minimum and its files", () => {
    const withSets = { ...config, minHs6Top1BySet: { "cbp-rulings": 0.15 } };
    expect(evaluateFirstGates(0.226, 199, withSets, ok, "cbp-rulings")).toEqual([
      {
        id: "min-hs6-top1",
        label: "Candidate HS6 top-1 accuracy ≥ 15.0% (the minimum for cbp-rulings)",
        passed: true,
        detail: "22.6% on 199 lines (production: none yet)",
      },
      { id: "artifacts", label: "Artifact files (or frozen predictions) match their sha256", passed: true, detail: "a@1.0.0: all files match" },
    ]);
    const low = evaluateFirstGates(0.4, 3625, { ...config, verifyArtifacts: false }, ok, "held-out");
    expect(low.map((g) => [g.id, g.passed])).toEqual([["min-hs6-top1", false]]);
  });

  it("validates the gates file", () => {
    expect(gatesConfigSchema.safeParse({ ...config, minHs6Top1: 57.5 }).success).toBe(false);
    expect(gatesConfigSchema.safeParse({ ...config, extra: 1 }).success).toBe(false);
    expect(gatesConfigSchema.safeParse(config).success).toBe(true);
  });
});
