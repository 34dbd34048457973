// Hierarchical inference over the sparse features: an exact top-k search over chapters, the probability of given
// codes (what explanations need) and the full distribution (the reference for tests). Never a 5,612-way softmax.
import type { Candidate } from "../../workbench/evaluation/metrics";
import { featuriseSparse, type FeaturiserConfig } from "../../workbench/features/hashed-features";
import type * as tfTypes from "@tensorflow/tfjs";
import { weightsOf, widestChapter, type Weights } from "./hierarchical-model";
import { dot, softmaxInPlace, softmaxRows, sparseReluLayer } from "./vector-math";

class Scratch {
  readonly hidden: Float32Array;
  readonly chapter: Float32Array;
  readonly within: Float32Array;
  constructor(w: Weights) {
    this.hidden = new Float32Array(w.units);
    this.chapter = new Float32Array(w.chapterBias.length);
    this.within = new Float32Array(widestChapter(w.start));
  }
}

/**
 * Exact top-k: chapters are visited from the most probable down, and the search stops when the next chapter's
 * probability is below the k-th best code found (no code of that chapter can be more probable than its chapter).
 */
function topKOne(w: Weights, s: Scratch, labels: readonly string[], text: string, features: FeaturiserConfig, k: number): Candidate[] {
  sparseReluLayer(w.kernel, w.bias, w.units, featuriseSparse(text, features), s.hidden);
  softmaxRows(s.hidden, w.chapterRows, w.chapterBias, 0, w.chapterBias.length, s.chapter);
  const best: { index: number; probability: number }[] = [];
  const chapters = s.chapter;
  for (;;) {
    let c = -1;
    for (let i = 0; i < chapters.length; i++) if (chapters[i]! >= 0 && (c < 0 || chapters[i]! > chapters[c]!)) c = i;
    if (c < 0) break;
    const pc = chapters[c]!;
    chapters[c] = -1; // visited
    if (best.length === k && pc <= best[k - 1]!.probability) break;
    const from = w.start[c]!;
    const to = w.start[c + 1]!;
    softmaxRows(s.hidden, w.labelRows, w.labelBias, from, to, s.within);
    for (let r = from; r < to; r++) {
      const probability = pc * s.within[r - from]!;
      if (best.length === k && probability <= best[k - 1]!.probability) continue;
      let at = best.length;
      while (at > 0 && best[at - 1]!.probability < probability) at--;
      best.splice(at, 0, { index: r, probability });
      if (best.length > k) best.pop();
    }
  }
  return best.map((b) => ({ code: labels[b.index]!, probability: b.probability }));
}

export function hierarchicalTopK(
  model: tfTypes.LayersModel,
  features: FeaturiserConfig,
  labels: readonly string[],
  texts: readonly string[],
  k: number,
): Candidate[][] {
  const w = weightsOf(model, labels);
  const s = new Scratch(w);
  const top = Math.min(k, labels.length);
  return texts.map((text) => topKOne(w, s, labels, text, features, top));
}

/**
 * P(label) for each (text, label index) pair: the chapter's probability times the label's within its chapter.
 * Pairs are taken chapter by chapter, and each chapter's subheading rows once for all its pairs (rows outer, texts
 * inner): the leave-one-out variants of an explanation all ask for the same chapter, whose rows then stay in cache.
 */
export function hierarchicalProbabilityOf(
  model: tfTypes.LayersModel,
  features: FeaturiserConfig,
  labels: readonly string[],
  texts: readonly string[],
  labelIndex: readonly number[],
): Float32Array {
  const w = weightsOf(model, labels);
  const s = new Scratch(w);
  const { units } = w;
  const hidden = new Float32Array(texts.length * units);
  const out = new Float32Array(texts.length);
  const byChapter = new Map<number, number[]>();
  texts.forEach((text, i) => {
    const h = hidden.subarray(i * units, (i + 1) * units);
    sparseReluLayer(w.kernel, w.bias, w.units, featuriseSparse(text, features), h);
    const c = w.chapterOf[labelIndex[i]!]!;
    softmaxRows(h, w.chapterRows, w.chapterBias, 0, w.chapterBias.length, s.chapter);
    out[i] = s.chapter[c]!;
    const group = byChapter.get(c);
    if (group) group.push(i);
    else byChapter.set(c, [i]);
  });
  for (const [c, members] of byChapter) {
    const from = w.start[c]!;
    const width = w.start[c + 1]! - from;
    const logits = new Float32Array(members.length * width);
    for (let r = 0; r < width; r++) {
      const bias = w.labelBias[from + r]!;
      members.forEach(
        (i, m) => (logits[m * width + r] = bias + dot(hidden.subarray(i * units, (i + 1) * units), w.labelRows, (from + r) * units, units)),
      );
    }
    members.forEach((i, m) => {
      const row = logits.subarray(m * width, (m + 1) * width);
      softmaxInPlace(row, width);
      out[i]! *= row[labelIndex[i]! - from]!;
    });
  }
  return out;
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
