// Words for retrieval: lower case without accents, function words and tariff filler dropped, a light plural
// stemmer, and numbers kept with their unit as one token ("256gb", "48v", "15kg"), which is how traders write them.

const STOP = new Set(
  (
    "a an and are as at be by for from in into is it its of on or other others than that the their this to was were " +
    "which with whether not nesoi nes etc including include includes containing contain used use each more less but " +
    "per new type kind such thereof therefor whose also only any all has have having " +
    // the same in the translated languages (Spanish, Portuguese, Polish, French, German)
    "de del la las los el con para por sin em do da dos das com sem w z ze dla bez oraz le les des du pour avec sans " +
    "au aux der das den dem und mit fur ohne aus von zum zur ein eine"
  ).split(" "),
);

// Letters that Unicode does not decompose into a base letter and an accent.
const FOLD: Record<string, string> = { ł: "l", ø: "o", ß: "ss", đ: "d", æ: "ae", œ: "oe", ı: "i" };

/** A light English plural stemmer: the same stem for "tyres"/"tyre", "batteries"/"battery", "boxes"/"box". */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith("ies") && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(ss|sh|ch|x|z)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith("s") && !/(ss|us|is|ous)$/.test(word)) return word.slice(0, -1);
  return word;
}

// Dictionaries list the base form: try the word, then it with an inflection replaced ("neumaticos" → "neumatico",
// "opony" → "opona", "uzywane" → "uzywany", "hemden" → "hemd").
const ENDINGS = ["", "a", "o", "e", "y", "er"];

export function translateWord(word: string, glossary: ReadonlyMap<string, string>): string | undefined {
  const whole = translateInflected(word, glossary);
  if (whole || word.length < 8) return whole;
  // a compound ("herrenhemden", "lederschuhe"): the longest translatable tail, then its head
  for (let at = 3; at <= word.length - 3; at++) {
    const tail = translateInflected(word.slice(at), glossary);
    if (!tail) continue;
    const head = translateInflected(word.slice(0, at), glossary) ?? translateInflected(word.slice(0, at - 1), glossary);
    // both parts must be words: a tail alone is how "inoxidable" became "oak" and "fregadero" "reptile"
    if (head) return `${head} ${tail}`;
  }
  return undefined;
}

/**
 * A foreign word's English: as written (in lower case, accents kept) first, for glossaries keyed so ("cão" a dog,
 * not "cao", lime's formula), then folded and by its base forms.
 */
export function translateForeign(written: string, folded: string, glossary: ReadonlyMap<string, string>): string | undefined {
  return (written !== folded ? glossary.get(written) : undefined) ?? translateWord(folded, glossary);
}

function translateInflected(word: string, glossary: ReadonlyMap<string, string>): string | undefined {
  const exact = glossary.get(word);
  if (exact || word.length < 4 || /\d/.test(word)) return exact;
  for (let cut = 1; cut <= 3 && word.length - cut >= 3; cut++) {
    const root = word.slice(0, -cut);
    for (const ending of ENDINGS) {
      const hit = glossary.get(root + ending);
      if (hit) return hit;
    }
  }
  return undefined;
}

/** Languages with a word glossary to English (fixtures/glossary/translations-LANG.tsv, scripts/build-glossaries.ts). */
export const TRANSLATED_LANGUAGES = ["spa", "por", "pol", "fra", "deu"] as const;

/** Lower case without accents. */
export const foldText = (text: string) =>
  text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[łøßđæœı]/g, (c) => FOLD[c]!);

/** "1,5" and "1.5" one number, "205/55" one token, "256 gb" one token with its unit. */
const joinNumbers = (text: string) =>
  text.replace(/(\d)[.,/](\d)/g, "$1_$2").replace(/(\d)\s+(gb|tb|mb|kg|g|mg|ml|l|cm|mm|m|v|w|kw|mah|hz|ghz|mhz|in|inch|pcs|pc|oz|lb|lbs)\b/g, "$1$2");

/** A text's words as written (lower case, accents kept): how foreign words are looked up and shown. */
const writtenWords = (text: string) => joinNumbers(text.normalize("NFC").toLowerCase()).split(/[^\p{L}\p{M}\p{N}_]+/u);

