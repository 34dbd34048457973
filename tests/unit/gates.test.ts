import { describe, expect, it } from "vitest";
import { compareModels } from "../../workbench/evaluation/compare";
import { evaluateFirstGates, evaluateGates, gatesConfigSchema, otherRealSetsGate, type GatesConfig } from "../../workbench/registry/gates";

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

  it("hold a candidate chosen on one real set to the others: their minimum, and not significantly worse than production", () => {
    const listings = { id: "marketplace-listings", label: "Marketplace listings (real)" };
    const withSets = { ...config, minHs6Top1BySet: { "marketplace-listings": 0.13 } };
    // better on the other set: passes, with the numbers
    const better = reportFor(
      (i) => i % 4 === 0,
      (i) => i % 10 !== 0,
    );
    const held = otherRealSetsGate([{ set: listings, report: better }], withSets);
    expect(held.passed).toBe(true);
    expect(held.detail).toMatch(
      /^Marketplace listings \(real\): 90\.0% on 400 lines \(production 25\.0%; Δ 65\.0 points, 95% CI [\d.]+ to [\d.]+, McNemar p = [\d.e-]+\)$/,
    );
    // significantly worse there (production right on 90%, the candidate on 25%); with production to compare with, the
    // set's minimum is not this gate's bar (the request's own set has one)
    const worse = reportFor(
      (i) => i % 10 !== 0,
      (i) => i % 4 === 0,
    );
    const lost = otherRealSetsGate([{ set: listings, report: worse }], { ...withSets, minHs6Top1BySet: { "marketplace-listings": 0.9 } });
    expect(lost.passed).toBe(false);
    expect(lost.detail).toMatch(/ — significantly worse than production$/);
    // a first production: only the minimum; a predictions file without that set: cannot be checked
    expect(otherRealSetsGate([{ set: listings, hs6Top1: 0.1, n: 319 }], withSets)).toMatchObject({
      passed: false,
      detail: "Marketplace listings (real): 10.0% on 319 lines (production: none yet) — below its minimum 13.0%",
    });
    expect(otherRealSetsGate([{ set: listings, unavailable: "no predictions for this set" }], withSets)).toMatchObject({
      passed: false,
      detail: "Marketplace listings (real): cannot be checked (no predictions for this set)",
    });
    // its place: after the gates of the request's own set, before the files
    expect(evaluateGates(better, config, ok, "cbp-rulings", [{ set: listings, report: better }]).map((g) => g.id)).toEqual([
      "min-hs6-top1",
      "chapter-regression",
      "significance",
      "other-real-sets",
      "artifacts",
    ]);
    expect(evaluateFirstGates(0.3, 199, config, ok, "cbp-rulings", [{ set: listings, hs6Top1: 0.2, n: 319 }]).map((g) => g.id)).toEqual([
      "min-hs6-top1",
      "other-real-sets",
      "artifacts",
    ]);
  });
});
