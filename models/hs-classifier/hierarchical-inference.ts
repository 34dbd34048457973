// Hierarchical inference over the sparse features: an exact top-k search over chapters and the probability of given
// codes (what explanations need), their layers computed in WebAssembly (wasm-layers.ts); and the full distribution in
// JavaScript (vector-math.ts), the reference for tests. Never a 5,612-way softmax.
import type { Candidate } from "../../workbench/evaluation/metrics";
import { featuriseSparse, type FeaturiserConfig } from "../../workbench/features/hashed-features";
import type * as tfTypes from "@tensorflow/tfjs";
import { weightsOf, widestChapter, type Weights } from "./hierarchical-model";
import { softmaxInPlace, softmaxRows, sparseReluLayer } from "./vector-math";

class Scratch {
  readonly hidden: Float32Array;
  readonly chapter: Float32Array;
  readonly within: Float32Array;
  /** the top-k search's best codes and their probabilities (float64, as computed) */
  readonly bestIndex: Int32Array;
  readonly bestProbability: Float64Array;
  constructor(w: Weights, k = 0) {
    this.hidden = new Float32Array(w.units);
    this.chapter = new Float32Array(w.chapterBias.length);
    this.within = new Float32Array(widestChapter(w.start));
    this.bestIndex = new Int32Array(k);
    this.bestProbability = new Float64Array(k);
  }
}

/**
 * Exact top-k: chapters are visited from the most probable down, and the search stops when the next chapter's
 * probability is below the k-th best code found (no code of that chapter can be more probable than its chapter).
 */
function topKOne(w: Weights, s: Scratch, labels: readonly string[], text: string, features: FeaturiserConfig, k: number): Candidate[] {
  const chapters = chapterProbabilities(w, text, features);
  // the best codes so far, most probable first (equal probabilities: the one found first stays ahead)
  const { bestIndex, bestProbability } = s;
  let found = 0;
  for (;;) {
    let c = -1;
    for (let i = 0; i < chapters.length; i++) if (chapters[i]! >= 0 && (c < 0 || chapters[i]! > chapters[c]!)) c = i;
    if (c < 0) break;
    const pc = chapters[c]!;
    chapters[c] = -1; // visited
    if (found === k && pc <= bestProbability[k - 1]!) break;
    const from = w.start[c]!;
    const within = withinChapter(w, c);
    for (let r = 0, n = w.start[c + 1]! - from; r < n; r++) {
      const probability = pc * within[r]!;
      if (found === k && probability <= bestProbability[k - 1]!) continue;
      let at = found < k ? found++ : k - 1;
      for (; at > 0 && bestProbability[at - 1]! < probability; at--) {
        bestProbability[at] = bestProbability[at - 1]!;
        bestIndex[at] = bestIndex[at - 1]!;
      }
      bestProbability[at] = probability;
      bestIndex[at] = from + r;
    }
  }
  return Array.from({ length: found }, (_, i) => ({ code: labels[bestIndex[i]!]!, probability: bestProbability[i]! }));
}

/** The hidden layer of a text (left in w.layers) and P(chapter), computed in WebAssembly: scratch of w.layers. */
function chapterProbabilities(w: Weights, text: string, features: FeaturiserConfig): Float32Array {
  w.layers.sparseRelu(text, features);
  const chapters = w.layers.scoresOf(0, 0, w.chapterBias.length);
  softmaxInPlace(chapters, chapters.length);
  return chapters;
}

/** P(subheading | chapter c) at [0 … chapter c's width) for the hidden layer in w.layers: scratch of w.layers. */
function withinChapter(w: Weights, c: number): Float32Array {
  const scores = w.layers.scoresOf(1, w.start[c]!, w.start[c + 1]!);
  softmaxInPlace(scores, w.start[c + 1]! - w.start[c]!);
  return scores;
}

export function hierarchicalTopK(
  model: tfTypes.LayersModel,
  features: FeaturiserConfig,
  labels: readonly string[],
  texts: readonly string[],
  k: number,
): Candidate[][] {
  const w = weightsOf(model, labels);
  const top = Math.min(k, labels.length);
  const s = new Scratch(w, top);
  return texts.map((text) => topKOne(w, s, labels, text, features, top));
}

/** P(label) for each (text, label index) pair: the chapter's probability times the label's within its chapter. */
export function hierarchicalProbabilityOf(
  model: tfTypes.LayersModel,
  features: FeaturiserConfig,
  labels: readonly string[],
  texts: readonly string[],
  labelIndex: readonly number[],
): Float32Array {
  const w = weightsOf(model, labels);
  return Float32Array.from(texts, (text, i) => {
    const label = labelIndex[i]!;
    const c = w.chapterOf[label]!;
    const pc = chapterProbabilities(w, text, features)[c]!;
    return pc * withinChapter(w, c)[label - w.start[c]!]!;
  });
}

/** Every label's probability: the reference the tests hold the top-k search and the tfjs graph to. */
export function hierarchicalProbabilities(
  model: tfTypes.LayersModel,
  features: FeaturiserConfig,
  labels: readonly string[],
  texts: readonly string[],
): Float32Array[] {
  const w = weightsOf(model, labels);
  const s = new Scratch(w);
  return texts.map((text) => {
    sparseReluLayer(w.kernel, w.bias, w.units, featuriseSparse(text, features), s.hidden);
    softmaxRows(s.hidden, w.chapterRows, w.chapterBias, 0, w.chapterBias.length, s.chapter);
    const out = new Float32Array(labels.length);
    for (let c = 0; c + 1 < w.start.length; c++) {
      softmaxRows(s.hidden, w.labelRows, w.labelBias, w.start[c]!, w.start[c + 1]!, s.within);
      for (let r = w.start[c]!; r < w.start[c + 1]!; r++) out[r] = s.chapter[c]! * s.within[r - w.start[c]!]!;
    }
    return out;
  });
}
