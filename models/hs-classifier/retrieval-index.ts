// Retrieval over tariff lines: TF-IDF vectors of word terms and character n-grams, an inverted index, and per query
// the best-matching lines, aggregated to subheading, heading and chapter scores. JavaScript, its walk over the postings
// in our WebAssembly module (vector-kernels.wat), so the same code runs in Node and in the browser; the index is built
// at load from the documents shipped in the artifact.
import { finish, mix, murmur3, MURMUR_SEED } from "../../workbench/features/hashed-features";
import {
  foldText,
  foreignSegmentation,
  HAN_OR_THAI,
  isStopWord,
  latinUnits,
  retrievalGroups,
  retrievalWords,
  segmentForeign,
  stem,
  translateForeign,
  type ForeignSegmentation,
} from "./retrieval-text";
import { abbreviationReader, type Abbreviation, type AbbreviationRead, type AbbreviationsRead } from "./abbreviation-reading";
import { deviceReader, type DeviceRead, type DevicesRead } from "./device-reading";
import { kernelsWith, topIndices, type VectorKernels } from "./vector-kernels";

export interface RetrievalDocument {
  /** HS 2022 subheading */
  code: string;
  text: string;
  /** where the text comes from, shown as evidence ("HTS 8471.30.01.00", "HS 2022 8471.30") */
  source: string;
}

export interface RetrievalConfig {
  /** weight of the word part of the similarity (the character n-gram part gets 1 − wordWeight) */
  wordWeight: number;
  charNgrams: readonly number[];
  /** the nearest lines that vote (similarity ** votePower) for their subheading, heading and chapter */
  neighbours: number;
  votePower: number;
  /** a subheading's score: its best line's similarity + these weights × its own, its heading's and its chapter's votes */
  voteWeight: number;
  headingWeight: number;
  chapterWeight: number;
  /** terms in more than this share of documents are not indexed (they match everything and cost the most) */
  maxDocumentShare: number;
  /** stop words this version keeps ("used": used tyres are not new ones); versions before 1.1.0 keep none */
  keepWords?: readonly string[];
  /**
   * How foreign lines are read. 1 (versions before 1.2.0): a line is foreign when at least half its words are unknown
   * to the documents; its unknown words are translated. 2: a line is foreign when it has a foreign word and no more English
   * words than foreign ones ("miel natural") — foreign: written with accents, or unknown to the documents and in the
   * glossaries; brands and model names count for neither —, words are looked up as written before folded ("cão" is a dog, not "cao"; "Spüle" a sink, not a
   * "Spule" coil), and word pairs join the translations of neighbouring words in both orders ("pneus usados" gives
   * "used tyre": other languages put the adjective after the noun). 4: as 2, and Chinese and Thai text is cut into the
   * glossaries' words and their entries of several words are read as one (segmentForeign: "điện thoại" a telephone).
   * 5: as 4, and the trade glossaries we wrote for Spanish, Portuguese, Polish, French and German come first: their
   * entries of several words are read as one ("máquina de coser" a sewing machine, "lave-vaisselle" a dishwasher) and
   * their words before the dictionaries' ("noix" a nut, not a walnut); and a Vietnamese entry of several words is also
   * found typed without accents ("dien thoai"). 6: as 5, and a word whose accents are all that tells it from a stop
   * word is read through the trade glossaries as written ("thé" tea, not "the"; "lã" wool, not "la"), and a trade
   * entry's English is also kept as written where a hyphen joins it ("t-shirt", which the search reads as "shirt").
   * 7: as 6, and the hand-written glossaries' English is read as the documents are, as the trade glossaries' is: "fishing
   * hooks" is "fishing hook", "christmas" is "christma" (the stemmer's, in the documents too); before, a plural or a
   * hyphen in it met the documents' words only through their character n-grams. And traditional Chinese characters are
   * read as their simplified ones ("無線藍牙耳機" as "无线蓝牙耳机"), so lines from Taiwan or Hong Kong meet the glossary, and
   * Chinese and Thai units after a number as Latin ones ("1米" a metre, not rice; latinUnits). 8: as 7, and Vietnamese
   * typed without any accent is read better: such a line is Vietnamese also without an entry of several syllables when
   * its Vietnamese syllables outnumber its other words (typedVietnamese: "tui giay"), and its words of one syllable are
   * read by their unaccented spelling (unaccentedSyllables: "muoi" salt, "may" a machine); and a Vietnamese line's
   * search leaves out what declarations say besides the goods (withoutDeclarationFiller: "xuất xứ Việt Nam", "hàng mới
   * 100%", "của"). 9: as 8, and brand names (IndexGlossaries.brands: "Adidas", "Calvin Klein") are left out of a line's
   * reading and search, unless nothing else is left: a name tells no goods, and some are words of a glossary ("adidas",
   * Polish for sneakers; "klein", German for small; "samsung" of "samsung galaxy", a smartphone). 10: as 9, and a line
   * read as English reads a misspelt word — five letters or more, used by no document, one typo from a word they use
   * (a letter dropped, added, changed, or two swapped) — as that word, the most frequent of several (typoRead:
   * "refrigirator", "machinne"), but never a word of English (IndexGlossaries.englishWords: "wedding" is no "wadding").
   * 11: as 10, and a line about an accessory of a device named by its product name reads the kind of device instead
   * ("iPhone 15 case" as a phone case; IndexGlossaries.devices). 12: as 11, and where the hand-written glossary has no
   * Chinese word of two characters or more, a line is cut into the words of a dictionary built from CC-CEDICT and read
   * through it (IndexGlossaries.dictionary: "卷扬机" a winch, not the glossary's 卷 roll and 机 machine; segmentForeign).
   * 13: as 12, and a hand-written word that writes Latin letters or digits and Chinese characters together is found as
   * it is written ("u盘" a USB stick, "pvc薄膜" PVC film, "卡拉ok机"): before, the Chinese run was cut alone (盘, a plate).
   * 14: as 13, and a number's unit followed by an accented letter is read as the folded line reads it ("Xô nhựa 20 lít":
   * the words as written and folded fell out of step, and the line was read as French, "lit" a bed; retrievalGroups).
   * 15: as 14, and a line read as English reads a trade abbreviation as the words it stands for ("GI PIPE" as galvanized
   * iron pipe, "HDPE" as high density polyethylene, "STPP"; IndexGlossaries.abbreviations), one that means other things
   * in other trades only where the line names what it is said of ("HR" in "HR COIL", "SS" with a pipe, not a short
   * sleeve), a polymer's only in its primary forms, none the line spells out or negates (abbreviation-reading.ts); a line
   * read so as foreign or Chinese, Vietnamese or Thai is read as it stands.
   * (3 was measured and not shipped, ADR 0013.)
   */
  translationRevision?: 1 | 2 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15;
}

/** The glossaries an index reads foreign lines with (all: foreign word or entry of several words → English words). */
export interface IndexGlossaries {
  /** built from dictionaries, applied to queries (the documents are English); looked up with endings and parts too */
  translations?: ReadonlyMap<string, string>;
  /** Chinese, Vietnamese and Thai, written by hand: looked up only as they stand (revision 4 and later) */
  handWritten?: ReadonlyMap<string, string>;
  /** trade words and phrases of the dictionary languages, written by hand (revision 5): before the dictionaries */
  trade?: ReadonlyMap<string, string>;
  /** traditional Chinese character → simplified (revision 7): a line is read in simplified characters */
  traditional?: ReadonlyMap<string, string>;
  /** brand names, lower case (revision 9): left out of a line's reading and search */
  brands?: readonly string[];
  /** English words the documents do not use (revision 10): read as written, never as a typo of a word they use */
  englishWords?: readonly string[];
  /** product names → the kind of device they name (revision 11): read so in a line about an accessory of it */
  devices?: readonly (readonly [name: string, device: string])[];
  /** Chinese words of two characters or more → English (revision 12): read where the hand-written glossary has none */
  dictionary?: ReadonlyMap<string, string>;
  /** trade abbreviations → the words they stand for, some only with words of their own (revision 15) */
  abbreviations?: readonly Abbreviation[];
}

