// Node-only: the documents a retrieval model indexes, all of them text we may train on: every US HTS line with its full
// indented path, the Schedule B lines of the training split (held-out lines stay out, as for the neural models), the
// HS 2022 nomenclature (subheading with its heading) and the goods glossaries a version names (fixtures/glossary). The real
// evaluation sets are never read here.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { parseCsvRecords } from "../../workbench/csv";
import { splitOf } from "../../workbench/data/text-split";
import { loadSourceLines } from "../../workbench/data/text-sources";
import { fixturesDir, loadCrosswalk, loadNomenclature } from "../../workbench/hs/load-fixtures";
import type { RetrievalDocument } from "./retrieval-index";
import { HAND_WRITTEN_LANGUAGES, isHandWritten, TRANSLATED_LANGUAGES, type TranslatedLanguage } from "./retrieval-text";

/** the hand-written goods glossaries (fixtures/glossary) a version may index or learn, by name (config `glossaries`) */
export const GLOSSARIES = {
  "everyday-goods": "glossary/everyday-goods.csv",
  "marketplace-goods": "glossary/marketplace-goods.csv",
  "industrial-goods": "glossary/industrial-goods.csv",
  "device-goods": "glossary/device-goods.csv",
  "compound-goods": "glossary/compound-goods.csv",
} as const;
export type GlossaryName = keyof typeof GLOSSARIES;
export const GLOSSARY_NAMES = Object.keys(GLOSSARIES) as [GlossaryName, ...GlossaryName[]];
/** a config's `glossaries`: versions that name none read the everyday-goods glossary alone, as before the option */
export const glossariesSchema = z.array(z.enum(GLOSSARY_NAMES)).min(1).default(["everyday-goods"]);

export function tariffDocuments(
  inScope: (hs6: string) => boolean = () => true,
  glossaries: readonly GlossaryName[] = ["everyday-goods"],
): RetrievalDocument[] {
  const nomenclature = loadNomenclature();
  const documents: RetrievalDocument[] = [];
  for (const line of loadSourceLines(loadCrosswalk()).lines) {
    if (!nomenclature.has(line.hs6) || !inScope(line.hs6)) continue;
    if (line.source === "us-hts") documents.push({ code: line.hs6, text: line.longText, source: `HTS ${line.code10}` });
    else if (splitOf(line) === "train") documents.push({ code: line.hs6, text: line.longText || line.text, source: `Schedule B ${line.code10}` });
  }
  for (const sub of nomenclature.subheadings()) {
    if (!inScope(sub.code)) continue;
    const heading = nomenclature.get(sub.code.slice(0, 4))!;
    documents.push({ code: sub.code, text: `${heading.description}; ${sub.description}`, source: `HS 2022 ${sub.code}` });
  }
  for (const name of glossaries)
    for (const term of glossaryTerms(name)) if (inScope(term.code)) documents.push({ ...term, source: `${name} glossary` });
  return documents;
}

/** A goods glossary, one term per entry ("smartphone" → 851713), its codes checked against HS 2022. */
export function glossaryTerms(name: GlossaryName): { code: string; text: string }[] {
  const nomenclature = loadNomenclature();
  const file = GLOSSARIES[name];
  const rows = parseCsvRecords(readFileSync(join(fixturesDir(), file), "utf8"), ["hs6", "terms"], `fixtures/${file}`);
  return rows.flatMap((row, i) => {
    if (!nomenclature.has(row.hs6!)) throw new Error(`fixtures/${file} row ${i + 2}: ${row.hs6} is not an HS 2022 subheading`);
    return row
      .terms!.split(";")
      .map((t) => t.trim())
      .filter(Boolean)
      .map((text) => ({ code: row.hs6!, text }));
  });
}

/** a retrieval config's `languages`: versions that name none translate the five dictionary-built languages */
export const languagesSchema = z
  .array(z.enum([...TRANSLATED_LANGUAGES, ...HAND_WRITTEN_LANGUAGES]))
  .min(1)
  .default([...TRANSLATED_LANGUAGES]);

/**
 * Foreign word → English words from the named languages' glossaries: those built from dictionaries (the first language
 * listing a word wins; looked up with endings and compound parts too), those written by hand (Chinese, Vietnamese,
 * Thai; words and entries of several words, looked up only as they stand) and, with `trade`, the trade words and
 * phrases we wrote for the dictionary languages (fixtures/glossary/trade-LANG.tsv; translation revision 5).
 */
