// What the glossary build scripts share (build-glossaries.ts, build-chinese-dictionary.ts): words as the search reads
// them, the words of the tariff texts a translation must be made of, and how a word's senses are cut to three.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { tariffDocuments } from "../models/hs-classifier/retrieval-documents";
import { retrievalWords } from "../models/hs-classifier/retrieval-text";

// the stop words some version keeps ("used") may be translations too
const keep = new Set(
  readdirSync("models/configs").flatMap(
    (f) => (JSON.parse(readFileSync(join("models/configs", f), "utf8")) as { retrieval?: { keepWords?: string[] } }).retrieval?.keepWords ?? [],
  ),
);

/** A text's words as the search reads them (stop words out, plural endings dropped). */
export const words = (text: string) => retrievalWords(text, undefined, keep);

/** Every word of the tariff texts the retrieval versions index. */
export const vocabulary = new Set(tariffDocuments().flatMap((d) => words(d.text)));

/** The first translation of each sense first, then the second ones…: up to three, so no sense crowds out the others. */
export function pick(senses: string[][]): string[] {
  const chosen: string[] = [];
  for (let i = 0; chosen.length < 3 && senses.some((s) => s.length > i); i++) {
    for (const s of senses) if (s[i] && !chosen.includes(s[i]!) && chosen.length < 3) chosen.push(s[i]!);
  }
  return chosen;
}
