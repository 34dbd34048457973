// The server's classification: one pool of inference workers per process (sized to the cores unless configured) and
// a per-user request budget for /api/classify.
import { availableParallelism } from "node:os";
import { InferencePool } from "../../models/hs-classifier/inference-pool";
import { nowMs } from "../../workbench/clock";
import type { PredictorOf } from "../../workbench/evaluation/predictor";
import { getEnv } from "../../workbench/config/env";
import { withRemote } from "../../models/remote/remote-version";
import { getStore } from "~/store/context.server";

let pool: InferencePool | undefined;

export function inferencePool(): InferencePool {
  const size = getEnv().WORKBENCH_INFERENCE_WORKERS ?? availableParallelism();
  // waiting requests are bounded (each is at most 256 kB and 100 descriptions); 16 clients at once still wait their turn
  pool ??= new InferencePool(size, Math.max(32, size * 16));
  return pool;
}

/** Predictors for the evaluation sets (Compare, promotion requests) whose batches run in the pool's workers. */
export const pooledPredictorOf: PredictorOf = (version) => withRemote(getStore(), async (v) => inferencePool().predictor(v))(version);

const buckets = new Map<string, { tokens: number; at: number }>();

/**
 * Token buckets per API token (WORKBENCH_API_REQUESTS_PER_MINUTE on average) and per user across all their tokens and
 * sessions (twice that); bursts of a quarter. A request needs room in every bucket it belongs to; returns the seconds
 * to wait when one is spent.
 */
export function takeApiRequest(keys: { user: number; token?: number }, now = nowMs()): { ok: true } | { ok: false; retryAfterSeconds: number } {
  const perMinute = getEnv().WORKBENCH_API_REQUESTS_PER_MINUTE;
  if (perMinute === 0) return { ok: true };
  const wanted = [
    { key: `user:${keys.user}`, perMinute: perMinute * 2 },
    ...(keys.token === undefined ? [] : [{ key: `token:${keys.token}`, perMinute }]),
  ].map(({ key, perMinute: rate }) => {
    const capacity = Math.max(5, Math.ceil(rate / 4));
    const refillPerMs = rate / 60_000;
    const bucket = buckets.get(key) ?? { tokens: capacity, at: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.at) * refillPerMs);
    bucket.at = now;
    buckets.set(key, bucket);
    return { bucket, refillPerMs };
  });
  const short = wanted.filter((w) => w.bucket.tokens < 1);
  if (short.length) {
    return { ok: false, retryAfterSeconds: Math.max(...short.map((w) => Math.max(1, Math.ceil((1 - w.bucket.tokens) / w.refillPerMs / 1000)))) };
  }
  for (const w of wanted) w.bucket.tokens -= 1;
  return { ok: true };
}
