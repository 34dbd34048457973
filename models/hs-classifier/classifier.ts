// A loaded model as one object: top-k codes, the probability of given codes and word explanations. The architecture
// (flat or hierarchical, ADR 0010) is looked at once, when the classifier is built; callers never branch on it.
import type * as tfTypes from "@tensorflow/tfjs";
import type { Candidate } from "../../workbench/evaluation/metrics";
import type { ModelIdentity, Predictor } from "../../workbench/evaluation/predictor";
import { normaliseText, type FeaturiserConfig } from "../../workbench/features/hashed-features";
import { flatProbabilityOf, flatTopK } from "./flat-inference";
import { hierarchicalProbabilityOf, hierarchicalTopK } from "./hierarchical-inference";
import { isHierarchical } from "./hierarchical-model";

type Tf = typeof tfTypes;

export interface TokenWeight {
  token: string;
  /** how much the top prediction's probability drops when this word is left out (negative: it rises) */
  weight: number;
}

export interface Classifier extends Predictor {
  readonly architecture: "flat" | "hierarchical";
  readonly labels: readonly string[];
  /** P(code) for each (text, code) pair */
  probabilityOf(texts: readonly string[], codes: readonly string[]): Promise<Float32Array>;
  /** top-k codes and, for the top one, how much each word contributed (occlusion: the word left out) */
  explain(texts: readonly string[], k: number): Promise<{ candidates: Candidate[][]; explanations: TokenWeight[][] }>;
}

export interface ModelParts {
  model: tfTypes.LayersModel;
  features: FeaturiserConfig;
  labels: readonly string[];
}

/** One batch of the architecture's own computation. */
interface Kernel {
  topK(texts: readonly string[], k: number): Promise<Candidate[][]> | Candidate[][];
  probabilityOf(texts: readonly string[], labelIndex: readonly number[]): Promise<Float32Array> | Float32Array;
}

/**
 * Large batches: tfjs' default of 32 is far slower. Between batches of a long run with progress, the event loop gets
 * a turn so a server keeps answering.
 */
const BATCH = 2048;

export function createClassifier(tf: Tf, parts: ModelParts, identity: ModelIdentity): Classifier {
  const { model, features, labels } = parts;
  const hierarchical = isHierarchical(model);
  const kernel: Kernel = hierarchical
    ? {
        topK: (texts, k) => hierarchicalTopK(model, features, labels, texts, k),
        probabilityOf: (texts, labelIndex) => hierarchicalProbabilityOf(model, features, labels, texts, labelIndex),
      }
    : {
        topK: (texts, k) => flatTopK(tf, model, features, labels, texts, k),
        probabilityOf: (texts, labelIndex) => flatProbabilityOf(tf, model, features, texts, labelIndex),
      };
  const indexOf = new Map(labels.map((label, i) => [label, i]));
  const labelIndex = (code: string) => {
    const i = indexOf.get(code);
    if (i === undefined) throw new Error(`${identity.name}@${identity.version} has no label ${code}`);
    return i;
  };

  const topK: Classifier["topK"] = async (texts, k, onProgress) => {
    const top = Math.min(k, labels.length);
    const out: Candidate[][] = [];
    for (let start = 0; start < texts.length; start += BATCH) {
      out.push(...(await kernel.topK(texts.slice(start, start + BATCH), top)));
      if (onProgress) {
        onProgress(out.length, texts.length);
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    }
    return out;
  };

  const probabilityOf: Classifier["probabilityOf"] = async (texts, codes) => kernel.probabilityOf(texts, codes.map(labelIndex));

  /**
   * Occlusion: every leave-one-out variant of every text is scored for the text's top code in one call (one call per
   * request instead of one per text: what makes the API fast).
   */
  const explain: Classifier["explain"] = async (texts, k) => {
    const words = texts.map((t) => normaliseText(t).split(" ").filter(Boolean));
    const candidates = await kernel.topK(texts, Math.min(k, labels.length));
    const variants: string[] = [];
    const topLabel: number[] = [];
    words.forEach((w, i) => {
      const top = labelIndex(candidates[i]![0]!.code);
      for (let j = 0; j < w.length; j++) {
        variants.push(w.filter((_, m) => m !== j).join(" "));
        topLabel.push(top);
      }
    });
    const q = await kernel.probabilityOf(variants, topLabel);
    let offset = 0;
    const explanations = words.map((w, i) => {
      const full = candidates[i]![0]!.probability;
      const weights = w.map((token, j) => ({ token, weight: Math.round((full - q[offset + j]!) * 10_000) / 10_000 }));
      offset += w.length;
      return weights;
    });
    return { candidates, explanations };
  };

  return { identity, architecture: hierarchical ? "hierarchical" : "flat", labels, topK, probabilityOf, explain };
}
