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
  /** top-k codes with probabilities per text, in order; reports progress and yields between batches when asked to */
  topK(texts: readonly string[], k: number, onProgress?: (done: number, total: number) => void): Promise<Candidate[][]>;
}

/** How a caller supplies the predictor of a registered version (loaded and verified, or an endpoint, by the models layer). */
export type PredictorOf = (version: RegisteredVersion) => Promise<Predictor>;
