// The server's classification: one pool of inference workers per process (sized to the cores unless configured) and
// a per-user request budget for /api/classify.
import { availableParallelism } from "node:os";
import { InferencePool } from "../../models/hs-classifier/inference-pool";
import { nowMs } from "../../workbench/clock";
import type { PredictorOf } from "../../workbench/evaluation/predictor";
import { getEnv } from "../../workbench/config/env";

let pool: InferencePool | undefined;

export function inferencePool(): InferencePool {
  const size = getEnv().WORKBENCH_INFERENCE_WORKERS ?? availableParallelism();
  // waiting requests are bounded (each is at most 256 kB and 100 descriptions); 16 clients at once still wait their turn
  pool ??= new InferencePool(size, Math.max(32, size * 16));
  return pool;
}

/** Predictors for the evaluation sets (Compare, promotion requests) whose batches run in the pool's workers. */
export const pooledPredictorOf: PredictorOf = async (version) => inferencePool().predictor(version);

const buckets = new Map<string, { tokens: number; at: number }>();

/**
 * A token bucket per user (session or token alike): WORKBENCH_API_REQUESTS_PER_MINUTE on average, bursts of a
 * quarter of that. Returns the seconds to wait when the budget is spent.
 */
export function takeApiRequest(key: string, now = nowMs()): { ok: true } | { ok: false; retryAfterSeconds: number } {
  const perMinute = getEnv().WORKBENCH_API_REQUESTS_PER_MINUTE;
  if (perMinute === 0) return { ok: true };
  const capacity = Math.max(5, Math.ceil(perMinute / 4));
  const refillPerMs = perMinute / 60_000;
  const bucket = buckets.get(key) ?? { tokens: capacity, at: now };
  bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.at) * refillPerMs);
  bucket.at = now;
  buckets.set(key, bucket);
  if (bucket.tokens < 1) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerMs / 1000)) };
  bucket.tokens -= 1;
  return { ok: true };
}
