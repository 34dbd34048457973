// The later shipped versions: Portuguese as Brazilian invoices write it, words told from stop words by their accents,
// the Polish "do", the top code's confidence calibrated on real text, the goods of our English glossaries in five
// languages, common trade words in them, Chinese, Vietnamese and Thai with about three times the words, Vietnamese
// typed without accents, brand names left out and misspelt words read; each against
// the version before it on the real sets and on every set of our own lines.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { LoadedModel } from "../../models/hs-classifier/artifact";
import { REAL_SET_IDS, shippedSet } from "../../workbench/evaluation/evaluation-sets";
import { categoryAgreement, invoiceLines } from "../../workbench/evaluation/invoice-categories";
import { expectedCalibrationError } from "../../workbench/evaluation/calibration";
import { calibrateTopCode, fitTopCodeCalibration } from "../../models/hs-classifier/calibration";
import { describeGarment } from "../../models/hs-classifier/garment-reading";
import { parseCsvRecords } from "../../workbench/csv";
import { retrievalWords } from "../../models/hs-classifier/retrieval-text";
import {
  AFTER,
  OWN_LINES,
  comparedSets,
  RETRIEVAL,
  shipped,
  hs6Right,
  topCodes,
  isRight,
  recipeOf,
  expectCombinedVersion,
  expectCombinedSuccessor,
  expectNoLossElsewhere,
  expectOnlyAsianLinesChange,
  expectOnlyBrandLinesChange,
  expectOnlyTypoLinesChange,
  expectHs6RightCounts,
  ENGLISH_GOODS,
} from "./real-text-support";

// the goods of our English glossaries written in the five languages (fixtures/README.md): passes 1 and 2, the list
// hs-retrieval@1.8.0's entries were written from; pass 3, 250 other goods written after them
const GOODS_LIST = parseCsvRecords(readFileSync("fixtures/multilingual-glossary-goods.csv", "utf8"), ["language", "text", "english", "hs6", "pass"]);
// pass 3: 250 other goods the English glossaries list, written after those entries and never used to change any
const OTHER_GOODS = GOODS_LIST.filter((r) => r.pass === "3");
const round = (r: string) => AFTER.filter((x) => x.round === r);
// our 240 lines in Chinese, Vietnamese and Thai (fixtures/README.md)
const ASIAN_LINES = parseCsvRecords(readFileSync("fixtures/asian-language-lines.csv", "utf8"), ["language", "text", "english", "hs6"]);

describe("Portuguese as Brazilian invoices write it (hs-retrieval@1.6.0, hs-retrieval-fast@1.6.0, hs-combined@1.7.0)", () => {
  // real invoice lines with a category and no code, the half never read while writing the glossary entries: how often
  // the first code fits the line's category (an upper bound of accuracy)
  const invoices = invoiceLines("test");
  const fit = async (model: LoadedModel) =>
    categoryAgreement(
      invoices,
      await model.classifier.topK(
        invoices.map((l) => l.text),
        1,
      ),
    ).top1;

  it("hs-retrieval@1.6.0 and hs-retrieval-fast@1.6.0 read invoice abbreviations and the words the dictionaries read wrongly", async () => {
    const [older, newer] = [await shipped("hs-retrieval@1.5.0"), await shipped("hs-retrieval@1.6.0")];
    // measured 2026-12-02 on the 7,500 lines never read: 41.6% → 62.3% (fast: 39.6% → 57.6%)
    const [before, now] = [await fit(older), await fit(newer)];
    expect([before < 0.45, now > 0.58]).toEqual([true, true]);
    const [fastBefore, fastNow] = [await fit(await shipped("hs-retrieval-fast@1.5.0")), await fit(await shipped("hs-retrieval-fast@1.6.0"))];
    expect([fastBefore < 0.43, fastNow > 0.54]).toEqual([true, true]);
    await expectNoLossElsewhere(newer, older);
    // what a person sees: the abbreviations read, with their English
    const { translated } = await newer.classifier.explain(["DESOD AERO ROLL ON 50ML", "AMAC CONC BRISA 2L", "PINCA DE SOBRANCELHA"], 1);
    expect(translated![0]).toContainEqual({ word: "desod", english: "deodorant" });
    expect(translated![1]).toContainEqual({ word: "amac", english: "textile finishing agent" });
    expect(translated![2]).toContainEqual({ word: "pinca", english: "tweezer" });
  });

  it("hs-combined@1.7.0 (retrieval member hs-retrieval@1.6.0) fits them as its member does; the real sets as 1.6.0", async () => {
    const { combined, recipe } = await expectCombinedVersion("hs-combined/1.7.0", await shipped(RETRIEVAL));
    expect(`${recipe.retrieval.name}@${recipe.retrieval.version}`).toBe("hs-retrieval@1.6.0");
    const older = await shipped("hs-combined/1.6.0");
    // measured 2026-12-02: 41.6% → 61.1%
    const [before, now] = [await fit(older), await fit(combined)];
    expect([before < 0.45, now > 0.58]).toEqual([true, true]);
    await expectNoLossElsewhere(combined, older);
  });
});