/** A foreign word of a text, as written (lower case), and the English words it was read as. */
export interface Translation {
  word: string;
  english: string;
  /** revision 6: the trade glossary's English as written where the search reads it otherwise ("t-shirt": shirt) */
  asWritten?: string;
  /**
   * a hand-written glossary's English as written where a hyphen joins it ("恤", "áo thun": t-shirt; the search reads
   * shirt), whatever the revision: the search never reads it, only a combined version that asks (handWrittenAsWritten)
   */
  written?: string;
  /**
   * revision 12: read through the dictionary from CC-CEDICT, every sense at once ("十字": cross road, cross shaped,
   * character ten), not through a glossary written for trade
   */
  dictionary?: true;
}

/** A misspelt word of a line, as the search reads it (lower case, plural ending dropped), and the word read instead. */
export interface Typo {
  word: string;
  read: string;
}

/**
 * How a text was read (groupsOf): its word groups, whether as foreign, its translated words, misspelt words and devices.
 * Remembered and shared (RetrievalIndex.readings), so never changed once made.
 */
interface Reading {
  readonly groups: readonly (readonly string[])[];
  readonly foreign: boolean;
  readonly read: readonly Translation[];
  /** revision 4: written in Chinese, Vietnamese or Thai */
  readonly asian?: boolean;
  readonly typos?: readonly Typo[];
  /** revision 11: the product names read as the kind of device they name, in a line about an accessory of it */
  readonly devices?: readonly DeviceRead[];
  /** revision 15: the trade abbreviations of a line read as English, read as the words they stand for */
  readonly abbreviations?: readonly AbbreviationRead[];
}

export interface DocumentHit {
  document: number;
  score: number;
}

/**
 * What building an index computes from its documents, the slow part of loading it (about 2 s for 33,000 tariff lines):
 * per term hash where its postings start, the postings' documents and weights, and every word the documents use.
 * retrieval-index-cache.ts keeps it on disk between processes.
 */
export interface StoredPostings {
  /** SIZE + 1 entries: term h's postings are [offsets[h], offsets[h + 1]) */
  offsets: Uint32Array;
  docs: Uint16Array | Uint32Array;
  weights: Float32Array;
  known: readonly string[];
}

/**
 * The key of what building an index reads — its documents' texts in order and the parts of its config that weigh their
 * terms — under which its postings are kept: versions that differ only in how they read a query (glossaries,
 * translation revisions, votes) share one build (the 32 shipped retrieval.json files have 8). 64 bits of murmur3 (two
 * seeds) over each text's length and then its characters two at a time, the same in Node and browsers: about 30 ms for
 * 33,000 lines, where hashing one string of them all four times took 100–140 ms of a one-second load. Only a hint, as
 * any kept postings: they are checked against the documents (agreesWithItsDocuments) and built again when they disagree.
 */
export function postingsKey(documents: readonly RetrievalDocument[], config: RetrievalConfig): string {
  let a = MURMUR_SEED >>> 0;
  let b = 0x85ebca6b;
  const add = (text: string) => {
    a = mix(a, text.length);
    b = mix(b, text.length);
    for (let i = 0; i < text.length; i += 2) {
      // past the end charCodeAt gives NaN, which the shift makes 0
      const unit = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16);
      a = mix(a, unit);
      b = mix(b, unit);
    }
  };
  add(JSON.stringify([config.charNgrams, config.maxDocumentShare, config.wordWeight, config.keepWords ?? [], documents.length]));
  for (const d of documents) add(d.text);
  return [finish(a, documents.length), finish(b, documents.length)].map((h) => (h >>> 0).toString(16).padStart(8, "0")).join("");
}

/** A term's idf from its document frequency among n documents: one formula for a build and for postings read back. */
const idfOf = (df: number, n: number) => Math.log((n + 1) / (df + 1)) + 1;

/** how many of its documents a stored index is checked against when it is read (spread over all of them) */
const CHECKED_DOCUMENTS = 64;

/** how many nearest documents a query can keep as evidence (its voters, when they are more) */
const MAX_KEPT_DOCUMENTS = 100;

/** a word's English as the search reads it, and (revision 6) as the trade glossary writes it where that differs */
type Read = Omit<Translation, "word">;

/** plural endings of the trade glossaries' languages, added to a singular (revision 5; tradeKey) */
const PLURAL_ENDINGS = ["s", "es", "x", "n", "en"];

/** how many texts' readings an index remembers: more than a batch of inference (2,048; a few MB at most) */
const READINGS_REMEMBERED = 4096;

/** how many looked-up words an index remembers (a few MB at most) */
const TRANSLATED_WORDS_REMEMBERED = 50_000;

const BITS = 20;
const SIZE = 1 << BITS;
const MASK = SIZE - 1;

interface Vector {
  terms: Int32Array;
  weights: Float32Array;
}

/** Distinct term hashes of a text with their counts, in two groups: words and word pairs; character n-grams. */
interface TermCounts {
  words: { hashes: Int32Array; counts: Uint16Array };
  chars: { hashes: Int32Array; counts: Uint16Array };
}

const HASH_PREFIX = mix(MURMUR_SEED >>> 0, 0x23 /* # */);
const LT = 0x3c;
const GT = 0x3e;

let wordBuffer = new Int32Array(256);
let charBuffer = new Int32Array(4096);
let countBuffer = new Uint16Array(256 + 4096);
let weights64 = new Float64Array(1024);
let vectorTerms = new Int32Array(1024);
let vectorWeights = new Float32Array(1024);

/**
 * Sorts buffer[0..length) and compacts it in place to its distinct values, their counts into `counts`. Returns views
 * of the two scratch buffers, valid until the next call: this runs for every query, so it allocates nothing.
 */
function countRuns(buffer: Int32Array, length: number, counts: Uint16Array): { hashes: Int32Array; counts: Uint16Array } {
  buffer.subarray(0, length).sort();
  let distinct = 0;
  for (let i = 0; i < length; i++) {
    if (distinct && buffer[distinct - 1] === buffer[i]) counts[distinct - 1]!++;
    else {
      buffer[distinct] = buffer[i]!;
      counts[distinct++] = 1;
    }
  }
  return { hashes: buffer.subarray(0, distinct), counts: counts.subarray(0, distinct) };
}

const HAN = /\p{Script=Han}/u;
/** an accent (decomposed text) or the Vietnamese đ */
const ACCENTED = /[\u0300-\u036fđĐ]/;
/** printable ASCII: no accent, no other script (most lines; tested before anything slower) */
const PLAIN = /^[\t\n\r\x20-\x7e]*$/;
const HAN_CHARACTER = /\p{Script=Han}/gu;

