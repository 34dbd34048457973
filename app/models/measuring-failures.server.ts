// Versions measured in the background (the real sets at start and on each page, other sets from the registry table)
// whose measuring failed: why, in words a page may show (never a path or a stack), so a manager reading synthetic
// figures in their place is told the real ones could not be computed.
import type { Db } from "../../workbench/store/db";
import type { PredictorOf } from "../../workbench/evaluation/predictor";
import { predictRealSets } from "../../workbench/evaluation/real-text";
import { FailureNotes } from "../../workbench/registry/model-failure";
import { formatModelRef } from "../../workbench/registry/model-ref";
import { listModelVersions } from "../../workbench/registry/model-registry";
import type { RegisteredVersion } from "../../workbench/registry/model-version";

const failures = new FailureNotes();

/** Notes why a version could not be measured, and returns it in the words a page may show. */
export function noteMeasuringFailed(version: { name: string; version: string; sha256: string }, error: unknown): string {
  return failures.note(version.sha256, `Measuring ${formatModelRef(version)} on the evaluation sets failed`, error);
}

/** A version's predictions on the real sets (predictRealSets): null once measured, else why not (noted for the pages). */
export async function measureRealSets(db: Db, version: RegisteredVersion, predictorOf: PredictorOf): Promise<string | null> {
  try {
    await predictRealSets(db, version, predictorOf);
    failures.clear(version.sha256);
    return null;
  } catch (error) {
    return noteMeasuringFailed(version, error);
  }
}

/**
 * How many versions still measured (not archived) failed to be measured when last tried: what /healthz reports, with no
 * names to the anonymous. An archived version is not tried again, so its last failure no longer counts (it may have
 * been archived by the CLI, in another process).
 */
export async function versionsNotMeasured(db: Db): Promise<number> {
  const failed = new Set(failures.keys());
  if (!failed.size) return 0;
  return (await listModelVersions(db)).filter((v) => v.status !== "archived" && failed.has(v.sha256)).length;
}

/** Why a version's figures could not be measured when last tried in this process, else null. */
export const whyNotMeasured = (sha256: string): string | null => failures.get(sha256);
