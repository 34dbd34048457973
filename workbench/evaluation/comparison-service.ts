// Two registered versions compared on an evaluation set: predictions from the cache (or computed through the
// predictor the caller supplies), then the one pipeline (compareOnLines). Serves the Compare page, the CLI and the
// promotion requests, which freeze what it returns.
import { nearest } from "../text/nearest";
import { resolveVersion } from "../registry/model-registry";
import type { RegisteredVersion } from "../registry/model-version";
import type { Db } from "../store/db";
import type { Comparison, SetInfo, VersionRef } from "./compare";
import { isShippedSet, shippedSet, SHIPPED_SETS, type EvaluationSet, type ExcludedLine } from "./evaluation-sets";
import {
  cachedEncodedPredictions,
  encodedPredictionsFor,
  hasCachedPredictions,
  predictionProgress,
  type EncodedPredictions,
  type PredictionProgress,
} from "./prediction-cache";
import type { Predictor, PredictorOf } from "./predictor";
import { formatModelRef } from "../registry/model-ref";
import { reportModelFailure } from "../registry/model-failure";
import { predictorFor, unavailableOn } from "../registry/prediction-imports";
import { MAX_COMPARED, type ManyComparison } from "./compare-many";
import { KeptReports, labelsOf, report, type Scores } from "./report-thread";

export type ComparisonState =
  { status: "ready"; comparison: Comparison } | { status: "computing"; progress: { model: string; done: number; total: number }[] };

export class ComparisonError extends Error {
  override name = "ComparisonError";
}

/** Sets small enough to predict while the request waits (the held-out split takes a second or two per model). */
const WAIT_BELOW_LINES = 20_000;

/** The set id for an extract loaded in the browser's DuckDB (compared there, not on the server). */
export const EXPLORE_SET = "explore";

export const evaluationSets = () => [
  ...Object.entries(SHIPPED_SETS).map(([id, s]) => ({ id, label: s.label, description: s.description, origin: s.origin })),
  {
    id: EXPLORE_SET,
    label: "Extract loaded on Explore (this tab)",
    description: "An extract you loaded on the Explore page; both models run in your browser.",
    origin: "extract" as const,
  },
];

const refOf = (v: RegisteredVersion): VersionRef => ({ name: v.name, version: v.version, sha256: v.sha256, status: v.status });

/** A registered version as a comparison names it (the registry's messages for malformed or unknown references). */
export const versionOf = async (db: Db, ref: string): Promise<VersionRef> => refOf(await resolveVersion(db, ref));

/** What a set id that names no shipped set is told: the one a typo meant, and the sets there are. */
export function unknownSetMessage(id: string): string {
  const meant = nearest(id, Object.keys(SHIPPED_SETS));
  return `unknown evaluation set '${id.slice(0, 60)}' (${meant ? `did you mean ${meant}? ` : ""}choose ${Object.keys(SHIPPED_SETS).join(" or ")})`;
}

/** A shipped set by its id; a set the caller built (a server-side extract's lines) as it is. */
export function setOf(id: string | EvaluationSet): EvaluationSet {
  if (typeof id !== "string") return id;
  if (!isShippedSet(id)) throw new ComparisonError(unknownSetMessage(id));
  return shippedSet(id);
}

/** Lines given by the caller (a labelled file in the CLI) as a set. */
export type LineSet = Pick<EvaluationSet, "id" | "label" | "description" | "hash" | "lines"> & { excluded: readonly ExcludedLine[] };

const setInfoOf = (set: LineSet): SetInfo => ({
  id: set.id,
  label: set.label,
  description: set.description,
  hash: set.hash,
  lines: set.lines.length,
  excluded: set.excluded.length,
});

/** The report and verdict of A and B (off the event loop for a large set: report-thread.ts). */
const finish = (a: VersionRef, b: VersionRef, set: LineSet, predictions: [EncodedPredictions, EncodedPredictions], seed?: number) =>
  report({
    kind: "pair",
    a,
    b,
    set: setInfoOf(set),
    ...labelsOf(set.lines),
    predictions,
    ...(seed === undefined ? {} : { seed }),
  });

