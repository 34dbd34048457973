// Figures on real text for any registered version: its predictions on the real evaluation sets (cached per artifact
// sha256 and set hash, computed once) turned into accuracy, coverage and calibration. Versions whose model card
// predates the real sets get them here too, so every page can lead with real text.
import type { Db } from "../store/db";
import { expectedCalibrationError, type ReliabilityBin } from "./calibration";
import { REAL_SET_IDS, shippedSet, SHIPPED_SETS } from "./evaluation-sets";
import { computeMetrics, effectiveTruth, type Candidate, type Metrics } from "./metrics";
import { cachedPredictions, predictionsFor } from "./prediction-cache";
import type { ModelIdentity, PredictorOf } from "./predictor";

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

function figures(
  set: RealTextFigures["set"],
  label: string,
  description: string,
  lines: { truth: string; alsoAccepted?: string[] }[],
  candidates: Candidate[][],
) {
  const predictions = lines.map((l, i) => ({ truth: l.truth, alsoAccepted: l.alsoAccepted, candidates: candidates[i]! }));
  const { ece, bins } = expectedCalibrationError(
    predictions.map((p) => p.candidates[0]?.probability ?? 0),
    predictions.map((p) => p.candidates[0]?.code === effectiveTruth(p.truth, p.candidates[0]?.code, p.alsoAccepted)),
  );
  return { set, label, description, metrics: computeMetrics(predictions), ece, reliability: bins };
}

/** The figures of a version on each real set whose predictions are cached (missing sets are left out). */
export function cachedRealTextFigures(db: Db, sha256: string): RealTextFigures[] {
  const out: RealTextFigures[] = [];
  for (const id of REAL_SET_IDS) {
    const set = shippedSet(id);
    const candidates = cachedPredictions(db, sha256, set);
    if (candidates) out.push(figures(id, SHIPPED_SETS[id].label, SHIPPED_SETS[id].description, set.lines, candidates));
  }
  return out;
}

/** Both real sets as one (auto-acceptance needs every real line it can get); null until both are cached. */
export function pooledRealTextFigures(db: Db, sha256: string): RealTextFigures | null {
  const sets = REAL_SET_IDS.map((id) => shippedSet(id));
  const candidates = sets.map((set) => cachedPredictions(db, sha256, set));
  if (candidates.some((c) => !c)) return null;
  return figures(
    "real",
    "Real text (both real sets)",
    `${sets.map((s) => `${s.lines.length} ${SHIPPED_SETS[s.id as RealSetId].label}`).join(" and ")} lines: real people's text with expert codes, never trained on`,
    sets.flatMap((s) => s.lines),
    candidates.flatMap((c) => c!),
  );
}

/** Predicts the real sets for a version where they are not cached yet; resolves when they are. */
export async function predictRealSets(db: Db, version: ModelIdentity & { artifactDir: string }, predictorOf: PredictorOf): Promise<void> {
  const missing = REAL_SET_IDS.map((id) => shippedSet(id)).filter((set) => !cachedPredictions(db, version.sha256, set));
  if (!missing.length) return;
  const predictor = await predictorOf(version);
  for (const set of missing) await predictionsFor(db, predictor, set);
}
