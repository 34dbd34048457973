import type * as tfTypes from "@tensorflow/tfjs";
import type { Candidate } from "../../workbench/evaluation/metrics";
import { normaliseText, type FeaturiserConfig } from "../../workbench/features/hashed-features";
import { probabilities } from "./classifier";
import { hierarchicalProbabilityOf, hierarchicalTopK, isHierarchical } from "./hierarchical";

type Tf = typeof tfTypes;

export interface TokenWeight {
  token: string;
  /** how much the top prediction's probability drops when this word is left out (negative: it rises) */
  weight: number;
}

/**
 * Top-k codes and, for the top one, occlusion: leave out one word at a time and see how much its probability falls.
 * Every text and every leave-one-out variant of every text go through the model in one batch (one call per batch
 * instead of one per text: what makes the API fast), then only the top-k and the needed probabilities are read back.
 */
export async function predictAndExplain(
  tf: Tf,
  model: tfTypes.LayersModel,
  features: FeaturiserConfig,
  labels: readonly string[],
  texts: readonly string[],
  k = 5,
): Promise<{ candidates: Candidate[][]; explanations: TokenWeight[][] }> {
  const words = texts.map((t) => normaliseText(t).split(" ").filter(Boolean));
  // rows: the text itself, then its variants; `first[i]` is the row of text i
  const rows: string[] = [];
  const first: number[] = [];
  texts.forEach((text, i) => {
    first.push(rows.length);
    rows.push(text);
    const w = words[i]!;
    for (let j = 0; j < w.length; j++) rows.push(w.filter((_, m) => m !== j).join(" "));
  });
  const top = Math.min(k, labels.length);
  if (isHierarchical(model)) {
    // the top code's probability in each leave-one-out variant: one chapter and its subheadings per variant
    const candidates = hierarchicalTopK(model, features, labels, texts, top);
    const firstRows = new Set(first);
    const variants = rows.filter((_, r) => !firstRows.has(r));
    const topIndex = candidates.map((c) => labels.indexOf(c[0]!.code));
    const topLabel = texts.flatMap((_, i) => words[i]!.map(() => topIndex[i]!));
    const q = hierarchicalProbabilityOf(model, features, labels, variants, topLabel);
    let offset = 0;
    const explanations = words.map((w, i) => {
      const full = candidates[i]![0]!.probability;
      const weights = w.map((token, j) => ({ token, weight: Math.round((full - q[offset + j]!) * 10_000) / 10_000 }));
      offset += w.length;
      return weights;
    });
    return { candidates, explanations };
  }
  const all = tf.tidy(() => probabilities(tf, model, features, rows));
  try {
    const { values, indices } = tf.tidy(() => tf.topk(tf.gather(all, first), top, true));
    const [p, idx] = await Promise.all([values.data(), indices.data()]);
    values.dispose();
    indices.dispose();
    const candidates = texts.map((_, i) => Array.from({ length: top }, (__, j) => ({ code: labels[idx[i * top + j]!]!, probability: p[i * top + j]! })));
    // the top label's probability in every row of each text
    const pairs: number[][] = [];
    texts.forEach((_, i) => {
      for (let r = 0; r <= words[i]!.length; r++) pairs.push([first[i]! + r, idx[i * top]!]);
    });
    const picked = tf.tidy(() => tf.gatherND(all, tf.tensor2d(pairs, [pairs.length, 2], "int32")));
    const q = await picked.data();
    picked.dispose();
    let offset = 0;
    const explanations = words.map((w) => {
      const full = q[offset]!;
      const weights = w.map((token, j) => ({ token, weight: Math.round((full - q[offset + 1 + j]!) * 10_000) / 10_000 }));
      offset += w.length + 1;
      return weights;
    });
    return { candidates, explanations };
  } finally {
    all.dispose();
  }
}