/** Predicts (through the cache) with both predictors and compares, waiting for the result: the CLI's path. */
export async function comparePredictors(
  db: Db,
  versions: { a: VersionRef; b: VersionRef },
  predictors: [Predictor, Predictor],
  set: LineSet,
  options: { seed?: number; onProgress?: (model: string, p: PredictionProgress) => void } = {},
): Promise<Comparison> {
  const predictions: EncodedPredictions[] = [];
  for (const p of predictors) {
    const name = formatModelRef(p.identity);
    predictions.push(await encodedPredictionsFor(db, p, set, options.onProgress && ((progress) => options.onProgress!(name, progress))));
  }
  return finish(versions.a, versions.b, set, predictions as [EncodedPredictions, EncodedPredictions], options.seed);
}

// past 21 kept, the oldest goes (reports are small, but requests can name endless combinations)
const reports = new KeptReports<Comparison>(21);
const manyReports = new KeptReports<ManyComparison>(21);
const failures = new Map<string, string>();

/** A version that cannot answer the set (a predictions file for other sets) stops the comparison with its reason. */
async function assertAvailable(db: Db, versions: readonly RegisteredVersion[], set: EvaluationSet): Promise<void> {
  for (const v of versions) {
    const why = await unavailableOn(db, v, set.id);
    if (why) throw new ComparisonError(why);
  }
}

/** A version that could not predict: its details in the server log, and what a page may say (never a server path). */
function predictionFailure(v: RegisteredVersion, set: EvaluationSet, error: unknown): string {
  return `${formatModelRef(v)}: ${reportModelFailure(`Predicting ${formatModelRef(v)} on ${set.id} failed`, error)}`;
}

type Gathered =
  { status: "ready"; predictions: EncodedPredictions[] } | { status: "computing"; progress: { model: string; done: number; total: number }[] };

/**
 * Each version's predictions on a shipped set, from the cache or computed. A page does not wait for a large set or an
 * endpoint (slow or down): those run in the background and the caller gets progress to poll; `wait` always waits (the
 * CLI, promotion requests).
 */
async function gatherPredictions(
  db: Db,
  versions: readonly RegisteredVersion[],
  set: EvaluationSet,
  options: { predictorOf: PredictorOf; wait?: boolean; onProgress?: (model: string, p: PredictionProgress) => void },
): Promise<Gathered> {
  // computed once per version and set however many ask; a cached version is read without asking for its predictor
  // (the CLI's loads the model)
  const predict = async (v: RegisteredVersion) => {
    try {
      const name = formatModelRef(v);
      const onProgress = options.onProgress && ((p: PredictionProgress) => options.onProgress!(name, p));
      return await encodedPredictionsFor(db, await predictorFor(db, v, options.predictorOf), set, onProgress);
    } catch (error) {
      throw new ComparisonError(`predicting failed: ${predictionFailure(v, set, error)}`);
    }
  };
  const cached = await Promise.all(versions.map((v) => hasCachedPredictions(db, v.sha256, set)));
  const slow = set.lines.length >= WAIT_BELOW_LINES || versions.some((v) => v.kind === "remote");
  if (cached.every(Boolean) || options.wait || !slow) {
    const answer = async (v: RegisteredVersion, i: number) =>
      (cached[i] ? await cachedEncodedPredictions(db, v.sha256, set) : null) ?? (await predict(v));
    return { status: "ready", predictions: await Promise.all(versions.map(answer)) };
  }
  // In the background, polled: only the missing versions are started, and this poll keeps nothing of the cached ones
  // (a poll that read them held them until the slowest version was done: 8 versions on the demo extract, polled every
  // few seconds, ran the server out of memory).
  const failureKey = (v: RegisteredVersion) => `${v.sha256}:${set.hash}`;
  versions.forEach((v, i) => {
    if (!cached[i]) predict(v).catch((error: Error) => failures.set(failureKey(v), error.message));
  });
  const failed = versions.map((v) => failures.get(failureKey(v))).find(Boolean);
  if (failed) {
    versions.forEach((v) => failures.delete(failureKey(v)));
    throw new ComparisonError(failed);
  }
  return {
    status: "computing",
    progress: versions.map((v, i) => ({
      model: formatModelRef(v),
      done: cached[i] ? set.lines.length : (predictionProgress(v.sha256, set.hash)?.done ?? 0),
      total: set.lines.length,
    })),
  };
}

/**
 * The comparison of A and B on a shipped set. Predictions missing from the cache are computed; for a large set that
 * runs in the background and the caller gets progress to poll (unless `wait`).
 */
