// Predictions of a model version on an evaluation set, computed once and kept in the registry database, keyed by the
// artifact sha256 and the set's content hash (a retrained model or a changed set never reuses stale predictions), and
// valid only for the revision of the code that made them. Those of a version whose answers follow from its verified
// files are also kept on disk where WORKBENCH_PREDICTION_CACHE_DIR says, for other registries to read.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { threadId } from "node:worker_threads";
import { z } from "zod";
import type { EvaluationLine } from "./evaluation-sets";
import type { Candidate } from "./metrics";
import type { Predictor } from "./predictor";
import { type Db } from "../store/db";
import { nowIso } from "../clock";
import { getEnv } from "../config/env";

export const CACHED_TOP_K = 5;

/**
 * The revision of the code that turns a version's files into predictions (models/hs-classifier: features, tokens,
 * glossary translation, retrieval, decoding). Change it with any change there that changes what a version predicts:
 * predictions cached under another revision are recomputed (the figures on the Models list, Overview and Compare
 * would otherwise describe code that no longer runs).
 */
export const PREDICTIONS_REVISION = "2026-11-30 foreign lines read by revision 2 on a tie";

export interface SetRef {
  id: string;
  hash: string;
  /** only their texts are predicted: a set without codes (the invoice lines) is cached as one with them */
  lines: readonly Pick<EvaluationLine, "text">[];
}

/** k codes and float32 probabilities per line, blank-padded: how predictions are stored (cache and imports). */
export function encodePredictions(candidates: readonly Candidate[][], k: number): { codes: string; probabilities: Buffer } {
  const codes: string[] = [];
  const probabilities = new Float32Array(candidates.length * k);
  candidates.forEach((c, i) => {
    for (let j = 0; j < k; j++) {
      codes.push((c[j]?.code ?? "").padEnd(6, " "));
      probabilities[i * k + j] = c[j]?.probability ?? 0;
    }
  });
  return { codes: codes.join(""), probabilities: Buffer.from(probabilities.buffer) };
}

/** Predictions as stored: compact enough to hand to another thread (a comparison report is computed off the event loop). */
export interface EncodedPredictions {
  codes: string;
  probabilities: Uint8Array;
  lines: number;
  k: number;
}

export const decodeEncoded = (p: EncodedPredictions): Candidate[][] => decodePredictions(p.codes, p.probabilities, p.lines, p.k);

export function decodePredictions(codes: string, blob: Uint8Array, lines: number, k: number): Candidate[][] {
  const probabilities = new Float32Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength));
  return Array.from({ length: lines }, (_, i) => {
    const out: Candidate[] = [];
    for (let j = 0; j < k; j++) {
      const code = codes.slice((i * k + j) * 6, (i * k + j + 1) * 6).trimEnd();
      if (code) out.push({ code, probability: probabilities[i * k + j]! });
    }
    return out;
  });
}

/** The cached predictions as stored, not yet read into candidates. */
export async function cachedEncodedPredictions(db: Db, modelSha256: string, set: SetRef): Promise<EncodedPredictions | null> {
  const row = (await db.get(
    "SELECT codes, probabilities, lines, top_k AS k FROM prediction_cache WHERE model_sha256 = ? AND set_hash = ? AND revision = ?",
    [modelSha256, set.hash, PREDICTIONS_REVISION],
  )) as EncodedPredictions | undefined;
  return row && row.lines === set.lines.length ? row : null;
}

export async function cachedPredictions(db: Db, modelSha256: string, set: SetRef): Promise<Candidate[][] | null> {
  const encoded = await cachedEncodedPredictions(db, modelSha256, set);
  return encoded && decodeEncoded(encoded);
}

/** Whether the predictions are cached, without reading them (a start-up and page-load check). */
export async function hasCachedPredictions(db: Db, modelSha256: string, set: SetRef): Promise<boolean> {
  return Boolean(
    await db.get("SELECT 1 FROM prediction_cache WHERE model_sha256 = ? AND set_hash = ? AND lines = ? AND revision = ?", [
      modelSha256,
      set.hash,
      set.lines.length,
      PREDICTIONS_REVISION,
    ]),
  );
}

const keptSchema = z.object({
  revision: z.string(),
  lines: z.number().int().min(0),
  k: z.number().int().positive(),
  codes: z.string(),
  probabilities: z.string(),
});

