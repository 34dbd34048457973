// A combined version (ADR 0013): a retrieval model and a network, each calibrated on its own, their 50 best codes
// scored as Σ weight · log p (a code outside a member's 50 gets the floor), and the 50 best of that turned into
// probabilities by the one calibration rule (softmax(score / T), T fitted on the real sets). From 1.1.0 the retrieval
// member also searches the goods a description names before what they are for (goodsPart), and its share is split
// between the two searches. From 1.5.0 a description read as a garment of chapters 61–62 (garment-reading.ts) lifts
// the subheadings that fit what it says (from 1.6.0 a foreign line through the English its words were read as). From
// 1.9.0 a foreign line's goods part also ends before the Polish "do" (for), never inside a glossary phrase. From 1.10.0
// the top code's confidence is rescaled after the temperature (calibrateTopCode), which left it overconfident. From
// 1.19.0 a description whose best code is in a heading whose subheadings its material chooses among (jewellery, wigs)
// takes the subheading the material it names gives (material-reading.ts); from 1.20.0 a line that names footwear and its
// upper's material takes the subheading of chapter 64 they give, whatever its best code (footwear-reading.ts); from 1.25.0
// a table, kitchen or household article its material's (household-reading.ts). From 1.28.0 the goods part also ends
// before what the goods are packed in; from 1.29.0 fruit, nuts and vegetables take their best code in the headings of
// the state a line names (food-state-reading.ts); from 1.30.0 a best code whose range holds none of a line's quantities
// gives way to the code whose range holds one (quantity-reading.ts), and a line naming a fuel is searched without it
// too (material-forms.ts); from 1.31.0 an engine of the other ignition than a line's fuel gives way to its heading's
// code of that ignition (ignition-reading.ts); from 1.32.0 a line is read with its trade abbreviations written out
// (abbreviation-reading.ts); from 1.33.0 a fastener, a tube or pipe fitting, a chain, a spring, wire cloth or a hinge
// takes its material's subheading (metal-article-reading.ts); from 1.34.0 a flat-rolled product of steel the subheading
// its width, rolling, coating, coils and thickness give (flat-rolled-reading.ts). The members' files ship inside the
// artifact, so it loads like any other version, in Node and in the browser. Browser-safe.
import { z } from "zod";
import type { Candidate } from "../../workbench/evaluation/metrics";
import type { Kernel, Translation } from "./classifier";
import { calibrateTopCode, CANDIDATE_CODES, softmax, topCodeCalibrationSchema, type TopCodeCalibration } from "./calibration";
import { garmentSubheadingSchema, readGarment, type GarmentReading, type GarmentSubheading } from "./garment-reading";
import { foodStateHeadings, readFoodState, type FoodStateReading } from "./food-state-reading";
import { ignitionCode, readIgnition, type IgnitionReading } from "./ignition-reading";
import { materialFor, readMaterials, type MaterialReading } from "./material-reading";
import { isFuel, isMaterialForm, namesMaterial, withoutFuels, withoutMaterials } from "./material-forms";
import { quantityCode, quantitySubheadingSchema, readQuantities, readQuantityFits, type QuantitySubheading } from "./quantity-reading";
import { loadedRetrievalKernel } from "./retrieval-model";
import { withAbbreviationsRead } from "./abbreviation-reading";
import { goodsPart } from "./retrieval-text";

