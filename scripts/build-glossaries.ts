// Builds fixtures/glossary/translations-LANG.tsv from Debian's FreeDict dictionaries (dictd format): for each foreign
// headword of dict-freedict-LANG-eng, its first short English translations; then, from dict-freedict-eng-LANG, each
// English headword's single-word translations for foreign words the first pass does not know ("camarón" → shrimp).
// Then, for Spanish, Portuguese and French words still unknown, the nouns, adjectives and verbs of Apertium's
// bilingual dictionaries (Spanish-English; Portuguese and French through Spanish), read from the compiled transducers,
// and the inflected forms of their morphological analysers (Polish from apertium-pol-szl) that the query-time endings
// rule does not reach. Words written with accents are also kept as written (RetrievalConfig.translationRevision 2).
// Kept only when the English words occur in the tariff texts (small files; every translation can match something).
//   apt-get install dict-freedict-{spa,por,pol,fra,deu}-eng dict-freedict-eng-{spa,por,pol,fra,deu} \
//     apertium-eng-spa apertium-es-pt apertium-fr-es apertium-pol-szl lttoolbox-dev
//   npx tsx scripts/build-glossaries.ts [/usr/share/dictd]
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { foldText, translateForeign, TRANSLATED_LANGUAGES } from "../models/hs-classifier/retrieval-text";
import { pick, vocabulary, words } from "./tariff-vocabulary";

const dictDir = process.argv[2] ?? "/usr/share/dictd";
const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const decode = (s: string) => [...s].reduce((n, c) => n * 64 + B64.indexOf(c), 0);

/**
 * Lemma pairs (source → target words) of the nouns, adjectives and verbs of a compiled Apertium bilingual dictionary:
 * its transducer printed by lt-print (AT&T format) and walked from the start until both sides have read their part
 * of speech.
 */