export function loadTranslations(
  languages: readonly TranslatedLanguage[] = TRANSLATED_LANGUAGES,
  { trade = false } = {},
): {
  dictionaries: Map<string, string>;
  handWritten: Map<string, string>;
  trade: Map<string, string>;
  /** entries in each language's trade glossary (what a model card says of them) */
  tradeSizes: Map<TranslatedLanguage, number>;
  /** entries in each hand-written language's glossary (Chinese, Vietnamese, Thai) */
  handWrittenSizes: Map<TranslatedLanguage, number>;
} {
  const dictionaries = new Map<string, string>();
  const handWritten = new Map<string, string>();
  const ours = new Map<string, string>();
  const tradeSizes = new Map<TranslatedLanguage, number>();
  const handWrittenSizes = new Map<TranslatedLanguage, number>();
  for (const lang of languages) {
    if (isHandWritten(lang)) handWrittenSizes.set(lang, readGlossary(`glossary/translations-${lang}.tsv`, handWritten));
    else readGlossary(`glossary/translations-${lang}.tsv`, dictionaries);
    if (trade && !isHandWritten(lang)) tradeSizes.set(lang, readGlossary(`glossary/trade-${lang}.tsv`, ours));
  }
  return { dictionaries, handWritten, trade: ours, tradeSizes, handWrittenSizes };
}

/**
 * Brand names (fixtures/glossary/brands.csv): makers whose name tells no goods (Adidas, Samsung, Bosch), one spelling
 * a row, lower case NFC; read by translation revision 9, which leaves them out of a line's reading and search.
 */
export const loadBrands = (): string[] =>
  readBrands(readFileSync(join(fixturesDir(), "glossary/brands.csv"), "utf8"), "fixtures/glossary/brands.csv");

/**
 * Product names and the kind of device each names (fixtures/glossary/devices.csv: "iphone" a phone, "macbook" a
 * laptop); read by translation revision 11 in a line about an accessory of the device.
 */
export const loadDevices = (): [name: string, device: string][] =>
  readDeviceList(readFileSync(join(fixturesDir(), "glossary/devices.csv"), "utf8"), "fixtures/glossary/devices.csv");

/** A device list (columns `name`, `device`), each row checked: a name in lower case, listed once; its kind one word. */
export function readDeviceList(csv: string, file: string): [name: string, device: string][] {
  const once = listedOnce(file, "row");
  return parseCsvRecords(csv, ["name", "device"], file).map((row, i) => {
    const [name, device] = [row.name!, row.device!];
    if (!/^[a-z0-9]+(?: [a-z0-9]+)*$/.test(name)) throw new Error(`${file} row ${i + 2}: '${name}' is not a product name in lower case`);
    if (!/^[a-z]+$/.test(device)) throw new Error(`${file} row ${i + 2}: '${device}' is not a kind of device (one word in lower case)`);
    once(name, i + 2);
    return [name, device];
  });
}

/**
 * Trade abbreviations and the words they stand for (fixtures/glossary/abbreviations.csv: "gi" galvanized iron, "hdpe"
 * high density polyethylene), some only with words that say what they are said of; read by translation revision 15.
 */
export const loadAbbreviations = (): [abbreviation: string, english: string, context: string[]][] =>
  readAbbreviationList(readFileSync(join(fixturesDir(), "glossary/abbreviations.csv"), "utf8"), "fixtures/glossary/abbreviations.csv");

/**
 * An abbreviation list (columns `abbreviation`, `english`, `with`), each row checked: an abbreviation of letters and
 * digits in lower case, listed once; its English words in lower case; `with` empty or words in lower case joined by "|".
 */
export function readAbbreviationList(csv: string, file: string): [abbreviation: string, english: string, context: string[]][] {
  const once = listedOnce(file, "row");
  return parseCsvRecords(csv, ["abbreviation", "english", "with"], file).map((row, i) => {
    const [abbreviation, english, withWords] = [row.abbreviation!, row.english!, row.with!];
    if (!/^[a-z0-9]+$/.test(abbreviation))
      throw new Error(`${file} row ${i + 2}: '${abbreviation}' is not an abbreviation of lower-case letters and digits`);
    if (!/^[a-z0-9-]+(?: [a-z0-9-]+)*$/.test(english)) throw new Error(`${file} row ${i + 2}: '${english}' is not English words in lower case`);
    if (withWords && !/^[a-z0-9-]+(?:\|[a-z0-9-]+)*$/.test(withWords))
      throw new Error(`${file} row ${i + 2}: column with: '${withWords}' is not words in lower case joined by '|'`);
    once(abbreviation, i + 2);
    return [abbreviation, english, withWords ? withWords.split("|") : []];
  });
}