export const combinedConfigSchema = z
  .object({
    /** weight of the retrieval member's log-probability; the network's is 1 − this */
    retrievalWeight: z.number().gt(0).lt(1),
    /** the probability of a code outside a member's best CANDIDATE_CODES */
    floor: z.number().gt(0).lt(0.01),
    /**
     * the share of the retrieval member's weight given to its search of the goods part of a description (goodsPart);
     * absent (1.0.0): the whole description only. A description without a goods part keeps the whole search's weight.
     */
    goodsWeight: z.number().gt(0).lt(1).optional(),
    /**
     * a line written in Chinese, Vietnamese or Thai (the retrieval member tells) is scored by it alone (from 1.3.0): the network
     * learned English tariff wording and reads none of their words, so its share there is noise
     */
    retrievalAloneOnAsianLines: z.boolean().optional(),
    /**
     * added to the score of each garment subheading a description is read as (readGarment: kind, knitted or not, wearer,
     * fibre; from 1.5.0), so the members' scores choose among the subheadings that fit what it says; absent: not read
     */
    garmentBonus: z.number().positive().optional(),
    /**
     * a line the retrieval member read as foreign is read as a garment through the English its words were read as
     * ("camisetas de algodón para hombre": shirt cotton men) when its own words say nothing (from 1.6.0); absent: English only
     */
    garmentsThroughTranslations: z.boolean().optional(),
    /**
     * the goods part of a line the retrieval member read as foreign also ends before the Polish "do" (for: "filtry
     * powietrza do silników"), never inside a glossary phrase ("pasta do zębów", toothpaste; from 1.9.0)
     */
    goodsBeforePolishDo: z.boolean().optional(),
    /**
     * the goods part of a line also ends before what it says they are packed in (goodsPart's packing: "Honey" of "Honey
     * 500g glass jar", "Bière" of "Bière en canette", "Ogórki konserwowe" of "Ogórki konserwowe w słoiku"), so a jar, a
     * can or a bottle is not all the search finds (from 1.28.0); with goodsWeight
     */
    goodsBeforePacking: z.boolean().optional(),
    /**
     * the top code's confidence rescaled after the temperature (calibrateTopCode, fitted on the real sets; from 1.10.0):
     * the temperature alone left it overconfident
     */
    calibrateTopCode: z.boolean().optional(),
    /**
     * where the version's best code is in a heading whose subheadings a description's material chooses among and the
     * description names it (readMaterials: jewellery's precious metal, pearls or stones, wigs' human hair; from 1.19.0),
     * the subheading the material gives scores this much above that code (named by the members or not), so its confidence
     * stays the version's own for the line; read as garments are (through a foreign line's translations where
     * garmentsThroughTranslations); absent: not read
     */
    materialMargin: z.number().positive().optional(),
    /**
     * with materialMargin, a line that names footwear and its upper's material also takes the subheading of chapter 64 they
     * give (footwear-reading.ts: upper and sole, sports, flip-flops, metal toe-cap, ankle), whatever its best code
     * ("leather cycling shoes" are not bicycles), unless that code is one the words do not contradict (from 1.20.0)
     */
    readsFootwear: z.boolean().optional(),
    /**
     * with materialMargin, a line that names a table, kitchen or household article and its material also takes the
     * subheading they give (household-reading.ts: 39.24, 44.19, 69.11, 69.12, 70.13, 73.23, 74.18, 76.15) where its best
     * code is another material's article, the material's other articles or forms, or sanitary ware (from 1.25.0)
     */
    readsHouseholdArticles: z.boolean().optional(),
    /**
     * with materialMargin, a line that names a fastener, a tube or pipe fitting, a chain, a spring, wire cloth or a hinge
     * and its material (metal-article-reading.ts: 73.07, 73.14, 73.15, 73.17, 73.18, 73.20, 74.12, 74.15, 76.09, 76.16,
     * 3917.40, 3926.90, 8302.10) also takes the subheading they give where its best code is another material's article or another article
     * of its material ("stainless steel nuts" are not a sink, "brass screws" not steel's; from 1.33.0)
     */
    readsMetalArticles: z.boolean().optional(),
    /**
     * with materialMargin, a line that names a coil, a sheet, a plate or a strip of iron or non-alloy steel or of
     * stainless steel also takes the subheading its width, rolling, coating, coils and thickness give
     * (flat-rolled-reading.ts: 72.08 to 72.12, 72.19, 72.20) where its best code is another flat-rolled product's or an
     * article's of iron or steel ("HR SHEET 3MM" is not a coil below 3 mm, "MS PLATE 20MM" no railway fish-plate; from 1.34.0)
     */
    readsFlatRolled: z.boolean().optional(),
    /**
     * a line whose best code is a fruit's, a nut's or a vegetable's and that names another state (food-state-reading.ts:
     * juice, jam, yoghurt, by vinegar, canned or in syrup, roasted nuts, dried, frozen, fresh) gives its best code in the
     * headings the state gives this much above the code it had (from 1.29.0): "Frozen strawberries" are 08.11's, not
     * fresh strawberries; read through a foreign line's translations where garmentsThroughTranslations; absent: not read
     */
    foodStateMargin: z.number().positive().optional(),
    /**
     * a line whose best code's range of a quantity (quantity-reading.ts: a motor's output, kVA, an engine's cylinder
     * capacity, voltage, a pack's content, a container's volume, a fabric's weight per m²) holds none of the quantities
     * of that kind it writes gives the best code of the same heading whose range holds one this much above the code it
     * had (from 1.30.0): "Transformer 100 kVA oil immersed" is not one "not exceeding 1kVA"; absent: not read
     */
    quantityMargin: z.number().positive().optional(),
    /**
     * a line whose best code is an engine's, a generating set's or a motor vehicle's of another ignition than the one
     * its fuel gives (ignition-reading.ts: diesel compression-ignition; petrol, gasoline, LPG, natural gas spark-ignition)
     * gives the best code of the same heading (84.07 with 84.08) of its fuel's ignition this much above the code it had (from
     * 1.31.0): "Diesel generator 20kVA" is not a spark-ignition set; read through a foreign line's translations where
     * garmentsThroughTranslations; absent: not read
     */
    ignitionMargin: z.number().positive().optional(),
    /**
     * a line is read with the trade abbreviations the retrieval member read as words (translation revision 15: "GI PIPE"
     * as galvanized iron pipe) by the network, which learned tariff wording that writes none of them, and by every
     * reading (material, fuel, quantity, …: "SS NUTS" names stainless steel), as the search reads it (from 1.32.0);
     * absent: as written
     */
    readsAbbreviations: z.boolean().optional(),
    /**
     * a code of a heading of a material's primary or semi-finished forms (material-forms.ts: plastics in primary forms,
     * plates and film, rubber, base metals unwrought, as bars, wire, plates, tubes, tube fittings) scores this much less
     * where its best five codes hold one, the description names a material, and the retrieval member's search of the
     * description without its material words names no code of that heading (from 1.24.0): "stainless steel nuts" are not
     * stainless steel wire, "stainless steel wire" is; absent: not read
     */
    unnamedFormsMargin: z.number().positive().optional(),
    /**
     * a fuel's code (27.10, 27.11) scores this much less where its best five codes hold one, the description names a fuel
     * (diesel, petrol, gasoline, kerosene, LPG, propane, butane) and the retrieval member's search of it without those
     * words names no code of that heading (material-forms.ts; from 1.30.0): "Diesel generator 20kVA" is no gas oil,
     * "Diesel fuel 10ppm" is; absent: not read
     */
    unnamedFuelsMargin: z.number().positive().optional(),
    /**
     * with garmentsThroughTranslations, a line in Chinese, Vietnamese or Thai is read through its hand-written
     * glossary's English as written too ("áo thun", "เสื้อยืด", "恤": t-shirt), as 1.8.0 reads the trade glossaries'; the
     * search reads that English as "shirt", and so did the garment reading: a cotton T-shirt was a woven shirt (from 1.21.0)
     */
    handWrittenAsWritten: z.boolean().optional(),
  })
  // a training config is refused before it trains, not only the artifact it would make when loaded
  .refine((c) => !c.readsFootwear || c.materialMargin, { error: "readsFootwear goes with materialMargin", path: ["readsFootwear"] })
  .refine((c) => !c.readsHouseholdArticles || c.materialMargin, {
    error: "readsHouseholdArticles goes with materialMargin",
    path: ["readsHouseholdArticles"],
  })
  .refine((c) => !c.readsMetalArticles || c.materialMargin, { error: "readsMetalArticles goes with materialMargin", path: ["readsMetalArticles"] })
  .refine((c) => !c.readsFlatRolled || c.materialMargin, { error: "readsFlatRolled goes with materialMargin", path: ["readsFlatRolled"] })
  .refine((c) => !c.goodsBeforePacking || c.goodsWeight, { error: "goodsBeforePacking goes with goodsWeight", path: ["goodsBeforePacking"] })
  .refine((c) => !c.handWrittenAsWritten || c.garmentsThroughTranslations, {
    error: "handWrittenAsWritten goes with garmentsThroughTranslations",
    path: ["handWrittenAsWritten"],
  });
