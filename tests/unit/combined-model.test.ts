// A combined version (ADR 0013): Σ weight · log p over both members' best codes, a floor for a code a member did not
// name, ties by code, and one calibrated distribution behind topK and probabilityOf.
import { describe, expect, it } from "vitest";
import type { Kernel } from "../../models/hs-classifier/classifier";
import { combinedKernel, combinedScores } from "../../models/hs-classifier/combined-model";
import type { Candidate } from "../../workbench/evaluation/metrics";

const labels = ["010121", "010129", "020110", "030191", "840110"];

function fake(answers: Candidate[][], extra: Partial<Kernel> = {}): Kernel {
  return {
    architecture: "flat",
    labels,
    topK: (texts, k) => texts.map((_, i) => answers[i % answers.length]!.slice(0, k)),
    probabilityOf: () => new Float32Array(0),
    ...extra,
  };
}

describe("combined version", () => {
  const retrieval = fake(
    [
      [
        { code: "010121", probability: 0.6 },
        { code: "020110", probability: 0.3 },
      ],
    ],
    { evidence: () => [[{ code: "010121", text: "HORSES", source: "HS 2022 0101.21", similarity: 0.9 }]] },
  );
  const network = fake([
    [
      { code: "020110", probability: 0.7 },
      { code: "840110", probability: 0.2 },
    ],
  ]);
  const config = { retrievalWeight: 0.8, floor: 1e-4 };

  it("scores each code either member named as Σ weight · log p, the floor for a member that did not name it", async () => {
    const [scored] = await combinedScores(retrieval, network, config, ["x"]);
    const expected = new Map([
      ["010121", 0.8 * Math.log(0.6) + 0.2 * Math.log(1e-4)],
      ["020110", 0.8 * Math.log(0.3) + 0.2 * Math.log(0.7)],
      ["840110", 0.8 * Math.log(1e-4) + 0.2 * Math.log(0.2)],
    ]);
    expect(scored!.codes).toEqual(["020110", "010121", "840110"]);
    scored!.codes.forEach((code, i) => expect(scored!.scores[i]).toBeCloseTo(expected.get(code)!, 12));
  });

  it("orders equal scores by code, whichever member named a code first", async () => {
    const a = fake([
      [
        { code: "030191", probability: 0.5 },
        { code: "010129", probability: 0.5 },
      ],
    ]);
    const [scored] = await combinedScores(a, fake([[]]), config, ["x"]);
    expect(scored!.codes).toEqual(["010129", "030191"]);
  });

  it("gives topK and probabilityOf from one calibrated distribution, evidence from the retrieval member", async () => {
    const kernel = combinedKernel(retrieval, network, config, 2);
    const [top] = await kernel.topK(["x"], 3);
    const [scored] = await combinedScores(retrieval, network, config, ["x"]);
    const exps = scored!.scores.map((s) => Math.exp((s - scored!.scores[0]!) / 2));
    const sum = exps.reduce((x, y) => x + y, 0);
    top!.forEach((c, i) => expect(c.probability).toBeCloseTo(exps[i]! / sum, 12));
    const p = await kernel.probabilityOf(["x", "x"], [labels.indexOf("020110"), labels.indexOf("030191")]);
    expect(p[0]).toBeCloseTo(top![0]!.probability, 6);
    // a code neither member named has no probability
    expect(p[1]).toBe(0);
    expect(kernel.architecture).toBe("combined");
    expect(kernel.evidence!(["x"], 1)[0]![0]!.text).toBe("HORSES");
  });

  it("with a goods weight, splits the retrieval member's share between the whole text and the goods it names first", async () => {
    // the retrieval member answers by text: the goods part "Earphone case" names another code
    const byText = (answers: Record<string, Candidate[]>): Kernel => ({
      ...retrieval,
      topK: (texts, k) => texts.map((t) => (answers[t] ?? answers.whole!).slice(0, k)),
    });
    const member = byText({
      whole: [{ code: "840110", probability: 0.9 }],
      "Earphone case": [{ code: "030191", probability: 0.8 }],
    });
    const withGoods = { ...config, goodsWeight: 0.4 };
    const [used, plain] = await combinedScores(member, network, withGoods, ["Earphone case for AirPods", "earphones"]);
    const log = (p: number) => Math.log(Math.max(p, 1e-4));
    const expected = new Map([
      ["840110", 0.8 * (0.6 * log(0.9) + 0.4 * log(0)) + 0.2 * log(0.2)],
      ["030191", 0.8 * (0.6 * log(0) + 0.4 * log(0.8)) + 0.2 * log(0)],
      ["020110", 0.8 * log(0) + 0.2 * log(0.7)],
    ]);
    expect(used!.codes).toEqual(["840110", "030191", "020110"]);
    used!.codes.forEach((code, i) => expect(used!.scores[i]).toBeCloseTo(expected.get(code)!, 12));
    // no use phrase: the whole text's search keeps the retrieval member's whole weight, as without a goods weight
    expect(plain).toEqual((await combinedScores(member, network, config, ["earphones"]))[0]);
  });

  it("refuses members that predict different codes", () => {
    expect(() => combinedKernel(retrieval, { ...network, labels: labels.slice(1) }, config, 1)).toThrow(/same codes/);
  });
});
