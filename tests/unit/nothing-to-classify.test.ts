import { describe, expect, it } from "vitest";
import { createClassifier, type Kernel } from "../../models/hs-classifier/classifier";
import { hasTextToClassify, textsToClassify } from "../../workbench/evaluation/predictor";

describe("a text with nothing to classify", () => {
  it("is one without a letter or a digit, in any script", () => {
    for (const text of ["", "   ", "---", " - / -", "\t\n", "…", "()"]) expect(hasTextToClassify(text), JSON.stringify(text)).toBe(false);
    for (const text of ["x", "8471", "Spüle", "手机", "ทีวี", " 2 kg "]) expect(hasTextToClassify(text), text).toBe(true);
  });

  it("is left out of the texts to classify, and its answer put back in place as none", () => {
    const some = textsToClassify(["laptop", "", "---", "horses"]);
    expect(some).toMatchObject({ texts: ["laptop", "horses"], at: [0, 3], skipped: 2 });
    expect(some.pick(["a", "b", "c", "d"])).toEqual(["a", "d"]);
    expect(some.inPlace(["A", "D"], () => "-")).toEqual(["A", "-", "-", "D"]);
    const all = textsToClassify(["laptop", "horses"]);
    expect(all.skipped).toBe(0);
    expect(all.inPlace(["A", "B"], () => "-")).toEqual(["A", "B"]);
  });

  it("never reaches a model's kernel: no codes, probability 0, no explanation; the other texts are answered as alone", async () => {
    const seen: string[][] = [];
    const labels = ["010121", "847130"];
    const answer = (t: string) => [{ code: t.includes("horse") ? "010121" : "847130", probability: 0.9 }];
    const kernel: Kernel = {
      architecture: "retrieval",
      labels,
      topK: (texts) => (seen.push([...texts]), texts.map(answer)),
      probabilityOf: (texts, labelIndex) => Float32Array.from(texts, (t, i) => (answer(t)[0]!.code === labels[labelIndex[i]!] ? 0.9 : 0.1)),
      evidence: (texts) => texts.map((t) => [{ code: answer(t)[0]!.code, text: t, source: "test", similarity: 1 }]),
      goods: (texts) => texts.map(() => null),
    };
    const classifier = createClassifier(kernel, { name: "test", version: "1.0.0", sha256: "" });
    const progress: number[][] = [];
    const top = await classifier.topK(["live horse", "", "---", "laptop"], 5, (done, total) => progress.push([done, total]));
    expect(top).toEqual([answer("live horse"), [], [], answer("laptop")]);
    expect(seen).toEqual([["live horse", "laptop"]]);
    expect(progress.at(-1)).toEqual([4, 4]);
    expect(await classifier.topK(["", " "], 5, (done, total) => progress.push([done, total]))).toEqual([[], []]);
    expect(progress.at(-1)).toEqual([2, 2]);
    expect(Array.from(await classifier.probabilityOf(["live horse", "", "laptop"], ["010121", "010121", "010121"]))).toEqual([
      Math.fround(0.9),
      0,
      Math.fround(0.1),
    ]);
    const explained = await classifier.explain(["", "live horse"], 5);
    expect(explained.candidates).toEqual([[], answer("live horse")]);
    expect(explained.explanations[0]).toEqual([]);
    expect(explained.explanations[1]!.map((w) => w.token)).toEqual(["live", "horse"]);
    expect(explained.evidence).toEqual([[], [{ code: "010121", text: "live horse", source: "test", similarity: 1 }]]);
    expect(explained.goods).toEqual([null, null]);
    expect(explained.translated).toBeNull();
    expect(seen.flat()).not.toContain("");
  });
});
