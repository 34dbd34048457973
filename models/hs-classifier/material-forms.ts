// Goods made of a material are not the material. The nomenclature has headings for materials in their primary and
// semi-finished forms — polymers in primary forms, plastic plates, sheets and film; natural and synthetic rubber; iron
// and steel, copper, nickel, aluminium, lead, zinc, tin and other base metals unwrought, as bars, wire, plates, foil,
// tubes and tube fittings, and their waste — and a line that names an article by a word the tariff texts hardly use
// ("stainless steel colander", "不锈钢螺丝", "Muỗng inox") is found by its material's words alone, which match a short line
// such as "WIRE OF STAINLESS STEEL" best. So a combined version (from 1.24.0, unnamedFormsMargin) searches such a line
// again without its material words (its goods part, where it says what the goods are for) and leaves a heading of these
// forms far below where that search names none of its codes:
// "stainless steel wire" keeps its wire (the search for "wire" names wire of stainless steel), "stainless steel nuts"
// loses it. What is read here is part of the answers of the versions that use it: a change to it is a change to them,
// which the tests catch. Browser-safe.
import type { Translation } from "./retrieval-index";

/** Materials as lines write them in English, and as the glossaries read other languages' words ("inox", "不锈钢"). */
const MATERIALS = [
  "stainless steel",
  "carbon steel",
  "alloy steel",
  "cast iron",
  "zinc alloy",
  "aluminium alloy",
  "aluminum alloy",
  "stainless",
  "steel",
  "iron",
  "aluminium",
  "aluminum",
  "alloy",
  "zinc",
  "copper",
  "brass",
  "bronze",
  "titanium",
  "metal",
  "galvanized",
  "galvanised",
  "inox",
  "plastic",
  "plastics",
  "silicone",
  "wood",
  "wooden",
  "bamboo",
  "glass",
  "ceramic",
  "porcelain",
  "enamel",
  "enamelled",
  "enameled",
];
const MATERIAL_SET = new Set(MATERIALS);
/** Whether a glossary's English for a word is a material's name and nothing else ("cast iron", "stainless steel"). */
export const namesMaterial = (english: string): boolean => MATERIAL_SET.has(english.toLowerCase());
// longest first, so "stainless steel" goes as one (an alternation takes the first that matches)
const MATERIAL_WORDS = new RegExp(String.raw`\b(?:${[...MATERIALS].sort((a, b) => b.length - a.length).join("|")})\b`, "gi");

/** Headings of materials in primary or semi-finished forms (first and last of each run, inclusive). */
const FORM_HEADINGS: readonly (readonly [number, number])[] = [
  [3901, 3921], // plastics in primary forms; monofilament, rods, profiles; tubes and fittings; plates, sheets, film
  [4001, 4002], // natural and synthetic rubber
  [7201, 7229], // iron and steel: pig iron, ferro-alloys, ingots, bars, rods, wire, flat-rolled, sections
  [7303, 7307], // tubes, pipes and hollow profiles of iron or steel; their fittings
  [7401, 7412], // copper: unwrought, powders, bars, wire, plates, foil, tubes and fittings
  [7501, 7507], // nickel
  [7601, 7609], // aluminium
  [7801, 7804], // lead
  [7901, 7905], // zinc
  [8001, 8003], // tin
  [8101, 8113], // other base metals, cermets
];
/** The headings of a material's primary or semi-finished forms, as four digits. */
export const MATERIAL_FORM_HEADINGS: readonly string[] = FORM_HEADINGS.flatMap(([first, last]) =>
  Array.from({ length: last - first + 1 }, (_, i) => String(first + i)),
);
const FORM_SET = new Set(MATERIAL_FORM_HEADINGS);
/** Whether a code is in a heading of a material's primary or semi-finished forms. */
export const isMaterialForm = (code: string): boolean => FORM_SET.has(code.slice(0, 4));

