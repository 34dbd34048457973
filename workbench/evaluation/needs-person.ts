// When a suggestion goes to a person: one rule for the Classify page, the API, the page's workbook and the CLI's
// predictions file.
import type { Candidate } from "./metrics";

/** Whether a suggestion goes to a person: its confidence is below the threshold, or its codes are a guess (a note). */
export const needsPerson = (confidence: number, threshold: number, note?: string) => confidence < threshold || note !== undefined;

/** That decision in words a spreadsheet keeps (what the Classify page's badge says). */
export function decisionText(candidates: readonly Candidate[], threshold: number, note?: string): string {
  if (!candidates.length) return "no codes: nothing to classify";
  if (!needsPerson(candidates[0]!.probability, threshold, note)) return "confident: at or above the threshold";
  return note ? "needs a person: a guess" : "needs a person: below the threshold";
}
