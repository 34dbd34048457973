// Versions measured in the background (the real sets at start and on each page, other sets from the registry table)
// whose measuring failed: why, in words a page may show (never a path or a stack), so a manager reading synthetic
// figures in their place is told the real ones could not be computed. The details go to the server log, once per cause.
import { publicModelFailure } from "../../workbench/registry/model-failure";
import { formatModelRef } from "../../workbench/registry/model-ref";

const failures = new Map<string, string>();

export function noteMeasuringFailed(version: { name: string; version: string; sha256: string }, error: unknown): void {
  const reason = publicModelFailure(error);
  if (failures.get(version.sha256) !== reason) {
    console.error(`Measuring ${formatModelRef(version)} on the evaluation sets failed:`, error instanceof Error ? error.message : error);
  }
  failures.set(version.sha256, reason);
}

export function noteMeasured(sha256: string): void {
  failures.delete(sha256);
}

/** Why a version's figures could not be measured when last tried in this process, else null. */
export function whyNotMeasured(sha256: string): string | null {
  return failures.get(sha256) ?? null;
}
