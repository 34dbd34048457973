// Jewellery of HS headings 71.13, 71.16 and 71.17 is classified by what it is made of, which chapter 71's notes decide
// (note 11: imitation jewellery, 71.17, incorporates no natural or cultured pearls, no precious or semi-precious stones —
// natural, synthetic or reconstructed — and no precious metal or metal clad with it, except as plating or a minor
// part). Jewellery of precious metal is 71.13 whatever it is set with: silver 7113.11, gold or platinum 7113.19, base
// metal clad with precious metal 7113.20; otherwise jewellery with pearls is 7116.10, with stones 7116.20 (cubic
// zirconia is a synthetic stone). Sellers name the material among many words ("18K Gold Color Brass and Zircon Flower
// Charms Pendants"), and a search over tariff lines finds the imitation jewellery such lines look like. What is read
// here is part of the answers of the versions that use it (hs-combined from 1.19.0): a change to it is a change to
// them, which the tests catch. Browser-safe.

/** The headings whose subheadings a description's material chooses among: a version applies the reading only where its
 * own best code is in one of them (it reads the line as jewellery), so "sapphire glass" of a watch is never read so. */
export const JEWELLERY_HEADINGS: readonly string[] = ["7113", "7116", "7117"];

export interface JewelleryReading {
  /** the subheading the material gives */
  code: string;
  /** what it is of, in the nomenclature's words */
  material: "silver" | "gold or platinum" | "base metal clad with precious metal" | "natural or cultured pearls" | "precious or semi-precious stones";
  /** the words of the description that say so, as written */
  words: string;
}

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
 * The subheading a description's material gives, if it names one: precious metal first (71.13 whatever it is set with),
 * then pearls or stones (71.16), never a material it says is imitated, plated or only a colour. English words only; a
 * line in another language is read through the English its words were read as (the caller appends them).
 */
export function readJewellery(text: string): JewelleryReading | undefined {
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

/** What a person is told: "of precious or semi-precious stones (“Zircon”) → 7116.20". */
export const describeJewellery = (reading: JewelleryReading): string =>
  `of ${reading.material} (“${reading.words}”) → ${reading.code.slice(0, 4)}.${reading.code.slice(4)}`;
