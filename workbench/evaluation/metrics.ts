// Accuracy of HS predictions at HS2 / HS4 / HS6 with top-k, per chapter, and against confidence thresholds.
// One implementation for the CLI, the pages and the promotion gates.
import { coverageCurve, thresholdFor } from "./statistics";
import { expectedCalibrationError } from "./calibration";

export interface Candidate {
  code: string;
  probability: number;
}

export interface Prediction {
  /** the true HS 2022 subheading (6 digits) */
  truth: string;
  /** best first */
  candidates: Candidate[];
  /** other subheadings that also count as right (real sets where an expert gave several codes) */
  alsoAccepted?: readonly string[];
}

/** The truth a prediction is scored against: the accepted code its top candidate names, else the primary truth. */
export const effectiveTruth = (truth: string, top: string | undefined, alsoAccepted?: readonly string[]): string =>
  top !== undefined && alsoAccepted?.includes(top) ? top : truth;

export const TOP_K = [1, 3, 5] as const;
export const LEVELS = { hs2: 2, hs4: 4, hs6: 6 } as const;
export const THRESHOLDS = [0.5, 0.6, 0.7, 0.8, 0.9, 0.95] as const;

export interface Metrics {
  n: number;
  accuracy: Record<keyof typeof LEVELS, Record<`top${(typeof TOP_K)[number]}`, number>>;
  /** mean number of leading digits of the top prediction that match the truth (0–6) */
  meanLeadingDigits: number;
  perChapter: { chapter: string; support: number; top1: number; top1Hs2: number }[];
  coverage: { threshold: number; share: number; accuracy: number | null }[];
}

/** What an auto-acceptance figure is read from: the coverage rows and how many lines they were measured on. */
export type MeasuredCoverage = Pick<Metrics, "n" | "coverage">;

/** A version's metrics cut to what an auto-acceptance figure is read from (what a page is sent, not the matrices). */
export const measuredCoverage = ({ n, coverage }: MeasuredCoverage): MeasuredCoverage => ({ n, coverage });

/**
 * The whole lines behind a coverage row (cards keep its two shares only): share = accepted / n and accuracy =
 * right / accepted are ratios of line counts, so rounding gives the counts back exactly.
 */
export function coverageCounts(row: Metrics["coverage"][number], n: number): { accepted: number; right: number } {
  const accepted = Math.round(row.share * n);
  return { accepted, right: row.accuracy === null ? 0 : Math.round(row.accuracy * accepted) };
}

const leadingDigits = (a: string, b: string) => {
  let i = 0;
  while (i < 6 && a[i] === b[i]) i++;
  return i;
};

export function computeMetrics(predictions: readonly Prediction[]): Metrics {
  const n = predictions.length;
  const hits = { hs2: [0, 0, 0], hs4: [0, 0, 0], hs6: [0, 0, 0] };
  let digits = 0;
  const chapters = new Map<string, { support: number; top1: number; top1Hs2: number }>();
  const levels = Object.entries(LEVELS) as [keyof typeof LEVELS, number][];
  for (const p of predictions) {
    const accepted = [p.truth, ...(p.alsoAccepted ?? [])];
    for (const [level, length] of levels) {
      // rank of the first candidate that matches any accepted code at this level; top-k is a hit when it is below k
      const prefixes = accepted.map((a) => a.slice(0, length));
      let rank = p.candidates.findIndex((c) => prefixes.some((prefix) => c.code.startsWith(prefix)));
      if (rank < 0) rank = Infinity;
      TOP_K.forEach((k, i) => {
        if (rank < k) hits[level][i]!++;
      });
    }
    const top = p.candidates[0]?.code ?? "";
    const truth = effectiveTruth(p.truth, top, p.alsoAccepted);
    digits += Math.max(...accepted.map((a) => leadingDigits(top, a)));
    const chapter = p.truth.slice(0, 2);
    const c = chapters.get(chapter) ?? { support: 0, top1: 0, top1Hs2: 0 };
    c.support++;
    if (top === truth) c.top1++;
    if (accepted.some((a) => top.slice(0, 2) === a.slice(0, 2))) c.top1Hs2++;
    chapters.set(chapter, c);
  }
  const rate = (x: number) => (n ? x / n : 0);
  const accuracy = Object.fromEntries(
    Object.entries(hits).map(([level, counts]) => [level, Object.fromEntries(TOP_K.map((k, i) => [`top${k}`, rate(counts[i]!)]))]),
  ) as Metrics["accuracy"];
  return {
    n,
    accuracy,
    meanLeadingDigits: rate(digits),
    perChapter: [...chapters.entries()]
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([chapter, c]) => ({ chapter, support: c.support, top1: c.top1 / c.support, top1Hs2: c.top1Hs2 / c.support })),
    coverage: THRESHOLDS.map((threshold) => {
      const accepted = predictions.filter((p) => (p.candidates[0]?.probability ?? 0) >= threshold);
      const right = accepted.filter((p) => p.candidates[0]!.code === effectiveTruth(p.truth, p.candidates[0]!.code, p.alsoAccepted)).length;
      return { threshold, share: rate(accepted.length), accuracy: accepted.length ? right / accepted.length : null };
    }),
  };
}

/**
 * Accuracy and calibration of a model's candidates for labelled lines (a top suggestion is right when it names any
 * accepted code): the one scoring of model cards, real-text figures and benchmarks.
 */
export function scoreLines(lines: readonly Pick<Prediction, "truth" | "alsoAccepted">[], candidates: readonly Candidate[][]) {
  const predictions = lines.map((l, i) => ({ truth: l.truth, alsoAccepted: l.alsoAccepted, candidates: candidates[i]! }));
  const calibration = expectedCalibrationError(
    predictions.map((p) => p.candidates[0]?.probability ?? 0),
    predictions.map((p) => p.candidates[0]?.code === effectiveTruth(p.truth, p.candidates[0]?.code, p.alsoAccepted)),
  );
  // the largest share that can be accepted without a person at 95% HS6 accuracy
  const at95 = thresholdFor(
    coverageCurve(
      predictions.map((p) => p.candidates[0]?.probability ?? 0),
      predictions.map((p) => (p.candidates[0]?.code === effectiveTruth(p.truth, p.candidates[0]?.code, p.alsoAccepted) ? 1 : 0)),
    ),
    0.95,
  );
  return { metrics: computeMetrics(predictions), calibration, at95 };
}
