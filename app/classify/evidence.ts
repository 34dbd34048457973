// What supports a suggestion, shared by the Classify page (browser) and the API (server): the description's words found
// in the top code's nomenclature text and evidence lines (foreign words through the English the model read them as),
// the evidence lines themselves, the translations, the goods part the version also searched, the garment it read, the
// material that gave the code, the state of the fruit, nuts or vegetables whose heading it is, the fuel that gives its
// engine's ignition, the quantity written that is in the top code's range, the brand names it left out, the misspelt
// words it read as others, the product names it read as a kind of device and the trade abbreviations it read as words.
import type {
  AbbreviationRead,
  DeviceRead,
  Evidence,
  Explained,
  FoodStateReading,
  GarmentReading,
  IgnitionReading,
  MaterialReading,
  QuantityReading,
  Translation,
  Typo,
} from "../../models/hs-classifier/classifier";
import { describeFoodState } from "../../models/hs-classifier/food-state-reading";
import { describeGarment } from "../../models/hs-classifier/garment-reading";
import { describeIgnition } from "../../models/hs-classifier/ignition-reading";
import { describeMaterial } from "../../models/hs-classifier/material-reading";
import { describeQuantity } from "../../models/hs-classifier/quantity-reading";
import { matchedWords } from "../../models/hs-classifier/retrieval-text";
import type { HsLookup } from "../../workbench/hs/nomenclature";

/** The nomenclature texts of a subheading: its own, its heading's and its chapter's. */
export function nomenclatureTexts(nomenclature: { lookup(code: string): HsLookup | undefined }, code: string): string[] {
  const info = nomenclature.lookup(code);
  return info ? [info.description, info.heading?.description ?? "", info.chapter.description] : [];
}

/**
 * What a page or an answer says when a version that searches tariff lines found none sharing a word or a part of a
 * word with a description (Cyrillic, Arabic, Greek, …: scripts none of our glossaries read): its codes then come from
 * nothing in the text.
 */
export const NOTHING_READ =
  "No tariff line shares a word or part of a word with this description (a language or script this version does not read?): its codes are a guess";

/**
 * The words a version read through its glossaries, as a person reads them: the glossary's English as written where the
 * search reads it otherwise ("camiseta → t-shirt", "áo thun → t-shirt", not "shirt"; "algodón → cotton"); a word read
 * through the Chinese dictionary says so, every sense of it being read at once ("救生衣 → life jacket life vest (dictionary)").
 */
export const translatedWordsText = (translated: readonly Translation[]) =>
  translated.map((t) => `${t.word} → ${t.asWritten ?? t.written ?? t.english}${t.dictionary ? " (dictionary)" : ""}`).join("; ");

/** What a person is told of the words marked "(dictionary)", when a line has any. */
export const DICTIONARY_NOTE = "(dictionary): read through CC-CEDICT, every sense of the word at once, not through a glossary written for trade";

/** The misspelt words a version read as others, as a person reads them ("fiahing → fishing; shrrimp → shrimp"). */
export const typosText = (typos: readonly Typo[]) => typos.map((t) => `${t.word} → ${t.read}`).join("; ");

/** The product names a version read as the kind of device an accessory is for ("iPhone 15 → phone"). */
export const devicesText = (devices: readonly DeviceRead[]) => devices.map((d) => `${d.name} → ${d.device}`).join("; ");

/** The trade abbreviations a version read as the words they stand for ("GI → galvanized iron; HDPE → high density polyethylene"). */
export const abbreviationsText = (abbreviations: readonly AbbreviationRead[]) =>
  abbreviations.map((a) => `${a.abbreviation} → ${a.english}`).join("; ");

/** What a version read in a description besides its words (Explained, one text's share); absent: nothing of the kind. */
export interface Readings {
  translated?: Translation[];
  goods?: string | null;
  garment?: GarmentReading | null;
  materials?: MaterialReading[];
  foodState?: FoodStateReading | null;
  ignition?: IgnitionReading | null;
  quantity?: QuantityReading | null;
  brands?: string[];
  typos?: Typo[];
  devices?: DeviceRead[];
  abbreviations?: AbbreviationRead[];
}

