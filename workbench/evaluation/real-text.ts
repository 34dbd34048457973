// Figures on real text for any registered version: its predictions on the real evaluation sets (cached per artifact
// sha256 and set hash, computed once) turned into accuracy, coverage and calibration. Versions whose model card
// predates the real sets get them here too, so every page can lead with real text.
import type { Db } from "../store/db";
import type { ReliabilityBin } from "./calibration";
import { REAL_SET_IDS, shippedSet, SHIPPED_SETS, type EvaluationLine } from "./evaluation-sets";
import { scoreLines, type Candidate, type Metrics } from "./metrics";
import { categoryAgreement, invoiceSet, type CategoryAgreement } from "./invoice-categories";
import { cachedPredictions, encodedPredictionsFor, hasCachedPredictions, predictionProgress } from "./prediction-cache";
import type { PredictorOf } from "./predictor";
import type { RegisteredVersion } from "../registry/model-version";
import { predictorFor, unavailableOn } from "../registry/prediction-imports";
import { FailureNotes } from "../registry/model-failure";
import { formatModelRef } from "../registry/model-ref";

export type RealSetId = (typeof REAL_SET_IDS)[number];

export interface RealTextFigures {
  set: RealSetId | "real";
  label: string;
  description: string;
  metrics: Metrics;
  /** expected calibration error of the top suggestion, and the table behind it */
  ece: number;
  reliability: ReliabilityBin[];
}

function figures(set: RealTextFigures["set"], label: string, description: string, lines: readonly EvaluationLine[], candidates: Candidate[][]) {
  const { metrics, calibration } = scoreLines(lines, candidates);
  return { set, label, description, metrics, ece: calibration.ece, reliability: calibration.bins };
}

/**
 * A version's figures on each real set whose predictions are cached (missing sets are left out), and on both real sets
 * as one (auto-acceptance needs every real line it can get; null until both are cached). Each set is read once.
 */
export async function realTextFigures(db: Db, sha256: string): Promise<{ sets: RealTextFigures[]; pooled: RealTextFigures | null }> {
  const sets = await Promise.all(
    REAL_SET_IDS.map(async (id) => ({ id, set: shippedSet(id), candidates: await cachedPredictions(db, sha256, shippedSet(id)) })),
  );
  const cached = sets.filter((s): s is typeof s & { candidates: Candidate[][] } => s.candidates !== null);
  return {
    sets: cached.map((s) => figures(s.id, SHIPPED_SETS[s.id].label, SHIPPED_SETS[s.id].description, s.set.lines, s.candidates)),
    pooled:
      cached.length === sets.length
        ? figures(
            "real",
            "Real text (both real sets)",
            `${sets.map((s) => `${s.set.lines.length} ${SHIPPED_SETS[s.id].label}`).join(" and ")} lines: real people's text with expert codes, never trained on`,
            cached.flatMap((s) => s.set.lines),
            cached.flatMap((s) => s.candidates),
          )
        : null,
  };
}

/** Predicts the real sets for a version where they are not cached yet; resolves when they are. */
export async function predictRealSets(db: Db, version: RegisteredVersion, predictorOf: PredictorOf): Promise<void> {
  // a predictions version answers only the sets it has predictions for
  const missing = [];
  for (const id of REAL_SET_IDS) {
    const set = shippedSet(id);
    if (!(await unavailableOn(db, version, id)) && !(await hasCachedPredictions(db, version.sha256, set))) missing.push(set);
  }
  if (!missing.length) return;
  const predictor = await predictorFor(db, version, predictorOf);
  for (const set of missing) await encodedPredictionsFor(db, predictor, set);
}

/** A version on the never-read half of the real invoice lines (categories, no codes), or why not yet. */
export type InvoiceLineFit =
  | { state: "measured"; agreement: CategoryAgreement }
  | { state: "measuring"; done: number; total: number }
  | { state: "not measured"; reason: string };

/** Invoice-line runs started from a model card, by version and set, until they end. */
const invoiceRuns = new Set<string>();
/** Why the last run of a version and set failed (a page says so rather than "being measured" forever). */
const invoiceFailures = new FailureNotes();

/**
 * How often a version's codes fit the categories of the invoice lines' `test` half: from the cache, else measured in
 * the background (7,500 lines are seconds for the slowest version, too long to hold a page) and reported as under way.
 * Trained versions only: an imported file has no predictions for these lines, and an endpoint is not sent 7,500 lines
 * to fill a page.
 */
export async function invoiceLineFit(db: Db, version: RegisteredVersion, predictorOf: PredictorOf): Promise<InvoiceLineFit> {
  if (version.kind === "predictions") return { state: "not measured", reason: "its imported predictions do not cover these lines" };
  if (version.kind === "remote") return { state: "not measured", reason: "an endpoint is not sent 7,500 lines to fill a page" };
  const set = invoiceSet("test");
  const key = `${version.sha256}:${set.hash}`;
  const underWay = () => ({ state: "measuring" as const, done: predictionProgress(version.sha256, set.hash)?.done ?? 0, total: set.lines.length });
  // checked before and after the cache is read: two views at once load the predictor and start the run once
  if (invoiceRuns.has(key)) return underWay();
  const cached = await cachedPredictions(db, version.sha256, set);
  if (cached) return { state: "measured", agreement: categoryAgreement(set.lines, cached) };
  const failed = invoiceFailures.get(key);
  if (!invoiceRuns.has(key)) {
    invoiceRuns.add(key);
    // tried again on each view while it fails: a mended version is measured
    void predictorOf(version)
      .then((predictor) => encodedPredictionsFor(db, predictor, set))
      .then(
        () => invoiceFailures.clear(key),
        (error: unknown) => invoiceFailures.note(key, `Measuring ${formatModelRef(version)} on the invoice lines failed`, error),
      )
      .finally(() => invoiceRuns.delete(key));
  }
  return failed ? { state: "not measured", reason: `it could not be measured: ${failed}` } : underWay();
}