export type CombinedConfig = z.infer<typeof combinedConfigSchema>;

const memberSchema = z.object({ name: z.string(), version: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });

/** combined.json: how the members combine, which versions they were, and the network's own temperature. */
export const combinedModelSchema = z
  .object({
    config: combinedConfigSchema,
    temperature: z.number().positive(),
    retrieval: memberSchema,
    network: memberSchema.extend({ temperature: z.number().positive() }),
    /** the garment subheadings of chapters 61 and 62 as read from the nomenclature when the version was built */
    garments: z.array(garmentSubheadingSchema).optional(),
    /** the top code's calibration fitted when the version was built (config.calibrateTopCode) */
    topCode: topCodeCalibrationSchema.optional(),
    /** the subheadings whose texts give a range of a quantity, as read from the nomenclature when the version was built */
    quantities: z.array(quantitySubheadingSchema).optional(),
  })
  .refine((m) => !m.config.garmentBonus || (m.garments?.length ?? 0) > 0, { error: "garmentBonus needs the garment subheadings" })
  .refine((m) => !m.config.calibrateTopCode === !m.topCode, { error: "calibrateTopCode goes with the top code's fitted calibration" })
  .refine((m) => !m.config.quantityMargin || (m.quantities?.length ?? 0) > 0, { error: "quantityMargin needs the subheadings' ranges" });
