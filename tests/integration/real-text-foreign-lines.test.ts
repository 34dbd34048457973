// The shipped versions on our own lines in Chinese, Vietnamese and Thai and in the five dictionary languages (trade
// glossaries), and garments read from what a line says, in English and through a foreign line's translations; every
// change held to answering the real sets as the version before did, or better.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { LoadedModel } from "../../models/hs-classifier/artifact";
import { GLOSSARY_NAMES, loadTranslations, tariffDocuments } from "../../models/hs-classifier/retrieval-documents";
import { foldText, HAND_WRITTEN_LANGUAGES, retrievalWords, TRANSLATED_LANGUAGES } from "../../models/hs-classifier/retrieval-text";
import { buildRetrievalIndex, loadedRetrievalKernel, retrievalModelSchema } from "../../models/hs-classifier/retrieval-model";
import { parseCsvRecords } from "../../workbench/csv";
import { REAL_SET_IDS, shippedSet } from "../../workbench/evaluation/evaluation-sets";
import { describeGarment, readGarment } from "../../models/hs-classifier/garment-reading";
import {
  OWN_LINES,
  AFTER,
  comparedSets,
  RETRIEVAL,
  shipped,
  expectOwnLines,
  hs6Right,
  hs6RightOf,
  expectCombinedVersion,
  recipeOf,
} from "./real-text-support";

describe("lines in Chinese, Vietnamese and Thai (hs-retrieval@1.4.0, hs-combined@1.3.0)", () => {
  const ASIAN_LINES = parseCsvRecords(readFileSync("fixtures/asian-language-lines.csv", "utf8"), ["language", "text", "english", "hs6"]);
  const LANGUAGES = ["zho", "vie", "tha"];
  const codes = async (model: LoadedModel, texts: readonly string[], k = 5) =>
    (await model.classifier.topK(texts, k)).map((c) => c.map((x) => x.code));
  // the same top-5 as `older` on every line of both real sets and our five-language lines
  const expectSameAnswersElsewhere = async (newer: LoadedModel, older: LoadedModel) => {
    for (const id of [...REAL_SET_IDS, "own-foreign-lines"] as const) {
      const texts = shippedSet(id).lines.map((l) => l.text);
      expect(await codes(newer, texts), id).toEqual(await codes(older, texts));
    }
  };

  it("are a built-in synthetic set of 80 lines per language", () => {
    expectOwnLines("own-asian-lines", LANGUAGES, 80);
  });

  it("are translated only into words the indexed texts use", () => {
    const { handWritten, dictionaries } = loadTranslations(HAND_WRITTEN_LANGUAGES);
    expect(dictionaries.size).toBe(0);
    expect(handWritten.size).toBeGreaterThan(2000);
    const keep = new Set(["used"]);
    const indexed = new Set(tariffDocuments(undefined, GLOSSARY_NAMES).flatMap((d) => retrievalWords(d.text, undefined, keep)));
    const unknown = [...handWritten].flatMap(([word, english]) =>
      retrievalWords(english, undefined, keep)
        .filter((w) => !indexed.has(w))
        .map((w) => `${word}: ${w}`),
    );
    expect(unknown).toEqual([]);
  });

  it("are read by hs-retrieval@1.4.0, close to their English equivalents, which reads every other line as 1.3.0 does", async () => {
    const [older, newer] = [await shipped("hs-retrieval@1.3.0"), await shipped("hs-retrieval@1.4.0")];
    await expectSameAnswersElsewhere(newer, older);
    // measured 2026-12-01: 178 of 240 at HS 6 (English equivalents 196), 1.3.0 13
    expect(await hs6Right(newer, ASIAN_LINES, "text")).toBeGreaterThanOrEqual(170);
    expect(await hs6Right(older, ASIAN_LINES, "text")).toBeLessThan(20);
    // the last 40 of each language, written after every change to the glossaries: 85 of 120 (English 93)
    const fresh = LANGUAGES.flatMap((language) => ASIAN_LINES.filter((r) => r.language === language).slice(40));
    const [foreign, english] = [await hs6Right(newer, fresh, "text"), await hs6Right(newer, fresh, "english")];
    expect(foreign).toBeGreaterThanOrEqual(80);
    expect(foreign).toBeGreaterThanOrEqual(0.85 * english);
    expect(newer.card.training.sources).toContain("fixtures/glossary/translations-zho.tsv (written by hand)");
    expect(newer.card.limitations.join(" ")).toContain("Chinese, Vietnamese, Thai are read through glossaries we wrote by hand");
  });

  it("are read by hs-retrieval-fast@1.4.0 too, which reads every other line as its 1.3.0 does", async () => {
    const [older, newer] = [await shipped("hs-retrieval-fast@1.3.0"), await shipped("hs-retrieval-fast@1.4.0")];
    await expectSameAnswersElsewhere(newer, older);
    // measured 2026-12-01: 166 of 240 at HS 6 (hs-retrieval@1.4.0: 178)
    expect(await hs6Right(newer, ASIAN_LINES, "text")).toBeGreaterThanOrEqual(155);
  });

  it("are scored by hs-combined@1.3.0's retrieval member alone (the network learned English), every other line as by 1.2.0", async () => {
    const [older, newer] = await Promise.all(["1.2.0", "1.3.0"].map((v) => shipped(`hs-combined/${v}`)));
    const recipe = recipeOf("hs-combined/1.3.0");
    expect(`${recipe.retrieval.name}@${recipe.retrieval.version}`).toBe("hs-retrieval@1.4.0");
    expect(recipe.config.retrievalAloneOnAsianLines).toBe(true);
    await expectSameAnswersElsewhere(newer!, older!);
    // a line written without Vietnamese letters ("Bia lon 330ml") is not told from other Latin text: both members read it
    const index = buildRetrievalIndex(
      retrievalModelSchema.parse(JSON.parse(readFileSync("models/artifacts/hs-retrieval/1.4.0/retrieval.json", "utf8"))),
    );
    const texts = ASIAN_LINES.map((r) => r.text!).filter((t) => index.readAsAsian(t));
    expect(texts.length).toBeGreaterThanOrEqual(230);
    expect(await codes(newer!, texts)).toEqual(await codes(await shipped("hs-retrieval@1.4.0"), texts));
  });
});

