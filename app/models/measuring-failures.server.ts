// Versions measured in the background (the real sets at start and on each page, other sets from the registry table)
// whose measuring failed: why, in words a page may show (never a path or a stack), so a manager reading synthetic
// figures in their place is told the real ones could not be computed.
import { FailureNotes } from "../../workbench/registry/model-failure";
import { formatModelRef } from "../../workbench/registry/model-ref";

const failures = new FailureNotes();

export function noteMeasuringFailed(version: { name: string; version: string; sha256: string }, error: unknown): void {
  failures.note(version.sha256, `Measuring ${formatModelRef(version)} on the evaluation sets failed`, error);
}

export const noteMeasured = (sha256: string): void => failures.clear(sha256);

/** How many versions failed to be measured when last tried (what /healthz reports: no names to the anonymous). */
export const versionsNotMeasured = (): number => failures.size;

/** Why a version's figures could not be measured when last tried in this process, else null. */
export const whyNotMeasured = (sha256: string): string | null => failures.get(sha256);