function apertiumPairs(file: string): Map<string, string[]> {
  const { arcs } = transducer(file);
  const pairs = new Map<string, string[]>();
  const speech = /^([^<#]+)<(n|adj|vblex)>/;
  const onPath = new Set<number>();
  const walk = (state: number, input: string, output: string) => {
    const a = speech.exec(input);
    const b = speech.exec(output);
    if (a && b) {
      if (!a[1]!.includes(" ") && a[1] === a[1]!.toLowerCase()) pairs.set(a[1]!, [...new Set([...(pairs.get(a[1]!) ?? []), b[1]!])]);
      return;
    }
    // a path that has read a tag on one side and something else on the other is not a single-word entry; and no
    // word of a tariff is this long
    if ((input.includes(">") && !a) || (output.includes(">") && !b) || input.length > 40 || output.length > 60) return;
    for (const [to, i, o] of arcs.get(state) ?? []) {
      if (onPath.has(to)) continue;
      onPath.add(to);
      walk(to, input + i, output + o);
      onPath.delete(to);
    }
  };
  walk(0, "", "");
  return pairs;
}

/** The arcs and final states of a compiled transducer's largest section, printed by lt-print (AT&T format). */
function transducer(file: string): { arcs: Map<number, [number, string, string][]>; finals: Set<number> } {
  if (!existsSync(file)) throw new Error(`${file} not found: apt-get install the Apertium pair (see the header)`);
  // lt-print prints each section of the dictionary as its own transducer, separated by "--": the largest holds the
  // entries; the small ones are patterns (numbers, centuries, any character) whose looping paths never end in a word
  const sections = execFileSync("lt-print", [file], { encoding: "utf8", maxBuffer: 1 << 30 }).split("\n--\n");
  const arcs = new Map<number, [number, string, string][]>();
  const finals = new Set<number>();
  const e = (symbol: string) => (symbol === "ε" ? "" : symbol);
  for (const line of sections.reduce((a, b) => (b.length > a.length ? b : a)).split("\n")) {
    const [from, to, input, output] = line.split("\t");
    if (output === undefined) {
      // a final state's line: its number and weight
      if (from && input === undefined) finals.add(Number(from));
      continue;
    }
    let out = arcs.get(Number(from));
    if (!out) arcs.set(Number(from), (out = []));
    out.push([Number(to), e(input!), e(output)]);
  }
  return { arcs, finals };
}

/**
 * Inflected forms (surface → lemmas, in lower case) of the nouns and adjectives (not their comparatives) of an
 * Apertium morphological analyser, for the lemmas given: its transducer walked from the start, only along paths whose
 * lemma so far begins one of them ("cães" → "cão", "psów" → "pies").
 */
function apertiumForms(file: string, lemmas: ReadonlySet<string>): Map<string, string[]> {
  const { arcs, finals } = transducer(file);
  const prefixes = new Set([...lemmas].flatMap((l) => [...l].map((_, i) => l.slice(0, i + 1))));
  prefixes.add("");
  const forms = new Map<string, string[]>();
  const speech = /^<(n|adj)>/;
  const walk = (state: number, surface: string, lemma: string, tags: string) => {
    if (finals.has(state) && speech.test(tags) && !/<(comp|sup)>/.test(tags) && lemmas.has(lemma)) {
      const word = surface.toLowerCase();
      forms.set(word, [...new Set([...(forms.get(word) ?? []), lemma])]);
    }
    for (const [to, i, o] of arcs.get(state) ?? []) {
      if (i.length > 1 || surface.length >= 20 || tags.length > 120) continue;
      if (o.startsWith("<")) walk(to, surface + i, lemma, tags + o);
      else if (!o) walk(to, surface + i, lemma, tags);
      // a letter after the tags is a second word (compounds, clitics): not a form of one lemma
      else if (!tags && prefixes.has(lemma + o)) walk(to, surface + i, lemma + o, tags);
    }
  };
  walk(0, "", "", "");
  return forms;
}

/** foreign lemma → English lemmas, through Spanish for Portuguese and French. */
function apertiumGlossaries(): Map<string, ReadonlyMap<string, readonly string[]>> {
  const spanish = apertiumPairs("/usr/share/apertium/apertium-eng-spa/spa-eng.autobil.bin");
  const viaSpanish = (file: string) =>
    new Map(
      [...apertiumPairs(file)]
        .map(([word, es]) => [word, [...new Set(es.flatMap((w) => spanish.get(w) ?? []))]] as const)
        .filter(([, en]) => en.length),
    );
  return new Map([
    ["spa", spanish],
    ["por", viaSpanish("/usr/share/apertium/apertium-es-pt/pt-es.autobil.bin")],
    ["fra", viaSpanish("/usr/share/apertium/apertium-fr-es/fr-es.autobil.bin")],
  ]);
}
const apertium = apertiumGlossaries();

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

/**
 * The glossary keys of a foreign word: as written, in lower case, when it has accents (looked up first: "cão" is a dog
 * although "cao" is lime's formula, "Spüle" a sink and not a "Spule" coil), and folded unless that is an English
 * tariff word ("pan", "tape"). Single words only.
 */
function keysOf(head: string): string[] {
  const lower = head.trim().toLowerCase().normalize("NFC");
  const folded = foldText(lower);
  if (!/^[a-z]{3,16}$/.test(folded)) return [];
  return [...(lower !== folded ? [lower] : []), ...(vocabulary.has(folded) ? [] : [folded])];
}

/** Apertium's morphological analysers, for the inflected forms of the translated words. */
const ANALYSERS: Partial<Record<(typeof TRANSLATED_LANGUAGES)[number], string>> = {
  spa: "/usr/share/apertium/apertium-eng-spa/spa-eng.automorf.bin",
  por: "/usr/share/apertium/apertium-es-pt/pt-es.automorf.bin",
  fra: "/usr/share/apertium/apertium-fr-es/fr-es.automorf.bin",
  pol: "/usr/share/apertium/apertium-pol-szl/pol-szl.automorf.bin",
};

for (const lang of TRANSLATED_LANGUAGES) {
  // per word, the translations of each of its entries (one entry per sense)
  const out = new Map<string, string[][]>();
  for (const { head, lines } of entries(`${lang}-eng`)) {
    const keys = keysOf(head);
    if (!keys.length) continue;
    const english = lines
      .flatMap((l) => l.split(/[,;]/))
      .map((t) => t.trim().toLowerCase())
      .filter((t) => /^[a-z][a-z '-]*$/.test(t) && t.split(" ").length <= 2)
      .map((t) => words(t).join(" "))
      .filter((t) => t && t.split(" ").every((w) => vocabulary.has(w)));
    if (!english.length) continue;
    for (const word of keys) out.set(word, [...(out.get(word) ?? []), english]);
  }
  // the other direction: English tariff words and their single-word translations, for foreign words not known yet
  let inverted = 0;
  for (const { head, lines } of entries(`eng-${lang}`)) {
    const english = words(head.toLowerCase()).join(" ");
    if (!english || english.includes(" ") || !vocabulary.has(english)) continue;
    for (const t of lines.flatMap((l) => l.split(/[,;]/))) {
      const keys = keysOf(t).filter((word) => !out.has(word));
      for (const word of keys) out.set(word, [[english]]);
      if (keys.length) inverted++;
    }
  }
  // Apertium's lemmas for the words neither dictionary knows ("inoxidable" → stainless, "pneu" → tyre)
  let fromApertium = 0;
  for (const [lemma, english] of apertium.get(lang) ?? []) {
    const keys = keysOf(lemma).filter((word) => !out.has(word));
    const known = english.map((t) => words(t.toLowerCase()).join(" ")).filter((t) => t && t.split(" ").every((w) => vocabulary.has(w)));
    if (!keys.length || !known.length) continue;
    for (const word of keys) out.set(word, [known]);
    fromApertium++;
  }
  // inflected forms the query-time endings rule does not reach ("cães" → cão → dog, "psów" → pies → dog), from
  // Apertium's morphological analysers, for the words translated above
  let inflected = 0;
  if (ANALYSERS[lang]) {
    const glossary = new Map([...out].map(([w, senses]) => [w, pick(senses).join(" ")]));
    for (const [form, lemmas] of apertiumForms(ANALYSERS[lang], new Set(out.keys()))) {
      const keys = keysOf(form).filter((word) => !out.has(word));
      const senses = lemmas.map((l) => pick(out.get(l)!));
      if (!keys.length || translateForeign(form, foldText(form), glossary) === pick(senses).join(" ")) continue;
      for (const word of keys) out.set(word, senses);
      inflected++;
    }
  }
  const rows = [...out.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([w, senses]) => `${w}\t${pick(senses).join("|")}`);
  writeFileSync(`fixtures/glossary/translations-${lang}.tsv`, `word\tenglish\n${rows.join("\n")}\n`);
  console.log(
    `${lang}: ${rows.length} words (${inverted} from the English-${lang} dictionary, ${fromApertium} from Apertium, ${inflected} inflected forms)`,
  );
}
