// Versions measured in the background (the real sets at start and on each page, other sets from the registry table)
// whose measuring failed: why, in words a page may show (never a path or a stack), so a manager reading synthetic
// figures in their place is told the real ones could not be computed. The details go to the server log, once per cause.
import { formatModelRef } from "../../workbench/registry/model-ref";

const failures = new Map<string, string>();

/** What a page says about a failed load or call of a version (the details are in the server log). */
export function publicModelFailure(error: unknown): string {
  const { name, message } = error instanceof Error ? error : { name: "", message: "" };
  // the remote client writes its messages for people (which lines failed and how, never the token)
  if (name === "RemoteError") return `its endpoint failed: ${message}`;
  if (name === "QueueFull") return "the server was busy classifying; it is tried again on the next view";
  // e.g. the endpoint's token variable is not set on this server: a sentence written for the page
  if (name === "RegistryError") return message;
  if (name === "ArtifactError") return "its files do not match the registry; the server log names the file";
  return "it could not be loaded; the server log says why";
}

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
