// Retrieval over tariff lines: TF-IDF vectors of word terms and character n-grams, an inverted index, and per query
// the best-matching lines, aggregated to subheading, heading and chapter scores. Pure JavaScript, so the same code
// runs in Node and in the browser; the index is built at load from the documents shipped in the artifact.
import { murmur3 } from "../../workbench/features/hashed-features";
import { retrievalWords, stem, translateWord } from "./retrieval-text";

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
}

export interface DocumentHit {
  document: number;
  score: number;
}

const BITS = 20;
const SIZE = 1 << BITS;
const MASK = SIZE - 1;

interface Vector {
  terms: Int32Array;
  weights: Float32Array;
}

/** Term hashes of a text with their counts: words, adjacent word pairs, character n-grams of words (separate groups). */
function termCounts(
  text: string,
  config: RetrievalConfig,
  translate?: (word: string) => string | undefined,
): { words: Map<number, number>; chars: Map<number, number> } {
  const ws = retrievalWords(text, translate);
  const words = new Map<number, number>();
  const chars = new Map<number, number>();
  const add = (map: Map<number, number>, key: string) => {
    const h = murmur3(key) & MASK;
    map.set(h, (map.get(h) ?? 0) + 1);
  };
  for (let i = 0; i < ws.length; i++) {
    add(words, ws[i]!);
    if (i + 1 < ws.length) add(words, `${ws[i]} ${ws[i + 1]}`);
    if (/^\d/.test(ws[i]!)) continue;
    const padded = `<${ws[i]}>`;
    for (const n of config.charNgrams) for (let j = 0; j + n <= padded.length; j++) add(chars, `#${padded.slice(j, j + n)}`);
  }
  return { words, chars };
}

export class RetrievalIndex {
  private readonly idf = new Float32Array(SIZE);
  private readonly offsets = new Uint32Array(SIZE + 1);
  private readonly postingDocs: Uint32Array;
  private readonly postingWeights: Float32Array;
  private readonly scores: Float32Array;
  /** per document: index of its code in `codes` */
  private readonly codeOf: Uint16Array;
  /** per code: index of its heading and of its chapter */
  private readonly headingOf: Uint16Array;
  private readonly chapterOf: Uint16Array;
  private readonly best4: Float32Array;
  private readonly best2: Float32Array;
  readonly codes: readonly string[];
  private readonly known: ReadonlySet<string>;
  /** stored term weights: the model's size, reported as its parameters */
  get postings(): number {
    return this.postingWeights.length;
  }

  constructor(
    readonly documents: readonly RetrievalDocument[],
    readonly config: RetrievalConfig,
    /** foreign word → English words, applied to queries (the documents are English) */
    readonly translations: ReadonlyMap<string, string> = new Map(),
  ) {
    const counts = documents.map((d) => termCounts(d.text, config));
    const df = new Uint32Array(SIZE);
    // only words the documents do not use are translated: an English word never goes through a foreign glossary
    const known = new Set<string>();
    for (const d of documents) for (const w of retrievalWords(d.text)) known.add(w);
    this.known = known;
    for (const c of counts) {
      for (const h of c.words.keys()) df[h]!++;
      for (const h of c.chars.keys()) df[h]!++;
    }
    const n = documents.length;
    const maxDf = Math.max(2, config.maxDocumentShare * n);
    for (let h = 0; h < SIZE; h++) if (df[h]! > 0 && df[h]! <= maxDf) this.idf[h] = Math.log((n + 1) / (df[h]! + 1)) + 1;
    const vectors = counts.map((c) => this.vectorOf(c));
    for (const v of vectors) for (const t of v.terms) this.offsets[t + 1]!++;
    for (let h = 0; h < SIZE; h++) this.offsets[h + 1]! += this.offsets[h]!;
    const fill = this.offsets.slice(0, SIZE);
    this.postingDocs = new Uint32Array(this.offsets[SIZE]!);
    this.postingWeights = new Float32Array(this.offsets[SIZE]!);
    vectors.forEach((v, d) => {
      v.terms.forEach((t, k) => {
        const at = fill[t]!++;
        this.postingDocs[at] = d;
        this.postingWeights[at] = v.weights[k]!;
      });
    });
    const codes = [...new Set(documents.map((d) => d.code))].sort();
    const codeIndex = new Map(codes.map((c, i) => [c, i]));
    this.codes = codes;
    this.codeOf = Uint16Array.from(documents, (d) => codeIndex.get(d.code)!);
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
    this.scores = new Float32Array(n);
  }

