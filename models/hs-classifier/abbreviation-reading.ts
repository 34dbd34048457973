// Revision 15: traders write commodities by their trade abbreviations ("GI PIPE", "HR COIL", "HDPE GRANULES", "STPP",
// "RBD PALM OLEIN"), which no tariff text uses: the search found them by their other words or by parts of words ("GI"
// met "gift"). Read as the words they stand for ("galvanized iron pipe") the line finds the tariff's. An abbreviation
// that is also another word or abbreviation in other trades ("HR", "MS", "SS" for short sleeves, "PET", "GI" a judo
// suit) is read only in a line that also names what it is said of (a coil, a pipe, a fertilizer: `with`); a polymer's
// ("HDPE", "PP", "TPU") only where the line names it in its primary forms (granules, resin, chips, "film grade"): read
// in "HDPE pipe" or "TPU case", the polymer's name found the polymer itself (the tariff writes such goods "of polymers
// of ethylene"). A line that spells an abbreviation out itself ("polymethyl methacrylate (PMMA)") has its words already,
// and one after "not" or "other than" says what the goods are not ("alloy steel not SS"): neither is read. "PC",
// polycarbonate to a plastics trader, is not listed: declarations count pieces so ("143 PC"). Framework-free and
// browser-safe.

/** A trade abbreviation of a line, as written, and the words it was read as. */
export interface AbbreviationRead {
  /** as the line writes it ("GI", "G.I.", "Hdpe"), a dot after it with it */
  abbreviation: string;
  /** the words it was read as ("galvanized iron") */
  english: string;
}

/** One row of fixtures/glossary/abbreviations.csv: lower case; `context` (the csv's `with`) empty: read wherever it stands. */
export type Abbreviation = readonly [abbreviation: string, english: string, context: readonly string[]];

/** A line read so: the words in place of each abbreviation, and what was read. */
export interface AbbreviationsRead {
  text: string;
  read: AbbreviationRead[];
}

const escaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
// a whole word, never part of one joined by a hyphen ("Dri-FIT" has no "DRI", "MS-DOS" no "MS")
const word = (body: string) => `(?<![\\p{L}\\p{M}\\p{N}-])(?:${body})(?![\\p{L}\\p{M}\\p{N}]|-[\\p{L}\\p{N}])`;
// what stands right before an abbreviation that is not read: a word saying the goods are not it
const NEGATED = /(?<![\p{L}\p{N}])(?:not|non|no|other than|except|excluding|excl|w\/o|without)\.?\s*$/iu;

/**
 * What reads a line's trade abbreviations as their words, or undefined for an empty list. An
 * abbreviation is found in any case, its letters also written with dots ("G.I."); one with `with` words only where the
 * line has one of them as a word of its own.
 */
export function abbreviationReader(list: readonly Abbreviation[]): ((text: string) => AbbreviationsRead | undefined) | undefined {
  if (!list.length) return undefined;
  const entries = new Map(list.map(([abbreviation, english, withWords]) => [abbreviation, { english, with: withWords }]));
  // "gi" also as "g.i." or "g.i": letters joined by optional dots, a dot after the last letter kept with it
  const spelled = (abbreviation: string) => [...abbreviation].map(escaped).join("\\.?") + "\\.?";
  const alternatives = [...entries.keys()].sort((a, b) => b.length - a.length).map(spelled);
  const pattern = new RegExp(word(alternatives.join("|")), "giu");
  const contexts = new Map([...entries].filter(([, e]) => e.with.length).map(([a, e]) => [a, new RegExp(word(e.with.map(escaped).join("|")), "iu")]));
  return (text) => {
    const read: AbbreviationRead[] = [];
    let words: Set<string> | undefined;
    const spelledOut = (english: string) => {
      words ??= new Set(text.toLowerCase().split(/[^\p{L}\p{N}]+/u));
      return english.split(/[\s-]+/).every((w) => words!.has(w));
    };
    const replaced = text.replace(pattern, (written: string, at: number) => {
      const key = written.toLowerCase().replace(/\./g, "");
      const entry = entries.get(key);
      // a dotted spelling of no entry ("p.p." of "pp" is one; "a.b." is not), an ambiguous one without its words, one
      // the line spells out, or one after a negation
      if (!entry || contexts.get(key)?.test(text) === false || spelledOut(entry.english) || NEGATED.test(text.slice(0, at))) return written;
      read.push({ abbreviation: written, english: entry.english });
      return entry.english;
    });
    return read.length ? { text: replaced, read } : undefined;
  };
}

/**
 * A line with the abbreviations an abbreviationReader read in it (in order, as whole words) written as their words: the
 * line a combined version that reads abbreviations gives its network and readings.
 */
export function withAbbreviationsRead(text: string, read: readonly AbbreviationRead[]): string {
  let out = "";
  let from = 0;
  for (const { abbreviation, english } of read) {
    const found = new RegExp(word(escaped(abbreviation)), "gu");
    found.lastIndex = from;
    const at = found.exec(text)?.index;
    if (at === undefined) break;
    out += text.slice(from, at) + english;
    from = at + abbreviation.length;
  }
  return out + text.slice(from);
}