describe("words told from stop words by their accents, trade English as written, round 5's goods, the Polish 'do' (hs-retrieval@1.7.0, hs-retrieval-fast@1.7.0, hs-combined@1.8.0 and 1.9.0)", () => {
  const ROUND_5 = AFTER.filter((r) => r.round === "5");
  const ROUND_6 = AFTER.filter((r) => r.round === "6");

  it("hs-retrieval@1.7.0 and hs-retrieval-fast@1.7.0 read 'thé' and 'lã' and round 5's goods; English lines as 1.6.0", async () => {
    for (const name of ["hs-retrieval", "hs-retrieval-fast"]) {
      const [older, newer] = [await shipped(`${name}@1.6.0`), await shipped(`${name}@1.7.0`)];
      await expectNoLossElsewhere(newer, older);
      // measured 2026-12-04: round 5 65 → 76 of 100 (hs-retrieval), round 6 (written after the entries) 74 → 74
      expect(await hs6Right(newer, ROUND_5, "text"), name).toBeGreaterThanOrEqual((await hs6Right(older, ROUND_5, "text")) + 8);
      expect(await hs6Right(newer, ROUND_6, "text"), name).toBeGreaterThanOrEqual(await hs6Right(older, ROUND_6, "text"));
    }
    const newer = await shipped("hs-retrieval@1.7.0");
    const { translated } = await newer.classifier.explain(["thé à la menthe", "cobertor de lã", "camisetas de algodón"], 1);
    expect(translated![0]).toContainEqual({ word: "thé", english: "tea" });
    expect(translated![1]).toContainEqual({ word: "lã", english: "wool" });
    expect(translated![2]).toContainEqual({ word: "camisetas", english: "shirt", asWritten: "t-shirts" });
    const { translated: before } = await (await shipped("hs-retrieval@1.6.0")).classifier.explain(["thé à la menthe", "camisetas de algodón"], 1);
    expect(before![0]!.map((t) => t.word)).not.toContain("thé");
    expect(before![1]).toContainEqual({ word: "camisetas", english: "shirt" });
  });

  it("hs-combined@1.8.0 reads a foreign T-shirt as one; English lines, the real sets and Asian lines as 1.7.0", async () => {
    const { combined, older } = await expectCombinedSuccessor("hs-combined/1.8.0", "hs-retrieval@1.7.0", "hs-combined/1.7.0");
    // measured 2026-12-04: round 5 72 → 86 of 100 (English 85), round 6 78 → 78 (English 85)
    expect(await hs6Right(combined, ROUND_5, "text")).toBeGreaterThanOrEqual((await hs6Right(older, ROUND_5, "text")) + 10);
    expect(await hs6Right(combined, ROUND_6, "text")).toBeGreaterThanOrEqual(await hs6Right(older, ROUND_6, "text"));
    const texts = ["camiseta de algodón", "koszulki bawełniane męskie"];
    const [now, before] = [await combined.classifier.topK(texts, 1), await older.classifier.topK(texts, 1)];
    expect(now.map((c) => c[0]!.code)).toEqual(["610910", "610910"]);
    expect(before.map((c) => c[0]!.code)).toEqual(["620520", "620520"]);
    const { garments } = await combined.classifier.explain(["camiseta de algodón"], 1);
    expect(describeGarment(garments![0]!)).toMatch(/^t-shirt · cotton → /);
  });

  it("hs-combined@1.9.0 searches a foreign line's goods before the Polish 'do' too; every line read as English as 1.8.0", async () => {
    const { combined, recipe, older } = await expectCombinedSuccessor("hs-combined/1.9.0", "hs-retrieval@1.7.0", "hs-combined/1.8.0");
    expect(recipe.config.goodsBeforePolishDo).toBe(true);
    // measured 2026-12-04: our 540 lines +2 / −0, round 5 +1, round 6 (clean) +1, nothing lost anywhere
    const texts = ["filtry powietrza do silników", "klocki hamulcowe do samochodów osobowych", "pasta do zębów", "suszarki do włosów"];
    const [now, before] = [await combined.classifier.topK(texts, 1), await older.classifier.topK(texts, 1)];
    expect(before.map((c) => c[0]!.code)).toEqual(["841280", "870323", "330610", "851631"]);
    // the goods searched before their use too; a glossary phrase is never cut ("pasta do zębów": pasta alone is food),
    // and where the whole line says more, the whole line still weighs more ("suszarki do włosów": dryers, for hair)
    expect(now.map((c) => c[0]!.code)).toEqual(["842131", "870830", "330610", "851631"]);
    expect(await hs6Right(combined, ROUND_6, "text")).toBe((await hs6Right(older, ROUND_6, "text")) + 1);
    // what the page shows as the goods searched
    expect((await combined.classifier.explain(["filtry powietrza do silników"], 1)).goods).toEqual(["filtry powietrza"]);
  });
});

