// A version's figures on each real set as the CLI's `models list` and `models show` print them, as the Models page
// does: measured by the registry, not measured yet (`models table` measures), or never (a predictions version
// without predictions for that set).
import { REAL_SET_IDS } from "../../workbench/evaluation/evaluation-sets";
import type { Metrics } from "../../workbench/evaluation/metrics";
import { realTextFigures, type RealSetId } from "../../workbench/evaluation/real-text";
import type { ModelVersion } from "../../workbench/registry/model-version";
import { unavailableOn } from "../../workbench/registry/prediction-imports";
import type { Db } from "../../workbench/store/db";
import { accuracyFigures } from "./command";

export interface RealFigures {
  id: RealSetId;
  metrics: Metrics | null;
  /** a predictions version with no predictions for this set: it can never be measured there */
  unavailable: boolean;
}

export async function realFiguresOf(db: Db, version: Pick<ModelVersion, "id" | "name" | "version" | "kind" | "sha256">): Promise<RealFigures[]> {
  const measured = new Map((await realTextFigures(db, version.sha256)).sets.map((f) => [f.set, f.metrics]));
  return Promise.all(
    REAL_SET_IDS.map(async (id) => ({ id, metrics: measured.get(id) ?? null, unavailable: (await unavailableOn(db, version, id)) !== null })),
  );
}

/** chapter / HS6 top-1 / HS6 top-5, or why there is none */
export const realFiguresText = (f: RealFigures): string =>
  f.metrics ? accuracyFigures(f.metrics.accuracy) : f.unavailable ? "no predictions for it" : "not measured";
