// Builds fixtures/glossary/translations-LANG.tsv from Debian's FreeDict dictionaries (dictd format): for each foreign
// headword of dict-freedict-LANG-eng, its first short English translations; then, from dict-freedict-eng-LANG, each
// English headword's single-word translations for foreign words the first pass does not know ("camarón" → shrimp).
// Kept only when the English words occur in the tariff texts (small files; every translation can match something).
//   apt-get install dict-freedict-{spa,por,pol,fra,deu}-eng dict-freedict-eng-{spa,por,pol,fra,deu}
//   npx tsx scripts/build-glossaries.ts [/usr/share/dictd]
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { tariffDocuments } from "../models/hs-classifier/retrieval-documents";
import { foldText, retrievalWords, TRANSLATED_LANGUAGES } from "../models/hs-classifier/retrieval-text";

const dictDir = process.argv[2] ?? "/usr/share/dictd";
const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const decode = (s: string) => [...s].reduce((n, c) => n * 64 + B64.indexOf(c), 0);

const vocabulary = new Set(tariffDocuments().flatMap((d) => retrievalWords(d.text)));

/** Each entry of a dictd dictionary: its headword and the lines of its translations (notes and examples skipped). */
function* entries(name: string): Generator<{ head: string; lines: string[] }> {
  const base = join(dictDir, `freedict-${name}`);
  if (!existsSync(`${base}.index`)) throw new Error(`${base}.index not found: apt-get install dict-freedict-${name}`);
  // dictd offsets count bytes
  const dict = gunzipSync(readFileSync(`${base}.dict.dz`));
  for (const line of readFileSync(`${base}.index`, "utf8").split("\n")) {
    const [head, offset, length] = line.split("\t");
    if (!head || !offset || !length || head.startsWith("00-database")) continue;
    const entry = dict.subarray(decode(offset), decode(offset) + decode(length)).toString("utf8");
    const lines = entry
      .split("\n")
      .slice(1)
      .filter((l) => !/^\s*(Synonyms|Note|see|Antonyms?):|"/.test(l))
      .map((l) => l.replace(/^\s*\d+\.\s*/, "").replace(/<[^>]*>|\([^)]*\)|\[[^\]]*\]|\/[^/]*\//g, ""));
    yield { head, lines };
  }
}

for (const lang of TRANSLATED_LANGUAGES) {
  // per word, the translations of each of its entries (one entry per sense)
  const out = new Map<string, string[][]>();
  for (const { head, lines } of entries(`${lang}-eng`)) {
    const word = foldText(head);
    // single words only; a foreign word that is also an English tariff word is left alone ("pan", "tape")
    if (!/^[a-z]{3,16}$/.test(word) || vocabulary.has(word)) continue;
    const english = lines
      .flatMap((l) => l.split(/[,;]/))
      .map((t) => t.trim().toLowerCase())
      .filter((t) => /^[a-z][a-z '-]*$/.test(t) && t.split(" ").length <= 2)
      .map((t) => retrievalWords(t).join(" "))
      .filter((t) => t && t.split(" ").every((w) => vocabulary.has(w)));
    if (!english.length) continue;
    out.set(word, [...(out.get(word) ?? []), english]);
  }
  // the other direction: English tariff words and their single-word translations, for foreign words not known yet
  let inverted = 0;
  for (const { head, lines } of entries(`eng-${lang}`)) {
    const english = retrievalWords(head.toLowerCase()).join(" ");
    if (!english || english.includes(" ") || !vocabulary.has(english)) continue;
    for (const t of lines.flatMap((l) => l.split(/[,;]/))) {
      const word = foldText(t.trim());
      if (!/^[a-z]{3,16}$/.test(word) || vocabulary.has(word) || out.has(word)) continue;
      out.set(word, [[english]]);
      inverted++;
    }
  }
  // the first translation of each sense first, then the second ones…: up to three, so no sense crowds out the others
  const pick = (senses: string[][]) => {
    const chosen: string[] = [];
    for (let i = 0; chosen.length < 3 && senses.some((s) => s.length > i); i++) {
      for (const s of senses) if (s[i] && !chosen.includes(s[i]!) && chosen.length < 3) chosen.push(s[i]!);
    }
    return chosen;
  };
  const rows = [...out.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([w, senses]) => `${w}\t${pick(senses).join("|")}`);
  writeFileSync(`fixtures/glossary/translations-${lang}.tsv`, `word\tenglish\n${rows.join("\n")}\n`);
  console.log(`${lang}: ${rows.length} words (${inverted} from the English-${lang} dictionary)`);
}