describe("the top code's confidence calibrated on real text (hs-combined@1.10.0)", () => {
  it("answers every line as 1.9.0, with a top-code confidence that holds on the real set it was not fitted on", async () => {
    const { combined, recipe } = await expectCombinedVersion("hs-combined/1.10.0", await shipped(RETRIEVAL));
    expect([recipe.config.calibrateTopCode, recipe.temperature]).toEqual([true, recipeOf("hs-combined/1.9.0").temperature]);
    const older = await shipped("hs-combined/1.9.0");
    const topOf = async (model: LoadedModel, lines: readonly { text: string }[]) =>
      model.classifier.topK(
        lines.map((l) => l.text),
        5,
      );
    for (const [id, lines] of comparedSets()) {
      const [now, before] = await Promise.all([topOf(combined, lines), topOf(older, lines)]);
      expect(
        now.map((c) => c.map((x) => x.code)),
        id,
      ).toEqual(before.map((c) => c.map((x) => x.code)));
      for (const c of now) {
        expect(c.every((x, i) => i === 0 || x.probability <= c[i - 1]!.probability)).toBe(true);
        expect(c.reduce((sum, x) => sum + x.probability, 0)).toBeLessThanOrEqual(1 + 1e-9);
      }
    }
    // fitted on one real set and measured on the other, the top code's rescaling beats the temperature alone (1.9.0)
    // measured 2026-12-04: listings 0.096 → 0.044 (fitted on the rulings), rulings 0.146 → 0.041 (fitted on the listings)
    const real = await Promise.all(
      REAL_SET_IDS.map(async (id) => {
        const lines = shippedSet(id).lines;
        const top = await topOf(older, lines);
        return top.map((c, i) => ({ confidence: c[0]!.probability, right: isRight(lines[i]!, c[0]!.code) }));
      }),
    );
    const ece = (l: { confidence: number; right: boolean }[]) =>
      expectedCalibrationError(
        l.map((x) => x.confidence),
        l.map((x) => x.right),
      ).ece;
    for (const [fittedOn, measuredOn] of [
      [0, 1],
      [1, 0],
    ] as const) {
      const fitted = fitTopCodeCalibration(real[fittedOn]!);
      const rescaled = real[measuredOn]!.map((x) => ({ ...x, confidence: calibrateTopCode([x.confidence, 1 - x.confidence], fitted)[0]! }));
      expect(ece(rescaled), REAL_SET_IDS[measuredOn]).toBeLessThan(0.06);
      expect(ece(real[measuredOn]!), REAL_SET_IDS[measuredOn]).toBeGreaterThan(0.09);
    }
    // and on the version's own card (fitted on both: in-sample)
    for (const id of REAL_SET_IDS) expect(combined.card.evaluation[id]!.ece!, id).toBeLessThan(older.card.evaluation[id]!.ece! - 0.04);
  });

  it("is further from its English on goods no glossary entry was written after (round 7)", async () => {
    // round 7: 20 goods a language none of our lines had named (pianos, wheelbarrows, snow chains, pencil sharpeners, …),
    // written after 1.10.0 and never used to change anything: what parity with English lines is worth on goods nobody
    // wrote glossary entries for. Measured 2026-12-04: 62 of 100 (Spanish 12, Portuguese 12, Polish 12, French 10,
    // German 16 of 20) against 75 for their English equivalents (15 goods of 20); the same goods' top-5, 77 against 85
    const combined = await shipped("hs-combined/1.10.0");
    const round7 = AFTER.filter((r) => r.round === "7");
    expect([await hs6Right(combined, round7, "text"), await hs6Right(combined, round7, "english")]).toEqual([62, 75]);
  });
});

describe("the goods of our English glossaries in five languages (hs-retrieval@1.8.0, hs-retrieval-fast@1.8.0, hs-combined@1.11.0)", () => {
  // the lines the 1.8.0 entries were written from: 959 goods our English goods glossaries name (the first name of 688
  // entries, then 271 other goods they list) in each of the five languages, an entry added wherever hs-combined@1.10.0
  // read one to another code than its English (in-sample: these figures show the entries are read, not how far they carry)
  const GOODS = GOODS_LIST.filter((r) => r.pass !== "3");

  it("hs-retrieval@1.8.0 and hs-retrieval-fast@1.8.0 read the goods their entries were written from; English lines as 1.7.0", async () => {
    expect([GOODS.length, OTHER_GOODS.length]).toEqual([5 * 959, 5 * 250]);
    // measured 2026-12-04: hs-retrieval 3,525 → 4,539 of 4,795 (its English equivalents 4,760), fast 3,380 → 4,364 (4,640)
    for (const name of ["hs-retrieval", "hs-retrieval-fast"]) {
      const [older, newer] = [await shipped(`${name}@1.7.0`), await shipped(`${name}@1.8.0`)];
      await expectNoLossElsewhere(newer, older);
      expect(await hs6Right(newer, GOODS, "text"), name).toBeGreaterThanOrEqual((await hs6Right(older, GOODS, "text")) + 900);
    }
    const texts = ["piezas de motor", "Motorteile", "purificador de ar"];
    const { translated: now } = await (await shipped("hs-retrieval@1.8.0")).classifier.explain(texts, 1);
    const { translated: before } = await (await shipped("hs-retrieval@1.7.0")).classifier.explain(texts, 1);
    expect(now).toEqual([
      [{ word: "piezas", english: "part" }],
      [{ word: "motorteile", english: "engine part" }],
      [{ word: "purificador de ar", english: "air purifier" }],
    ]);
    expect(before!.map((t) => t[0]!.english)).toEqual(["fragment lump piece", "word toe", "air freshener room deodorizing preparation"]);
  });

  it("hs-combined@1.11.0 gains where lines name those goods, not on goods no entry names (rounds 7 and 8)", async () => {
    const { combined, older } = await expectCombinedSuccessor("hs-combined/1.11.0", "hs-retrieval@1.8.0", "hs-combined/1.10.0");
    // measured 2026-12-04: 3,536 → 4,583 of the 4,795 lines (English 4,735)
    expect(await hs6Right(combined, GOODS, "text")).toBeGreaterThanOrEqual((await hs6Right(older, GOODS, "text")) + 900);
    // rounds 4 and 6, written before these entries and never used to write them: lines that name goods of our English
    // glossaries (laboratory glassware, fire extinguishers, footballs) gain. Measured 2026-12-04: round 4 52 → 56 of 100,
    // round 6 79 → 82 (English 70 and 85)
    expect(await hs6Right(combined, round("4"), "text")).toBeGreaterThanOrEqual((await hs6Right(older, round("4"), "text")) + 3);
    expect(await hs6Right(combined, round("6"), "text")).toBeGreaterThanOrEqual((await hs6Right(older, round("6"), "text")) + 2);
    // goods of the same glossaries that no entry names (pass 3, written after the entries): the word-level entries carry
    // a little, the gap stays. Measured 2026-12-04: 784 → 793 of 1,250 (English 1,240); with the codes corrected since
    // (real-text-support.ts), 758 → 767 (English 1,190)
    expect([
      await hs6Right(older, OTHER_GOODS, "text"),
      await hs6Right(combined, OTHER_GOODS, "text"),
      await hs6Right(combined, OTHER_GOODS, "english"),
    ]).toEqual([755, 764, 1185]);
    // rounds 7 and 8 name goods none of our lines had (round 8, written after the first 688 goods' entries: pork ribs,
    // rice cookers, door locks, baseball caps, …). Round 7 does not change; of round 8 only the two lines of alloy wheels,
    // which the 271 further goods name (written after round 8's misses were read). Measured 2026-12-04: 62 and 56 → 58
    // of 100 against 75 and 70 in English
    for (const [r, before, now, english] of [
      ["7", 62, 62, 75],
      ["8", 56, 58, 70],
    ] as const) {
      expect([await hs6Right(older, round(r), "text"), await hs6Right(combined, round(r), "text")], `round ${r}`).toEqual([before, now]);
      expect(await hs6Right(combined, round(r), "english"), `round ${r}`).toBe(english);
    }
  });
});