export type CombinedModel = z.infer<typeof combinedModelSchema>;

/** Per text: the words its retrieval member read through its glossaries, when the version reads lines by them. */
const translationsFor = (retrieval: Kernel, config: CombinedConfig, texts: readonly string[]) =>
  config.garmentsThroughTranslations || config.goodsBeforePolishDo ? retrieval.translations?.(texts) : undefined;

/**
 * The English a foreign line's words were read as, where the version reads garments and materials through it
 * (garmentsThroughTranslations): as the glossary writes it where the search reads it otherwise ("t-shirt", not "shirt";
 * trade glossaries from members of revision 6, the hand-written ones of Chinese, Vietnamese and Thai where
 * handWrittenAsWritten). Undefined or empty: read from the line's own words only.
 */
const translatedEnglish = (config: CombinedConfig, translations: Translation[][] | undefined) => (t: number) =>
  config.garmentsThroughTranslations
    ? translations?.[t]?.map((w) => w.asWritten ?? (config.handWrittenAsWritten ? w.written : undefined) ?? w.english).join(" ")
    : undefined;

/** Per text: what it is read as when it reads as a garment of chapters 61–62 (garmentBonus), else null. */
function garmentReadings(
  config: CombinedConfig,
  texts: readonly string[],
  garments: readonly GarmentSubheading[],
  translations: Translation[][] | undefined,
): (GarmentReading | null)[] {
  if (!config.garmentBonus) return texts.map(() => null);
  const englishOf = translatedEnglish(config, translations);
  return texts.map((text, t) => {
    const english = englishOf(t);
    return readGarment(text, garments) ?? (english ? readGarment(`${text} ${english}`, garments) : undefined) ?? null;
  });
}