export async function compareVersions(
  db: Db,
  aRef: string,
  bRef: string,
  setId: string | EvaluationSet,
  options: { predictorOf: PredictorOf; wait?: boolean },
): Promise<ComparisonState> {
  const [av, bv] = [await resolveVersion(db, aRef), await resolveVersion(db, bRef)];
  const [a, b] = [refOf(av), refOf(bv)];
  const set = setOf(setId);
  await assertAvailable(db, [av, bv], set);
  const key = `${a.sha256}:${b.sha256}:${set.hash}`;
  const ready = reports.known(key);
  if (ready) return { status: "ready", comparison: await ready };
  const gathered = await gatherPredictions(db, [av, bv], set, options);
  if (gathered.status === "computing") return gathered;
  const comparison = await reports.share(key, () => finish(a, b, set, gathered.predictions as [EncodedPredictions, EncodedPredictions]));
  return { status: "ready", comparison };
}

/** One version's own figures on a set: the evidence of a first production, when nothing is in production to compare with. */
export interface VersionEvaluation {
  version: VersionRef;
  set: SetInfo;
  scores: Scores;
}

/** A version's figures on a shipped set, its predictions from the cache or computed (waiting for them). */
export async function evaluateVersion(
  db: Db,
  ref: string,
  setId: string,
  options: { predictorOf: PredictorOf; onProgress?: (model: string, p: PredictionProgress) => void },
): Promise<VersionEvaluation> {
  const v = await resolveVersion(db, ref);
  const set = setOf(setId);
  await assertAvailable(db, [v], set);
  const gathered = await gatherPredictions(db, [v], set, { ...options, wait: true });
  if (gathered.status !== "ready") throw new ComparisonError("the evaluation did not finish");
  const scores = await report({ kind: "scores", ...labelsOf(set.lines), predictions: [gathered.predictions[0]!] });
  return {
    version: refOf(v),
    set: setInfoOf(set),
    scores,
  };
}

/**
 * The paired lines as CSV for the browser's DuckDB (cell drill-down, heading matrices): one row per line with the true
 * code and both models' top prediction. Null when the predictions are not computed yet.
 */
export async function comparisonRowsCsv(db: Db, aRef: string, bRef: string, setId: string | EvaluationSet): Promise<string | null> {
  const a = await versionOf(db, aRef);
  const b = await versionOf(db, bRef);
  const set = setOf(setId);
  const pa = await cachedEncodedPredictions(db, a.sha256, set);
  const pb = await cachedEncodedPredictions(db, b.sha256, set);
  if (!pa || !pb) return null;
  return report({
    kind: "rows",
    ...labelsOf(set.lines),
    refs: set.lines.map((l) => l.ref),
    texts: set.lines.map((l) => l.text),
    predictions: [pa, pb],
  });
}

export type ManyComparisonState =
  | { status: "ready"; comparison: ManyComparison; set: { id: string; label: string; description: string } }
  | { status: "computing"; progress: { model: string; done: number; total: number }[] };

/**
 * Two to MAX_COMPARED versions on one shipped set: predictions from the cache or computed (in the background for large
 * sets and endpoints, unless `wait`), then each one's figures and every pair's test.
 */
export async function compareSeveral(
  db: Db,
  refs: readonly string[],
  setId: string | EvaluationSet,
  options: { predictorOf: PredictorOf; wait?: boolean; seed?: number },
): Promise<ManyComparisonState> {
  const unique = [...new Set(refs)];
  if (unique.length < 2 || unique.length > MAX_COMPARED)
    throw new ComparisonError(`choose 2 to ${MAX_COMPARED} different versions (got ${unique.length})`);
  const versions = await Promise.all(unique.map((ref) => resolveVersion(db, ref)));
  const set = setOf(setId);
  await assertAvailable(db, versions, set);
  // a ready comparison is kept like a pair's (a page view, a poll, the API ask again): 8 versions on the demo extract
  // take seconds to score
  const key = `${versions.map((v) => `${formatModelRef(v)}=${v.sha256}`).join(":")}:${set.hash}:${options.seed ?? ""}`;
  let comparison = manyReports.known(key);
  if (!comparison) {
    const gathered = await gatherPredictions(db, versions, set, options);
    if (gathered.status === "computing") return gathered;
    comparison = manyReports.share(key, () =>
      report({
        kind: "many",
        ...labelsOf(set.lines),
        versions: versions.map((v, i) => ({ ref: formatModelRef(v), predictions: gathered.predictions[i]! })),
        ...(options.seed === undefined ? {} : { seed: options.seed }),
      }),
    );
  }
  return { status: "ready", comparison: await comparison, set: { id: set.id, label: set.label, description: set.description } };
}
