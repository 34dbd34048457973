// From a retrieval configuration to a verified artifact: the documents (tariff texts, glossary), the index, the
// temperature fitted on the real evaluation sets (calibration only: their text is never indexed), the evaluation on
// every shipped set and the model card.
import { join } from "node:path";
import { z } from "zod";
import { shippedSet, REAL_SET_IDS } from "../../workbench/evaluation/evaluation-sets";
import { fitTemperature } from "./calibration";
import { evaluateOnShippedSets } from "./card-evaluation";
import { createClassifier } from "./classifier";
import { writeArtifact } from "./artifact";
import { REAL_TEXT_POLICY, SUGGEST_WITH_EVIDENCE, weakChaptersOf } from "./model-card";
import {
  GLOSSARIES,
  glossariesSchema,
  languagesSchema,
  loadAbbreviations,
  loadBrands,
  loadChineseDictionary,
  loadDevices,
  loadEnglishWords,
  loadTraditionalChinese,
  loadTranslations,
  tariffDocuments,
} from "./retrieval-documents";
import { HAND_WRITTEN_LANGUAGES, isHandWritten, type TranslatedLanguage } from "./retrieval-text";
import { buildRetrievalIndex, distribution, retrievalConfigSchema, retrievalKernel, type RetrievalModel } from "./retrieval-model";
import type { TrainProgress, TrainResult } from "./train-pipeline";

export const retrievalTrainingConfigSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, { error: "name: lower-case letters, digits and '-'" }),
    version: z.string().regex(/^\d+\.\d+\.\d+$/, { error: "version: like 1.0.0" }),
    description: z.string().min(1),
    retrieval: retrievalConfigSchema,
    /** the hand-written goods glossaries indexed beside the tariff texts (versions before 1.3.0: everyday-goods only) */
    glossaries: glossariesSchema,
    /** translate foreign words with the shipped glossaries */
    translate: z.boolean().default(true),
    /** which languages' glossaries (versions before hs-retrieval@1.4.0: Spanish, Portuguese, Polish, French, German) */
    languages: languagesSchema,
  })
  .refine((c) => !c.translate || (c.retrieval.translationRevision ?? 1) >= 4 || !c.languages.some(isHandWritten), {
    path: ["languages"],
    error: `${HAND_WRITTEN_LANGUAGES.join(", ")} are read only by translationRevision 4 or later (Chinese and Thai have no spaces between words)`,
  });
export type RetrievalTrainingConfig = z.infer<typeof retrievalTrainingConfigSchema>;

