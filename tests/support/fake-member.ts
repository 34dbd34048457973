import type { Kernel } from "../../models/hs-classifier/classifier";
import type { Candidate } from "../../workbench/evaluation/metrics";

/**
 * A member of a combined version for unit tests of its readings: answers each text with the candidates given for it
 * (none for any other text); `extra` adds what a member also tells (its translations).
 */
export const fakeMember = (labels: readonly string[], answers: Record<string, Candidate[]>, extra: Partial<Kernel> = {}): Kernel => ({
  architecture: "flat",
  labels,
  topK: (texts, k) => texts.map((t) => (answers[t] ?? []).slice(0, k)),
  probabilityOf: () => new Float32Array(0),
  ...extra,
});