/** Per text: the subheadings the materials it names give (materialMargin; none when it names none). */
function materialReadings(config: CombinedConfig, texts: readonly string[], translations: Translation[][] | undefined): MaterialReading[][] {
  if (!config.materialMargin) return texts.map(() => []);
  // a foreign word read as a material alone goes first (readsHouseholdArticles): the line's own material is read before
  // the one a glossary says its goods usually are ("tabla de cortar de plástico": "chopping board wood", "plastic")
  const ordered = config.readsHouseholdArticles
    ? translations?.map((words) => [...words].sort((a, b) => Number(namesMaterial(b.english)) - Number(namesMaterial(a.english))))
    : translations;
  const englishOf = translatedEnglish(config, ordered);
  const options = {
    footwear: config.readsFootwear,
    household: config.readsHouseholdArticles,
    metalArticles: config.readsMetalArticles,
    flatRolled: config.readsFlatRolled,
  };
  return texts.map((text, t) => {
    const read = readMaterials(text, options);
    const english = englishOf(t);
    return read.length || !english ? read : readMaterials(`${text} ${english}`, options);
  });
}

/**
 * Per text: what `read` finds in its own words, else in the English a foreign line's words were read as (where the
 * version reads through it: garmentsThroughTranslations), else null; every text null where the version does not read it.
 */
function readThrough<T>(
  reads: unknown,
  config: CombinedConfig,
  texts: readonly string[],
  translations: Translation[][] | undefined,
  read: (text: string) => T | undefined,
): (T | null)[] {
  if (!reads) return texts.map(() => null);
  const englishOf = translatedEnglish(config, translations);
  return texts.map((text, t) => {
    const english = englishOf(t);
    return read(text) ?? (english ? read(english) : undefined) ?? null;
  });
}

/** Per text: the state of fruit, nuts or vegetables it names (foodStateMargin), else null. */
const foodStates = (config: CombinedConfig, texts: readonly string[], translations: Translation[][] | undefined) =>
  readThrough<FoodStateReading>(config.foodStateMargin, config, texts, translations, readFoodState);

/** Per text: the ignition the fuel it names gives an engine (ignitionMargin), else null. */
const ignitions = (config: CombinedConfig, texts: readonly string[], translations: Translation[][] | undefined) =>
  readThrough<IgnitionReading>(config.ignitionMargin, config, texts, translations, readIgnition);

/** Per text: the quantities it writes and the subheadings whose ranges hold one (quantityMargin), else null. */
const quantityReadings = (config: CombinedConfig, texts: readonly string[], table: readonly QuantitySubheading[]) =>
  texts.map((text) => (config.quantityMargin ? readQuantityFits(text, table) : null));

/**
 * Per text: its goods part (goodsPart), with the Polish "do" for a foreign line under goodsBeforePolishDo, ending
 * before what the goods are packed in under goodsBeforePacking.
 */
function goodsParts(config: CombinedConfig, texts: readonly string[], translations: Translation[][] | undefined): (string | undefined)[] {
  const translated = config.goodsBeforePolishDo ? translations : undefined;
  return texts.map((text, t) => {
    const read = translated?.[t];
    // a line read as English has no translated words
    const phrases = read?.length ? read.map((w) => w.word).filter((w) => w.includes(" ")) : undefined;
    return goodsPart(text, { phrases, packing: config.goodsBeforePacking });
  });
}

/**
 * Per text whose best five codes hold a heading `isForm` tells (a material's form: unnamedFormsMargin; a fuel:
 * unnamedFuelsMargin), the headings the retrieval member's search of it without the words `without` takes out names: such
 * a heading outside them is not what the line's other words name. Undefined where the text names no such word, has
 * nothing else to search, or no such code is near its top.
 */