  /**
   * A text is translated only when most of its words are unknown to the documents (a foreign line), and then only
   * its unknown words: an English ruling never goes through a foreign glossary.
   */
  private translatorFor(text: string): ((word: string) => string | undefined) | undefined {
    if (!this.translations.size) return undefined;
    const words = retrievalWords(text).filter((w) => !/\d/.test(w));
    const known = words.filter((w) => this.known.has(w)).length;
    if (!words.length || known / words.length >= 0.5) return undefined;
    return (word) => (this.known.has(stem(word)) ? undefined : translateWord(word, this.translations));
  }

  /** TF-IDF (1 + log tf) per group, each group L2-normalised and weighted so a dot product is the blended cosine. */
  private vectorOf(c: { words: Map<number, number>; chars: Map<number, number> }): Vector {
    const terms: number[] = [];
    const weights: number[] = [];
    const group = (map: Map<number, number>, share: number) => {
      const start = terms.length;
      let norm = 0;
      for (const [h, count] of map) {
        const idf = this.idf[h]!;
        if (!idf) continue;
        const w = (1 + Math.log(count)) * idf;
        terms.push(h);
        weights.push(w);
        norm += w * w;
      }
      const scale = norm ? Math.sqrt(share) / Math.sqrt(norm) : 0;
      for (let k = start; k < weights.length; k++) weights[k] = weights[k]! * scale;
    };
    group(c.words, this.config.wordWeight);
    group(c.chars, 1 - this.config.wordWeight);
    return { terms: Int32Array.from(terms), weights: Float32Array.from(weights) };
  }

  /**
   * Scores of every subheading for one text (into `out`, indexed like `codes`): its best document, plus the best
   * document of its heading and of its chapter, weighted. Returns the best documents, best first.
   */
  score(text: string, out: Float32Array, keepDocuments = 0): DocumentHit[] {
    const q = this.vectorOf(termCounts(text, this.config, this.translatorFor(text)));
    const scores = this.scores;
    const touched: number[] = [];
    for (let k = 0; k < q.terms.length; k++) {
      const t = q.terms[k]!;
      const w = q.weights[k]!;
      for (let p = this.offsets[t]!, end = this.offsets[t + 1]!; p < end; p++) {
        const d = this.postingDocs[p]!;
        if (scores[d] === 0) touched.push(d);
        scores[d]! += w * this.postingWeights[p]!;
      }
    }
    out.fill(0);
    for (const d of touched) {
      const c = this.codeOf[d]!;
      if (scores[d]! > out[c]!) out[c] = scores[d]!;
    }
    // k nearest lines vote for their subheading, heading and chapter
    const k = Math.max(this.config.neighbours, keepDocuments);
    const nearest = topDocuments(touched, scores, k);
    const { best4, best2, headingOf, chapterOf } = this;
    best4.fill(0);
    best2.fill(0);
    const votes = new Map<number, number>();
    for (const hit of nearest.slice(0, this.config.neighbours)) {
      const c = this.codeOf[hit.document]!;
      const v = hit.score ** this.config.votePower;
      votes.set(c, (votes.get(c) ?? 0) + v);
      best4[headingOf[c]!]! += v;
      best2[chapterOf[c]!]! += v;
    }
    for (const d of touched) scores[d] = 0;
    const { headingWeight, chapterWeight, voteWeight } = this.config;
    for (let i = 0; i < out.length; i++) {
      out[i] = out[i]! + voteWeight * (votes.get(i) ?? 0) + headingWeight * best4[headingOf[i]!]! + chapterWeight * best2[chapterOf[i]!]!;
    }
    return nearest.slice(0, keepDocuments);
  }
}

/** The k best documents, best first (a partial selection: touched lists are long, k is small). */
function topDocuments(touched: readonly number[], scores: Float32Array, k: number): DocumentHit[] {
  const hits: DocumentHit[] = [];
  let floor = -Infinity;
  for (const d of touched) {
    const s = scores[d]!;
    if (hits.length === k && s <= floor) continue;
    let i = hits.length === k ? k - 1 : hits.length;
    if (hits.length < k) hits.push({ document: d, score: s });
    while (i > 0 && hits[i - 1]!.score < s) {
      hits[i] = hits[i - 1]!;
      i--;
    }
    hits[i] = { document: d, score: s };
    if (hits.length === k) floor = hits[k - 1]!.score;
  }
  return hits;
}
