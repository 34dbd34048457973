// A retrieval model (ADR 0013): the tariff lines it searches, how it scores them and the temperature that turns scores
// into probabilities, all in one file of the artifact (retrieval.json). Browser-safe: the index is built at load.
import { z } from "zod";
import type { Candidate } from "../../workbench/evaluation/metrics";
import type { Evidence, Kernel } from "./classifier";
import { postingsKey, RetrievalIndex, type RetrievalConfig, type StoredPostings } from "./retrieval-index";
import { CANDIDATE_CODES, softmax } from "./calibration";

export const retrievalConfigSchema: z.ZodType<RetrievalConfig> = z.object({
  wordWeight: z.number().min(0).max(1),
  charNgrams: z.array(z.number().int().min(2).max(8)),
  neighbours: z.number().int().min(1).max(200),
  votePower: z.number().min(0.5).max(8),
  voteWeight: z.number().min(0).max(10),
  headingWeight: z.number().min(0).max(10),
  chapterWeight: z.number().min(0).max(10),
  maxDocumentShare: z.number().gt(0).max(1),
  keepWords: z.array(z.string().regex(/^[a-z]+$/)).optional(),
  translationRevision: z
    .union([
      z.literal(1),
      z.literal(2),
      z.literal(4),
      z.literal(5),
      z.literal(6),
      z.literal(7),
      z.literal(8),
      z.literal(9),
      z.literal(10),
      z.literal(11),
      z.literal(12),
      z.literal(13),
      z.literal(14),
      z.literal(15),
    ])
    .optional(),
});

/**
 * A glossary: each word (or entry of several words) with its English. Checked in place: z.record builds a copy entry by
 * entry, which took 0.2 s of every load of a retrieval.json with the dictionaries' 140,000 words.
 */
const glossarySchema = z
  .custom<Record<string, string>>((value) => typeof value === "object" && value !== null && !Array.isArray(value), {
    error: "expected an object of words and their English",
  })
  .superRefine((glossary, ctx) => {
    for (const word in glossary) {
      if (typeof glossary[word] === "string") continue;
      ctx.addIssue({ code: "custom", path: [word], message: "expected the word's English as text" });
      return;
    }
  });

export const retrievalModelSchema = z.object({
  config: retrievalConfigSchema,
  /** probabilities are softmax(score / temperature), the temperature fitted on real text (model card) */
  temperature: z.number().positive(),
  documents: z.array(z.object({ code: z.string().regex(/^\d{6}$/), text: z.string(), source: z.string() })),
  /** foreign word → English words (dictionaries: looked up with endings and compound parts too) */
  translations: glossarySchema,
  /** foreign words and entries of several words → English, looked up only as they stand (hand-written; revision 4) */
  handWrittenTranslations: glossarySchema.optional(),
  /** trade words and entries of several words of the dictionary languages → English (hand-written; revision 5) */
  tradeTranslations: glossarySchema.optional(),
  /** Chinese word → English tariff words (CC-CEDICT; revision 12) */
  chineseDictionary: glossarySchema.optional(),
  /** traditional Chinese character → simplified (OpenCC; revision 7) */
  traditionalChinese: glossarySchema.optional(),
  /** brand names, lower case, left out of a line's reading and search (revision 9; fixtures/glossary/brands.csv) */
  brands: z.array(z.string().min(1)).optional(),
  /** English words (stems) one typo from a word the documents use, read as written (revision 10; english-words.txt) */
  englishWords: z.array(z.string().regex(/^[a-z]+$/)).optional(),
  /** product names → the kind of device they name, read so in a line about an accessory (revision 11; devices.csv) */
  devices: z.array(z.tuple([z.string().min(1), z.string().min(1)])).optional(),
  /** trade abbreviations → their words, and the words one must come with (revision 15; abbreviations.csv) */
  abbreviations: z.array(z.tuple([z.string().min(1), z.string().min(1), z.array(z.string().min(1))])).optional(),
});
export type RetrievalModel = z.infer<typeof retrievalModelSchema>;

/** The index of a retrieval model; from `stored` postings (checked by the caller), or built from its documents. */
export function buildRetrievalIndex(model: Omit<RetrievalModel, "temperature">, stored?: StoredPostings): RetrievalIndex {
  // key by key: Object.entries makes an array per entry first (about 70 ms more for 140,000 words)
  const map = (record: Record<string, string> = {}) => {
    const words = new Map<string, string>();
    for (const word of Object.keys(record)) words.set(word, record[word]!);
    return words;
  };
  return new RetrievalIndex(
    model.documents,
    model.config,
    {
      translations: map(model.translations),
      handWritten: map(model.handWrittenTranslations),
      trade: map(model.tradeTranslations),
      traditional: map(model.traditionalChinese),
      dictionary: map(model.chineseDictionary),
      brands: model.brands ?? [],
      englishWords: model.englishWords ?? [],
      devices: model.devices ?? [],
      abbreviations: model.abbreviations ?? [],
    },
    stored,
  );
}

/** Where built indexes are kept between processes, by their postingsKey (Node: retrieval-index-cache.ts). */
export interface PostingsStore {
  read(key: string): StoredPostings | undefined;
  write(key: string, postings: StoredPostings): void;
}

/**
 * Indexes built or read in this process or page, by their postingsKey, held weakly: a version whose documents a loaded
 * version indexes already copies that one's postings (about 0.5 s) instead of building them (about 2 s).
 */
