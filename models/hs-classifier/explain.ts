import type * as tfTypes from "@tensorflow/tfjs";
import { featuriseBatch, normaliseText, type FeaturiserConfig } from "../../workbench/features/hashed-features";

type Tf = typeof tfTypes;

export interface TokenWeight {
  token: string;
  /** how much the top prediction's probability drops when this word is left out (negative: it rises) */
  weight: number;
}

/**
 * Occlusion: leave out one word at a time and see how much the probability of the top code falls.
 * All variants go through the model in one batch.
 */
export async function explainTop(
  tf: Tf,
  model: tfTypes.LayersModel,
  features: FeaturiserConfig,
  labelIndex: number,
  text: string,
): Promise<TokenWeight[]> {
  const words = normaliseText(text).split(" ").filter(Boolean);
  if (words.length === 0) return [];
  const variants = [words.join(" "), ...words.map((_, i) => words.filter((__, j) => j !== i).join(" "))];
  const probabilities = tf.tidy(() => {
    const x = tf.tensor2d(featuriseBatch(variants, features), [variants.length, features.dim]);
    const p = model.predict(x, { batchSize: variants.length }) as tfTypes.Tensor2D;
    return p.slice([0, labelIndex], [variants.length, 1]);
  });
  const values = await probabilities.data();
  probabilities.dispose();
  const full = values[0]!;
  return words.map((token, i) => ({ token, weight: Math.round((full - values[i + 1]!) * 10_000) / 10_000 }));
}
