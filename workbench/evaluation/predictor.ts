// What evaluation asks of a model: which artifact it is and its top-k codes for texts. Classifiers (models/) implement
// it; the prediction cache, the comparison service and the promotion gates take it as a parameter, so the domain
// never depends on how a model computes.
import type { Candidate } from "./metrics";
import type { RegisteredVersion } from "../registry/model-version";

export interface ModelIdentity {
  name: string;
  version: string;
  /** the artifact's manifest sha256: predictions are cached under it */
  sha256: string;
}

export interface Predictor {
  readonly identity: ModelIdentity;
  /**
   * Present when its answers follow from its artifact's files alone (not so an endpoint, imported predictions or a
   * test's stand-in): fails as loading them would when they no longer match the registered sha256, so that predictions
   * kept for those files (WORKBENCH_PREDICTION_CACHE_DIR) may stand in for its answers only where it could answer.
   */
  verifyFiles?(): Promise<void>;
  /** top-k codes with probabilities per text, in order; reports progress and yields between batches when asked to */
  topK(texts: readonly string[], k: number, onProgress?: (done: number, total: number) => void): Promise<Candidate[][]>;
}

/**
 * A text without a letter or a digit ("", "   ", "---") has nothing to classify: every version, local or behind an
 * endpoint, answers it with no codes rather than a guess (an empty description is a gap in the extract, not goods).
 */
export const hasTextToClassify = (text: string) => /[\p{L}\p{N}]/u.test(text);

/** Why a labelled line without a description is left out of an evaluation: it tests no model. */
export const NO_DESCRIPTION = "no description (nothing to classify)";

/** What a page or an answer says for such a text. */
export const NOTHING_TO_CLASSIFY = "Nothing to classify: the description has no letter or digit";

/** The texts that have something to classify, and their answers put back in place (no answer for the others). */
export function textsToClassify(texts: readonly string[]) {
  const at = texts.flatMap((t, i) => (hasTextToClassify(t) ? [i] : []));
  /** values given per text (all of them), for the texts to classify only */
  const pick = <T>(values: readonly T[]): T[] => (at.length === texts.length ? [...values] : at.map((i) => values[i]!));
  return {
    texts: pick(texts),
    /** where each of them is among all the texts */
    at,
    /** how many have nothing to classify */
    skipped: texts.length - at.length,
    pick,
    inPlace<T>(answers: readonly T[], none: () => T): T[] {
      if (at.length === texts.length) return [...answers];
      const out = Array.from({ length: texts.length }, none);
      at.forEach((i, j) => (out[i] = answers[j]!));
      return out;
    },
  };
}

/** How a caller supplies the predictor of a registered version (loaded and verified, or an endpoint, by the models layer). */
export type PredictorOf = (version: RegisteredVersion) => Promise<Predictor>;