describe("common trade words in five languages (hs-retrieval@1.9.0, hs-retrieval-fast@1.9.0, hs-combined@1.12.0)", () => {
  // 671 common trade words (materials, processing words, parts, goods, foods, chemicals) as traders write them in each
  // language, the forms of a word split by "/"; the 1.9.0 entries were written wherever hs-retrieval@1.8.0 read a form
  // as another word or not at all (in-sample: these figures show the entries are read, not how far they carry)
  const WORDS = parseCsvRecords(readFileSync("fixtures/multilingual-trade-words.csv", "utf8"), ["english", "spa", "por", "pol", "fra", "deu"]);
  const LANGUAGES = ["spa", "por", "pol", "fra", "deu"] as const;
  // a word of the line's language that no glossary reads otherwise, so a form alone is read as a foreign line
  const CARRIER = { spa: "producto", por: "produto", pol: "produkt", fra: "produit", deu: "erzeugnis" };
  const FORMS = WORDS.flatMap((w) => LANGUAGES.flatMap((l) => w[l]!.split("/").map((form) => ({ english: w.english!, language: l, form }))));
  const stems = (text: string) => new Set(retrievalWords(text, undefined, new Set(["used"])));
  /** how many forms a version reads as their English word(s): every word of the English among the form's reading */
  const readAsEnglish = async (model: LoadedModel) => {
    const { translated } = await model.classifier.explain(
      FORMS.map((f) => `${f.form} ${CARRIER[f.language]}`),
      1,
    );
    return FORMS.filter((f, i) => {
      const read = translated![i]!.filter((t) => t.word !== CARRIER[f.language]);
      const got = stems(read.length ? read.map((t) => t.english).join(" ") : f.form);
      return [...stems(f.english.replace(/'s$/, ""))].every((w) => got.has(w));
    }).length;
  };

  it("hs-retrieval@1.9.0 and hs-retrieval-fast@1.9.0 read the trade words their entries were written from; English lines as 1.8.0", async () => {
    expect([WORDS.length, FORMS.length]).toEqual([671, 3728]);
    // 3,077 → 3,319 of the 3,728 forms (most of the rest are read as a near word the tariff uses: "gamba" prawn, "pijama"
    // pajama, "altavoz" loudspeaker; or are English-looking words left as written: "serviette", "boot")
    const [older, newer] = [await shipped("hs-retrieval@1.8.0"), await shipped("hs-retrieval@1.9.0")];
    expect([await readAsEnglish(older), await readAsEnglish(newer)]).toEqual([3077, 3319]);
    for (const name of ["hs-retrieval", "hs-retrieval-fast"])
      await expectNoLossElsewhere(await shipped(`${name}@1.9.0`), await shipped(`${name}@1.8.0`));
    const texts = ["koszulka 100% bawełna", "filtr paliwa", "bacalao salado", "boulon inox"];
    const english = async (model: LoadedModel) =>
      (await model.classifier.explain(texts, 1)).translated!.map((t) => t.map((x) => x.english).join(" "));
    expect(await english(newer)).toEqual(["shirt cotton", "filter fuel", "cod salted", "bolt stainless steel"]);
    expect(await english(older)).toEqual(["shirt", "wire thread fuel", "cod salad", "film stainless steel"]);
  });

  it("hs-combined@1.12.0 reads them as its member does: a few more lines right, none lost", async () => {
    const { combined, older } = await expectCombinedSuccessor("hs-combined/1.12.0", "hs-retrieval@1.9.0", "hs-combined/1.11.0");
    // measured 2026-12-05 against 1.11.0: our 540 lines 460 → 461, round 3 74 → 76 (welded steel tubes), round 7 62 → 63
    // (baker's yeast, a miss ADR 0013 names), the 250 other goods of our English glossaries (pass 3) 781 → 785 of 1,250
    // (764 → 768 with the codes corrected with hs-retrieval@1.20.0 and 1.21.0, real-text-support.ts)
    await expectHs6RightCounts(older, combined, [
      [OWN_LINES, 460, 461],
      [round("3"), 74, 76],
      [round("7"), 62, 63],
      [OTHER_GOODS, 764, 768],
    ]);
  });
});

describe("Chinese, Vietnamese and Thai with about three times the words (hs-retrieval@1.10.0, hs-retrieval-fast@1.10.0, hs-combined@1.13.0)", () => {
  // the goods of multilingual-glossary-goods.csv written in Chinese, Vietnamese and Thai (fixtures/README.md): the 1.10.0
  // entries were written wherever hs-retrieval@1.9.0 read a line of passes 1 and 2 to another code than its English name;
  // pass 3 (250 other goods) was written first and never used to write an entry
  const ASIAN_GOODS = parseCsvRecords(readFileSync("fixtures/asian-glossary-goods.csv", "utf8"), ["language", "text", "english", "hs6", "pass"]);
  const [LISTED, OTHER] = [ASIAN_GOODS.filter((r) => r.pass !== "3"), ASIAN_GOODS.filter((r) => r.pass === "3")];

  it("are the goods of the five-language list, each written in the three languages", () => {
    const goods = (rows: readonly Record<string, string>[]) => rows.map((r) => [r.english, r.hs6, r.pass].join());
    for (const language of ["zho", "vie", "tha"])
      expect(goods(ASIAN_GOODS.filter((r) => r.language === language)), language).toEqual(goods(GOODS_LIST.filter((r) => r.language === "spa")));
    expect([LISTED.length, OTHER.length]).toEqual([3 * 959, 3 * 250]);
  });

  it("hs-retrieval@1.10.0 and hs-retrieval-fast@1.10.0 read them; every line not in these languages as 1.9.0", async () => {
    for (const name of ["hs-retrieval", "hs-retrieval-fast"])
      await expectOnlyAsianLinesChange(await shipped(`${name}@1.10.0`), await shipped(`${name}@1.9.0`));
    const [older, newer] = [await shipped("hs-retrieval@1.9.0"), await shipped("hs-retrieval@1.10.0")];
    // measured 2026-12-05: passes 1 and 2 (in-sample) 1,264 → 2,763 of 2,877 (1,253 → 2,743 with the codes corrected since,
    // real-text-support.ts; 2,742 since the Vietnamese line for iron kitchenware says so, no longer "chảo gang", a cast
    // iron pan, the entry 1.10.0 had for it); pass 3 255 → 330 of 750 (249 → 320 so; English 249 of 250)
    await expectHs6RightCounts(older, newer, [
      [LISTED, 1248, 2708],
      [OTHER, 241, 311],
    ]);
    // a word of the goods list, a goods word the glossaries lacked ("金属", metal, was read as "金", gold), and the
    // glossaries' English read as the documents are ("fishing hooks": the documents' "fishing hook")
    const texts = ["金属家具", "máy mài góc", "เครื่องเจียร", "鱼钩", "桌游"];
    const reading = async (model: LoadedModel) => {
      const [{ translated }, top] = await Promise.all([model.classifier.explain(texts, 1), model.classifier.topK(texts, 1)]);
      return translated!.map((t, i) => `${t.map((x) => x.english).join(" ")}: ${top[i]![0]!.code}`);
    };
    expect(await reading(newer)).toEqual([
      "metal furniture: 940320",
      "angle grinder: 846729",
      "angle grinder: 846729",
      "fishing hook: 950720",
      "board game: 950490",
    ]);
    expect(await reading(older)).toEqual(["gold furniture: 940370", "machine may: 710110", "machine: 845210", "fish: 030389", ": 010121"]);
    expect(newer.card.limitations.join(" ")).toContain(
      "Chinese, Vietnamese, Thai are read through glossaries we wrote by hand (about 1,930 to 2,230",
    );
    // traditional characters read as simplified ones, and shown as written
    const traditional = async (model: LoadedModel) =>
      (await model.classifier.explain(["無線藍牙耳機"], 1)).translated![0]!.map((t) => `${t.word}: ${t.english}`);
    expect(await traditional(newer)).toEqual(["無線: wireless", "藍牙耳機: bluetooth earphone"]);
    expect(await traditional(older)).toEqual(["耳機: earphones headphones"]);
    expect(newer.card.training.sources).toContain("fixtures/glossary/traditional-chinese.tsv (OpenCC)");
    // a phrase read through its unaccented spelling is shown as the line writes it ("day cap dien" before)
    const [vietnamese] = (await newer.classifier.explain(["Dây cáp điện 2 lõi 100 mét"], 1)).translated!;
    expect(vietnamese!.map((t) => `${t.word}: ${t.english}`)).toEqual(["dây cáp điện: wire cable"]);
  });

  it("hs-combined@1.13.0 reads them as its member does; every other line as 1.12.0", async () => {
    const { combined, older } = await expectCombinedSuccessor(
      "hs-combined/1.13.0",
      "hs-retrieval@1.10.0",
      "hs-combined/1.12.0",
      expectOnlyAsianLinesChange,
    );
    // measured 2026-12-05 against 1.12.0: our 240 Asian lines 187 → 190, pass 3 249 → 320 of 750, and lines as traders
    // write them, never used to change anything: round 1, 25 goods a language written after 1.13.0's entries, 52 → 60 of
    // 75; round 2, the same goods in traditional Chinese as Taiwan and Hong Kong shops write them, 10 → 17 of 25
    const after = parseCsvRecords(readFileSync("fixtures/asian-lines-after-glossaries.csv", "utf8"), ["language", "text", "english", "hs6", "round"]);
    const [round1, round2] = [after.filter((r) => r.round === "1"), after.filter((r) => r.round === "2")];
    expect([round1.length, round2.length]).toEqual([75, 25]);
    await expectHs6RightCounts(older, combined, [
      [OTHER, 241, 311],
      [ASIAN_LINES, 187, 190],
      [round1, 52, 60],
      [round2, 10, 17],
    ]);
  });
});

describe("Vietnamese typed without accents (hs-retrieval@1.11.0, hs-retrieval-fast@1.11.0, hs-combined@1.14.0)", () => {
  // the Vietnamese lines of our sets with every accent taken off, as many declarations are typed: the goods list's
  // passes 1 and 2 (in-sample), pass 3 and round 1 (never used to change anything), our 80 Vietnamese lines
  const unaccented = (text: string) =>
    text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d")
      .replace(/Đ/g, "D");
  const vietnamese = (rows: readonly Record<string, string>[]) => rows.filter((r) => r.language === "vie");
  const typed = (rows: readonly Record<string, string>[]) => rows.map((r) => ({ ...r, text: unaccented(r.text!) }));
  const goods = vietnamese(
    parseCsvRecords(readFileSync("fixtures/asian-glossary-goods.csv", "utf8"), ["language", "text", "english", "hs6", "pass"]),
  );
  const round1 = vietnamese(
    parseCsvRecords(readFileSync("fixtures/asian-lines-after-glossaries.csv", "utf8"), ["language", "text", "english", "hs6", "round"]),
  ).filter((r) => r.round === "1");
  const [listed, other, own] = [goods.filter((r) => r.pass !== "3"), goods.filter((r) => r.pass === "3"), vietnamese(ASIAN_LINES)];
  const reading = async (model: LoadedModel, texts: string[]) => {
    const [{ translated }, top] = await Promise.all([model.classifier.explain(texts, 1), model.classifier.topK(texts, 1)]);
    return translated!.map((t, i) => `${t.map((x) => `${x.word}: ${x.english}`).join("; ")} → ${top[i]![0]!.code}`);
  };

  it("hs-retrieval@1.11.0 and hs-retrieval-fast@1.11.0 read them; every line not read as Vietnamese as 1.10.0", async () => {
    expect([listed.length, other.length, own.length, round1.length]).toEqual([959, 250, 80, 25]);
    // the lines as written: only lines of passes 1–2 written without accents anyway gain (what a declaration says
    // besides the goods, now left out, moves no count); both 1.10.0 one fewer since the line for iron kitchenware no longer
    // says "chảo gang" (its entry)
    for (const [name, [before, now], pass3, ownRight, round1Right] of [
      ["hs-retrieval", [895, 901], 106, 63, 20],
      ["hs-retrieval-fast", [859, 866], 104, 58, 19],
    ] as const) {
      const [older, newer] = [await shipped(`${name}@1.10.0`), await shipped(`${name}@1.11.0`)];
      await expectOnlyAsianLinesChange(newer, older);
      await expectHs6RightCounts(older, newer, [
        [listed, before, now],
        [other, pass3, pass3],
        [own, ownRight, ownRight],
        [round1, round1Right, round1Right],
      ]);
    }
    // measured 2026-12-05, hs-retrieval 1.10.0 → 1.11.0, typed without accents (1.10.0 one fewer since the line for
    // iron kitchenware no longer says "chảo gang")
    const [older, newer] = [await shipped("hs-retrieval@1.10.0"), await shipped("hs-retrieval@1.11.0")];
    await expectHs6RightCounts(older, newer, [
      [typed(listed), 781, 845],
      [typed(other), 84, 92],
      [typed(own), 54, 59],
      [typed(round1), 17, 19],
    ]);
    // what a declaration says besides the goods is left out of a Vietnamese line's search, with accents or without
    const declared = ["Áo thun nữ cotton, hàng mới 100%, xuất xứ Việt Nam", "ao thun nu cotton, hang moi 100%, xuat xu Viet Nam"];
    const top5 = async (model: LoadedModel, texts: string[]) => (await model.classifier.topK(texts, 5)).map((c) => c.map((x) => x.code).join());
    expect(await top5(newer, declared)).toEqual(await top5(newer, ["Áo thun nữ cotton", "ao thun nu cotton"]));
    expect((await reading(older, declared.slice(0, 1)))[0]).toBe("áo thun: shirt; nữ: women; nam: men → 620630");
    // a line of one-syllable words is read as Vietnamese; a French line and a brand are not
    const texts = ["muoi", "tui giay", "sac isotherme", "Xiaomi Mi Band 8"];
    expect(await reading(newer, texts)).toEqual(["muoi: salt → 250100", "tui: bag → 420292", "sac: bag → 420292", " → 911390"]);
    expect(await reading(older, texts)).toEqual([" → 300449", " → 711311", "sac: bag → 420292", " → 911390"]);
  });

  it("hs-combined@1.14.0 reads them as its member does; every other line as 1.13.0", async () => {
    const { combined, older } = await expectCombinedSuccessor(
      "hs-combined/1.14.0",
      "hs-retrieval@1.11.0",
      "hs-combined/1.13.0",
      expectOnlyAsianLinesChange,
    );
    // measured 2026-12-05 against 1.13.0, typed without accents (with them: 918 → 924, 109, 63, 20); 1.13.0 one fewer since
    // the line for iron kitchenware no longer says "chảo gang"
    await expectHs6RightCounts(older, combined, [
      [typed(listed), 783, 847],
      [typed(other), 82, 90],
      [typed(own), 54, 59],
      [typed(round1), 17, 19],
    ]);
    // pass 3 as declarations end: 109 (accented) and 94 (unaccented) without it
    const ending = (rows: readonly Record<string, string>[], end: string) => rows.map((r) => ({ ...r, text: r.text + end }));
    await expectHs6RightCounts(older, combined, [
      [ending(other, ", hàng mới 100%"), 97, 105],
      [typed(ending(other, ", hàng mới 100%")), 77, 91],
      [typed(ending(other, ", xuất xứ Trung Quốc")), 82, 98],
    ]);
  });
});

describe("brand names left out of a line's reading and search (hs-retrieval@1.12.0, hs-retrieval-fast@1.12.0, hs-combined@1.15.0)", () => {
  // the goods of our English glossaries with a brand before or after them, as declarations and listings write them
  const goods = ENGLISH_GOODS;
  const branded = (form: string) => goods.map((r) => ({ ...r, text: form.replace("{}", r.text) }));
  const [adidas, samsung, motorola, calvinKlein] = [branded("Adidas {}"), branded("{} Samsung"), branded("Motorola {}"), branded("Calvin Klein {}")];
  const top5 = async (model: LoadedModel, rows: readonly { text: string }[]) =>
    (
      await model.classifier.topK(
        rows.map((r) => r.text),
        5,
      )
    ).map((c) => c.map((x) => x.code).join());

  it("hs-retrieval@1.12.0 and hs-retrieval-fast@1.12.0 answer a line with a brand as the line without it; every other line as 1.11.0", async () => {
    expect(goods).toHaveLength(1209);
    // measured 2026-12-05: the brand read as a word before ("adidas" Polish sneakers, "klein" German small, "motorola"
    // engine oil through its parts, "samsung" of the glossary's "samsung galaxy")
    for (const [name, plain, counts] of [
      ["hs-retrieval", 1172, [829, 1117, 821, 924]],
      ["hs-retrieval-fast", 1141, [792, 1023, 1148, 426]],
    ] as const) {
      const [older, newer] = [await shipped(`${name}@1.11.0`), await shipped(`${name}@1.12.0`)];
      await expectOnlyBrandLinesChange(newer, older);
      const without = await top5(newer, goods);
      for (const rows of [adidas, samsung, motorola, calvinKlein]) expect(await top5(newer, rows)).toEqual(without);
      await expectHs6RightCounts(older, newer, [
        [goods, plain, plain],
        ...[adidas, samsung, motorola, calvinKlein].map((rows, i) => [rows, counts[i]!, plain] as const),
      ]);
    }
    // what a person sees: the brand left out, not read as a word
    const newer = await shipped("hs-retrieval@1.12.0");
    const { brands, translated, candidates } = await newer.classifier.explain(
      ["Camiseta Adidas algodón", "LEVI’S jeans, Ray-Ban sunglasses", "SAMSUNG", "小米充电宝"],
      1,
    );
    expect(brands).toEqual([["Adidas"], ["LEVI’S", "Ray-Ban"], [], ["小米"]]);
    // a Xiaomi power bank, whose 米 the version before read as rice
    expect([candidates[3]![0]!.code, translated![3]]).toEqual(["850760", [{ word: "充电宝", english: "power bank" }]]);
    expect(translated![0]).toEqual([
      { word: "camiseta", english: "shirt", asWritten: "t-shirt" },
      { word: "algodón", english: "cotton" },
    ]);
    await expect((await shipped("hs-retrieval@1.11.0")).classifier.explain(["Camiseta Adidas algodón", "小米充电宝"], 1)).resolves.toMatchObject({
      brands: null,
      translated: [
        expect.arrayContaining([{ word: "adidas", english: "sneaker tennis shoe" }]),
        expect.arrayContaining([{ word: "米", english: "rice" }]),
      ],
    });
  });

  it("hs-combined@1.15.0 gets the branded lines its member gets; every other line as 1.14.0", async () => {
    const { combined, older } = await expectCombinedSuccessor(
      "hs-combined/1.15.0",
      "hs-retrieval@1.12.0",
      "hs-combined/1.14.0",
      expectOnlyBrandLinesChange,
    );
    // measured 2026-12-05 (the network member still reads the brand: a line with one is not the line without it)
    await expectHs6RightCounts(older, combined, [
      [goods, 1165, 1165],
      [adidas, 881, 1166],
      [samsung, 1079, 1167],
      [motorola, 906, 1167],
      [calvinKlein, 1079, 1167],
    ]);
    // pass 3 of the Vietnamese goods with the brand clause declarations add (without it: 109)
    const pass3 = parseCsvRecords(readFileSync("fixtures/asian-glossary-goods.csv", "utf8"), ["language", "text", "english", "hs6", "pass"])
      .filter((r) => r.language === "vie" && r.pass === "3")
      .map((r) => ({ ...r, text: `${r.text}, nhãn hiệu Samsung` }));
    await expectHs6RightCounts(older, combined, [[pass3, 75, 105]]);
    // real Brazilian invoice lines, the half never read while writing glossary entries: measured 61.32% → 61.41%
    const invoices = invoiceLines("test");
    const fit = async (model: LoadedModel) =>
      categoryAgreement(
        invoices,
        await model.classifier.topK(
          invoices.map((l) => l.text),
          1,
        ),
      ).top1;
    expect([await fit(older), await fit(combined)].map((f) => Math.round(f * 10_000))).toEqual([6132, 6141]);
    const lines = ["Camiseta Adidas algodón", "Adidas t-shirt"];
    expect([await topCodes(older, lines), await topCodes(combined, lines)]).toEqual([
      ["640411", "640411"],
      ["610910", "610910"],
    ]);
  });
});

describe("misspelt words read as the tariff word one letter away (hs-retrieval@1.13.0, hs-retrieval-fast@1.13.0, hs-combined@1.16.0)", () => {
  // the goods of our English glossaries with one typo in their longest word of five letters or more: a letter dropped,
  // two letters swapped, a letter doubled, at a place a fixed-seed generator picks
  const goods = ENGLISH_GOODS;
  const misspelt = (kind: "dropped" | "swapped" | "doubled") => {
    let seed = 7;
    const at = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    return goods.map((r) => {
      const words = r.text.split(" ");
      const w = words.reduce((best, x, i) => (x.length > words[best]!.length ? i : best), 0);
      const word = words[w]!;
      if (word.length < 5) return r;
      const i = 1 + at(word.length - 2);
      words[w] =
        kind === "dropped"
          ? word.slice(0, i) + word.slice(i + 1)
          : kind === "swapped"
            ? word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2)
            : word.slice(0, i) + word[i] + word.slice(i);
      return { ...r, text: words.join(" ") };
    });
  };
  const [dropped, swapped, doubled] = [misspelt("dropped"), misspelt("swapped"), misspelt("doubled")];

  it("hs-retrieval@1.13.0 and hs-retrieval-fast@1.13.0 read them; every line without one as 1.12.0", async () => {
    // measured 2026-12-05
    for (const [name, counts] of [
      ["hs-retrieval", [784, 872, 710, 987, 955, 1047]],
      ["hs-retrieval-fast", [651, 788, 590, 897, 793, 942]],
    ] as const) {
      const [older, newer] = [await shipped(`${name}@1.12.0`), await shipped(`${name}@1.13.0`)];
      await expectOnlyTypoLinesChange(newer, older);
      await expectHs6RightCounts(older, newer, [
        [dropped, counts[0], counts[1]],
        [swapped, counts[2], counts[3]],
        [doubled, counts[4], counts[5]],
      ]);
    }
    // what a person sees; a word of English is no typo ("wedding", one letter from the tariff's "wadding"), nor is a
    // word of a foreign line ("perros")
    const newer = await shipped("hs-retrieval@1.13.0");
    const lines = ["frozen shrrimps peeled", "Trout Fishing Spoon Artificial Bait Fiahing", "wedding dress", "comida para perros"];
    const { typos, candidates } = await newer.classifier.explain(lines, 1);
    expect(typos).toEqual([[{ word: "shrrimp", read: "shrimp" }], [{ word: "fiahing", read: "fishing" }], [], []]);
    expect(candidates[0]![0]!.code).toBe("030617");
    expect(newer.card.training.sources).toContain("fixtures/glossary/english-words.txt (wamerican)");
  });

  it("hs-combined@1.16.0 gets the misspelt lines its member gets; every other line as 1.15.0", async () => {
    const { combined, older } = await expectCombinedSuccessor(
      "hs-combined/1.16.0",
      "hs-retrieval@1.13.0",
      "hs-combined/1.15.0",
      expectOnlyTypoLinesChange,
    );
    // measured 2026-12-05 (the network member still reads the line as written)
    await expectHs6RightCounts(older, combined, [
      [goods, 1165, 1165],
      [dropped, 806, 909],
      [swapped, 720, 1002],
      [doubled, 975, 1071],
    ]);
  });
});

describe("what the strongest version still gets wrong: short English lines naming hardware (ADR 0013)", () => {
  // 36 lines written 2026-12-05 to measure it (fixtures/README.md): nuts, bolts, washers, hinges, rivets, chains,
  // fittings of stainless steel, steel, aluminium, brass and copper
  const HARDWARE = parseCsvRecords(readFileSync("fixtures/english-hardware-lines.csv", "utf8"), ["text", "hs6"]);

  it("sends articles of stainless steel to stainless steel wire, which its network member reads as articles", async () => {
    const [combined, network] = [await shipped("hs-combined@1.16.0"), await shipped("hs-hierarchical-glossary@1.0.0")];
    expect(HARDWARE).toHaveLength(36);
    // measured 2026-12-05: 19 of 36 at HS 6 (ADR 0013's lead, "stainless" left out of a line naming no form: 24)
    expect(await hs6Right(combined, HARDWARE, "text")).toBe(19);
    const articles = ["stainless steel nuts", "stainless steel washers", "stainless steel hinges", "stainless steel rivets", "stainless steel bolts"];
    expect(await topCodes(combined, articles)).toEqual(articles.map(() => "722300"));
    // the network member reads them all as articles of iron or steel (chapter 73), outvoted 0.8 to 0.2
    expect((await topCodes(network, articles)).map((code) => code.slice(0, 2))).toEqual(articles.map(() => "73"));
  });
});
