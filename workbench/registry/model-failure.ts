// What a page or an answer may say when a version could not be loaded or did not answer. Refusals and endpoint
// failures are written for people; any other failure (files that do not match the registry, a crash) is named without
// its message, which may hold the server's paths: the caller logs that for the administrator.

/** Errors whose messages are written to be shown (matched by name: they may come back from an inference thread). */
const SHOWN_AS_WRITTEN = new Set(["RegistryError", "ComparisonError", "PromotionError"]);

export function publicModelFailure(error: unknown): string {
  const { name, message } = error instanceof Error ? error : { name: "", message: "" };
  // the remote client says which lines failed and how, never the token
  if (name === "RemoteError") return `its endpoint failed: ${message}`;
  // e.g. the endpoint's token variable is not set on this server
  if (SHOWN_AS_WRITTEN.has(name)) return message;
  if (name === "QueueFull") return "the server was busy classifying; try again in a moment";
  if (name === "ArtifactError") return "its files do not match the registry; the server log names the file";
  return "it could not be loaded; the server log says why";
}

const logDetails = (what: string, error: unknown) => console.error(`${what}:`, error instanceof Error ? error.message : error);

/** publicModelFailure, with what a page is not shown written to the server log under `what`. */
export function reportModelFailure(what: string, error: unknown): string {
  const shown = publicModelFailure(error);
  if (!(error instanceof Error) || shown !== error.message) logDetails(what, error);
  return shown;
}

/**
 * Why background work failed (measuring a version, say), by key, for pages to show while it is tried again on each
 * view; the server log gets the details once per cause, not once per view.
 */
export class FailureNotes {
  private readonly reasons = new Map<string, string>();

  note(key: string, what: string, error: unknown): string {
    const reason = publicModelFailure(error);
    if (this.reasons.get(key) !== reason) logDetails(what, error);
    this.reasons.set(key, reason);
    return reason;
  }

  clear(key: string): void {
    this.reasons.delete(key);
  }

  get(key: string): string | null {
    return this.reasons.get(key) ?? null;
  }

  /** the keys with a failure noted */
  keys(): string[] {
    return [...this.reasons.keys()];
  }
}