/**
 * The retrieval words of a text, in order, one group per word of the text: the word, then, with a translator, its
 * English translation when it is foreign (the word itself stays: brand names and words both languages share must
 * still match). The translator gets the word folded and as written (lower case, accents kept; the folded word when
 * the two cannot be told apart). `keep`: stop words a version keeps because they carry meaning in trade ("used tyres"
 * are not new ones; RetrievalConfig.keepWords).
 */
export function retrievalGroups(
  text: string,
  translate?: (word: string, written: string) => string | undefined,
  keep?: ReadonlySet<string>,
): string[][] {
  const raws = joinNumbers(foldText(text)).split(/[^a-z0-9_]+/);
  let written: string[] | undefined;
  if (translate) {
    written = writtenWords(text);
    // letters that fold into several (ß) or none keep the count; anything else that splits differently is not aligned
    if (written.length !== raws.length) written = undefined;
  }
  const out: string[][] = [];
  raws.forEach((raw, i) => {
    if (!raw || (STOP.has(raw) && !keep?.has(raw))) return;
    if (raw.length === 1 && !/\d/.test(raw)) return;
    const english = translate?.(raw, written?.[i] ?? raw);
    out.push(english ? [stem(raw), ...english.split(" ")] : [stem(raw)]);
  });
  return out;
}

// What a description says the goods are for starts here. English only: the word for "for" in the translated languages
// (para, pour, für, dla) was measured on our foreign lines and changed a line or two either way.
const USE_PHRASE = /\s(?:for use (?:in|with|on|as)|used (?:in|for|as|on|with|to)|designed (?:for|to)|intended (?:for|to)|suitable for|for)\s/i;

/**
 * The goods a description names before it says what they are for ("a brake pad press" of "a brake pad press used in
 * the manufacture of vehicle brake pads", "Earphone Case" of "Earphone Case for AirPods"), or undefined when it says
 * nothing about use or names no goods first. The HS classifies goods by what they are before what they serve, and the
 * use part's words are often the rarer ones, which a search weighs most.
 */
export function goodsPart(text: string): string | undefined {
  const use = USE_PHRASE.exec(text);
  if (!use) return undefined;
  // punctuation before the use phrase is not part of the goods ("Pen Holder, for office"); the search ignores it anyway
  const goods = text.slice(0, use.index).replace(/[\s,;:–-]+$/u, "");
  return /\p{L}{3}/u.test(goods) ? goods : undefined;
}

/** The retrieval words of a text, in order (retrievalGroups, flat). */
export const retrievalWords = (text: string, translate?: (word: string, written: string) => string | undefined, keep?: ReadonlySet<string>) =>
  retrievalGroups(text, translate, keep).flat();

/**
 * The retrieval words of a nomenclature text or tariff line, remembered: the same few thousand texts support answer
 * after answer, and reading them again was half of matchedWords' time (39 → 21 µs per description). Forgotten all at
 * once past 20,000.
 */
const supportingWords = new Map<string, readonly string[]>();
function wordsOfSupportingText(text: string): readonly string[] {
  let words = supportingWords.get(text);
  if (!words) {
    if (supportingWords.size >= 20_000) supportingWords.clear();
    supportingWords.set(text, (words = retrievalWords(text)));
  }
  return words;
}

/**
 * The words of a description, as written, that also occur in the given texts (the nomenclature and tariff lines of a
 * suggested code): what a person checks first. A foreign word the model read through its glossaries counts through
 * its English, shown beside it ("Spüle (sink)").
 */
export function matchedWords(description: string, texts: readonly string[], translated: readonly { word: string; english: string }[] = []): string[] {
  const vocabulary = new Set(texts.flatMap(wordsOfSupportingText));
  const english = new Map(translated.map((t) => [t.word, t.english.split(" ")]));
  return description.split(/\s+/).flatMap((word) => {
    const words = retrievalWords(word);
    if (words.length > 0 && words.every((w) => vocabulary.has(w))) return [word];
    const read = writtenWords(word)
      .flatMap((w) => english.get(w) ?? [])
      .filter((w) => vocabulary.has(w));
    return read.length ? [`${word} (${[...new Set(read)].join(" ")})`] : [];
  });
}