/** A line in Chinese or Thai script, or with letters only Vietnamese writes (lower case, NFC). */
const ASIAN_LINE = /[\p{Script=Han}\p{Script=Thai}ăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/u;

/**
 * Revision 8: Vietnamese words of one syllable that declarations write around the goods and that say nothing of them
 * (grammar, origin, "new", "brand", "used for"), left out of a Vietnamese line's search where no glossary phrase holds
 * them ("hàng" alone, not "hàng rào", a fence; "sử dụng" alone, not "đã qua sử dụng", used).
 */
const DECLARATION_FILLER: ReadonlySet<string> = new Set(
  (
    "của cho và với bằng có các được là trong trên tại từ theo loại mới sản xuất xứ nhãn hiệu dùng chất liệu kích thước " +
    "cỡ màu nhà công ty số một hai ba năm đã qua sử dụng gồm đóng mã hàng"
  ).split(" "),
);
/**
 * The words declarations write around the goods: that filler, packing and counting words (which may be the goods,
 * "hộp" a box, so they are searched) and "không" (not: "không dệt", non-woven). A glossary word that reads like one of
 * them once its accents are gone is not read unaccented ("cua" is "của", of, far more often than "cua" crab or "cửa"
 * door; "nhan" is "nhãn hiệu", brand, not "nhẫn" ring).
 */
const VIETNAMESE_FILLER = [...DECLARATION_FILLER, ..."bộ cái chiếc đôi gói hộp thùng cuộn tấm không".split(" ")];
/** revision 8: a Vietnamese declaration's origin, up to the next comma ("xuất xứ: Trung Quốc", "made in China") */
const ORIGIN_CLAUSE = /(?:(?:xuất|xuat)[ _](?:xứ|xu)|(?:nước|nuoc)[ _](?:sản|san)[ _](?:xuất|xuat)|made[ _]in)[^,;()]*/giu;
/** revision 8: "hàng mới 100%" (new goods), as most Vietnamese declarations end */
const NEW_CLAUSE = /(?:(?:hàng|hang)[ _]+)?(?:mới|moi|new)[ _]*100[ _]*%/giu;

/** a word of Latin letters only (a Vietnamese syllable, accented or not) */
const LATIN_WORD = /^\p{Script=Latin}+$/u;

/**
 * Where a syllable typed without accents is several glossary words, the one declarations mean (máy, a machine, not
 * mây, rattan); the other such syllables are not read unaccented ("giay": giày, footwear, or giấy, paper).
 */
const VIETNAMESE_USUAL = ["máy", "bột", "sợi", "bao", "muối", "táo", "cây", "nam"];

/**
 * Revision 8: the hand-written glossaries' Vietnamese words of one syllable by their unaccented spelling, as many lines
 * are typed, with their English (read as the documents are) — those that are one word whatever their accents were.
 */
function unaccentedSyllables(handWritten: readonly (readonly [string, string])[]): Map<string, string> {
  const filler = new Map(VIETNAMESE_FILLER.map((w) => [foldText(w), w]));
  const readings = new Map<string, Map<string, string>>();
  for (const [key, english] of handWritten) {
    if (!LATIN_WORD.test(key)) continue;
    const folded = foldText(key);
    const filling = filler.get(folded);
    if (filling !== undefined && filling !== key) continue;
    readings.set(folded, (readings.get(folded) ?? new Map()).set(key, english));
  }
  const syllables = new Map<string, string>();
  for (const [folded, byKey] of readings) {
    const usual = VIETNAMESE_USUAL.find((w) => byKey.has(w));
    const englishes = new Set(byKey.values());
    if (usual || englishes.size === 1) syllables.set(folded, usual ? byKey.get(usual)! : [...englishes][0]!);
  }
  return syllables;
}

/**
 * Revision 9: brand names as lines write them — any case, a space or hyphen in a name as either or neither ("Ray-Ban",
 * "rayban"), an apostrophe as either kind or none ("Levi’s", "levis"), "&" also as "+" or "and" — as whole words; a
 * name in Chinese characters wherever it stands (Chinese has no spaces between words: "小米手环", a Xiaomi band). Longest
 * first, so "Louis Vuitton" is one name and not "Vuitton" alone.
 */
function brandPattern(brands: readonly string[]): RegExp | undefined {
  if (!brands.length) return undefined;
  const written = [...brands]
    .sort((a, b) => b.length - a.length)
    .map((brand) =>
      HAN.test(brand)
        ? brand
        : `(?<![\\p{L}\\p{M}\\p{N}])${brand
            .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
            .replace(/\s*&\s*/g, "\\s*(?:&|\\+|and)\\s*")
            .replace(/['’]/g, "['’]?")
            .replace(/[ -]/g, "[\\s_-]*")}(?![\\p{L}\\p{M}\\p{N}])`,
    );
  return new RegExp(written.join("|"), "giu");
}

/** a word of letters only, two or more (revision 9: what is left to read once brand names are out) */
const LETTER_WORD = /(?<![\p{L}\p{M}\p{N}])[\p{L}\p{M}]{2,}(?![\p{L}\p{M}\p{N}])/u;

/** Chinese and Thai words (revision 4) stand in a text's groups for their translations; the documents are English, so
 * they are not terms (their hashes would only meet English terms by collision). */
const isTerm = (word: string | undefined) => word !== undefined && word.charCodeAt(0) < 0x0e00;

/**
 * Term hashes of a text's retrieval words: murmur3 of each word, of each word pair ("a b") and of "#" + each character n-gram of
 * "<word>", masked to the index size. The n-gram hashes are computed over the word in place (no substrings): this runs
 * for every query. The result is scratch, valid until the next call.
 */
function termCounts(ws: readonly string[], config: RetrievalConfig, groups?: readonly (readonly string[])[]): TermCounts {
  let nw = 0;
  let nc = 0;
  const maxChars = ws.reduce((s, w) => s + (w.length + 2) * config.charNgrams.length, 0);
  const maxWords = 2 * ws.length + (groups ? groups.reduce((s, g, i) => s + 2 * g.length * (groups[i + 1]?.length ?? 0), 0) : 0);
  if (wordBuffer.length < maxWords) wordBuffer = new Int32Array(2 * maxWords);
  if (charBuffer.length < maxChars) charBuffer = new Int32Array(2 * maxChars);
  // the words' counts, then the character n-grams' after them
  if (countBuffer.length < wordBuffer.length + charBuffer.length) countBuffer = new Uint16Array(wordBuffer.length + charBuffer.length);
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    if (!isTerm(w)) continue;
    wordBuffer[nw++] = murmur3(w) & MASK;
    if (!groups && isTerm(ws[i + 1])) wordBuffer[nw++] = murmur3(`${w} ${ws[i + 1]}`) & MASK;
    const first = w.charCodeAt(0);
    if (first >= 0x30 && first <= 0x39) continue;
    const length = w.length + 2;
    for (const n of config.charNgrams) {
      for (let j = 0; j + n <= length; j++) {
        let h = HASH_PREFIX;
        for (let u = j; u < j + n; u++) h = mix(h, u === 0 ? LT : u === length - 1 ? GT : w.charCodeAt(u - 1));
        charBuffer[nc++] = finish(h, n + 1) & MASK;
      }
    }
  }
  if (groups) {
    groups.forEach((group, i) => {
      // a translation's own words in order ("kitchen sink"), then every word of this group with every word of the next
      for (let j = 1; j + 1 < group.length; j++) wordBuffer[nw++] = murmur3(`${group[j]} ${group[j + 1]}`) & MASK;
      for (const a of group) {
        if (!isTerm(a)) continue;
        for (const b of groups[i + 1] ?? []) {
          if (!isTerm(b)) continue;
          wordBuffer[nw++] = murmur3(`${a} ${b}`) & MASK;
          wordBuffer[nw++] = murmur3(`${b} ${a}`) & MASK;
        }
      }
    });
  }
  const words = countRuns(wordBuffer, nw, countBuffer);
  // the character runs' counts go after the words' in the same scratch
  const chars = countRuns(charBuffer, nc, countBuffer.subarray(words.hashes.length));
  return { words, chars };
}

/**
 * A phrase read as words joined by spaces, as it stands in the (lower-cased) text: spaces, hyphens, apostrophes; a
 * phrase found only in the text read character by character as `alike` reads it — without accents ("dien thoai" in
 * "Điện thoại"), in simplified characters ("蓝牙耳机" in "藍牙耳機") — as the text writes it.
 */
function asTyped(text: string, phrase: string, alike: (character: string) => string = foldText): string {
  const pattern = new RegExp(
    phrase
      .split(" ")
      .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join("[\\s'’-]+"),
    "u",
  );
  const written = pattern.exec(text)?.[0];
  if (written !== undefined) return written;
  // the text read character by character, each character read pointing at the one it came from
  const characters = [...text];
  const from: number[] = [];
  const read = characters.map((c, i) => alike(c).replace(/[^]/gu, (r) => (from.push(i), r))).join("");
  const found = pattern.exec(read);
  if (!found) return phrase;
  const start = from[[...read.slice(0, found.index)].length]!;
  const end = from[[...read.slice(0, found.index + found[0].length)].length - 1]!;
  return characters.slice(start, end + 1).join("");
}

