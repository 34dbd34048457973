// Several versions compared at once must say, for every pair, exactly what the two-version comparison says (same
// McNemar counts, same bootstrap interval for the same seed), with p-values adjusted for the number of pairs.
import { describe, expect, it } from "vitest";
import { compareManyOnLines, holm } from "../../workbench/evaluation/compare-many";
import { compareModels } from "../../workbench/evaluation/compare";
import { createRng } from "../../workbench/random";

describe("compare several", () => {
  it("adjusts p-values by Holm's step-down rule", () => {
    const close = (got: number[], want: number[]) => want.forEach((w, i) => expect(got[i]).toBeCloseTo(w, 12));
    close(holm([0.01, 0.04, 0.03]), [0.03, 0.06, 0.06]);
    close(holm([0.5, 0.001]), [0.5, 0.002]);
    // never above 1, and never below a smaller p's adjusted value
    close(holm([0.9, 0.8]), [1, 1]);
  });

  it("tests every pair as the two-version comparison does", () => {
    const rng = createRng(7);
    const codes = ["010121", "847130", "850440", "640399", "620520"];
    const lines = Array.from({ length: 400 }, (_, i) => ({ ref: `l${i}`, text: `t${i}`, truth: codes[i % codes.length]! }));
    // three models of increasing skill: right with probability 0.3, 0.5, 0.8
    const model = (skill: number) =>
      lines.map((l) => {
        const right = rng.next() < skill;
        const code = right ? l.truth : codes[(codes.indexOf(l.truth) + 1) % codes.length]!;
        return [{ code, probability: right ? 0.9 : 0.4 }];
      });
    const versions = [0.3, 0.5, 0.8].map((s, i) => ({ ref: `m${i}@1.0.0`, candidates: model(s) }));
    const many = compareManyOnLines(lines, versions, { seed: 11 });
    expect(many.pairs.map((p) => `${p.a}|${p.b}`)).toEqual(["m0@1.0.0|m1@1.0.0", "m0@1.0.0|m2@1.0.0", "m1@1.0.0|m2@1.0.0"]);
    for (const p of many.pairs) {
      const a = versions.find((v) => v.ref === p.a)!.candidates;
      const b = versions.find((v) => v.ref === p.b)!.candidates;
      const two = compareModels(
        lines.map((l) => l.truth),
        a,
        b,
        { seed: 11 },
      );
      expect({ aOnly: p.aOnly, bOnly: p.bOnly, p: p.pValue }).toEqual({ aOnly: two.mcnemar.aOnly, bOnly: two.mcnemar.bOnly, p: two.mcnemar.pValue });
      expect(p.delta).toMatchObject({ estimate: two.delta.estimate, low: two.delta.low, high: two.delta.high });
      expect(p.adjustedP).toBeGreaterThanOrEqual(p.pValue);
    }
    // 0.3 vs 0.8 on 400 lines is no coin toss
    expect(many.pairs[1]!.better).toBe("m2@1.0.0");
    expect(many.versions.map((v) => v.ref)).toEqual(versions.map((v) => v.ref));
    expect(many.versions[2]!.hs6top1).toBeGreaterThan(many.versions[0]!.hs6top1);
  });
});