describe("trade glossaries for Spanish, Portuguese, Polish, French and German; Vietnamese without accents (hs-retrieval@1.5.0, hs-combined@1.4.0)", () => {
  const ROUND_2 = AFTER.filter((r) => r.round === "2");
  const ROUND_4 = AFTER.filter((r) => r.round === "4");
  // the same top-5 as `older` on both real sets and on our Chinese, Thai and accented Vietnamese lines; our Vietnamese
  // lines typed without accents (the 80 of ASIAN_VIETNAMESE with their accents taken off) mostly right, before mostly not
  const ASIAN_VIETNAMESE = parseCsvRecords(readFileSync("fixtures/asian-language-lines.csv", "utf8"), ["language", "text", "hs6"]).filter(
    (r) => r.language === "vie",
  );
  const expectSameAnswersElsewhere = async (newer: LoadedModel, older: LoadedModel) => {
    const codes = async (m: LoadedModel, texts: readonly string[]) => (await m.classifier.topK(texts, 5)).map((c) => c.map((x) => x.code));
    for (const id of [...REAL_SET_IDS, "own-asian-lines"] as const) {
      const texts = shippedSet(id)
        .lines.map((l) => l.text)
        .filter((t) => id !== "own-asian-lines" || foldText(t) !== t.toLowerCase());
      expect(await codes(newer, texts), id).toEqual(await codes(older, texts));
    }
    const unaccented = ASIAN_VIETNAMESE.map((r) => ({ text: foldText(r.text!), hs6: r.hs6! }));
    const right = async (m: LoadedModel) =>
      (
        await codes(
          m,
          unaccented.map((r) => r.text),
        )
      ).filter((c, i) => c[0] === unaccented[i]!.hs6).length;
    return { unaccentedRight: await right(newer), unaccentedBefore: await right(older) };
  };

  it("are translated only into words the indexed texts use, and were followed by our lines in eight rounds", () => {
    // loading refuses a file that lists a key twice (it would be dead after its first line)
    const { trade, dictionaries, handWritten } = loadTranslations(TRANSLATED_LANGUAGES, { trade: true });
    expect(trade.size).toBeGreaterThan(2500);
    expect([dictionaries.size > 0, handWritten.size]).toEqual([true, 0]);
    const keep = new Set(["used"]);
    const indexed = new Set(tariffDocuments(undefined, GLOSSARY_NAMES).flatMap((d) => retrievalWords(d.text, undefined, keep)));
    const unknown = [...trade].flatMap(([word, english]) => {
      const words = retrievalWords(english, undefined, keep);
      return words.length === 0 ? [`${word}: nothing`] : words.filter((w) => !indexed.has(w)).map((w) => `${word}: ${w}`);
    });
    expect(unknown).toEqual([]);
    for (const language of TRANSLATED_LANGUAGES) {
      const goods = (round: string) => AFTER.filter((r) => r.language === language && r.round === round).length;
      expect(["1", "2", "3", "4", "5", "6", "7", "8"].map(goods), language).toEqual([25, 25, 20, 20, 20, 20, 20, 20]);
    }
  });

  it("are read by hs-retrieval@1.5.0, which reads English, Chinese, Thai and accented Vietnamese lines as 1.4.0 does", async () => {
    const [older, newer] = [await shipped("hs-retrieval@1.4.0"), await shipped("hs-retrieval@1.5.0")];
    // measured 2026-12-01: Vietnamese without accents 7 → 51 of 80 (with accents 59 → 63, English 63)
    const { unaccentedRight, unaccentedBefore } = await expectSameAnswersElsewhere(newer, older);
    expect([unaccentedRight >= 48, unaccentedBefore < 12]).toEqual([true, true]);
    // measured 2026-12-01, HS 6 top-1 (English equivalents): our 540 lines, written before the trade glossaries, 335 →
    // 452 (474); round 1, 63 → 87 (100; 67 before the glossaries grew from their misses); round 2, 83 → 97 (100)
    expect(await hs6Right(newer, OWN_LINES, "text")).toBeGreaterThanOrEqual(445);
    expect(await hs6Right(older, OWN_LINES, "text")).toBeLessThan(345);
    const [foreign, english] = [await hs6Right(newer, ROUND_2, "text"), await hs6Right(newer, ROUND_2, "english")];
    expect(foreign).toBeGreaterThanOrEqual(92);
    expect(foreign).toBeGreaterThanOrEqual(0.9 * english);
    expect(foreign).toBeGreaterThan(await hs6Right(older, ROUND_2, "text"));
    // industrial goods, round 4: 37 → 49 (English 70) — further from their English than everyday goods
    expect(await hs6Right(newer, ROUND_4, "text")).toBeGreaterThanOrEqual(45);
    expect(await hs6Right(older, ROUND_4, "text")).toBeLessThan(42);
    expect(newer.card.training.sources).toContain("fixtures/glossary/trade-spa.tsv (written by hand)");
    expect(newer.card.limitations.join(" ")).toContain("are read through trade glossaries we wrote by hand");
    // what a person sees: the phrase read as one, with its English
    const { translated } = await newer.classifier.explain(["máquina de coser industrial", "lave-vaisselle encastrable"], 1);
    expect(translated![0]).toContainEqual({ word: "máquina de coser", english: "sewing machine" });
    expect(translated![1]).toContainEqual({ word: "lave-vaisselle", english: "dishwasher" });
  });

  it("are read by hs-retrieval-fast@1.5.0 too, which reads those other lines as its 1.4.0 does", async () => {
    const [older, newer] = [await shipped("hs-retrieval-fast@1.4.0"), await shipped("hs-retrieval-fast@1.5.0")];
    // Vietnamese without accents 7 → 47 of 80
    expect((await expectSameAnswersElsewhere(newer, older)).unaccentedRight).toBeGreaterThanOrEqual(44);
    // measured 2026-12-01: 309 → 432 of 540 (English 455); round 2, 72 → 83 of 125 (English 85)
    expect(await hs6Right(newer, OWN_LINES, "text")).toBeGreaterThanOrEqual(425);
    expect(await hs6Right(newer, ROUND_2, "text")).toBeGreaterThan(await hs6Right(older, ROUND_2, "text"));
  });

  it("lift hs-combined@1.4.0 (retrieval member hs-retrieval@1.5.0) on our foreign lines; English lines as by 1.3.0", async () => {
    const { combined, recipe } = await expectCombinedVersion("hs-combined/1.4.0", await shipped(RETRIEVAL));
    expect(`${recipe.retrieval.name}@${recipe.retrieval.version}`).toBe("hs-retrieval@1.5.0");
    const older = await shipped("hs-combined/1.3.0");
    // Vietnamese without accents 8 → 51 of 80
    expect((await expectSameAnswersElsewhere(combined, older)).unaccentedRight).toBeGreaterThanOrEqual(48);
    // measured 2026-12-01: 343 → 450 of 540 (English 474); round 2, 82 → 98 of 125 (English 105); round 4, 41 → 51 of
    // 100 (English 70)
    expect(await hs6Right(combined, OWN_LINES, "text")).toBeGreaterThanOrEqual(445);
    expect(await hs6Right(combined, ROUND_2, "text")).toBeGreaterThan(await hs6Right(older, ROUND_2, "text"));
    expect(await hs6Right(combined, ROUND_4, "text")).toBeGreaterThan(await hs6Right(older, ROUND_4, "text"));
  });
});

