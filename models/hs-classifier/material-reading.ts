// Some headings' subheadings are chosen by what the goods are made of, which the nomenclature's texts and chapter notes
// say and a description names among many other words; a search over tariff lines finds the lines such descriptions look
// like, and those are usually the cheaper material's. Read here:
// - jewellery of headings 71.13, 71.16 and 71.17, by chapter 71's notes (note 11: imitation jewellery, 71.17,
//   incorporates no natural or cultured pearls, no precious or semi-precious stones — natural, synthetic or
//   reconstructed — and no precious metal or metal clad with it, except as plating or a minor part). Jewellery of
//   precious metal is 71.13 whatever it is set with: silver 7113.11, gold or platinum 7113.19, base metal clad with
//   precious metal 7113.20; otherwise jewellery with pearls is 7116.10, with stones 7116.20 (cubic zirconia is a
//   synthetic stone). "18K Gold Color Brass and Zircon Flower Charms Pendants" is 7116.20, not imitation jewellery.
// - wigs, false beards and the like of heading 67.04: of synthetic textile materials (6704.11, .19), of human hair
//   (6704.20), of other materials (6704.90). "Glueless Wig Human Hair 13x4 Lace Front" is 6704.20.
// - footwear of chapter 64, by the material of its upper and sole and what it is for (footwear-reading.ts; hs-combined
//   from 1.20.0): a line that names footwear takes the subheading they give whatever its best code was.
// - table, kitchen and household articles, by their material (household-reading.ts; hs-combined from 1.25.0): a line
//   that names such an article and its material takes the subheading they give where its best code is an article's of
//   another material, the material's other articles or forms, or sanitary ware.
// - fasteners, tube or pipe fittings, chain, springs, wire cloth and hinges, by their metal (metal-article-reading.ts;
//   hs-combined from 1.33.0): a line that names such an article and its material, and not a household article, takes the
//   subheading they give where its best code is another material's or another article of its material.
// - flat-rolled products of iron or non-alloy steel and of stainless steel, by their width, rolling, coating, coils and
//   thickness (flat-rolled-reading.ts; hs-combined from 1.34.0), where the best code is another such product's or an
//   article's of iron or steel.
// What is read here is part of the answers of the versions that use it (hs-combined from 1.19.0): a change to it is a
// change to them, which the tests catch. Browser-safe.

import { FLAT_ROLLED_HEADINGS, readFlatRolled } from "./flat-rolled-reading";
import { FOOTWEAR_HEADINGS, readFootwear } from "./footwear-reading";
import { HOUSEHOLD_HEADINGS, readHousehold } from "./household-reading";
import { METAL_ARTICLE_HEADINGS, type MetalArticle, readMetalArticle } from "./metal-article-reading";

export interface MaterialReading {
  /** the goods read, and the headings whose subheadings their material chooses among: a version applies the reading
   * only where its own best code is in one of them, so "sapphire glass" of a watch is never read as jewellery */
  goods: "jewellery" | "wigs and hairpieces" | "footwear" | "table, kitchen or household articles" | MetalArticle | "flat-rolled products";
  headings: readonly string[];
  /** the subheading the material gives */
  code: string;
  /** what the goods are of, in the nomenclature's words */
  material: string;
  /** the words of the description that say so, as written */
  words: string;
  /**
   * the reading applies whatever the version's best code: the description names the goods (footwear: "leather cycling
   * shoes" are not bicycles), not only their material
   */
  named?: true;
  /** codes (or their first digits) a best code may be that the description's words do not contradict: kept */
  agrees?: readonly string[];
}

const JEWELLERY_HEADINGS = ["7113", "7116", "7117"] as const;
const WIG_HEADINGS = ["6704"] as const;

// a word naming a colour, a cut or a plating after a material's name: the material is not there ("turquoise blue",
// "18K gold color", "gold plated", "emerald cut", "925 silver plated": read whole, whichever shorter match the pattern tries)
const NOT_THE_MATERIAL = String.raw`(?![\s-]*(?:(?:gold|silver)[\s-]*)?(?:colou?r(?:ed)?|tone|blue|green|red|pink|white|plated|plating|filled|fill|cut|shaped?|pattern|painting)\b)`;
// a word before a stone or pearl that says it imitates one ("faux pearl", "glass diamond", "simulated diamond")
const IMITATION = /\b(?:imitation|faux|fake|simulated|artificial|acrylic|plastic|resin|glass|shell)\s+(?:[a-z]+\s+)?$/i;