/** English words of five letters or more (fixtures/glossary/english-words.txt, from Debian's wamerican; revision 10). */
export const loadEnglishWords = (): string[] => readFileSync(join(fixturesDir(), "glossary/english-words.txt"), "utf8").split("\n").filter(Boolean);

/** A brand list's spellings (column `brand`), each checked: lower case NFC as texts are read, listed once. */
export function readBrands(csv: string, file: string): string[] {
  const once = listedOnce(file, "row");
  return parseCsvRecords(csv, ["brand"], file).map((row, i) => {
    const brand = row.brand!;
    if (!brand || brand !== brand.normalize("NFC").toLowerCase() || brand !== brand.trim())
      throw new Error(`${file} row ${i + 2}: '${brand}' is not a brand name in lower case NFC`);
    once(brand, i + 2);
    return brand;
  });
}

/**
 * Traditional Chinese character → simplified (fixtures/glossary/traditional-chinese.tsv, from OpenCC:
 * scripts/build-traditional-chinese.ts), checked to be one character for one.
 */
export function loadTraditionalChinese(): Map<string, string> {
  const file = "glossary/traditional-chinese.tsv";
  const simplified = new Map<string, string>();
  for (const [traditional, to, line] of tsvRows(file)) {
    if ([...(traditional ?? "")].length !== 1 || [...(to ?? "")].length !== 1)
      throw new Error(`fixtures/${file} line ${line}: expected 'traditional<TAB>simplified', one character each`);
    simplified.set(traditional!, to!);
  }
  return simplified;
}

/**
 * Chinese words → English tariff words (fixtures/glossary/dictionary-zho.tsv, built from CC-CEDICT by
 * scripts/build-chinese-dictionary.ts); read by translation revision 12 where the hand-written glossary has no word.
 */
export function loadChineseDictionary(): Map<string, string> {
  const words = new Map<string, string>();
  readGlossary("glossary/dictionary-zho.tsv", words, { pattern: /^\p{Script=Han}{2,}$/u, what: "a word of two Chinese characters or more" });
  return words;
}

/**
 * A glossary file (fixtures/FILE: `word<TAB>english`, `|` between an entry's senses) read into `out`, each line checked:
 * both columns given, the word in lower case NFC as texts are read (a key written otherwise would never be found) and,
 * where given, of the `key` shape; listed once in the file (a second listing would be dead). Of several files read into
 * one map, the first listing a word wins. Returns the file's entries.
 */
function readGlossary(file: string, out: Map<string, string>, key?: { pattern: RegExp; what: string }): number {
  const once = listedOnce(`fixtures/${file}`, "line");
  const rows = tsvRows(file);
  for (const [word, english, line] of rows) {
    if (!word || !english) throw new Error(`fixtures/${file} line ${line}: expected 'word<TAB>english'`);
    if (word !== word.normalize("NFC").toLowerCase()) throw new Error(`fixtures/${file} line ${line}: '${word}' is not in lower case NFC`);
    if (key && !key.pattern.test(word)) throw new Error(`fixtures/${file} line ${line}: '${word}' is not ${key.what}`);
    once(word, line);
    if (!out.has(word)) out.set(word, english.split("|").join(" "));
  }
  return rows.length;
}

/** A check that each key of a list is listed once: a second listing names the row (or line) of the first. */
function listedOnce(file: string, unit: "row" | "line"): (key: string, at: number) => void {
  const first = new Map<string, number>();
  return (key, at) => {
    if (first.has(key)) throw new Error(`${file} ${unit} ${at}: '${key}' is listed already on ${unit} ${first.get(key)}`);
    first.set(key, at);
  };
}

/** The rows of a two-column TSV file in fixtures/ below its header, with their line numbers; blank lines skipped. */
function tsvRows(file: string): [key: string | undefined, value: string | undefined, line: number][] {
  const rows = readFileSync(join(fixturesDir(), file), "utf8").split("\n").slice(1);
  return rows.flatMap((row, i) => {
    if (!row) return [];
    const [key, value] = row.split("\t");
    return [[key, value, i + 2] as const];
  });
}