describe("garments of chapters 61 and 62 read from what a description says (hs-combined@1.5.0)", () => {
  it("lift the real sets' garments to the subheadings that fit them; every line not read as a garment answers as hs-combined@1.4.0", async () => {
    const { combined, recipe } = await expectCombinedVersion("hs-combined/1.5.0", await shipped(RETRIEVAL));
    expect(recipe.config.garmentBonus).toBeGreaterThan(0);
    const older = await shipped("hs-combined/1.4.0");
    const garments = recipe.garments!;
    let read = 0;
    for (const id of [...REAL_SET_IDS, "own-foreign-lines", "own-asian-lines"] as const) {
      const texts = shippedSet(id).lines.map((l) => l.text);
      const [now, before] = await Promise.all([combined.classifier.topK(texts, 5), older.classifier.topK(texts, 5)]);
      texts.forEach((text, i) => {
        if (readGarment(text, garments)) read++;
        else
          expect(
            now[i]!.map((c) => c.code),
            text,
          ).toEqual(before[i]!.map((c) => c.code));
      });
    }
    // measured 2026-12-01: rulings HS 6 60 → 74 of 199 (+15 / −1), heading 85 → 99, chapter unchanged (146); listings
    // HS 6 101 → 102 of 319, top-5 183 → 188, chapter 211 → 210
    expect(read).toBeGreaterThan(40);
    const hs6 = async (model: LoadedModel, id: (typeof REAL_SET_IDS)[number]) => {
      const lines = shippedSet(id).lines;
      return hs6RightOf(
        lines,
        await model.classifier.topK(
          lines.map((l) => l.text),
          1,
        ),
      );
    };
    expect(await hs6(combined, "cbp-rulings")).toBeGreaterThanOrEqual((await hs6(older, "cbp-rulings")) + 10);
    expect(await hs6(combined, "marketplace-listings")).toBeGreaterThanOrEqual(await hs6(older, "marketplace-listings"));
    // what a person sees: what the line was read as
    const { candidates, garments: readings } = await combined.classifier.explain(["women's knit cardigan 100% cotton", "dog food dry 15kg bag"], 1);
    expect(candidates[0]![0]!.code).toBe("611020");
    expect(describeGarment(readings![0]!)).toBe("knitted · women's or girls' · cardigan · cotton → 6110.20");
    expect(readings![1]).toBeNull();
    expect(combined.card.limitations.join(" ")).toContain("Garments of chapters 61 and 62 are read from English words only");
  });
});