const SILVER = new RegExp(String.raw`\b(?:s?925(?:\s*silver)?|sterling(?:\s+silver)?|(?:solid|real|pure|fine)\s+silver)\b${NOT_THE_MATERIAL}`, "i");
const GOLD = new RegExp(
  // a karat, a fineness stamp or both ("14K 585 Rose Gold"), or "solid gold"
  String.raw`\b(?:(?:(?:9|10|14|18|22|24)\s?k(?:t|arat)?(?:\s+(?:375|585|750|916))?|375|585|750|916|solid|real|pure)(?:\s+(?:solid|real|yellow|white|rose))?\s+gold|platinum)\b${NOT_THE_MATERIAL}`,
  "i",
);
const CLAD = /\b(?:gold[\s-]filled|rolled\s+gold|gold[\s-]clad)\b/i;
const STONES = new RegExp(
  String.raw`\b(?:cubic\s+zirconias?|zirconias?|zircons?|cz|moissanites?|diamonds?|agates?|jade|amethysts?|opals?|quartz|turquoise|garnets?|topaz|sapphires?|rub(?:y|ies)|emeralds?|onyx|chalcedony|moonstones?|tourmalines?|lapis(?:\s+lazuli)?|citrines?|peridots?|aquamarines?|tiger'?s?\s+eyes?|jasper|malachite|labradorite|gem\s?stones?|natural\s+stones?|(?:semi-?)?precious\s+stones?)\b${NOT_THE_MATERIAL}`,
  "gi",
);
const PEARLS = /\b(?:natural|fresh\s?water|cultured|baroque|akoya|south\s+sea|tahitian|real)\s+(?:[a-z]+\s+){0,2}pearls?\b(?!\s+shell)/gi;

/** the first match of `re` (global) not preceded by a word that says it imitates the thing */
function genuine(text: string, re: RegExp): string | undefined {
  for (const m of text.matchAll(re)) if (!IMITATION.test(text.slice(0, m.index))) return m[0];
  return undefined;
}

/**
 * Jewellery's material, if a description names one: precious metal first (71.13 whatever it is set with), then pearls
 * or stones (71.16), never a material it says is imitated, plated or only a colour.
 */
function jewelleryMaterial(text: string): Omit<MaterialReading, "goods" | "headings"> | undefined {
  const said = (re: RegExp) => text.match(re)?.[0];
  const silver = said(SILVER);
  if (silver) return { code: "711311", material: "silver", words: silver };
  const gold = said(GOLD);
  if (gold) return { code: "711319", material: "gold or platinum", words: gold };
  const clad = said(CLAD);
  if (clad) return { code: "711320", material: "base metal clad with precious metal", words: clad };
  const stone = genuine(text, STONES);
  if (stone) return { code: "711620", material: "precious or semi-precious stones", words: stone };
  const pearls = genuine(text, PEARLS);
  if (pearls) return { code: "711610", material: "natural or cultured pearls", words: pearls };
  return undefined;
}

// hair of people ("human hair", "Remy hair", "virgin hair"), unless the line says the goods are synthetic or only look
// like it ("heat resistant fiber", "looks like human hair", "human hair feel")
const HUMAN_HAIR = /\b(?:human|remy|virgin)\s+hair\b/i;
const NOT_HUMAN_HAIR =
  /\b(?:synthetic|heat[\s-]*resistant|kanekalon|toyokalon|fib(?:er|re)s?)\b|\blike\s+human\s+hair|\bhuman\s+hair\s+(?:feel|look|like)/i;

/**
 * The subheadings a description's material gives, at most one for each kind of goods read here (the caller applies the
 * one whose headings hold its best code). English words only; a line in another language is read through the English
 * its words were read as (the caller appends them).
 */
export function readMaterials(
  text: string,
  options: { footwear?: boolean; household?: boolean; metalArticles?: boolean; flatRolled?: boolean } = {},
): MaterialReading[] {
  const read: MaterialReading[] = [];
  const jewellery = jewelleryMaterial(text);
  if (jewellery) read.push({ goods: "jewellery", headings: JEWELLERY_HEADINGS, ...jewellery });
  const hair = text.match(HUMAN_HAIR)?.[0];
  if (hair && !NOT_HUMAN_HAIR.test(text))
    read.push({ goods: "wigs and hairpieces", headings: WIG_HEADINGS, code: "670420", material: "human hair", words: hair });
  const footwear = options.footwear ? readFootwear(text) : undefined;
  if (footwear) read.push({ goods: "footwear", headings: FOOTWEAR_HEADINGS, named: true, ...footwear });
  const household = options.household ? readHousehold(text) : undefined;
  if (household) read.push({ goods: "table, kitchen or household articles", headings: HOUSEHOLD_HEADINGS, ...household });
  // a household article's line is its article's ("stainless steel mesh strainer" is a strainer, not wire cloth)
  const metal = options.metalArticles && !household ? readMetalArticle(text) : undefined;
  if (metal) {
    const { kind, ...reading } = metal;
    read.push({ goods: kind, headings: METAL_ARTICLE_HEADINGS, ...reading });
  }
  const flat = options.flatRolled ? readFlatRolled(text) : undefined;
  if (flat) read.push({ goods: "flat-rolled products", headings: FLAT_ROLLED_HEADINGS, ...flat });
  return read;
}

/**
 * The reading that applies where a version's best code is `code`: the one whose headings hold it, or that names its
 * goods, unless the best code is one its words do not contradict.
 */
export const materialFor = (readings: readonly MaterialReading[], code: string): MaterialReading | undefined =>
  readings.find((r) => (r.headings.includes(code.slice(0, 4)) || r.named) && !r.agrees?.some((p) => code.startsWith(p)));

/**
 * What a person is told: "jewellery of precious or semi-precious stones (“Zircon”) → 7116.20", "footwear with uppers of
 * leather, covering the ankle (“suede … boots”) → 6403.91".
 */
export const describeMaterial = (reading: MaterialReading): string =>
  `${reading.goods} ${reading.goods === "footwear" ? "with" : "of"} ${reading.material} (“${reading.words}”) → ${reading.code.slice(0, 4)}.${reading.code.slice(4)}`;