export async function trainRetrieval(config: RetrievalTrainingConfig, onProgress: (p: TrainProgress) => void, root: string): Promise<TrainResult> {
  const started = performance.now();
  onProgress({ stage: "data", message: "collecting tariff lines, nomenclature and glossaries" });
  const documents = tariffDocuments(undefined, config.glossaries);
  const revision = config.retrieval.translationRevision ?? 1;
  const readsTrade = revision >= 5;
  const { dictionaries, handWritten, trade, tradeSizes, handWrittenSizes } = config.translate
    ? loadTranslations(config.languages, { trade: readsTrade })
    : {
        dictionaries: new Map(),
        handWritten: new Map(),
        trade: new Map(),
        tradeSizes: new Map<TranslatedLanguage, number>(),
        handWrittenSizes: new Map<TranslatedLanguage, number>(),
      };
  const translations = Object.fromEntries(dictionaries);
  const readsTraditional = config.translate && revision >= 7 && config.languages.includes("zho");
  const readsBrands = revision >= 9;
  const readsDevices = revision >= 11;
  const readsAbbreviations = revision >= 15;
  const readsDictionary = config.translate && revision >= 12 && config.languages.includes("zho");
  // only versions that read hand-written glossaries (or traditional characters, brand names, typos) have the fields:
  // every earlier retrieval.json stays as it was
  const written: Omit<RetrievalModel, "config" | "temperature" | "documents" | "translations"> = {
    ...(handWritten.size ? { handWrittenTranslations: Object.fromEntries(handWritten) } : {}),
    ...(trade.size ? { tradeTranslations: Object.fromEntries(trade) } : {}),
    ...(readsTraditional ? { traditionalChinese: Object.fromEntries(loadTraditionalChinese()) } : {}),
    ...(readsBrands ? { brands: loadBrands() } : {}),
    ...(readsDevices ? { devices: loadDevices() } : {}),
    ...(readsAbbreviations ? { abbreviations: loadAbbreviations() } : {}),
    ...(readsDictionary ? { chineseDictionary: Object.fromEntries(loadChineseDictionary()) } : {}),
  };
  const dictionaryWords = Object.keys(written.chineseDictionary ?? {}).length;
  onProgress({ stage: "train", message: `indexing ${documents.length.toLocaleString("en")} documents` });
  const built = buildRetrievalIndex({ config: config.retrieval, documents, translations, ...written });
  // revision 10: of the English words, those one typo from a word the documents use (the others need no telling)
  if (revision >= 10) written.englishWords = built.typoLikeWords(loadEnglishWords());
  const index = written.englishWords
    ? buildRetrievalIndex({ config: config.retrieval, documents, translations, ...written }, built.storedPostings())
    : built;
  const buildSeconds = (performance.now() - started) / 1000;

  onProgress({ stage: "evaluate", message: "fitting the temperature on the real evaluation sets (calibration only)" });
  const scores = new Float32Array(index.codes.length);
  const real = REAL_SET_IDS.flatMap((id) => shippedSet(id).lines);
  const codeIndex = new Map(index.codes.map((c, i) => [c, i]));
  const temperature = fitTemperature(
    real.map((l) => {
      const { indices } = distribution(index, l.text, scores, 1);
      const accepted = new Set([l.truth, ...(l.alsoAccepted ?? [])].map((c) => codeIndex.get(c)));
      return { scores: indices.map((i) => scores[i]!), accepted: indices.map((i) => accepted.has(i)) };
    }),
  );
  const model: RetrievalModel = { config: config.retrieval, temperature, documents, translations, ...written };
  const classifier = createClassifier(retrievalKernel(index, temperature), { name: config.name, version: config.version, sha256: "" });

  onProgress({ stage: "evaluate", message: "evaluating on every shipped set" });
  const evaluation = await evaluateOnShippedSets(classifier, { demoExtractSample: 10_000 });

  onProgress({ stage: "save", message: "saving the artifact" });
  const contents: Record<string, Uint8Array> = {
    "retrieval.json": Buffer.from(JSON.stringify(model)),
    "labels.json": Buffer.from(JSON.stringify(index.codes) + "\n"),
  };
  const weakOn = evaluation["cbp-rulings"]!.metrics;
  const dir = join(root, config.name, config.version);
  const { manifest, card } = writeArtifact(dir, contents, {
    name: config.name,
    version: config.version,
    description: config.description,
    createdAt: new Date().toISOString(),
    intendedUse: SUGGEST_WITH_EVIDENCE,
    limitations: [
      REAL_TEXT_POLICY,
      `Searches tariff wording (HS nomenclature, US HTS, US Schedule B) and ${config.glossaries.length === 1 ? "a hand-written glossary of everyday goods" : `hand-written glossaries of goods (${config.glossaries.join(", ")})`}; goods that none of them names in words a trader uses are found by their parts of words only.`,
      ...(config.translate ? foreignLimitations(config.languages, readsTrade ? tradeSizes : undefined, handWrittenSizes, dictionaryWords) : []),
      ...(readsBrands
        ? [
            `The ${written.brands!.length} spellings of brand names in fixtures/glossary/brands.csv (Adidas, Samsung, Bosch, …) are left out of a line's reading and search: a name tells no goods. A brand it does not list is read as any other word, and goods known by a brand name alone ("a Rolex") are not found by it.`,
          ]
        : []),
      ...(readsDevices
        ? [
            `In a line about an accessory (a case, cover, holder, strap, charger, cable, …) of a device it names by a product name, the name is read as the kind of device (fixtures/glossary/devices.csv, ${written.devices!.length} names: "iPhone 15 case" as a phone case, "MacBook Air sleeve" as a laptop sleeve); accessory words are those of English and of the five languages of the trade glossaries ("Funda iPhone 15"), not of Chinese, Vietnamese or Thai; an accessory named after a maker alone ("Samsung A54 case": the brand is left out) or a product it does not list is found by the accessory's word only, and a device sold with its accessories must say so ("with charger").`,
          ]
        : []),
      ...(readsAbbreviations
        ? [
            `In a line read as English, the ${written.abbreviations!.length} trade abbreviations of fixtures/glossary/abbreviations.csv are read as the words they stand for ("GI pipe" as galvanized iron pipe, "HDPE", "STPP", "RBD"); one that means other things in other trades ("HR", "MS", "SS", "PET") only where the line also names what it is said of (a coil, a pipe, a fertilizer), a polymer's ("HDPE", "PP") only where it names the polymer in its primary forms (granules, resin, chips), and none after "not" or "other than". An abbreviation it does not list, one it lists in a sense the line does not mean, or a foreign line's, is read as any other word.`,
          ]
        : []),
      ...(written.englishWords
        ? [
            "A word of five letters or more that no indexed text uses is read as the one they use a typo away (a letter dropped, added, changed, or two swapped; the most frequent of several), in a line read as English, unless it is a word of English (fixtures/glossary/english-words.txt): a trade name one letter from a tariff word is read as that word ('hydrogel' as hydrogen), and a typo of two letters or in a shorter word is not read.",
          ]
        : []),
      "Only HS 2022; national 8/10-digit lines are not predicted.",
    ],
    architecture: {
      kind: "retrieval",
      hidden: [],
      dropout: 0,
      labels: index.codes.length,
      parameters: index.postings,
    },
    retrieval: {
      ...config.retrieval,
      documents: documents.length,
      translatedWords: Object.keys(translations).length + handWritten.size + trade.size + dictionaryWords,
    },
    calibration: { method: "temperature", temperature, fittedOn: [...REAL_SET_IDS] },
    training: {
      sources: [
        "fixtures/hs/hs2022-nomenclature.csv",
        "fixtures/sources/us-hts-2024.csv",
        "fixtures/sources/schedule-b-2019.csv (training split only)",
        ...config.glossaries.map((name) => `fixtures/${GLOSSARIES[name]}`),
        ...(config.translate
          ? config.languages.flatMap((l) => [
              `fixtures/glossary/translations-${l}.tsv (${isHandWritten(l) ? "written by hand" : "FreeDict, Apertium"})`,
              ...(readsTrade && !isHandWritten(l) ? [`fixtures/glossary/trade-${l}.tsv (written by hand)`] : []),
            ])
          : []),
        ...(readsTraditional ? ["fixtures/glossary/traditional-chinese.tsv (OpenCC)"] : []),
        ...(readsBrands ? ["fixtures/glossary/brands.csv (written by hand)"] : []),
        ...(readsDevices ? ["fixtures/glossary/devices.csv (written by hand)"] : []),
        ...(readsAbbreviations ? ["fixtures/glossary/abbreviations.csv (written by hand)"] : []),
        ...(readsDictionary ? ["fixtures/glossary/dictionary-zho.tsv (CC-CEDICT)"] : []),
        ...(written.englishWords ? ["fixtures/glossary/english-words.txt (wamerican)"] : []),
      ],
      split:
        "workbench/data/text-split.ts: the 40% of Schedule B lines held out by code hash are not indexed (the synthetic held-out set is built from them)",
      examples: documents.length,
      augmentations: 0,
      seed: 0,
      secondsPerEpoch: [Math.round(buildSeconds * 10) / 10],
    },
    evaluation,
    weakChapters: weakChaptersOf(weakOn, 5),
  });
  return { dir, manifest, card };
}