export class RetrievalIndex {
  private readonly idf = new Float32Array(SIZE);
  private readonly offsets = new Uint32Array(SIZE + 1);
  /** the postings, per-document and per-query arrays, in the memory of `kernels` (vector-kernels.wat) */
  private readonly kernels: VectorKernels;
  private readonly postingDocs: Uint32Array;
  private readonly postingWeights: Float32Array;
  private readonly scores: Float32Array;
  /** per document: index of its code in `codes` */
  private readonly codeOf: Uint16Array;
  /** per code: index of its heading and of its chapter */
  private readonly headingOf: Uint16Array;
  private readonly chapterOf: Uint16Array;
  /** per chapter: where its codes start in `codes` (sorted, so a chapter's codes are one range) */
  private readonly chapterStart: Uint16Array;
  /** scratch per query: votes per heading and chapter, documents with a score, votes per code */
  private readonly best4: Float32Array;
  private readonly best2: Float32Array;
  private readonly touched: Int32Array;
  private readonly votes: Float32Array;
  /** scratch per query: each code's best document score, the chapters the neighbours voted for */
  private readonly codeScores: Float32Array;
  private readonly votedChapters: number[] = [];
  /** scratch per query: the nearest documents, best first */
  private readonly nearIds: Int32Array;
  private readonly nearScores: Float32Array;
  readonly codes: readonly string[];
  private readonly keep: ReadonlySet<string>;
  /** every word the documents use (a query word outside it may be foreign) */
  private readonly known: ReadonlySet<string>;
  /** the longest of `known`: a word much longer is no typo of one (nearestKnown) */
  private readonly longestKnown: number;
  /** words looked up in the glossaries, with their English (null: none) */
  private readonly remembered = new Map<string, Read | null>();
  /** revision 4: how texts are segmented, and the hand-written glossaries with their entries of several words keyed
   * as one word ("điện_thoại") */
  private readonly segmentation: ForeignSegmentation | undefined;
  private readonly handWritten: ReadonlyMap<string, string>;
  /** the hand-written glossaries' English as written where a hyphen joins it (Translation.written), keyed as `handWritten` */
  private readonly handWrittenAsWritten: ReadonlyMap<string, string>;
  /** revision 12: the Chinese dictionary, its English read as the documents are (IndexGlossaries.dictionary) */
  private readonly dictionary: ReadonlyMap<string, string>;
  /** revision 5: the trade glossaries' entries of several words, joined after the hand-written glossaries' */
  private readonly tradeSegmentation: ForeignSegmentation | undefined;
  /** revision 5: the trade glossaries, keyed as written and folded, entries of several words as one word ("máquina_de_coser") */
  private readonly trade: ReadonlyMap<string, string>;
  /** revision 6: a trade entry's English as written where a hyphen joins it ("t-shirt"), keyed as `trade` */
  private readonly tradeAsWritten: ReadonlyMap<string, string>;
  /** foreign word → English words, applied to queries (the documents are English) */
  readonly translations: ReadonlyMap<string, string>;
  /** revision 7: traditional Chinese character → simplified, applied to queries */
  private readonly traditional: ReadonlyMap<string, string>;
  /** revision 7: Chinese and Thai units after a number read as Latin ones (latinUnits) */
  private readonly readsAsianUnits: boolean;
  /** revision 8: a Vietnamese word of one syllable typed without its accents → English (unaccentedSyllables) */
  private readonly unaccented: ReadonlyMap<string, string>;
  /** revision 8: every Vietnamese word of one syllable our glossary or declarations' filler write, without accents */
  private readonly vietnameseSyllables: ReadonlySet<string>;
  /** revision 8: DECLARATION_FILLER without accents, but for spellings that are glossary words as they stand ("nam") */
  private readonly fillerUnaccented: ReadonlySet<string>;
  /** revision 9: the brand names a line is read without (brandPattern) */
  private readonly brands: RegExp | undefined;
  /** revision 10: a word one typo away from a word the documents use, read as that word (null: none) */
  private readonly typos: Map<string, string | null> | undefined;
  /** revision 10: words of English read as written (IndexGlossaries.englishWords) */
  private readonly englishWords: ReadonlySet<string>;
  /** revision 11: reads product names as the kind of device in a line about an accessory of it (deviceReader) */
  private readonly devices: ((text: string) => DevicesRead | undefined) | undefined;
  /** revision 15: reads trade abbreviations as the words they stand for (abbreviationReader) */
  private readonly abbreviations: ((text: string) => AbbreviationsRead | undefined) | undefined;
  /**
   * the latest texts' readings (groupsOf): a combined version asks for a batch's search, its translations and whether
   * it is Asian one after another, and each asked for the same reading again (about a sixth of its time)
   */
  private readonly readings = new Map<string, Reading>();
  /** stored term weights: the model's size, reported as its parameters */
  get postings(): number {
    return this.postingWeights.length;
  }

