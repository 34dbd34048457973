// A loaded model as one object: top-k codes, the probability of given codes, word explanations and (retrieval) the
// tariff lines behind a prediction. The architecture (flat, hierarchical: ADR 0010; retrieval: ADR 0013) is looked at
// once, when the classifier is built; callers never branch on it.
import type * as tfTypes from "@tensorflow/tfjs";
import type { Candidate } from "../../workbench/evaluation/metrics";
import { hasTextToClassify, textsToClassify, type ModelIdentity, type Predictor } from "../../workbench/evaluation/predictor";
import type { FeaturiserConfig } from "../../workbench/features/hashed-features";
import { flatProbabilityOf, flatTopK } from "./flat-inference";
import { hierarchicalProbabilityOf, hierarchicalTopK } from "./hierarchical-inference";
import { isHierarchical } from "./hierarchical-model";
import type { GarmentReading } from "./garment-reading";
import type { FoodStateReading } from "./food-state-reading";
import type { IgnitionReading } from "./ignition-reading";
import type { QuantityReading } from "./quantity-reading";
import type { MaterialReading } from "./material-reading";
import type { AbbreviationRead } from "./abbreviation-reading";
import type { DeviceRead } from "./device-reading";
import type { Translation, Typo } from "./retrieval-index";

export type { AbbreviationRead, DeviceRead, FoodStateReading, GarmentReading, IgnitionReading, MaterialReading, QuantityReading, Translation, Typo };

type Tf = typeof tfTypes;

export interface TokenWeight {
  token: string;
  /**
   * how much the top prediction's probability drops when this word is left out (negative: it rises); null: not weighed,
   * a word after a description's first WEIGHED_WORDS
   */
  weight: number | null;
}

/**
 * How many of a description's words are each left out in turn to weigh them (occlusion). Every real line we have is
 * within it (38 words at most); past it, each further word would cost a classification of the whole description, so a
 * long one (a thousand characters of two-letter words) cost hundreds of them.
 */
export const WEIGHED_WORDS = 64;

export type Architecture = "flat" | "hierarchical" | "retrieval" | "combined";

/** A tariff line that supports a predicted code: what a person checks before accepting it. */
export interface Evidence {
  code: string;
  text: string;
  source: string;
  similarity: number;
}

export interface Classifier extends Predictor {
  readonly architecture: Architecture;
  readonly labels: readonly string[];
  /** P(code) for each (text, code) pair */
  probabilityOf(texts: readonly string[], codes: readonly string[]): Promise<Float32Array>;
  /**
   * Top-k codes; for the top one, how much each word contributed (occlusion: the word left out); the nearest tariff
   * lines of each text as evidence, the foreign words it read through its glossaries (retrieval models) and the goods
   * part it also searched (combined versions from 1.1.0); null when the model has none to show.
   */
  explain(texts: readonly string[], k: number): Promise<Explained>;
  /**
   * Per text, whether its codes are a guess: no tariff line shares a word or a part of a word with it (versions that
   * search tariff lines; a text with nothing to classify is not one). Without the search, absent.
   */
  unread?(texts: readonly string[]): boolean[];
}

export interface Explained {
  candidates: Candidate[][];
  explanations: TokenWeight[][];
  evidence: Evidence[][] | null;
  translated: Translation[][] | null;
  /**
   * per text, the goods it names before their use (or, from hs-combined@1.28.0, their packing), which the model also
   * searched (null: the text has none)
   */
  goods: (string | null)[] | null;
  /** per text, what it was read as when it reads as a garment of chapter 61 or 62 (combined versions from 1.5.0) */
  garments: (GarmentReading | null)[] | null;
  /**
   * per text, the subheadings the materials it names give (combined versions from 1.19.0; one applies only where the
   * version's best code is in its headings: materialFor)
   */
  materials: MaterialReading[][] | null;
  /**
   * per text, the state of fruit, nuts or vegetables it names (combined versions from 1.29.0; it applies only where the
   * version's best code is a fruit's, nut's or vegetable's in another state: foodStateHeadings)
   */
  foodStates: (FoodStateReading | null)[] | null;
  /**
   * per text, the quantities it writes and the subheadings whose ranges hold one (combined versions from 1.30.0; a
   * range moves a best code only where that code's own range holds none of them: quantityCode)
   */
  quantities: (QuantityReading | null)[] | null;
  /**
   * per text, the ignition the fuel it names gives an engine (combined versions from 1.31.0; it applies only where the
   * version's best code is an engine's of the other ignition: ignitionCode)
   */
  ignitions: (IgnitionReading | null)[] | null;
  /** per text, the brand names left out of its reading and search (retrieval revision 9); null: the model leaves none out */
  brands: string[][] | null;
  /** per text, its misspelt words and the words read instead (retrieval revision 10); null: the model reads none so */
  typos: Typo[][] | null;
  /** per text, the product names read as the kind of device an accessory is for (retrieval revision 11); null: none so */
  devices: DeviceRead[][] | null;
  /** per text, the trade abbreviations read as the words they stand for (retrieval revision 15); null: none so */
  abbreviations: AbbreviationRead[][] | null;
}