async function headingsWithout(
  retrieval: Kernel,
  texts: readonly string[],
  goods: readonly (string | undefined)[],
  ranked: readonly (readonly [string, number])[][],
  translations: Translation[][] | undefined,
  isForm: (code: string) => boolean,
  without: (text: string, translated?: readonly Translation[]) => string | undefined,
): Promise<(Set<string> | undefined)[]> {
  // the goods a description names before what they are for, where it says ("steel pipe spools" of "steel pipe spools used
  // in heat recovery steam generators"): the use part's words would name other goods' headings
  const left = texts.map((text, t) =>
    ranked[t]!.slice(0, 5).some(([code]) => isForm(code)) ? without(goods[t] ?? text, translations?.[t]) : undefined,
  );
  const searched = left.flatMap((w, t) => (w ? [t] : []));
  const found = searched.length
    ? await retrieval.topK(
        searched.map((t) => left[t]!),
        CANDIDATE_CODES,
      )
    : [];
  const headings: (Set<string> | undefined)[] = texts.map(() => undefined);
  searched.forEach((t, i) => (headings[t] = new Set(found[i]!.map((c) => c.code.slice(0, 4)))));
  return headings;
}

/** Per text: the combined scores of its CANDIDATE_CODES best codes, best first. */
export async function combinedScores(
  retrieval: Kernel,
  network: Kernel,
  config: CombinedConfig,
  lines: readonly string[],
  garments: readonly GarmentSubheading[] = [],
  quantities: readonly QuantitySubheading[] = [],
): Promise<{ codes: string[]; scores: number[] }[]> {
  const texts = abbreviationsRead(retrieval, config, lines);
  const [r, n] = await Promise.all([retrieval.topK(texts, CANDIDATE_CODES), network.topK(texts, CANDIDATE_CODES)]);
  // the goods parts' own searches (only of descriptions that have one)
  const translations = translationsFor(retrieval, config, texts);
  const goods = config.goodsWeight ? goodsParts(config, texts, translations) : [];
  const withGoods = goods.flatMap((g, t) => (g ? [t] : []));
  const searched = withGoods.length
    ? await retrieval.topK(
        withGoods.map((t) => goods[t]!),
        CANDIDATE_CODES,
      )
    : [];
  const goodsOf = new Map(withGoods.map((t, i) => [t, searched[i]!]));
  const alone = config.retrievalAloneOnAsianLines && retrieval.asianLines ? retrieval.asianLines(texts) : [];
  const readings = garmentReadings(config, texts, garments, translations);
  const materials = materialReadings(config, texts, translations);
  const states = foodStates(config, texts, translations);
  const ignitionsRead = ignitions(config, texts, translations);
  // the quantities alone: which subheadings' ranges hold them is the explanation's (quantityReadings)
  const written = texts.map((text) => (config.quantityMargin ? readQuantities(text) : []));
  const ranges = new Map(quantities.map((q) => [q.code, q]));
  const w = config.retrievalWeight;
  const g = config.goodsWeight ?? 0;
  const floored = (p: number | undefined) => Math.log(Math.max(p ?? 0, config.floor));
  // scored by the retrieval member alone: its own codes in its own order (only a code it did not name gets the floor)
  const unfloored = (p: number | undefined) => (p === undefined ? Math.log(config.floor) : Math.log(Math.max(p, Number.MIN_VALUE)));
  const scores = texts.map((_, t) => {
    const log = alone[t] ? unfloored : floored;
    const pr = new Map(r[t]!.map((c) => [c.code, c.probability]));
    const pn = new Map(n[t]!.map((c) => [c.code, c.probability]));
    const found = goodsOf.get(t);
    const pg = found && new Map(found.map((c) => [c.code, c.probability]));
    const retrievalScore = pg ? (code: string) => (1 - g) * log(pr.get(code)) + g * log(pg.get(code)) : (code: string) => log(pr.get(code));
    // a garment's subheadings that fit what the description says, named by the members or not
    const fitting = new Set(readings[t]?.codes);
    const codes = [...pr.keys(), ...(alone[t] ? [] : pn.keys()), ...(pg ? pg.keys() : []), ...fitting];
    const bonus = (code: string) => (fitting.has(code) ? config.garmentBonus! : 0);
    return new Map(
      codes.map((code) => [code, (alone[t] ? retrievalScore(code) : w * retrievalScore(code) + (1 - w) * floored(pn.get(code))) + bonus(code)]),
    );
  });
  // best first; equal scores by code, so the order does not depend on which member named a code first
  const ranked = (score: Map<string, number>) => [...score].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const margin = config.unnamedFormsMargin;
  const fuelMargin = config.unnamedFuelsMargin;
  const first = margin || fuelMargin ? scores.map(ranked) : [];
  const read = margin || fuelMargin ? (translations ?? retrieval.translations?.(texts)) : undefined;
  const named = margin ? await headingsWithout(retrieval, texts, goods, first, read, isMaterialForm, withoutMaterials) : [];
  const fuelsNamed = fuelMargin ? await headingsWithout(retrieval, texts, goods, first, read, isFuel, withoutFuels) : [];
  return scores.map((score, t) => {
    const headings = named[t];
    if (headings) for (const [code, value] of score) if (isMaterialForm(code) && !headings.has(code.slice(0, 4))) score.set(code, value - margin!);
    const fuels = fuelsNamed[t];
    if (fuels) for (const [code, value] of score) if (isFuel(code) && !fuels.has(code.slice(0, 4))) score.set(code, value - fuelMargin!);
    let all = first[t] && !headings && !fuels ? first[t] : ranked(score);
    // a reading's code put `margin` above the best code (its confidence the version's own for the line), ranked again
    const lift = (code: string, margin: number) => {
      score.set(code, all[0]![1] + margin);
      all = ranked(score);
    };
    // goods whose best code is in a heading their material decides take the subheading it gives (named by the members or not)
    const material = all.length ? materialFor(materials[t]!, all[0]![0]) : undefined;
    if (material && material.code !== all[0]![0]) lift(material.code, config.materialMargin!);
    // fruit, nuts and vegetables in another state than their best code's take their best code in the state's headings
    const stateHeadings = states[t] && all.length ? foodStateHeadings(states[t]!, all[0]![0]) : undefined;
    const inState = stateHeadings && all.find(([code]) => stateHeadings.includes(code.slice(0, 4)));
    if (inState) lift(inState[0], config.foodStateMargin!);
    // an engine of the other ignition than the line's fuel gives way to its heading's best of that ignition
    const ignited =
      ignitionsRead[t] &&
      ignitionCode(
        ignitionsRead[t]!,
        all.map(([code]) => code),
      );
    if (ignited) lift(ignited, config.ignitionMargin!);
    // a best code whose range holds none of the line's quantities of its kind gives way to its heading's code whose does
    const inRange = quantityCode(
      written[t]!,
      all.map(([code]) => code),
      ranges,
    );
    if (inRange) lift(inRange, config.quantityMargin!);
    const best = all.slice(0, CANDIDATE_CODES);
    return { codes: best.map((b) => b[0]), scores: best.map((b) => b[1]) };
  });
}