describe("garments read through a foreign line's translations (hs-combined@1.6.0)", () => {
  it("read a foreign garment line through the English its words were read as; every other line as hs-combined@1.5.0", async () => {
    const { combined, recipe } = await expectCombinedVersion("hs-combined/1.6.0", await shipped(RETRIEVAL));
    expect(recipe.config.garmentsThroughTranslations).toBe(true);
    const older = await shipped("hs-combined/1.5.0");
    // the English its retrieval member read each line's words as, from the index the version loaded (no occlusion)
    const member = loadedRetrievalKernel(
      {
        sha256: combined.manifest.files["retrieval.json"]!,
        json: () => JSON.parse(readFileSync("models/artifacts/hs-combined/1.6.0/retrieval.json", "utf8")),
      },
      combined.labels,
    );
    const right: Record<string, [number, number]> = {};
    for (const [id, lines] of comparedSets("2")) {
      const texts = lines.map((l) => l.text);
      const [now, before] = await Promise.all([combined.classifier.topK(texts, 5), older.classifier.topK(texts, 5)]);
      const translated = member.translations!(texts);
      texts.forEach((text, i) => {
        // only a line its own words do not read as a garment, read through its translations, can answer otherwise
        if (readGarment(text, recipe.garments!) || !translated[i]!.length)
          expect(
            now[i]!.map((c) => c.code),
            text,
          ).toEqual(before[i]!.map((c) => c.code));
      });
      right[id] = [hs6RightOf(lines, before), hs6RightOf(lines, now)];
    }
    // measured 2026-12-01: our Chinese, Vietnamese and Thai lines 182 → 187 of 240, round 2 98 → 100 of 125, our 540
    // foreign lines 450 → 450, the real sets unchanged
    expect(right["own-asian-lines"]![1]).toBeGreaterThanOrEqual(right["own-asian-lines"]![0] + 4);
    expect(right["round 2"]![1]).toBeGreaterThan(right["round 2"]![0]);
    for (const id of [...REAL_SET_IDS, "own-foreign-lines"]) expect(right[id]![1], id).toBe(right[id]![0]);
    const { garments: readings } = await combined.classifier.explain(["camisas de algodón para hombre"], 1);
    expect(describeGarment(readings![0]!)).toBe("men's or boys' · shirt · cotton → 6105.10, 6205.20");
  });
});
