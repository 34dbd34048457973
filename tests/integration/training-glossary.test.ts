import { describe, expect, it } from "vitest";
import { buildTrainingData } from "../../models/hs-classifier/train-pipeline";
import { trainingConfigSchema } from "../../models/hs-classifier/training-config";

const config = (glossaryRepeats: number) =>
  trainingConfigSchema.parse({
    name: "hs-glossary-test",
    version: "0.0.1",
    description: "test",
    features: { dim: 512, charNgrams: [3], wordNgrams: [1] },
    architecture: { hidden: [8], dropout: 0 },
    training: { epochs: 1, batchSize: 64, learningRate: 0.01, augmentations: 0, seed: 1, chapters: ["85"], glossaryRepeats },
  });

describe("training with the everyday-goods glossary", () => {
  it("adds each in-scope glossary term as many times as configured, with its code, and nothing out of scope", () => {
    const without = buildTrainingData(config(0));
    const with3 = buildTrainingData(config(3));
    const smartphones = (data: typeof without) => data.examples.filter((e) => e.text === "smartphone");
    expect(smartphones(without)).toHaveLength(0);
    // a term that falls in the internal test split by hash is never trained on, so: 0 or 3 copies
    expect([0, 3]).toContain(smartphones(with3).length);
    expect(with3.examples.filter((e) => e.origin === "glossary").every((e) => e.hs6.startsWith("85"))).toBe(true);
    expect(with3.examples.filter((e) => e.origin === "glossary").length).toBeGreaterThan(30);
  });
});
