import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { glossaryTerms } from "../../models/hs-classifier/retrieval-documents";
import { retrievalTrainingConfigSchema } from "../../models/hs-classifier/retrieval-training";
import { buildTrainingData } from "../../models/hs-classifier/train-pipeline";
import { trainingConfigSchema } from "../../models/hs-classifier/training-config";

const raw = (glossaryRepeats: number, glossaries?: string[]) => ({
  name: "hs-glossary-test",
  version: "0.0.1",
  description: "test",
  features: { dim: 512, charNgrams: [3], wordNgrams: [1] },
  architecture: { hidden: [8], dropout: 0 },
  training: { epochs: 1, batchSize: 64, learningRate: 0.01, augmentations: 0, seed: 1, chapters: ["85"], glossaryRepeats, glossaries },
});
const config = (glossaryRepeats: number, glossaries?: string[]) => trainingConfigSchema.parse(raw(glossaryRepeats, glossaries));
const fromGlossaries = (data: ReturnType<typeof buildTrainingData>) => data.examples.filter((e) => e.origin === "glossary");

describe("training with the goods glossaries", () => {
  it("adds each in-scope glossary term as many times as configured, with its code, and nothing out of scope", () => {
    const without = buildTrainingData(config(0));
    const with3 = buildTrainingData(config(3));
    const smartphones = (data: typeof without) => data.examples.filter((e) => e.text === "smartphone");
    expect(smartphones(without)).toHaveLength(0);
    // a term that falls in the internal test split by hash is never trained on, so: 0 or 3 copies
    expect([0, 3]).toContain(smartphones(with3).length);
    expect(fromGlossaries(with3).every((e) => e.hs6.startsWith("85"))).toBe(true);
    expect(fromGlossaries(with3).length).toBeGreaterThan(30);
  });

  it("reads only the everyday-goods glossary unless a config names more (so earlier versions rebuild as shipped)", () => {
    const texts = (data: ReturnType<typeof buildTrainingData>) => new Set(fromGlossaries(data).map((e) => e.text));
    const [first, all] = [
      texts(buildTrainingData(config(1))),
      texts(buildTrainingData(config(1, ["everyday-goods", "marketplace-goods", "industrial-goods"]))),
    ];
    expect(first).toEqual(texts(buildTrainingData(config(1, ["everyday-goods"]))));
    const everyday = new Set(glossaryTerms("everyday-goods").map((t) => t.text));
    expect([...first].every((t) => everyday.has(t))).toBe(true);
    expect(all.size).toBeGreaterThan(first.size + 50);
  });

  it("refuses a glossary it does not know, naming the field", () => {
    const parsed = trainingConfigSchema.safeParse(raw(1, ["everyday-goods", "supermarket"]));
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.path.join(".")).toBe("training.glossaries.1");
  });
});

describe("a retrieval configuration's languages", () => {
  const shipped = JSON.parse(readFileSync("models/configs/hs-retrieval.json", "utf8")) as { retrieval: Record<string, unknown> };
  const withLanguages = (translationRevision: number, languages: string[]) => ({
    ...shipped,
    retrieval: { ...shipped.retrieval, translationRevision },
    languages,
  });

  it("reads the five dictionary-built languages unless it names more, and the hand-written ones only by revision 4", () => {
    expect(retrievalTrainingConfigSchema.parse({ ...shipped, languages: undefined }).languages).toEqual(["spa", "por", "pol", "fra", "deu"]);
    expect(retrievalTrainingConfigSchema.parse(shipped).languages).toContain("zho");
    const old = retrievalTrainingConfigSchema.safeParse(withLanguages(2, ["spa", "zho"]));
    expect(old.success).toBe(false);
    expect(old.error!.issues[0]!.path.join(".")).toBe("languages");
    expect(old.error!.issues[0]!.message).toContain("translationRevision 4");
    const unknown = retrievalTrainingConfigSchema.safeParse(withLanguages(4, ["spa", "kor"]));
    expect(unknown.error!.issues[0]!.path.join(".")).toBe("languages.1");
  });
});