const indexesByPostings = new Map<string, WeakRef<RetrievalIndex>>();

/**
 * The index of a retrieval.json: from the postings of an index this process holds for the same documents, else from
 * those kept in `store`, when they agree with its documents; else built (and kept).
 */
function indexOf(model: RetrievalModel, store: PostingsStore | undefined): RetrievalIndex {
  const key = postingsKey(model.documents, model.config);
  const remembered = (index: RetrievalIndex) => {
    for (const [k, other] of indexesByPostings) if (!other.deref()) indexesByPostings.delete(k);
    indexesByPostings.set(key, new WeakRef(index));
    return index;
  };
  for (const stored of [() => indexesByPostings.get(key)?.deref()?.storedPostings(), () => store?.read(key)]) {
    const postings = stored();
    if (!postings) continue;
    try {
      const index = buildRetrievalIndex(model, postings);
      if (index.agreesWithItsDocuments()) return remembered(index);
    } catch {
      // postings of another shape: built below
    }
  }
  const index = buildRetrievalIndex(model);
  store?.write(key, index.storedPostings());
  return remembered(index);
}

/**
 * The index and temperature of each retrieval.json loaded in this process, by its sha256: a combined version ships its
 * retrieval member's file unchanged, and building the index once saves about 2 s and 60 MB per version sharing it.
 * Held weakly: an index no loaded version uses any more is freed (an inference worker lets versions go).
 */
const loadedIndexes = new Map<string, { index: WeakRef<RetrievalIndex>; temperature: number }>();

/** Whether this process or page holds the index of the retrieval.json with this sha256 (a load then reads no store). */
export const holdsRetrievalIndex = (sha256: string): boolean => loadedIndexes.get(sha256)?.index.deref() !== undefined;

/**
 * The computation of a loaded retrieval.json (server and browser alike), checked against the artifact's labels; the
 * file by its sha256 (verified by the caller) and its parsed content, read only when no version loaded it before;
 * its postings from another loaded version's index of the same documents, or from `store` when it has one (Node:
 * WORKBENCH_INDEX_CACHE_DIR; a page: what this browser kept).
 */
export function loadedRetrievalKernel(file: { sha256: string; json: () => unknown; store?: PostingsStore }, labels: readonly string[]): Kernel {
  const held = loadedIndexes.get(file.sha256);
  let index = held?.index.deref();
  let temperature = held?.temperature ?? 1;
  if (!index) {
    const model = retrievalModelSchema.parse(file.json());
    index = indexOf(model, file.store);
    temperature = model.temperature;
    for (const [sha256, other] of loadedIndexes) if (!other.index.deref()) loadedIndexes.delete(sha256);
    loadedIndexes.set(file.sha256, { index: new WeakRef(index), temperature });
  }
  if (index.codes.join() !== labels.join()) throw new Error("labels.json does not list the codes retrieval.json indexes");
  return retrievalKernel(index, temperature);
}

/**
 * The model's distribution for one text: softmax(score / temperature) over its CANDIDATE_CODES best subheadings, best
 * first. Restricting it keeps a query from paying for 5,612 exponentials; training fits the temperature on this same
 * form.
 */
export function distribution(
  index: RetrievalIndex,
  text: string,
  scores: Float32Array,
  temperature: number,
): { indices: number[]; probabilities: number[] } {
  const indices = index.best(text, CANDIDATE_CODES, scores);
  return {
    indices,
    probabilities: softmax(
      indices.map((i) => scores[i]!),
      temperature,
    ),
  };
}

export function retrievalKernel(index: RetrievalIndex, temperature: number): Kernel {
  const scores = new Float32Array(index.codes.length);
  return {
    architecture: "retrieval",
    labels: index.codes,
    topK(texts, k) {
      return texts.map((text): Candidate[] => {
        const { indices, probabilities } = distribution(index, text, scores, temperature);
        return indices.slice(0, k).map((i, r) => ({ code: index.codes[i]!, probability: probabilities[r]! }));
      });
    },
    probabilityOf(texts, labelIndex) {
      return Float32Array.from(texts, (text, t) => {
        const { indices, probabilities } = distribution(index, text, scores, temperature);
        const at = indices.indexOf(labelIndex[t]!);
        return at < 0 ? 0 : probabilities[at]!;
      });
    },
    translations: (texts) => texts.map((text) => index.translationsOf(text)),
    ...(index.readsBrands ? { brands: (texts: readonly string[]) => texts.map((text) => index.brandsOf(text)) } : {}),
    ...(index.readsDevices ? { devices: (texts: readonly string[]) => texts.map((text) => index.devicesOf(text)) } : {}),
    ...(index.readsAbbreviations ? { abbreviations: (texts: readonly string[]) => texts.map((text) => index.abbreviationsOf(text)) } : {}),
    ...(index.readsTypos ? { typos: (texts: readonly string[]) => texts.map((text) => index.typosOf(text)) } : {}),
    asianLines: (texts) => texts.map((text) => index.readAsAsian(text)),
    unread: (texts) => texts.map((text) => index.readsNothing(text)),
    evidence(texts, k) {
      return texts.map((text): Evidence[] =>
        index.score(text, scores, k).map((hit) => {
          const d = index.documents[hit.document]!;
          return { code: d.code, text: d.text, source: d.source, similarity: Math.round(hit.score * 1000) / 1000 };
        }),
      );
    },
  };
}