  constructor(
    readonly documents: readonly RetrievalDocument[],
    readonly config: RetrievalConfig,
    glossaries: IndexGlossaries = {},
    /** the postings an earlier build of these documents and config stored (storedPostings): not built again */
    stored?: StoredPostings,
  ) {
    this.keep = new Set(config.keepWords);
    this.translations = glossaries.translations ?? new Map();
    const revision = config.translationRevision ?? 1;
    this.traditional = revision >= 7 ? (glossaries.traditional ?? new Map()) : new Map();
    this.readsAsianUnits = revision >= 7;
    this.brands = revision >= 9 ? brandPattern(glossaries.brands ?? []) : undefined;
    this.typos = revision >= 10 ? new Map() : undefined;
    this.englishWords = new Set(revision >= 10 ? glossaries.englishWords : []);
    this.devices = revision >= 11 ? deviceReader(glossaries.devices ?? []) : undefined;
    this.abbreviations = revision >= 15 ? abbreviationReader(glossaries.abbreviations ?? []) : undefined;
    const handWritten: [string, string][] = [];
    // each entry's English as written where a hyphen joins it ("" where none), index for index with handWritten, so
    // a key's is the one of the entry it reads as (Translation.written)
    const writtenOf: string[] = [];
    for (const [key, english] of revision >= 4 ? (glossaries.handWritten ?? []) : []) {
      // revision 7: the English read as the documents are (a translation of stop words alone says nothing)
      const read = revision >= 7 ? retrievalWords(english, undefined, this.keep).join(" ") : english;
      if (!read) continue;
      handWritten.push([key, read]);
      writtenOf.push(english.includes("-") ? english.toLowerCase() : "");
    }
    const keys = new Set(handWritten.map(([key]) => key));
    this.unaccented = revision >= 8 ? unaccentedSyllables(handWritten) : new Map();
    this.fillerUnaccented = new Set(revision >= 8 ? [...DECLARATION_FILLER].map(foldText).filter((w) => !keys.has(w)) : []);
    this.vietnameseSyllables = new Set(
      revision >= 8 ? [...VIETNAMESE_FILLER, ...handWritten.map(([key]) => key).filter((key) => LATIN_WORD.test(key))].map(foldText) : [],
    );
    if (revision >= 5) {
      // a Vietnamese entry of several words is also found typed without its accents ("dien thoai"), as lines often
      // are; a single syllable is not (without accents it is a word of any language: "may", "ban"), but from revision 8
      // in a line typed without any accent (unaccentedSyllables)
      for (const [i, [key, english]] of [...handWritten].entries()) {
        const folded = foldText(key);
        if (!key.includes(" ") || keys.has(folded)) continue;
        keys.add(folded);
        handWritten.push([folded, english]);
        writtenOf.push(writtenOf[i]!);
      }
    }
    // revision 5: a trade entry is found as written and without accents ("maquina de coser"), a hyphen or an apostrophe
    // joining as a space does ("lave-vaisselle", "huile d'olive"); its English is read as the documents are ("t-shirts"
    // → shirt). A phrase read as the words it is made of is English ("t-shirt": shirt), not joined.
    const trade: [string, string][] = [];
    const tradePhrases: string[] = [];
    const asWritten: [string, string][] = [];
    for (const [key, translation] of revision >= 5 ? (glossaries.trade ?? []) : []) {
      const english = retrievalWords(translation, undefined, this.keep);
      if (!english.length) continue;
      const spaced = key.replace(/[-'’]/g, " ");
      const isEnglish = retrievalWords(spaced, undefined, this.keep).every((w) => english.includes(w));
      for (const k of new Set([spaced, foldText(spaced)])) {
        trade.push([k, english.join(" ")]);
        if (!isEnglish) tradePhrases.push(k);
        if (revision >= 6 && translation.includes("-")) asWritten.push([k, translation.toLowerCase()]);
      }
    }
    if (trade.length) this.tradeSegmentation = foreignSegmentation(tradePhrases, true);
    const dictionary: [string, string][] = [];
    for (const [key, english] of revision >= 12 ? (glossaries.dictionary ?? []) : []) {
      const read = retrievalWords(english, undefined, this.keep).join(" ");
      if (read && !keys.has(key)) dictionary.push([key, read]);
    }
    this.dictionary = new Map(dictionary);
    // revision 13: glossary words of Latin letters and Chinese characters ("u盘", "pvc薄膜") found as they are written
    if (revision >= 4)
      this.segmentation = foreignSegmentation(
        handWritten.map(([key]) => key),
        false,
        this.dictionary.keys(),
        revision >= 13,
      );
    const joined = (entries: (readonly [string, string])[]) => new Map(entries.map(([key, english]) => [key.replaceAll(" ", "_"), english]));
    this.handWritten = joined(handWritten);
    this.handWrittenAsWritten = joined(handWritten.map(([key], i) => [key, writtenOf[i]!] as const));
    // the first spelling listed wins, as in the files
    this.trade = joined([...trade].reverse());
    this.tradeAsWritten = joined([...asWritten].reverse());
    const n = documents.length;
    let built: ReturnType<RetrievalIndex["countTerms"]> | undefined;
    if (stored) {
      if (stored.offsets.length !== SIZE + 1 || stored.docs.length !== stored.offsets[SIZE] || stored.weights.length !== stored.docs.length) {
        throw new RangeError("stored postings of another shape");
      }
      this.offsets.set(stored.offsets);
      this.known = new Set(stored.known);
      // a term has an idf where it is indexed, and then as many postings as its document frequency counted at build
      for (let h = 0; h < SIZE; h++) {
        const df = this.offsets[h + 1]! - this.offsets[h]!;
        if (df > 0) this.idf[h] = idfOf(df, n);
      }
    } else {
      built = this.countTerms();
      this.known = built.known;
    }
    let longestKnown = 0;
    for (const word of this.known) longestKnown = Math.max(longestKnown, word.length);
    this.longestKnown = longestKnown;
    const codes = [...new Set(documents.map((d) => d.code))].sort();
    ({
      kernels: this.kernels,
      arrays: {
        postingDocs: this.postingDocs,
        postingWeights: this.postingWeights,
        scores: this.scores,
        touched: this.touched,
        codeOf: this.codeOf,
        codeScores: this.codeScores,
        nearIds: this.nearIds,
        nearScores: this.nearScores,
      },
    } = kernelsWith({
      postingDocs: ["u32", this.offsets[SIZE]!],
      postingWeights: ["f32", this.offsets[SIZE]!],
      scores: ["f32", n],
      // one more than the documents: accumulate_postings writes the slot after the last touched one
      touched: ["i32", n + 1],
      codeOf: ["u16", n],
      codeScores: ["f32", codes.length],
      nearIds: ["i32", Math.max(config.neighbours, MAX_KEPT_DOCUMENTS)],
      nearScores: ["f32", Math.max(config.neighbours, MAX_KEPT_DOCUMENTS)],
    }));
    if (built) {
      const { hashes, tfs, wordsEnd, documentEnd } = built;
      const fill = this.offsets.slice(0, SIZE);
      for (let d = 0, start = 0; d < n; start = documentEnd[d++]!) {
        const v = this.vectorOf({
          words: { hashes: hashes.subarray(start, wordsEnd[d]), counts: tfs.subarray(start, wordsEnd[d]) },
          chars: { hashes: hashes.subarray(wordsEnd[d], documentEnd[d]), counts: tfs.subarray(wordsEnd[d], documentEnd[d]) },
        });
        for (let k = 0; k < v.terms.length; k++) {
          const at = fill[v.terms[k]!]!++;
          this.postingDocs[at] = d;
          this.postingWeights[at] = v.weights[k]!;
        }
      }
    } else {
      // read back: the shape was checked above
      this.postingDocs.set(stored!.docs);
      this.postingWeights.set(stored!.weights);
    }
    const codeIndex = new Map(codes.map((c, i) => [c, i]));
    this.codes = codes;
    documents.forEach((d, i) => (this.codeOf[i] = codeIndex.get(d.code)!));
    const groups = (length: number) => {
      const index = new Map<string, number>();
      const of = Uint16Array.from(codes, (c) => {
        const key = c.slice(0, length);
        if (!index.has(key)) index.set(key, index.size);
        return index.get(key)!;
      });
      return { of, best: new Float32Array(index.size) };
    };
    ({ of: this.headingOf, best: this.best4 } = groups(4));
    ({ of: this.chapterOf, best: this.best2 } = groups(2));
    this.chapterStart = new Uint16Array(this.best2.length + 1);
    for (let i = codes.length - 1; i >= 0; i--) this.chapterStart[this.chapterOf[i]!] = i;
    this.chapterStart[this.best2.length] = codes.length;
    this.votes = new Float32Array(codes.length);
  }

  /**
   * Every document's distinct terms and their counts, one document after another (words and pairs, then character
   * n-grams), and the words they use; sets idf and the postings' offsets. Counted once, weighted when the document
   * frequencies are known.
   */
  private countTerms() {
    const { documents, config } = this;
    const n = documents.length;
    let hashes = new Int32Array(1 << 20);
    let tfs = new Uint16Array(1 << 20);
    const wordsEnd = new Uint32Array(n);
    const documentEnd = new Uint32Array(n);
    let used = 0;
    const df = new Uint32Array(SIZE);
    // only words the documents do not use are translated: an English word never goes through a foreign glossary
    const known = new Set<string>();
    for (let d = 0; d < n; d++) {
      const start = used;
      const ws = retrievalWords(documents[d]!.text, undefined, this.keep);
      for (const w of ws) known.add(w);
      const c = termCounts(ws, config);
      const size = used + c.words.hashes.length + c.chars.hashes.length;
      if (size > hashes.length) {
        const grownHashes = new Int32Array(2 * size);
        const grownTfs = new Uint16Array(2 * size);
        grownHashes.set(hashes.subarray(0, used));
        grownTfs.set(tfs.subarray(0, used));
        [hashes, tfs] = [grownHashes, grownTfs];
      }
      hashes.set(c.words.hashes, used);
      tfs.set(c.words.counts, used);
      wordsEnd[d] = used + c.words.hashes.length;
      hashes.set(c.chars.hashes, wordsEnd[d]);
      tfs.set(c.chars.counts, wordsEnd[d]);
      used = documentEnd[d] = size;
      for (let k = start; k < used; k++) df[hashes[k]!]!++;
    }
    const maxDf = Math.max(2, config.maxDocumentShare * n);
    for (let h = 0; h < SIZE; h++) if (df[h]! > 0 && df[h]! <= maxDf) this.idf[h] = idfOf(df[h]!, n);
    // a term is indexed where it has an idf (vectorOf keeps exactly those)
    for (let k = 0; k < used; k++) if (this.idf[hashes[k]!]) this.offsets[hashes[k]! + 1]!++;
    for (let h = 0; h < SIZE; h++) this.offsets[h + 1]! += this.offsets[h]!;
    return { hashes, tfs, wordsEnd, documentEnd, known };
  }

  /** What building this index computed, for a later process to read instead (views, valid while the index lives). */
  storedPostings(): StoredPostings {
    return { offsets: this.offsets, docs: this.postingDocs, weights: this.postingWeights, known: [...this.known] };
  }

  /**
   * Whether stored postings hold what this code builds from these documents: CHECKED_DOCUMENTS of them, spread over
   * all, are read again, their words must be known and each of their weighted terms must be a posting with the same
   * weight. A change to how texts are read, hashed or weighted fails it, and the index is built again.
   */
  agreesWithItsDocuments(): boolean {
    const n = this.documents.length;
    const step = Math.max(1, Math.floor(n / CHECKED_DOCUMENTS));
    for (let d = 0; d < n; d += step) {
      const ws = retrievalWords(this.documents[d]!.text, undefined, this.keep);
      if (!ws.every((w) => this.known.has(w))) return false;
      const v = this.vectorOf(termCounts(ws, this.config));
      for (let k = 0; k < v.terms.length; k++) {
        // the first of the term's postings for d (a word and an n-gram can share a hash: then d has two, in that order)
        let at = this.offsets[v.terms[k]!]!;
        let end = this.offsets[v.terms[k]! + 1]!;
        const last = end;
        while (at < end) {
          const middle = (at + end) >>> 1;
          if (this.postingDocs[middle]! < d) at = middle + 1;
          else end = middle;
        }
        let found = false;
        for (; at < last && this.postingDocs[at] === d; at++) found ||= this.postingWeights[at] === v.weights[k];
        if (!found) return false;
      }
    }
    return true;
  }

  /**
   * A text is translated only when most of its words are unknown to the documents (a foreign line), and then only
   * its unknown words: an English ruling never goes through a foreign glossary.
   */
  private translatorFor(plain: readonly string[]): ((word: string) => string | undefined) | undefined {
    if (!this.translations.size) return undefined;
    const words = plain.filter((w) => !/\d/.test(w));
    const known = words.filter((w) => this.known.has(w)).length;
    if (!words.length || known / words.length >= 0.5) return undefined;
    // remembered (translatedWord): for a word given as folded, the lookup is translateWord's
    return (word) => (this.known.has(stem(word)) ? undefined : this.translatedWord(word, word)?.english);
  }

  /**
   * A text's word groups (retrievalGroups) under revision 1, 2 or 4 (RetrievalConfig.translationRevision), whether it
   * was read as foreign, then its translated words as written with the English they were read as, and (revision 4)
   * whether it is written in Chinese, Vietnamese or Thai.
   */
  private groupsOf(written: string): Reading {
    const remembered = this.readings.get(written);
    if (remembered) return remembered;
    const reading = this.readingWithoutBrands(written);
    if (this.readings.size >= READINGS_REMEMBERED) this.readings.clear();
    this.readings.set(written, reading);
    return reading;
  }

  private readingWithoutBrands(written: string): Reading {
    const text = this.withoutBrands(written);
    // revision 15: a line with trade abbreviations is read with their words, if it is then read as English (a foreign
    // line's English words would only be counted against its language)
    const abbreviated = this.abbreviations?.(text);
    if (abbreviated) {
      const reading = this.readingOfDevices(abbreviated.text);
      if (!reading.foreign && !reading.asian) return { ...reading, abbreviations: abbreviated.read };
    }
    return this.readingOfDevices(text);
  }

  private readingOfDevices(text: string): Reading {
    // revision 11: a line about an accessory of a named device is read with the kind of device instead of its name
    // ("iPhone 15 case" as "phone case", "Funda iPhone 15" as "funda phone"), unless it is then read as Chinese,
    // Vietnamese or Thai, whose accessory words it does not know
    const accessory = this.devices?.(text);
    if (accessory) {
      const reading = this.readingOf(accessory.text, new Set(accessory.read.map((d) => d.device)));
      if (!reading.asian) return { ...reading, devices: accessory.read };
    }
    return this.readingOf(text);
  }

  /**
   * groupsOf's reading of a text without its brand names; `neither`: words that count for neither English nor a foreign
   * language (revision 11: the kind of device written in place of a name, in a line that may be foreign).
   */
  private readingOf(text: string, neither?: ReadonlySet<string>): Reading {
    const read: Translation[] = [];
    const noting = (word: string, english: string | undefined) => {
      if (english) read.push({ word, english });
      return english;
    };
    if (this.config.translationRevision === 1 || this.config.translationRevision === undefined) {
      const plain = retrievalGroups(text, undefined, this.keep);
      const translate = this.translatorFor(plain.flat());
      if (!translate) return { groups: plain, foreign: false, read };
      return { groups: retrievalGroups(text, (word, written) => noting(written, translate(word)), this.keep), foreign: true, read };
    }
    const segmentation = this.segmentation;
    // revision 7: traditional characters simplified, Chinese and Thai units after a number read as Latin ones
    const normalized = this.readsAsianUnits ? latinUnits(this.simplified(text)) : text;
    const handSegmented = segmentation ? segmentForeign(normalized, segmentation) : normalized;
    const segmented = this.tradeSegmentation ? segmentForeign(handSegmented, this.tradeSegmentation) : handSegmented;
    // revision 4: a line in Chinese or Thai, with letters only Vietnamese writes, or with a hand-written entry of
    // several words (segmentForeign joined it: "cà_phê") is read with the hand-written glossaries only
    const asian =
      segmentation !== undefined &&
      (ASIAN_LINE.test(text.normalize("NFC").toLowerCase()) ||
        (segmented.includes("_") && segmented.split(/[^\p{L}\p{M}\p{N}_]+/u).some((w) => w.includes("_") && this.handWritten.has(w))) ||
        this.typedVietnamese(normalized));
    // revision 8: a Vietnamese line typed without any accent also reads its words of one syllable by their unaccented
    // spelling (in a line with accents, a word without them is written so: "pin", a battery; "cao su", rubber), and a
    // Vietnamese line's search leaves out what a declaration says besides the goods
    const vietnamese = asian && this.unaccented.size > 0 && !HAN_OR_THAI.test(normalized);
    const withoutAccents = vietnamese && this.typedWithoutAccents(normalized);
    const reading = this.readWords(vietnamese ? this.withoutDeclarationFiller(segmented, withoutAccents) : segmented, asian, withoutAccents, neither);
    // unless they know none of its words and it has Latin ones: an English title with a stray character ("100锛 Human
    // Hair") is read as any other line
    if (asian && !reading.read.length && /[a-z]{3}/.test(foldText(segmented)))
      return { ...this.readWords(segmented, false, false, neither), asian: false };
    // revision 5: a line read as English reads a trade phrase it has as its words ("t-shirt", "eau de toilette")
    if (!asian && !reading.foreign && segmented !== handSegmented) return { ...this.readWords(handSegmented, false, false, neither), asian: false };
    return { ...reading, asian };
  }

  /**
   * Revision 8: whether a line without accents is Vietnamese typed without them though it has no entry of several
   * syllables ("tui giay", "muoi"). Its words of one syllable that our glossary or declarations' filler write so count
   * as Vietnamese unless they are English or a stop word; at least one must be no word of the five other languages'
   * glossaries either ("tui", a bag; not "sac", a French bag or a Vietnamese charger), and together they must outnumber
   * the English and other-language words — or be more than half the line's words when it has none. Brands and product
   * codes count for neither ("Xiaomi Mi Band" stays English).
   */
  private typedVietnamese(text: string): boolean {
    if (!this.typedWithoutAccents(text)) return false;
    const tokens = (PLAIN.test(text) ? text.toLowerCase() : foldText(text)).match(/[a-z0-9]+/g) ?? [];
    const english = (word: string) => this.known.has(stem(word)) || isStopWord(word);
    const european = (word: string) => this.trade.has(word) || this.translations.has(word);
    // most lines have no such word: the count below runs for the few that do
    if (!tokens.some((w) => this.vietnameseSyllables.has(w) && !english(w) && !european(w))) return false;
    const words = tokens.filter((w) => !/\d/.test(w));
    let [vietnamese, other] = [0, 0];
    for (const word of words) {
      if (english(word)) other++;
      else if (this.vietnameseSyllables.has(word)) vietnamese++;
      else if (european(word)) other++;
    }
    return other === 0 ? 2 * vietnamese > words.length : vietnamese > other;
  }

  /**
   * Revision 8: a Vietnamese line without what declarations say besides the goods, which its search read as words of
   * no language ("hàng" met "hang gliders", "xuất xứ Việt Nam" added "nam", men): the origin ("xuất xứ …", "made in …"
   * up to a comma), "hàng mới 100%", and filler syllables a glossary phrase does not hold ("của", "nhãn hiệu", "loại").
   * `withoutAccents`: the line is typed without them, so the filler is found by its unaccented spelling, but for a
   * spelling that is a glossary word as it stands ("nam", men).
   */
  private withoutDeclarationFiller(text: string, withoutAccents: boolean): string {
    const filler = withoutAccents ? this.fillerUnaccented : DECLARATION_FILLER;
    return text
      .replace(ORIGIN_CLAUSE, " ")
      .replace(NEW_CLAUSE, " ")
      .replace(/[\p{L}\p{M}_]+/gu, (word) => (filler.has(word.normalize("NFC").toLowerCase()) ? " " : word));
  }

  /**
   * Revision 9: a text without its brand names (each left as a space), or as it stands when it has none or nothing else
   * to read is left: no word of letters ("SAMSUNG", "Samsung 128GB").
   */
  private withoutBrands(text: string): string {
    if (!this.brands) return text;
    const nfc = text.normalize("NFC");
    const left = nfc.replace(this.brands, " ");
    return left !== nfc && LETTER_WORD.test(left) ? left : text;
  }

  /**
   * Revision 10: the word (a stem, as groups hold them) the documents use one typo away from a word they do not — a
   * letter dropped, added or changed, or two swapped ("refrigirator", "machinne", "toools"), the most frequent of several
   * — or null: a word of letters only, five or more.
   */
  private typoRead(word: string): string | null {
    const typos = this.typos!;
    const remembered = typos.get(word);
    if (remembered !== undefined) return remembered;
    const best = this.englishWords.has(word) ? null : this.nearestKnown(word);
    if (typos.size >= TRANSLATED_WORDS_REMEMBERED) typos.clear();
    typos.set(word, best);
    return best;
  }

  /**
   * Of a list of English words, as the search reads them (stems), those the documents do not use and that are one typo
   * away from a word they do: the words revision 10 must be told are words (a retrieval.json keeps only these of
   * fixtures/glossary/english-words.txt).
   */
  typoLikeWords(words: readonly string[]): string[] {
    return [...new Set(words.map(stem))].filter((w) => this.nearestKnown(w) !== null);
  }

  /**
   * The most frequent word the documents use one typo away from a word of five letters or more they do not use. A word
   * more than three letters longer than their longest has none (a candidate is at most one letter shorter, its stem at
   * most two more): it is not searched, which would cost the square of its length.
   */
  private nearestKnown(word: string): string | null {
    let best: string | null = null;
    if (word.length >= 5 && word.length - 3 <= this.longestKnown && /^[a-z]+$/.test(word) && !this.known.has(word)) {
      let bestIdf = Infinity;
      const consider = (candidate: string) => {
        const s = stem(candidate);
        if (!this.known.has(s)) return;
        const idf = this.idf[murmur3(s) & MASK]!;
        if (idf && idf < bestIdf) [best, bestIdf] = [s, idf];
      };
      const letters = "abcdefghijklmnopqrstuvwxyz";
      for (let i = 0; i <= word.length; i++) {
        const [a, b] = [word.slice(0, i), word.slice(i)];
        if (b) consider(a + b.slice(1));
        if (b.length > 1) consider(a + b[1] + b[0] + b.slice(2));
        for (const c of letters) {
          if (b) consider(a + c + b.slice(1));
          consider(a + c + b);
        }
      }
    }
    return best;
  }

  /** The misspelt words of a text and the documents' words read instead (revision 10; none for a foreign line). */
  typosOf(text: string): Typo[] {
    if (!this.typos) return [];
    const seen = new Set<string>();
    return (this.groupsOf(text).typos ?? []).filter((t) => !seen.has(t.word) && seen.add(t.word)).map((t) => ({ ...t }));
  }

  /** Whether lines are read without their brand names (revision 9, with a list of them). */
  get readsBrands(): boolean {
    return this.brands !== undefined;
  }

  /** Whether product names are read as the kind of device they name in a line about an accessory (revision 11). */
  get readsDevices(): boolean {
    return this.devices !== undefined;
  }

  /** The product names a text was read as the kind of device they name (revision 11; none for a line read as Chinese, Vietnamese or Thai). */
  devicesOf(text: string): DeviceRead[] {
    return this.devices ? (this.groupsOf(text).devices ?? []).map((d) => ({ ...d })) : [];
  }

  /** Whether trade abbreviations are read as the words they stand for (revision 15). */
  get readsAbbreviations(): boolean {
    return this.abbreviations !== undefined;
  }

  /** The trade abbreviations of a text, as written, and the words read instead (revision 15; none for a foreign line). */
  abbreviationsOf(text: string): AbbreviationRead[] {
    return this.abbreviations ? (this.groupsOf(text).abbreviations ?? []).map((a) => ({ ...a })) : [];
  }

  /** Whether misspelt words are read as the documents' words one typo away (revision 10). */
  get readsTypos(): boolean {
    return this.typos !== undefined;
  }

  /** The brand names a text was read without (revision 9), as written. */
  brandsOf(text: string): string[] {
    if (!this.brands) return [];
    const nfc = text.normalize("NFC");
    if (nfc === this.withoutBrands(nfc)) return [];
    return [...new Set(Array.from(nfc.matchAll(this.brands), (m) => m[0]))];
  }

  /** Revision 8: a line in Latin letters without a single accent, which may be Vietnamese typed so. */
  private typedWithoutAccents(text: string): boolean {
    return this.unaccented.size > 0 && (PLAIN.test(text) || (!HAN_OR_THAI.test(text) && !ACCENTED.test(text.normalize("NFD"))));
  }

  /** A text with its traditional Chinese characters simplified (revision 7; one character for one, so lengths hold). */
  private simplified(text: string): string {
    if (!this.traditional.size || !HAN.test(text)) return text;
    return text.replace(HAN_CHARACTER, (c) => this.traditional.get(c) ?? c);
  }

  /**
   * Revision 2 and 4's reading of a text's words (groupsOf), `asian`: with the hand-written glossaries only;
   * `withoutAccents` (revision 8): Vietnamese typed without accents, its words of one syllable read by that spelling.
   */
  private readWords(
    text: string,
    asian: boolean,
    withoutAccents = false,
    neither?: ReadonlySet<string>,
  ): { groups: string[][]; foreign: boolean; read: Translation[]; typos?: Typo[] } {
    const read: Translation[] = [];
    let english = 0;
    let foreign = 0;
    const readAsForeign = new Set<string>();
    const scripts = this.segmentation !== undefined;
    const groups = retrievalGroups(
      text,
      (word, written, stopWord) => {
        if ((!this.translations.size && !this.handWritten.size && !this.trade.size) || /\d/.test(word) || neither?.has(word)) return undefined;
        const accented = written !== word;
        // a word an entry writes without accents ("cam", orange) is read as before
        const syllable = withoutAccents && !accented && !this.handWritten.has(word) ? this.unaccented.get(word) : undefined;
        if (syllable) {
          foreign++;
          read.push({ word: written, english: syllable });
          return syllable;
        }
        if (stopWord) {
          // revision 6: only our trade glossaries, only as written ("thé" tea; "à" stays a stop word)
          if (!accented || asian || !this.trade.has(written)) return undefined;
          foreign++;
          const translated = this.tradeRead(written);
          read.push({ word: written, ...translated });
          return translated.english;
        }
        if (!accented && this.known.has(stem(word))) {
          // revision 5: a trade word the tariff uses otherwise counts for neither language ("couches": diapers or
          // couches; "hose": trousers or hose) and is read as trade English where the line is foreign ("motor", a motor
          // in both, is English)
          const trade = this.trade.get(word);
          if (trade && !trade.split(" ").includes(stem(word))) {
            read.push({ word: written, ...this.tradeRead(word) });
            return trade;
          }
          english++;
          return undefined;
        }
        const translated = this.translatedWord(word, written, asian);
        if (translated || accented) {
          foreign++;
          readAsForeign.add(stem(word));
        }
        // a glossary entry of several words is shown as written ("điện thoại")
        if (translated) read.push({ word: scripts ? written.replaceAll("_", " ") : written, ...translated });
        return translated?.english;
      },
      this.keep,
      scripts,
      (this.config.translationRevision ?? 1) >= 6,
      (this.config.translationRevision ?? 1) >= 14,
    );
    // a line in Chinese, Vietnamese or Thai is foreign whatever English words it has ("Điện thoại Samsung Galaxy")
    if (foreign > 0 && (asian || foreign >= english)) return { groups, foreign: true, read };
    // revision 10: a line read as English reads its misspelt words as the documents' words one typo away, but for a
    // word a glossary read (a foreign word in an English line)
    if (!this.typos || asian) return { groups: groups.map((g) => [g[0]!]), foreign: false, read: [] };
    const typos: Typo[] = [];
    const corrected = (word: string) => {
      const read = readAsForeign.has(word) ? null : this.typoRead(word);
      if (read) typos.push({ word, read });
      return read ?? word;
    };
    return { groups: groups.map((g) => [corrected(g[0]!)]), foreign: false, read: [], typos };
  }

  /**
   * A word's English (translateForeign: as written first when it has accents; revision 1 gives the folded word as
   * both), then the hand-written glossaries' as written; for a line in Chinese, Thai or Vietnamese (`asian`)
   * the hand-written glossaries' only: "rang" is roasted there, not the French for a row, and a word's endings or parts
   * are never looked up in them ("herrenhosen" ends in "nho", Vietnamese for grapes). Remembered: the same brand
   * names and abbreviations come back line after line, and an unknown word costs up to a few hundred glossary lookups
   * (its endings, then its parts). Forgotten all at once past TRANSLATED_WORDS_REMEMBERED.
   */
  private translatedWord(folded: string, written: string, asian = false): Read | undefined {
    const key = `${asian ? "\u0001" : ""}${written === folded ? folded : `${folded}\u0000${written}`}`;
    let read = this.remembered.get(key);
    if (read === undefined) {
      const handWritten = this.handWritten.get(written);
      const trade = asian ? undefined : this.tradeKey(folded, written);
      const english = trade ? undefined : asian ? handWritten : (translateForeign(written, folded, this.translations) ?? handWritten);
      // revision 12: a Chinese word the glossary lacks, through the dictionary
      const fromDictionary = asian && !english ? this.dictionary.get(written) : undefined;
      const asWritten = english !== undefined && english === handWritten ? this.handWrittenAsWritten.get(written) : undefined;
      read = trade
        ? this.tradeRead(trade)
        : english
          ? { english, ...(asWritten ? { written: asWritten } : {}) }
          : fromDictionary
            ? { english: fromDictionary, dictionary: true }
            : null;
      if (this.remembered.size >= TRANSLATED_WORDS_REMEMBERED) this.remembered.clear();
      this.remembered.set(key, read);
    }
    return read ?? undefined;
  }

  /** A trade glossary entry's English (its key as in `trade`), with its English as written where that differs (revision 6). */
  private tradeRead(key: string): Read {
    const asWritten = this.tradeAsWritten.get(key);
    return { english: this.trade.get(key)!, ...(asWritten ? { asWritten } : {}) };
  }

  /**
   * Where a word is in the trade glossaries (revision 5; its key there): as written, folded, then, unless a dictionary has the word
   * as it stands, without a plural ending ("cerillas": cerilla, "schrauben": schraube). Exact forms before plurals,
   * ours before the dictionaries'. Only endings added, none replaced: the glossaries of five languages are one, and
   * replacing endings made the Polish "piłki" (balls) a Spanish "pila" (battery).
   */
  private tradeKey(folded: string, written: string): string | undefined {
    if (!this.trade.size) return undefined;
    const exact = this.trade.has(written) ? written : this.trade.has(folded) ? folded : undefined;
    if (exact || folded.includes("_") || this.translations.has(written) || this.translations.has(folded)) return exact;
    for (const ending of PLURAL_ENDINGS) {
      const singular = folded.slice(0, -ending.length);
      if (folded.length - ending.length >= 3 && folded.endsWith(ending) && this.trade.has(singular)) return singular;
    }
    return undefined;
  }

  /**
   * Whether a text is written in Chinese, Vietnamese or Thai (revision 4): in Chinese or Thai script, with letters only
   * Vietnamese writes, or with a hand-written entry of several words. Its words are read through the hand-written
   * glossaries only, those they do not know not at all.
   */
  readAsAsian(text: string): boolean {
    return this.groupsOf(text).asian === true;
  }

  /**
   * The words of a text the index read through its glossaries, as written, with their English (none: read as English).
   * An entry of several words is shown as typed: "lave-vaisselle", "huile d’olive" (read joined by spaces).
   */
  translationsOf(text: string): Translation[] {
    const seen = new Set<string>();
    const lower = text.normalize("NFC").toLowerCase();
    return this.groupsOf(text)
      .read.map((t) =>
        t.word.includes(" ")
          ? { ...t, word: asTyped(lower, t.word) }
          : // a Chinese word read in simplified characters, as the text writes it (revision 7)
            this.traditional.size && HAN.test(t.word)
            ? { ...t, word: asTyped(lower, t.word, (c) => this.traditional.get(c) ?? c) }
            : { ...t },
      )
      .filter((t) => !seen.has(t.word) && seen.add(t.word));
  }

  /**
   * TF-IDF (1 + log tf) per group, each group L2-normalised and weighted so a dot product is the blended cosine. The
   * result is scratch, valid until the next call (once per document at load, once per query).
   */
  private vectorOf(c: TermCounts): Vector {
    const length = c.words.hashes.length + c.chars.hashes.length;
    if (vectorTerms.length < length) [vectorTerms, vectorWeights] = [new Int32Array(2 * length), new Float32Array(2 * length)];
    const [terms, weights] = [vectorTerms, vectorWeights];
    let n = 0;
    const group = (map: TermCounts["words"], share: number) => {
      const start = n;
      let norm = 0;
      for (let i = 0; i < map.hashes.length; i++) {
        const h = map.hashes[i]!;
        const idf = this.idf[h]!;
        if (!idf) continue;
        const w = (1 + Math.log(map.counts[i]!)) * idf;
        terms[n] = h;
        // kept as float64 until scaled, as before: the weights must not change with the code that computes them
        weights64[n++] = w;
        norm += w * w;
      }
      const scale = norm ? Math.sqrt(share) / Math.sqrt(norm) : 0;
      for (let k = start; k < n; k++) weights[k] = weights64[k]! * scale;
    };
    if (weights64.length < length) weights64 = new Float64Array(2 * length);
    group(c.words, this.config.wordWeight);
    group(c.chars, 1 - this.config.wordWeight);
    return { terms: terms.subarray(0, n), weights: weights.subarray(0, n) };
  }

  /** A text's query vector: its terms the index holds, weighted (scratch, as vectorOf's). */
  private queryOf(text: string): Vector {
    const { groups, foreign } = this.groupsOf(text);
    const pairs = foreign && (this.config.translationRevision ?? 1) >= 2 ? groups : undefined;
    return this.vectorOf(termCounts(groups.flat(), this.config, pairs));
  }

  /**
   * Whether no tariff line shares a word or a part of a word with a text (no term of it is indexed): its codes then
   * come from nothing in it, and its evidence is empty. Costs the reading of the text, not a search.
   */
  readsNothing(text: string): boolean {
    return this.queryOf(text).terms.length === 0;
  }

  /**
   * Scores of every subheading for one text (into `out`, indexed like `codes`): the similarity of its best document,
   * plus the weighted votes of the nearest documents for it, its heading and its chapter. Returns the best
   * `keepDocuments` documents, best first (the evidence).
   */
  score(text: string, out: Float32Array, keepDocuments = 0): DocumentHit[] {
    const q = this.queryOf(text);
    const { kernels, scores, touched, codeOf, codeScores, nearIds, nearScores, votes, best4, best2, headingOf, chapterOf, offsets } = this;
    // every document's similarity: the query's terms' postings, walked in WebAssembly
    let count = 0;
    for (let k = 0; k < q.terms.length; k++) {
      const t = q.terms[k]!;
      count = kernels.accumulate_postings(
        this.postingDocs.byteOffset,
        this.postingWeights.byteOffset,
        scores.byteOffset,
        touched.byteOffset,
        offsets[t]!,
        offsets[t + 1]!,
        q.weights[k]!,
        count,
      );
    }
    // each code's best document and the k nearest documents (then the scores are zero again for the next query)
    const k = Math.max(this.config.neighbours, keepDocuments);
    if (k > nearIds.length) throw new RangeError(`at most ${nearIds.length} documents can be kept as evidence`);
    codeScores.fill(0);
    const kept = kernels.gather_nearest(
      scores.byteOffset,
      touched.byteOffset,
      count,
      codeOf.byteOffset,
      codeScores.byteOffset,
      nearIds.byteOffset,
      nearScores.byteOffset,
      k,
    );
    out.set(codeScores);
    // the votes touch only the voters' chapters: only their codes' scores change (votes, best4 and best2 are zero
    // elsewhere, and are zeroed again after use)
    const voters = Math.min(kept, this.config.neighbours);
    const votedChapters = this.votedChapters;
    votedChapters.length = 0;
    for (let i = 0; i < voters; i++) {
      const c = codeOf[nearIds[i]!]!;
      const v = nearScores[i]! ** this.config.votePower;
      votes[c]! += v;
      best4[headingOf[c]!]! += v;
      best2[chapterOf[c]!]! += v;
      if (!votedChapters.includes(chapterOf[c]!)) votedChapters.push(chapterOf[c]!);
    }
    const { headingWeight, chapterWeight, voteWeight } = this.config;
    for (const chapter of votedChapters) {
      for (let i = this.chapterStart[chapter]!, end = this.chapterStart[chapter + 1]!; i < end; i++) {
        out[i] = out[i]! + voteWeight * votes[i]! + headingWeight * best4[headingOf[i]!]! + chapterWeight * best2[chapterOf[i]!]!;
      }
    }
    for (let i = 0; i < voters; i++) {
      const c = codeOf[nearIds[i]!]!;
      votes[c] = 0;
      best4[headingOf[c]!] = 0;
      best2[chapterOf[c]!] = 0;
    }
    const hits: DocumentHit[] = [];
    for (let i = 0; i < Math.min(kept, keepDocuments); i++) hits.push({ document: nearIds[i]!, score: nearScores[i]! });
    return hits;
  }

  /**
   * The k best subheadings for one text as indices into `codes`, best first (equal scores: the lower index first),
   * every score left in `out` as `score` gives it. Ranked in WebAssembly (topIndices) over all 5,612
   * codes: every code the text did not score scores 0, so they come last, by index.
   */
  best(text: string, k: number, out: Float32Array): number[] {
    this.score(text, out);
    return topIndices(out, 0, out.length, Math.min(k, out.length));
  }
}
