import { hashUnit } from "../random";
import type { SourceLine } from "./text-sources";

/**
 * The one rule that keeps evaluation honest: which source texts may be used for training and which are
 * held out for the demo extract and for evaluation. It depends only on the line's own identity, so it
 * never changes with row order, sampling or new data elsewhere.
 *
 * - 40% of Schedule B lines (by a hash of their 10-digit code) are HELD OUT: their texts, rewritten in
 *   trader style, make the demo extract and the held-out evaluation set. They never reach training.
 * - The other Schedule B lines, all US HTS lines and the nomenclature texts are TRAINING texts.
 * Every HS 2022 subheading keeps training text, because every one has at least one US HTS line.
 */
export const HOLDOUT_SHARE = 0.4;
export const SPLIT_SALT = "hs-workbench-split-v1";

export type SplitPart = "train" | "holdout";

export function splitOf(line: Pick<SourceLine, "source" | "code10">): SplitPart {
  if (line.source !== "schedule-b") return "train";
  return hashUnit(`${SPLIT_SALT}:${line.source}:${line.code10}`) < HOLDOUT_SHARE ? "holdout" : "train";
}