/** What a model answers beside its candidates when it explains nothing (topK alone; a version behind an endpoint). */
export const NOTHING_EXPLAINED = {
  evidence: null,
  translated: null,
  goods: null,
  garments: null,
  materials: null,
  foodStates: null,
  quantities: null,
  ignitions: null,
  brands: null,
  typos: null,
  devices: null,
  abbreviations: null,
} as const satisfies Omit<Explained, "candidates" | "explanations">;

export interface ModelParts {
  model: tfTypes.LayersModel;
  features: FeaturiserConfig;
  labels: readonly string[];
}

/** One batch of the architecture's own computation. */
export interface Kernel {
  architecture: Architecture;
  labels: readonly string[];
  topK(texts: readonly string[], k: number): Promise<Candidate[][]> | Candidate[][];
  probabilityOf(texts: readonly string[], labelIndex: readonly number[]): Promise<Float32Array> | Float32Array;
  evidence?(texts: readonly string[], k: number): Evidence[][];
  translations?(texts: readonly string[]): Translation[][];
  /** per text: the brand names it was read without, as written (retrieval, revision 9) */
  brands?(texts: readonly string[]): string[][];
  /** per text: its misspelt words and the words read instead (retrieval, revision 10) */
  typos?(texts: readonly string[]): Typo[][];
  /** per text: the product names read as the kind of device an accessory is for (retrieval, revision 11) */
  devices?(texts: readonly string[]): DeviceRead[][];
  /** per text: the trade abbreviations read as the words they stand for (retrieval, revision 15) */
  abbreviations?(texts: readonly string[]): AbbreviationRead[][];
  /** per text: written in Chinese, Vietnamese or Thai, read through hand-written glossaries only (retrieval, revision 4) */
  asianLines?(texts: readonly string[]): boolean[];
  goods?(texts: readonly string[]): (string | null)[];
  garments?(texts: readonly string[]): (GarmentReading | null)[];
  materials?(texts: readonly string[]): MaterialReading[][];
  foodStates?(texts: readonly string[]): (FoodStateReading | null)[];
  quantities?(texts: readonly string[]): (QuantityReading | null)[];
  ignitions?(texts: readonly string[]): (IgnitionReading | null)[];
  /** per text: no tariff line shares a word or a part of a word with it, so its codes are a guess (versions that search) */
  unread?(texts: readonly string[]): boolean[];
}

/**
 * Large batches: tfjs' default of 32 is far slower. Between batches of a long run with progress, the event loop gets
 * a turn so a server keeps answering.
 */
const BATCH = 2048;

/** Tariff lines shown as evidence with an explanation. */
const EVIDENCE_LINES = 3;

/** The computation of a neural model (flat or hierarchical, told apart by its layers). */
export function neuralKernel(tf: Tf, parts: ModelParts): Kernel {
  const { model, features, labels } = parts;
  return isHierarchical(model)
    ? {
        architecture: "hierarchical",
        labels,
        topK: (texts, k) => hierarchicalTopK(model, features, labels, texts, k),
        probabilityOf: (texts, labelIndex) => hierarchicalProbabilityOf(model, features, labels, texts, labelIndex),
      }
    : {
        architecture: "flat",
        labels,
        topK: (texts, k) => flatTopK(tf, model, features, labels, texts, k),
        probabilityOf: (texts, labelIndex) => flatProbabilityOf(tf, model, features, texts, labelIndex),
      };
}