/** The readings of the text at `i` of a model's explanation of several (a reading it does not give: none). */
export const readingsAt = (
  explained: Pick<Explained, "evidence"> &
    Partial<
      Pick<
        Explained,
        | "translated"
        | "goods"
        | "garments"
        | "materials"
        | "foodStates"
        | "ignitions"
        | "quantities"
        | "brands"
        | "typos"
        | "devices"
        | "abbreviations"
      >
    >,
  i: number,
): Readings => ({
  translated: explained.translated?.[i],
  goods: explained.goods?.[i],
  garment: explained.garments?.[i],
  materials: explained.materials?.[i],
  foodState: explained.foodStates?.[i],
  ignition: explained.ignitions?.[i],
  quantity: explained.quantities?.[i],
  brands: explained.brands?.[i],
  typos: explained.typos?.[i],
  devices: explained.devices?.[i],
  abbreviations: explained.abbreviations?.[i],
});

/** What supports a suggestion, as the Classify page shows it and the API answers it. */
export interface Explanation {
  /** words of the description, as written, found in the top code's nomenclature text or its evidence lines */
  matchedWords: string[];
  /** the nearest tariff lines (retrieval models); null: this model gives no evidence */
  evidence: Evidence[] | null;
  /** foreign words the model read through its glossaries, as written, with the English it read them as */
  translated: Translation[];
  /** the goods the description names before their use, which the version also searched (null: not read that way) */
  goods: string | null;
  /** what the description was read as when it reads as a garment of chapter 61 or 62 (null: not read that way) */
  garment: string | null;
  /**
   * the material that gave the top code, where the version read the description as goods whose material decides their
   * subheading (jewellery, wigs, footwear: materialFor), with its words as written (null: not read that way)
   */
  material: string | null;
  /**
   * the state of fruit, nuts or vegetables the description names, where the top code is in a heading it gives
   * ("frozen (“Frozen”) → 08.11"; null: not read that way)
   */
  foodState: string | null;
  /** the fuel the description names that gives the top code's engine its ignition ("“Diesel” → compression-ignition") */
  ignition: string | null;
  /**
   * the quantity the description writes, as written, and the words of the top code's text whose range holds it
   * ("“100 kVA” → not exceeding 650kVA"; null: the top code's text gives no range of a quantity the description writes)
   */
  quantity: string | null;
  /** brand names of the description, as written, the version left out of its reading and search ("Adidas") */
  brands: string[];
  /** misspelt words of the description (lower case) and the tariff words the version read instead ("fiahing" → "fishing") */
  typos: Typo[];
  /** product names of the description, as written, read as the kind of device an accessory is for ("iPhone 15" → "phone") */
  devices: DeviceRead[];
  /** trade abbreviations of the description, as written, read as the words they stand for ("GI" → "galvanized iron") */
  abbreviations: AbbreviationRead[];
  /**
   * why there are no candidates (the description has no letter or digit: nothing to classify), or why they are a guess
   * (a version that searches tariff lines found none sharing a word or part of a word with it: NOTHING_READ)
   */
  note?: string;
}

export function explainedBy(
  description: string,
  top: string | undefined,
  evidence: Evidence[] | null,
  textsOf: (code: string) => string[],
  {
    translated = [],
    goods = null,
    garment: reading = null,
    materials = [],
    foodState: state = null,
    ignition: fuel = null,
    quantity: written = null,
    brands = [],
    typos = [],
    devices = [],
    abbreviations = [],
  }: Readings = {},
): Explanation {
  const garment = reading ? describeGarment(reading) : null;
  // a reading that applied made its subheading the top code (materialFor)
  const applied = top ? materials.find((r) => r.code === top) : undefined;
  const material = applied ? describeMaterial(applied) : null;
  const foodState = state && top ? describeFoodState(state, top) : null;
  const ignition = fuel && top ? describeIgnition(fuel, top) : null;
  const quantity = written && top ? describeQuantity(written, top) : null;
  const read = { evidence, translated, goods, garment, material, foodState, ignition, quantity, brands, typos, devices, abbreviations };
  if (!top) return { matchedWords: [], ...read };
  const texts = [...textsOf(top), ...(evidence ?? []).filter((e) => e.code === top).map((e) => e.text)];
  return {
    // an abbreviation counts through the words it was read as, as a foreign word through its English
    matchedWords: matchedWords(description, texts, [
      ...translated,
      ...abbreviations.map((a) => ({ word: a.abbreviation.toLowerCase(), english: a.english })),
    ]),
    ...read,
    ...(evidence?.length === 0 ? { note: NOTHING_READ } : {}),
  };
}