/** Texts as a version reads them: with the trade abbreviations its retrieval member read as words (readsAbbreviations). */
function abbreviationsRead(retrieval: Kernel, config: CombinedConfig, texts: readonly string[]): readonly string[] {
  const read = config.readsAbbreviations ? retrieval.abbreviations?.(texts) : undefined;
  return read ? texts.map((text, t) => withAbbreviationsRead(text, read[t]!)) : texts;
}

/** The combined version's computation: calibrated combined scores; evidence and foreign words from the retrieval member. */
export function combinedKernel(
  retrieval: Kernel,
  network: Kernel,
  config: CombinedConfig,
  temperature: number,
  garments: readonly GarmentSubheading[] = [],
  topCode?: TopCodeCalibration,
  quantities: readonly QuantitySubheading[] = [],
): Kernel {
  if (retrieval.labels.join() !== network.labels.join()) throw new Error("the combined members must predict the same codes");
  // the readings it explains are of a line as it reads it (readsAbbreviations)
  const asRead =
    <T>(reading: (texts: readonly string[]) => T) =>
    (texts: readonly string[]) =>
      reading(abbreviationsRead(retrieval, config, texts));
  const distributions = async (texts: readonly string[]) =>
    (await combinedScores(retrieval, network, config, texts, garments, quantities)).map(({ codes, scores }) => {
      const probabilities = softmax(scores, temperature);
      return { codes, probabilities: topCode ? calibrateTopCode(probabilities, topCode) : probabilities };
    });
  return {
    architecture: "combined",
    labels: retrieval.labels,
    async topK(texts, k) {
      return (await distributions(texts)).map(({ codes, probabilities }) =>
        codes.slice(0, k).map((code, i): Candidate => ({ code, probability: probabilities[i]! })),
      );
    },
    async probabilityOf(texts, labelIndex) {
      const all = await distributions(texts);
      return Float32Array.from(all, ({ codes, probabilities }, t) => {
        const at = codes.indexOf(retrieval.labels[labelIndex[t]!]!);
        return at < 0 ? 0 : probabilities[at]!;
      });
    },
    ...(retrieval.evidence ? { evidence: retrieval.evidence } : {}),
    ...(retrieval.translations ? { translations: retrieval.translations } : {}),
    ...(retrieval.brands ? { brands: retrieval.brands } : {}),
    ...(retrieval.typos ? { typos: retrieval.typos } : {}),
    ...(retrieval.devices ? { devices: retrieval.devices } : {}),
    ...(retrieval.abbreviations ? { abbreviations: retrieval.abbreviations } : {}),
    ...(retrieval.unread ? { unread: retrieval.unread } : {}),
    ...(config.goodsWeight
      ? { goods: asRead((texts) => goodsParts(config, texts, translationsFor(retrieval, config, texts)).map((g) => g ?? null)) }
      : {}),
    ...(config.garmentBonus
      ? { garments: asRead((texts) => garmentReadings(config, texts, garments, translationsFor(retrieval, config, texts))) }
      : {}),
    ...(config.materialMargin ? { materials: asRead((texts) => materialReadings(config, texts, translationsFor(retrieval, config, texts))) } : {}),
    ...(config.foodStateMargin ? { foodStates: asRead((texts) => foodStates(config, texts, translationsFor(retrieval, config, texts))) } : {}),
    ...(config.ignitionMargin ? { ignitions: asRead((texts) => ignitions(config, texts, translationsFor(retrieval, config, texts))) } : {}),
    ...(config.quantityMargin ? { quantities: asRead((texts) => quantityReadings(config, texts, quantities)) } : {}),
  };
}

/**
 * The computation of a loaded combined artifact (server and browser alike): combined.json, the retrieval member's
 * retrieval.json, the labels, and the network member built by the caller (TensorFlow.js is loaded differently in Node
 * and the browser) with the calibration it had.
 */
export function loadedCombinedKernel(
  combinedJson: unknown,
  retrievalFile: Parameters<typeof loadedRetrievalKernel>[0],
  labels: readonly string[],
  network: (calibration: { temperature: number }) => Kernel,
): Kernel {
  const combined = combinedModelSchema.parse(combinedJson);
  const retrieval = loadedRetrievalKernel(retrievalFile, labels);
  return combinedKernel(
    retrieval,
    network({ temperature: combined.network.temperature }),
    combined.config,
    combined.temperature,
    combined.garments,
    combined.topCode,
    combined.quantities,
  );
}