const LANGUAGE_NAMES: Record<TranslatedLanguage, string> = {
  spa: "Spanish",
  por: "Portuguese",
  pol: "Polish",
  fra: "French",
  deu: "German",
  zho: "Chinese",
  vie: "Vietnamese",
  tha: "Thai",
};

/** "about 1,250 to 1,670": the smallest and the largest of the glossaries, to the ten */
function entryRange(sizes: ReadonlyMap<TranslatedLanguage, number>): string {
  const about = (n: number) => (Math.round(n / 10) * 10).toLocaleString("en");
  const [low, high] = [Math.min(...sizes.values()), Math.max(...sizes.values())];
  return low === high ? `about ${about(low)}` : `about ${about(low)} to ${about(high)}`;
}

/** What a version's translation cannot do, for the languages it reads. */
function foreignLimitations(
  languages: readonly TranslatedLanguage[],
  tradeSizes: ReadonlyMap<TranslatedLanguage, number> | undefined,
  handWrittenSizes: ReadonlyMap<TranslatedLanguage, number>,
  /** words of the Chinese dictionary a version reads (revision 12), or 0 */
  dictionaryWords = 0,
): string[] {
  const names = (ls: readonly TranslatedLanguage[]) => ls.map((l) => LANGUAGE_NAMES[l]).join(", ");
  const built = languages.filter((l) => !isHandWritten(l));
  const written = languages.filter(isHandWritten);
  return [
    ...(built.length
      ? [
          tradeSizes
            ? `${names(built)} are read through trade glossaries we wrote by hand (goods words and phrases such as 'máquina de coser', ${entryRange(tradeSizes)} per language), then word by word through glossaries from FreeDict and Apertium (Spanish, Portuguese, French); goods the trade glossaries do not name are read word by word, and compounds, idioms and irregular plurals are often missed.`
            : `Foreign words are translated word by word with glossaries from FreeDict (${names(built)}) and Apertium (Spanish, Portuguese, French); compounds, idioms and irregular plurals are often missed.`,
        ]
      : []),
    ...(written.length && !dictionaryWords
      ? [
          `${names(written)} are read through glossaries we wrote by hand (${entryRange(handWrittenSizes)} trade words and phrases each; no dictionary of these languages is available offline): goods they do not name are found only by the line's brand names, numbers and English words.`,
        ]
      : []),
    ...(written.length && dictionaryWords
      ? [
          `${names(written)} are read through glossaries we wrote by hand (${entryRange(handWrittenSizes)} trade words and phrases each); Chinese words they do not have also through a dictionary built from CC-CEDICT (${dictionaryWords.toLocaleString("en")} words, each read as one to three English words of the tariff, its senses mixed: '十字' is read as cross road, cross shaped and character ten). No dictionary of Vietnamese or Thai is available offline: goods their glossaries do not name are found only by the line's brand names, numbers and English words.`,
        ]
      : []),
  ];
}
