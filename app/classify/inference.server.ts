// The server's classification: one pool of inference workers per process (sized to the cores unless configured).
import { availableParallelism } from "node:os";
import { InferencePool } from "../../models/hs-classifier/inference-pool";
import type { PredictorOf } from "../../workbench/evaluation/predictor";
import { getEnv } from "../../workbench/config/env";
import { withRemote } from "../../models/remote/remote-version";
import { getStore } from "~/store/context.server";

let pool: InferencePool | undefined;

export function inferencePool(): InferencePool {
  const env = getEnv();
  const size = env.WORKBENCH_INFERENCE_WORKERS ?? availableParallelism();
  // waiting requests are bounded (each is at most 256 kB and 100 descriptions); 16 clients at once still wait their turn
  pool ??= new InferencePool(size, Math.max(32, size * 16), env.WORKBENCH_MODELS_PER_WORKER);
  return pool;
}

/** Predictors for the evaluation sets (Compare, promotion requests) whose batches run in the pool's workers. */
export const pooledPredictorOf: PredictorOf = (version) => withRemote(getStore(), async (v) => inferencePool().predictor(v))(version);