/** the names a kept file is made of: hex digests and set hashes (anything else is never turned into a path) */
const SAFE_NAME = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * Predictions kept on disk between registries (WORKBENCH_PREDICTION_CACHE_DIR), as WORKBENCH_INDEX_CACHE_DIR keeps built
 * indexes: a fresh data directory (a new instance, each test's registry) reads a version's predictions on a set instead
 * of measuring it again (a fresh start measures every shipped version: 40–45 s of CPU here). One file per artifact
 * sha256 and set hash, valid for the PREDICTIONS_REVISION it names; written to a temporary name and renamed, so a reader
 * sees a whole file or none, and a missing, malformed or other-revision file is the same as none.
 */
function keptPredictions(dir: string) {
  const path = (sha256: string, set: SetRef) =>
    SAFE_NAME.test(sha256) && SAFE_NAME.test(set.hash) ? join(dir, `${sha256}-${set.hash}.predictions.json`) : null;
  return {
    read(sha256: string, set: SetRef): EncodedPredictions | null {
      const file = path(sha256, set);
      if (!file) return null;
      let kept;
      try {
        kept = keptSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
      } catch {
        // none yet, or unreadable: measured again
        return null;
      }
      if (!kept.success) return null;
      const { revision, lines, k, codes, probabilities } = kept.data;
      const bytes = Buffer.from(probabilities, "base64");
      const whole = lines === set.lines.length && k === CACHED_TOP_K && codes.length === lines * k * 6 && bytes.length === lines * k * 4;
      return revision === PREDICTIONS_REVISION && whole ? { lines, k, codes, probabilities: bytes } : null;
    },
    write(sha256: string, set: SetRef, { lines, k, codes, probabilities }: EncodedPredictions): void {
      const file = path(sha256, set);
      if (!file) return;
      const temporary = `${file}.${process.pid}-${threadId}.tmp`;
      try {
        mkdirSync(dir, { recursive: true });
        writeFileSync(
          temporary,
          JSON.stringify({ revision: PREDICTIONS_REVISION, lines, k, codes, probabilities: Buffer.from(probabilities).toString("base64") }),
        );
        renameSync(temporary, file);
      } catch (error) {
        // a full disk or a read-only folder costs the next registry a measurement, nothing else
        rmSync(temporary, { force: true });
        console.warn(`predictions not kept in ${dir}: ${(error as Error).message}`);
      }
    },
  };
}

export interface PredictionProgress {
  done: number;
  total: number;
}

const running = new Map<string, { promise: Promise<EncodedPredictions>; progress: PredictionProgress }>();

/** Progress of a running computation, if there is one (the Compare page polls it). */
export const predictionProgress = (modelSha256: string, setHash: string) => running.get(`${modelSha256}:${setHash}`)?.progress;

/**
 * Cached predictions, else computes them (top 5, stored as float32, answered as stored: a fresh and a cached run give
 * the same numbers; decodeEncoded reads them as candidates). Concurrent callers share one computation.
 */
export async function encodedPredictionsFor(
  db: Db,
  predictor: Predictor,
  set: SetRef,
  onProgress?: (p: PredictionProgress) => void,
): Promise<EncodedPredictions> {
  const sha = predictor.identity.sha256;
  const key = `${sha}:${set.hash}`;
  const existing = running.get(key);
  if (existing) return existing.promise;
  const progress = { done: 0, total: set.lines.length };
  // registered before the first await, so a caller arriving while the cache is read shares this run
  const promise = (async () => {
    const cached = await cachedEncodedPredictions(db, sha, set);
    if (cached) return cached;
    const keptDir = predictor.verifyFiles && getEnv().WORKBENCH_PREDICTION_CACHE_DIR;
    const disk = keptDir ? keptPredictions(keptDir) : undefined;
    let encoded = disk?.read(sha, set);
    // kept predictions answer only for files that still match the registry (loading checks them otherwise)
    if (encoded) await predictor.verifyFiles!();
    else {
      const candidates = await predictor.topK(
        set.lines.map((l) => l.text),
        CACHED_TOP_K,
        (done, total) => {
          progress.done = done;
          onProgress?.({ done, total });
        },
      );
      encoded = { ...encodePredictions(candidates, CACHED_TOP_K), lines: candidates.length, k: CACHED_TOP_K };
      disk?.write(sha, set, encoded);
    }
    await db.run(
      `INSERT INTO prediction_cache (model_sha256, set_hash, set_id, lines, top_k, codes, probabilities, created_at, revision)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (model_sha256, set_hash) DO UPDATE SET set_id = excluded.set_id, lines = excluded.lines, top_k = excluded.top_k,
         codes = excluded.codes, probabilities = excluded.probabilities, created_at = excluded.created_at, revision = excluded.revision`,
      [sha, set.hash, set.id, encoded.lines, CACHED_TOP_K, encoded.codes, encoded.probabilities, nowIso(), PREDICTIONS_REVISION],
    );
    return encoded;
  })().finally(() => running.delete(key));
  running.set(key, { promise, progress });
  return promise;
}
