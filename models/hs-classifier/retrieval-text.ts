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

/** A function word or tariff filler the search drops ("the", "para", "und"). */
export const isStopWord = (word: string) => STOP.has(word);

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

/** each glossary's longest key (a glossary is built once and never changed) */
const longestKeys = new WeakMap<ReadonlyMap<string, string>, number>();

function longestKey(glossary: ReadonlyMap<string, string>): number {
  let longest = longestKeys.get(glossary);
  if (longest === undefined) {
    longest = 0;
    for (const key of glossary.keys()) longest = Math.max(longest, key.length);
    longestKeys.set(glossary, longest);
  }
  return longest;
}

export function translateWord(word: string, glossary: ReadonlyMap<string, string>): string | undefined {
  const whole = translateInflected(word, glossary);
  if (whole || word.length < 8) return whole;
  // a compound ("herrenhemden", "lederschuhe"): the longest translatable tail, then its head; a tail more than three
  // letters longer than the longest key cannot be one (translateInflected cuts at most three), so a very long word is
  // not tried at every letter, which would cost the square of its length
  for (let at = Math.max(3, word.length - longestKey(glossary) - 3); at <= word.length - 3; at++) {
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

/** Languages with a word glossary to English built from dictionaries (fixtures/glossary/translations-LANG.tsv, scripts/build-glossaries.ts). */
export const TRANSLATED_LANGUAGES = ["spa", "por", "pol", "fra", "deu"] as const;
/**
 * Languages whose glossary to English we wrote by hand (fixtures/glossary/translations-LANG.tsv: Chinese, Vietnamese,
 * Thai): no dictionary for them is packaged here. Chinese and Thai are written without spaces between words and
 * Vietnamese words are often two or three syllables, so they are read by translation revision 4 (segmentForeign).
 */
export const HAND_WRITTEN_LANGUAGES = ["zho", "vie", "tha"] as const;
export type TranslatedLanguage = (typeof TRANSLATED_LANGUAGES)[number] | (typeof HAND_WRITTEN_LANGUAGES)[number];
export const isHandWritten = (language: TranslatedLanguage) => HAND_WRITTEN_LANGUAGES.some((l) => l === language);

/** Lower case without accents. */
export const foldText = (text: string) =>
  text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[łøßđæœı]/g, (c) => FOLD[c]!);

const UNITS = "gb|tb|mb|kg|g|mg|ml|l|cm|mm|m|v|w|kw|mah|hz|ghz|mhz|in|inch|pcs|pc|oz|lb|lbs";
const UNIT_AFTER_NUMBER = new RegExp(String.raw`(\d)\s+(${UNITS})\b`, "g");
// a unit that no letter follows, accented or not ("20 lít" is litres written out, not "20 l" and "ít")
const UNIT_BEFORE_NO_LETTER = new RegExp(String.raw`(\d)\s+(${UNITS})(?![\p{L}\p{M}\p{N}_])`, "gu");
/**
 * "1,5" and "1.5" one number, "205/55" one token, "256 gb" one token with its unit. `letters`: the unit only where no
 * letter follows it, accented or not (\b sees an accented letter as none).
 */
const joinNumbers = (text: string, letters = false) =>
  text.replace(/(\d)[.,/](\d)/g, "$1_$2").replace(letters ? UNIT_BEFORE_NO_LETTER : UNIT_AFTER_NUMBER, "$1$2");

// Units Chinese and Thai lines write after a number, read as the Latin units English lines write (revision 7): "1米" is a
// metre ("1m"), not rice; "500克", "1.8 ลิตร", "16寸" (a fan's or a screen's inch). The longer spelling first.
const ASIAN_UNITS: Record<string, string> = {
  毫米: "mm",
  厘米: "cm",
  公分: "cm",
  米: "m",
  公斤: "kg",
  千克: "kg",
  毫克: "mg",
  克: "g",
  毫升: "ml",
  公升: "l",
  升: "l",
  英寸: "inch",
  吋: "inch",
  寸: "inch",
  กิโลกรัม: "kg",
  กก: "kg",
  กรัม: "g",
  มิลลิลิตร: "ml",
  มล: "ml",
  ลิตร: "l",
  เซนติเมตร: "cm",
  ซม: "cm",
  มิลลิเมตร: "mm",
  มม: "mm",
  เมตร: "m",
  นิ้ว: "inch",
};
const ASIAN_UNIT = new RegExp(
  `(\\d)\\s*(${Object.keys(ASIAN_UNITS)
    .sort((a, b) => b.length - a.length)
    .join("|")})\\.?`,
  "gu",
);
/** a character of Chinese or Thai script */
export const HAN_OR_THAI = /[\p{Script=Han}\p{Script=Thai}]/u;

/** A line's Chinese and Thai units after a number as Latin ones, set apart from the words after them (revision 7). */
export const latinUnits = (text: string) =>
  HAN_OR_THAI.test(text) ? text.replace(ASIAN_UNIT, (_, digit: string, unit: string) => `${digit}${ASIAN_UNITS[unit]} `) : text;

/** A text's words as written (lower case, accents kept): how foreign words are looked up and shown. */
const writtenWords = (text: string, letters = false) => joinNumbers(text.normalize("NFC").toLowerCase(), letters).split(/[^\p{L}\p{M}\p{N}_]+/u);

/**
 * The retrieval words of a text, in order, one group per word of the text: the word, then, with a translator, its
 * English translation when it is foreign (the word itself stays: brand names and words both languages share must
 * still match). The translator gets the word folded and as written (lower case, accents kept; the folded word when
 * the two cannot be told apart). `keep`: stop words a version keeps because they carry meaning in trade ("used tyres"
 * are not new ones; RetrievalConfig.keepWords).
 */
export function retrievalGroups(
  text: string,
  /** `stopWord`: the word folds to a stop word but is written with accents ("thé"); asked only with `accentedStopWords` */
  translate?: (word: string, written: string, stopWord?: boolean) => string | undefined,
  keep?: ReadonlySet<string>,
  /** Chinese and Thai words are words too (segmentForeign separated them); otherwise only Latin letters and digits are */
  scripts = false,
  /** a stop word written with accents is offered to `translate`, and kept when it has an English ("thé", "lã") */
  accentedStopWords = false,
  /**
   * a unit after a number is joined to it in the words as written only where it is in the folded words: "20 lít" folds
   * to "20 lit", which is not joined, and the two lists of words fell out of step, so every word of the line was looked
   * up folded (a Vietnamese line then read nothing of its own and was read as French: "lit", a bed)
   */
  unitsAsFolded = false,
): string[][] {
  const raws = joinNumbers(foldText(text)).split(scripts ? /[^a-z0-9_\p{Script=Han}\p{Script=Thai}]+/u : /[^a-z0-9_]+/);
  let written: string[] | undefined;
  if (translate) {
    written = writtenWords(text, unitsAsFolded);
    // letters that fold into several (ß) or none keep the count; anything else that splits differently is not aligned
    if (written.length !== raws.length) written = undefined;
  }
  const out: string[][] = [];
  raws.forEach((raw, i) => {
    if (!raw) return;
    if (STOP.has(raw) && !keep?.has(raw)) {
      const english = accentedStopWords && written?.[i] !== undefined && written[i] !== raw ? translate?.(raw, written[i]!, true) : undefined;
      if (english) out.push([raw, ...english.split(" ")]);
      return;
    }
    // a single letter says nothing; a single Chinese character is a word ("鞋", shoes)
    if (raw.length === 1 && /[a-z_]/.test(raw)) return;
    const english = translate?.(raw, written?.[i] ?? raw);
    out.push(english ? [stem(raw), ...english.split(" ")] : [stem(raw)]);
  });
  return out;
}

const SCRIPT_RUN = /[\p{Script=Han}\p{Script=Thai}]+/gu;
const WORD_OR_SEPARATOR = /([^\p{L}\p{M}\p{N}_]+)/u;

/** The words of a glossary that segmentForeign looks for: Chinese and Thai words, and entries of several words. */
export interface ForeignSegmentation {
  scriptWords: ReadonlySet<string>;
  longestScriptWord: number;
  /** entries of several words, as written, separated by one space ("điện thoại", "papier toaletowy") */
  phrases: ReadonlySet<string>;
  longestPhrase: number;
  /** their first words: a text's other words start none (most words of most lines) */
  phraseStarts: ReadonlySet<string>;
  /** a hyphen or an apostrophe joins a phrase's words as a space does ("lave-vaisselle", "huile d'olive"; revision 5) */
  hyphens: boolean;
  /**
   * revision 12: dictionary words (Chinese, two characters or more), cut where `scriptWords` has no word of two
   * characters or more and none of those starts inside them
   */
  gapWords?: ReadonlySet<string>;
  longestGapWord?: number;
  /**
   * revision 13: words that write Latin letters or digits and Chinese characters together ("u盘" a USB stick, "pvc薄膜",
   * "卡拉ok机"), longest first, and the pattern that finds them: SCRIPT_RUN sees only their characters ("盘", a plate),
   * so they are found first
   */
  mixed?: { keys: readonly string[]; pattern: RegExp };
}

// a glossary word of Latin letters or digits and Chinese characters, without spaces (revision 13)
const MIXED_KEY = /^(?=.*\p{Script=Han})(?=.*[a-z0-9])[\p{Script=Han}a-z0-9]+$/u;
// private use characters: where a mixed word stands while the runs around it are cut (none is a letter or a digit)
const PRIVATE_USE = /[\u{E000}-\u{F8FF}]/gu;

export function foreignSegmentation(
  glossary: Iterable<string>,
  hyphens = false,
  gapWords: Iterable<string> = [],
  mixed = false,
): ForeignSegmentation {
  const scriptWords = new Set<string>();
  const gaps = new Set([...gapWords].filter((w) => [...w].length >= 2));
  const phrases = new Set<string>();
  const mixedKeys: string[] = [];
  for (const key of glossary) {
    if (/^[\p{Script=Han}\p{Script=Thai}]+$/u.test(key)) scriptWords.add(key);
    else if (key.includes(" ")) phrases.add(key);
    else if (mixed && MIXED_KEY.test(key)) mixedKeys.push(key);
  }
  const longest = (keys: Set<string>, size: (k: string) => number) => [...keys].reduce((m, k) => Math.max(m, size(k)), 0);
  mixedKeys.sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  // Latin letters or digits at a word's edge are the word's own only where no letter or digit goes on ("abs树脂", not
  // the end of "tabs树脂"; "led芯片" but not "led芯片s"); a key holds no character a pattern reads otherwise (MIXED_KEY)
  const edges = (key: string) => `${/^[a-z0-9]/.test(key) ? "(?<![a-z0-9])" : ""}${key}${/[a-z0-9]$/.test(key) ? "(?![a-z0-9])" : ""}`;
  return {
    scriptWords,
    longestScriptWord: longest(scriptWords, (k) => [...k].length),
    phrases,
    longestPhrase: longest(phrases, (k) => k.split(" ").length),
    phraseStarts: new Set([...phrases].map((k) => k.split(" ")[0]!)),
    hyphens,
    ...(gaps.size ? { gapWords: gaps, longestGapWord: longest(gaps, (k) => [...k].length) } : {}),
    ...(mixedKeys.length ? { mixed: { keys: mixedKeys, pattern: new RegExp(mixedKeys.map(edges).join("|"), "gu") } } : {}),
  };
}

/**
 * A text (lower case, NFC) with its Chinese and Thai runs cut into the glossary's words, longest first, and the
 * characters no word covers dropped ("男士棉质衬衫" → "男士 棉质 衬衫"); and the glossary's entries of several words
 * that stand in it joined by "_" so they are read as one word ("điện thoại di động" → "điện_thoại_di_động", a mobile
 * phone, not electricity, speech, move and move; "máquina de coser" → "máquina_de_coser", a sewing machine). The same
 * in Node and in the browser: no locale's word breaker.
 */
export function segmentForeign(text: string, s: ForeignSegmentation): string {
  let out = text.normalize("NFC").toLowerCase();
  // revision 13: a mixed word stands as one private use character while the Chinese runs around it are cut
  const mixed = s.mixed;
  if (mixed) out = out.replace(PRIVATE_USE, " ").replace(mixed.pattern, (word) => ` ${String.fromCodePoint(0xe000 + mixed.keys.indexOf(word))} `);
  if (s.scriptWords.size) {
    out = out.replace(SCRIPT_RUN, (run) => {
      const chars = [...run];
      const words: string[] = [];
      // the length of the longest word of `set` at i (at least `shortest` characters), or 0
      const longestAt = (i: number, set: ReadonlySet<string>, longest: number, shortest: number) => {
        let n = Math.min(longest, chars.length - i);
        while (n >= shortest && !set.has(chars.slice(i, i + n).join(""))) n--;
        return n >= shortest ? n : 0;
      };
      // revision 12: the dictionary's longest word at i that no glossary word of two characters or more starts inside:
      // it ends at the next such start at the latest
      const dictionaryWordAt = (i: number, words: ReadonlySet<string>, longest: number) => {
        let next = i + 1;
        while (next < Math.min(chars.length, i + longest) && !longestAt(next, s.scriptWords, s.longestScriptWord, 2)) next++;
        return longestAt(i, words, Math.min(longest, next - i), 2);
      };
      for (let i = 0; i < chars.length;) {
        let n = longestAt(i, s.scriptWords, s.longestScriptWord, 1);
        // where the glossary has no word of two characters or more, a dictionary word ("卷扬机", a winch, not 卷 roll
        // + 机 machine)
        if (n < 2 && s.gapWords) n = dictionaryWordAt(i, s.gapWords, s.longestGapWord!) || n;
        if (n > 0) words.push(chars.slice(i, i + n).join(""));
        i += Math.max(n, 1);
      }
      return ` ${words.join(" ")} `;
    });
  }
  if (mixed) out = out.replace(PRIVATE_USE, (c) => mixed.keys[c.codePointAt(0)! - 0xe000]!);
  if (!s.phrases.size) return out;
  const parts = out.split(WORD_OR_SEPARATOR);
  const joins = s.hyphens ? /^(?: +|[-'’])$/ : /^ +$/;
  // parts: word, separator, word, …; a phrase may only span words separated by spaces (or one hyphen or apostrophe)
  for (let i = 0; i < parts.length; i += 2) {
    if (!s.phraseStarts.has(parts[i]!)) continue;
    for (let n = Math.min(s.longestPhrase, (parts.length + 1) / 2 - i / 2); n >= 2; n--) {
      const span = parts.slice(i, i + 2 * n - 1);
      if (span.some((p, k) => (k % 2 ? !joins.test(p) : !p))) continue;
      const words = span.filter((_, k) => k % 2 === 0);
      if (!s.phrases.has(words.join(" "))) continue;
      parts.splice(i, 2 * n - 1, words.join("_"));
      break;
    }
  }
  return parts.join("");
}

// What a description says the goods are for starts here. English, and where asked the Polish "do": the word for "for"
// in the other translated languages (para, pour, für, dla) was measured on our foreign lines and lost more than it
// gained — they also name the wearer ("para mujer", "pour femmes"), which a garment's code depends on (ADR 0013).
const USE_WORDS = "for use (?:in|with|on|as)|used (?:in|for|as|on|with|to)|designed (?:for|to)|intended (?:for|to)|suitable for|for";
const USE_PHRASE = new RegExp(`\\s(?:${USE_WORDS})\\s`, "i");
// Polish names the purpose after the goods with "do" ("klocki hamulcowe do samochodów"), seldom the wearer
const USE_PHRASE_OR_POLISH = new RegExp(`\\s(?:${USE_WORDS}|do)\\s`, "gi");

// What a description says the goods are packed in starts here (hs-combined from 1.28.0): a container, after a word for
// "in" ("in glass jars", "im Glas", "en canette", "em lata", "w słoiku") or after a weight or volume ("Honey 500g glass
// jar", "Motor oil 4L plastic bottle"). Written out in English, German, French, Spanish, Portuguese and Polish, and read
// whatever the line's language. A container named first is the goods ("Glass jars 500ml"), and so is one named right
// after what it holds ("water bottle", "wine bottle"); a case never is packing ("iPhone 15 case").
const CONTAINERS = [
  // English
  "jars?|bottles?|cans?|tins?|bags?|sacks?|box(?:es)?|cartons?(?<!\\ben\\s+cartons?)|buckets?|pails?|drums?|canisters?|jerry ?cans?|pouch(?:es)?",
  "sachets?|tubes?|packets?|tubs?|barrels?|kegs?|crates?|punnets?|tetra ?pak|jugs?|vials?|ampoules?",
  // German
  "gl(?:a|ä)s(?:er|ern)?|dosen?|flaschen?|beuteln?|säcken?|sack|tüten?|kartons?|eimern?|kanistern?|tuben?|packung(?:en)?",
  "schachteln?|kisten?|fässern?|fass|konservendosen?|blechdosen?|(?:glas|plastik|pet|kunststoff)flaschen?",
  // French
  "bocal|bocaux|pots?|bouteilles?|canettes?|bo(?:î|i)tes?|sacs?|sachets?|seaux?|bidons?|fûts?|flacons?|paquets?|barquettes?",
  "caisses?|briques?",
  // Spanish and Portuguese
  "frascos?|tarros?|botes?|botellas?|latas?|bolsas?|sacos?|cajas?|cubos?|garrafas?|bidones|bidón|envases?|tubos?",
  "paquetes?|sobres?|bandejas?|tetra ?brik|potes?|sacas?|caixas?|baldes?|galões|galão|bisnagas?|embalagens?|pacotes?",
  // Polish, in the cases "w" takes and the nominative
  "słoik(?:u|ach|i)?|butel(?:ka|ce|kach|ki)|puszk(?:a|ach|i)|puszce|wor(?:ek|ku|kach|ki)|torb(?:a|ie|ach)",
  "karton(?:ie|ach)|wiadr(?:o|ze|ach)|kanistr(?:ze|ach)|kanister|tub(?:ka|ce|kach)|saszet(?:ka|ce|kach|ki)",
  "opakowani(?:e|u|ach)|pudeł(?:ko|ku|kach)|beczk(?:a|ach|i)|beczce|skrzyn(?:ka|ce|kach)",
].join("|");
// what a container is of or for, before it ("in glass jars", "in 25 kg bags", "in gift boxes")
const CONTAINER_WORDS = String.raw`(?:(?:glass|plastic|pet|pp|hdpe|aluminium|aluminum|alu|metal|tin|paper|kraft|cardboard|gift|retail|vacuum|sealed|resealable|zip|ziplock|woven|jute|poly|wooden|small|large|big|an?|the|\d+(?:[.,]\d+)?\s?(?:kg|g|l|ml|cl|lt?rs?|litres?|liters?|oz|lbs?|gal))\s+){0,2}`;
const WEIGHT_OR_VOLUME = String.raw`\d(?:[.,]\d+)?\s?(?:kg|g|mg|l|ml|cl|lt?rs?|litres?|liters?|oz|lbs?|gal)`;
const PACKING_PHRASE = new RegExp(
  String.raw`(?:\s(?:(?:packed|packaged|put\s+up)\s+)?(?:in|into|im|en|dans|em|w)\s+${CONTAINER_WORDS}(?:${CONTAINERS})` +
    String.raw`|(?<=${WEIGHT_OR_VOLUME})\s+${CONTAINER_WORDS}(?:${CONTAINERS})(?=$|[\s,;.()/x×*]*(?:\d|$|(?:of|de|en|em|in|aus|z|ze)\s)))(?![\p{L}\p{M}])`,
  "iu",
);

/** Where a line names what its goods are packed in: the index of the packing phrase's first character, or undefined. */
function packingStart(written: string): number | undefined {
  const found = PACKING_PHRASE.exec(written);
  return found ? found.index : undefined;
}

/** Spans of a foreign line's glossary phrases, which a use or packing phrase never splits. */
function phraseSpans(written: string, phrases: readonly string[]): (readonly [number, number])[] {
  // phrases are written as the line is read: lower case, NFC
  const lower = written.toLowerCase();
  return phrases.flatMap((p) => {
    const start = lower.indexOf(p);
    return start >= 0 ? [[start, start + p.length] as const] : [];
  });
}
const inside = (spans: readonly (readonly [number, number])[], at: number) => spans.some(([s, e]) => s < at && at < e);

/** The first use phrase of a foreign line, or the Polish "do", that is not inside one of its glossary phrases. */
function firstOutsidePhrases(written: string, spans: readonly (readonly [number, number])[]): RegExpExecArray | undefined {
  for (const use of written.matchAll(USE_PHRASE_OR_POLISH)) if (!inside(spans, use.index)) return use;
  return undefined;
}

/**
 * The goods a description names before it says what they are for ("a brake pad press" of "a brake pad press used in
 * the manufacture of vehicle brake pads", "Earphone Case" of "Earphone Case for AirPods"), or undefined when it says
 * nothing about use or names no goods first. The HS classifies goods by what they are before what they serve, and the
 * use part's words are often the rarer ones, which a search weighs most. `packing`: the goods also end before what
 * they are packed in ("Honey" of "Honey 500g glass jar"; packingStart).
 */
export function goodsPart(
  text: string,
  options: {
    /** glossary entries of several words a foreign line was read with: the Polish "do" (for) ends its goods too, and a
     * use or packing phrase never splits one ("pasta do zębów") */
    phrases?: readonly string[];
    packing?: boolean;
  } = {},
): string | undefined {
  // every description's goods are looked for (a hot path): English lines by one match, as before
  const { phrases, packing } = options;
  const written = phrases || packing ? text.normalize("NFC") : text;
  const spans = phrases ? phraseSpans(written, phrases) : [];
  const use = phrases ? firstOutsidePhrases(written, spans) : USE_PHRASE.exec(text);
  let end = use?.index;
  if (packing) {
    const packed = packingStart(written);
    if (packed !== undefined && !inside(spans, packed) && (end === undefined || packed < end)) end = packed;
  }
  if (end === undefined) return undefined;
  // punctuation before the use phrase is not part of the goods ("Pen Holder, for office"); the search ignores it anyway
  const goods = written.slice(0, end).replace(/[\s,;:–-]+$/u, "");
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
  const shown = (word: string, read: string[]) => (read.length ? [`${word} (${[...new Set(read)].join(" ")})`] : []);
  const described = description.split(/\s+/);
  const whole = new Set(described.flatMap((word) => writtenWords(word)));
  return [
    ...described.flatMap((word) => {
      const words = retrievalWords(word);
      if (words.length > 0 && words.every((w) => vocabulary.has(w))) return [word];
      return shown(
        word,
        writtenWords(word)
          .flatMap((w) => english.get(w) ?? [])
          .filter((w) => vocabulary.has(w)),
      );
    }),
    // words read inside a written word or across several: Chinese and Thai words, glossary entries of several words
    ...translated
      .filter((t) => !whole.has(t.word))
      .flatMap((t) =>
        shown(
          t.word,
          t.english.split(" ").filter((w) => vocabulary.has(w)),
        ),
      ),
  ];
}
