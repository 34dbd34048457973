import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GLOSSARY_NAMES, glossaryTerms } from "../../models/hs-classifier/retrieval-documents";
import { retrievalWords } from "../../models/hs-classifier/retrieval-text";
import { retrievalTrainingConfigSchema } from "../../models/hs-classifier/retrieval-training";
import { buildTrainingData } from "../../models/hs-classifier/train-pipeline";
import { trainingConfigSchema } from "../../models/hs-classifier/training-config";
import { loadNomenclature } from "../../workbench/hs/load-fixtures";

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

describe("the goods glossaries' codes", () => {
  // a term and a part of a subheading's text (between semicolons) read as the search reads words (singular, lower case)
  const read = (text: string) => retrievalWords(text).join(" ");

  it("put a goods name of two words or more under the subheading whose own text names it, where one does", () => {
    // until hs-retrieval@1.20.0 they had sleeping bags under 9404.90 beside "Sleeping bags" (9404.30), playing cards
    // under 9504.90 beside "Games; playing cards", exercise books under 4820.10, signal generators under 9030.89
    const named = new Map<string, string[]>();
    for (const sub of loadNomenclature().subheadings())
      for (const part of sub.description.split(/;\s*/).map(read)) named.set(part, [...(named.get(part) ?? []), sub.code]);
    const elsewhere = GLOSSARY_NAMES.flatMap((name) =>
      glossaryTerms(name).flatMap((t) => {
        const words = read(t.text);
        const codes = named.get(words);
        return words.includes(" ") && codes && !codes.includes(t.code) ? [`${name}: ${t.text} ${t.code}, named by ${codes.join(", ")}`] : [];
      }),
    );
    // both read: a clothes dryer that tumbles is 8451.21 (8421.12 names spin dryers), and an industrial robot that does
    // not lift or load is 8479.50 (8428.70 names those that do)
    expect(elsewhere).toEqual([
      "marketplace-goods: clothes dryer 845121, named by 842112",
      "industrial-goods: industrial robot 847950, named by 842870",
    ]);
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