export function createClassifier(kernel: Kernel, identity: ModelIdentity): Classifier {
  const { labels } = kernel;
  const indexOf = new Map(labels.map((label, i) => [label, i]));
  const labelIndex = (code: string) => {
    const i = indexOf.get(code);
    if (i === undefined) throw new Error(`${identity.name}@${identity.version} has no label ${code}`);
    return i;
  };

  // texts with nothing to classify (no letter or digit) get no codes and are never given to the kernel
  const topK: Classifier["topK"] = async (texts, k, onProgress) => {
    const top = Math.min(k, labels.length);
    const some = textsToClassify(texts);
    const out: Candidate[][] = [];
    for (let start = 0; start < some.texts.length; start += BATCH) {
      out.push(...(await kernel.topK(some.texts.slice(start, start + BATCH), top)));
      if (onProgress) {
        onProgress(some.skipped + out.length, texts.length);
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    }
    if (onProgress && !some.texts.length) onProgress(texts.length, texts.length);
    return some.inPlace(out, () => []);
  };

  const probabilityOf: Classifier["probabilityOf"] = async (texts, codes) => {
    const indices = codes.map(labelIndex);
    const some = textsToClassify(texts);
    const p = some.texts.length ? await kernel.probabilityOf(some.texts, some.pick(indices)) : [];
    return Float32Array.from(some.inPlace(Array.from(p), () => 0));
  };

  /**
   * Occlusion: every leave-one-out variant of every text (of its first WEIGHED_WORDS words) is scored for the text's top
   * code in one call (one call per request instead of one per text: what makes the API fast). Words are the text's own,
   * as written ("256GB", "48V").
   */
  const explain: Classifier["explain"] = async (texts, k) => {
    const some = textsToClassify(texts);
    const shown = some.texts;
    const words = shown.map((t) => t.split(/\s+/).filter(hasTextToClassify));
    const candidates = shown.length ? await kernel.topK(shown, Math.min(k, labels.length)) : [];
    const variants: string[] = [];
    const topLabel: number[] = [];
    words.forEach((w, i) => {
      const top = labelIndex(candidates[i]![0]!.code);
      for (let j = 0; j < Math.min(w.length, WEIGHED_WORDS); j++) {
        variants.push(w.filter((_, m) => m !== j).join(" "));
        topLabel.push(top);
      }
    });
    const q = variants.length ? await kernel.probabilityOf(variants, topLabel) : [];
    let offset = 0;
    const explanations = words.map((w, i) => {
      const full = candidates[i]![0]!.probability;
      const weights = w.map((token, j) => ({
        token,
        weight: j < WEIGHED_WORDS ? Math.round((full - q[offset + j]!) * 10_000) / 10_000 : null,
      }));
      offset += Math.min(w.length, WEIGHED_WORDS);
      return weights;
    });
    const perText = <T>(values: T[] | undefined, none: () => T) => (values ? some.inPlace(values, none) : null);
    return {
      candidates: some.inPlace(candidates, () => []),
      explanations: some.inPlace(explanations, () => []),
      evidence: perText(kernel.evidence?.(shown, EVIDENCE_LINES), () => []),
      translated: perText(kernel.translations?.(shown), () => []),
      goods: perText(kernel.goods?.(shown), () => null),
      garments: perText(kernel.garments?.(shown), () => null),
      materials: perText(kernel.materials?.(shown), () => []),
      foodStates: perText(kernel.foodStates?.(shown), () => null),
      quantities: perText(kernel.quantities?.(shown), () => null),
      ignitions: perText(kernel.ignitions?.(shown), () => null),
      brands: perText(kernel.brands?.(shown), () => []),
      typos: perText(kernel.typos?.(shown), () => []),
      devices: perText(kernel.devices?.(shown), () => []),
      abbreviations: perText(kernel.abbreviations?.(shown), () => []),
    };
  };

  const unread: Classifier["unread"] =
    kernel.unread &&
    ((texts) => {
      const some = textsToClassify(texts);
      return some.inPlace(some.texts.length ? kernel.unread!(some.texts) : [], () => false);
    });
  return { identity, architecture: kernel.architecture, labels, topK, probabilityOf, explain, ...(unread ? { unread } : {}) };
}