/**
 * Fuels as lines name what goods run on ("diesel generator", "petrol chainsaw", "grupo electrógeno diésel"): a search
 * finds the fuel's own short tariff lines first, so such goods were gas oil or motor spirit (27.10). From 1.30.0
 * (unnamedFuelsMargin) a combined version searches such a line again without its fuel words, as it does a material's
 * ("Diesel fuel 10ppm" still names fuel oils, "Diesel generator 20kVA" names generating sets only).
 */
const FUELS = ["diesel", "petrol", "gasoline", "kerosene", "lpg", "propane", "butane"];
const FUEL_SET = new Set(FUELS);
const namesFuel = (english: string): boolean => FUEL_SET.has(english.toLowerCase());
// what a fuel's own lines say of it goes with its name, so a line of nothing else is left no words to search
// ("Petrol 95 octane", "Diesel oil", "Gasoline RON 95")
const FUEL_WORDS = new RegExp(
  String.raw`\b(?:${[...FUELS, "fuels?", "oils?", "octane", "ron", "cetane", "unleaded", "ppm", "grade"].join("|")})\b`,
  "gi",
);
/** Whether a code is a fuel's of 27.10 (petroleum oils) or 27.11 (petroleum gases). */
export const isFuel = (code: string): boolean => code.startsWith("2710") || code.startsWith("2711");

/**
 * A line without the words of what it names (`names`: a glossary's English for a word; `words`: the English words), or
 * undefined where it names none or nothing but them (and numbers) is left. A line read through glossaries
 * (`translated`: its foreign words and the English they were read as) loses the words read so; for fuels (`fuel`) the
 * English ones too (a fuel's name is often left in English: "Groupe électrogène diesel"), and a number with its unit
 * ("10ppm") is not something else to search.
 */
function withoutWords(
  text: string,
  translated: readonly Translation[],
  names: (english: string) => boolean,
  words: RegExp,
  fuel: boolean,
): string | undefined {
  const written = text.normalize("NFC");
  let left: string;
  if (translated.length) {
    const found = translated.filter((t) => names(t.english)).map((t) => t.word);
    if (!found.length && !fuel) return undefined;
    left = written.toLowerCase();
    // longest first, so a word inside another's is not taken out of it first; a glossary entry of several words is
    // read joined ("thép_không_gỉ") and written apart
    for (const word of found.sort((a, b) => b.length - a.length)) left = left.split(word).join(" ").split(word.replace(/_/g, " ")).join(" ");
    if (fuel) {
      left = left.replace(words, " ");
      if (left === written.toLowerCase()) return undefined;
    }
  } else {
    left = written.replace(words, " ");
    if (left === written) return undefined;
  }
  return /\p{L}{2}/u.test(fuel ? left.replace(/(?<![\p{L}\p{N}])\d\S*/gu, " ") : left) ? left : undefined;
}

/** A line without its material words (withoutWords). */
export const withoutMaterials = (text: string, translated: readonly Translation[] = []) =>
  withoutWords(text, translated, namesMaterial, MATERIAL_WORDS, false);

const NAMES_FUEL = new RegExp(String.raw`\b(?:${FUELS.join("|")})\b`, "i");
/** A line that names a fuel without its fuel words, foreign and English (withoutWords); undefined where it names none. */
export const withoutFuels = (text: string, translated: readonly Translation[] = []) =>
  NAMES_FUEL.test(text) || translated.some((t) => namesFuel(t.english)) ? withoutWords(text, translated, namesFuel, FUEL_WORDS, true) : undefined;

/**
 * Where a line names each of `materials` (their global patterns), in the order it names them, the longer name first at
 * one position ("stainless steel" before "steel"); a name `notTheBody` matches right after is a part's or a coating's
 * ("brass handle", "zinc plated") and left out. The readings of household and base-metal articles read the first.
 */
export function materialsNamed<M extends { re: RegExp }>(text: string, materials: readonly M[], notTheBody: RegExp) {
  return materials
    .flatMap((material) =>
      [...text.matchAll(material.re)]
        .filter((m) => !notTheBody.test(text.slice(m.index! + m[0].length)))
        .map((m) => ({ at: m.index!, words: m[0], material })),
    )
    .sort((a, b) => a.at - b.at || b.words.length - a.words.length);
}
