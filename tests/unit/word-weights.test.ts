import { describe, expect, it } from "vitest";
import { createClassifier, WEIGHED_WORDS, type Kernel } from "../../models/hs-classifier/classifier";

describe("word weights (occlusion)", () => {
  // a kernel whose top code's probability is the share of "horse" among a text's words: leaving a word out says how much it weighed
  const labels = ["010121", "847130"];
  const horses = (text: string) => {
    const words = text.split(" ");
    return words.filter((w) => w === "horse").length / words.length;
  };
  const counting = () => {
    const scored: string[] = [];
    const kernel: Kernel = {
      architecture: "retrieval",
      labels,
      topK: (texts) => texts.map((t) => [{ code: "010121", probability: horses(t) }]),
      probabilityOf: (texts) => (scored.push(...texts), Float32Array.from(texts, horses)),
    };
    return { classifier: createClassifier(kernel, { name: "test", version: "1.0.0", sha256: "" }), scored };
  };

  it("weighs every word of a description as long as any real line (each left out in turn)", async () => {
    const { classifier, scored } = counting();
    const { explanations } = await classifier.explain(["live horse for breeding"], 1);
    expect(explanations[0]).toEqual([
      { token: "live", weight: Math.round((0.25 - 1 / 3) * 10_000) / 10_000 },
      { token: "horse", weight: 0.25 },
      { token: "for", weight: Math.round((0.25 - 1 / 3) * 10_000) / 10_000 },
      { token: "breeding", weight: Math.round((0.25 - 1 / 3) * 10_000) / 10_000 },
    ]);
    expect(scored).toEqual(["horse for breeding", "live for breeding", "live horse breeding", "live horse for"]);
  });

  it("weighs a longer description's first words only: its cost grows with its length, not with the square of it", async () => {
    const { classifier, scored } = counting();
    const long = Array.from({ length: 500 }, (_, i) => (i % 5 ? "x" : "horse")).join(" ");
    const { explanations } = await classifier.explain([long, "horse x"], 1);
    expect(explanations[0]).toHaveLength(500);
    expect(explanations[0]!.slice(0, WEIGHED_WORDS).every((w) => typeof w.weight === "number")).toBe(true);
    expect(explanations[0]!.slice(WEIGHED_WORDS).every((w) => w.weight === null)).toBe(true);
    expect(explanations[0]![0]!.weight).toBeGreaterThan(0);
    // the second text's weights are its own (the variants of both are scored in one call)
    expect(explanations[1]).toEqual([
      { token: "horse", weight: 0.5 },
      { token: "x", weight: -0.5 },
    ]);
    expect(scored).toHaveLength(WEIGHED_WORDS + 2);
  });
});
