// Comparison of two model versions on the same labelled lines: the one implementation used by the Compare page,
// the `workbench compare` CLI and the promotion gates.
import {
  chapterConfusion,
  CHAPTERS,
  classStats,
  differenceMatrix,
  mostConfusedPairs,
  type ClassStats,
  type ConfusedPair,
  type ConfusionMatrix,
} from "./confusion-matrix";
import { computeMetrics, effectiveTruth, type Candidate, type Metrics } from "./metrics";
import { expectedCalibrationError, type ReliabilityBin } from "./calibration";
import { bootstrapDelta, coverageCurve, mcnemar, thresholdFor, type CoveragePoint, type Interval, type McNemarResult } from "./statistics";
import { formatModelRef } from "../registry/model-ref";

export interface ModelSummary {
  metrics: Metrics;
  chapterMatrix: ConfusionMatrix;
  chapters: ClassStats[];
  confusedPairs: (ConfusedPair & { truthName: string; predictedName: string })[];
  coverage: CoveragePoint[];
  /** the largest share that could be auto-accepted with ≥ 95% HS6 accuracy among accepted lines */
  at95: CoveragePoint | null;
  /** how honest the top suggestion's confidence is: expected calibration error and the reliability table */
  calibration: { ece: number; bins: ReliabilityBin[] };
}

export interface ChapterDelta extends Interval {
  chapter: string;
  n: number;
  a: number;
  b: number;
}

export interface ComparisonReport {
  n: number;
  a: ModelSummary;
  b: ModelSummary;
  /** B − A chapter matrix */
  difference: ConfusionMatrix;
  /** paired test on HS6 top-1 correctness */
  mcnemar: McNemarResult;
  /** Δ = B − A in HS6 top-1 accuracy (fractions, not points) */
  delta: Interval & { resamples: number; seed: number };
  perChapter: ChapterDelta[];
}

export interface CompareOptions {
  seed?: number;
  resamples?: number;
  /** nomenclature name of a chapter code, for the confused pairs */
  chapterName?: (code: string) => string;
  /** chapter matrices already aggregated elsewhere (DuckDB-WASM for large sets; equal to chapterConfusion, tested) */
  matrices?: { a: ConfusionMatrix; b: ConfusionMatrix };
  /** per line, other subheadings that also count as right (real sets); each model is scored against the one it names */
  alsoAccepted?: readonly (readonly string[] | undefined)[];
}

function summarise(
  truth: readonly string[],
  candidates: readonly Candidate[][],
  correct: Uint8Array,
  chapterName: (c: string) => string,
  matrix?: ConfusionMatrix,
  alsoAccepted?: CompareOptions["alsoAccepted"],
): ModelSummary {
  const metrics = computeMetrics(truth.map((t, i) => ({ truth: t, candidates: candidates[i]!, alsoAccepted: alsoAccepted?.[i] })));
  const chapterMatrix = matrix ?? chapterConfusion(truth.map((t, i) => ({ truth: t, predicted: candidates[i]![0]?.code ?? "" })));
  const coverage = coverageCurve(
    Float64Array.from(candidates, (c) => c[0]?.probability ?? 0),
    correct,
  );
  return {
    metrics,
    chapterMatrix,
    chapters: classStats(chapterMatrix),
    confusedPairs: mostConfusedPairs(chapterMatrix, 15).map((p) => ({
      ...p,
      truthName: chapterName(p.truth),
      predictedName: chapterName(p.predicted),
    })),
    coverage,
    at95: thresholdFor(coverage, 0.95),
    calibration: expectedCalibrationError(
      candidates.map((c) => c[0]?.probability ?? 0),
      Array.from(correct),
    ),
  };
}

export function compareModels(
  truth: readonly string[],
  a: readonly Candidate[][],
  b: readonly Candidate[][],
  options: CompareOptions = {},
): ComparisonReport {
  const n = truth.length;
  if (a.length !== n || b.length !== n) throw new Error(`predictions do not line up: ${n} lines, ${a.length} from A, ${b.length} from B`);
  const also = options.alsoAccepted;
  // each model's matrix row is the accepted code it named (else the primary truth), so matrix and accuracy agree
  const truthA = also ? truth.map((t, i) => effectiveTruth(t, a[i]![0]?.code, also[i])) : truth;
  const truthB = also ? truth.map((t, i) => effectiveTruth(t, b[i]![0]?.code, also[i])) : truth;
  const correctA = Uint8Array.from(truthA, (t, i) => (a[i]![0]?.code === t ? 1 : 0));
  const correctB = Uint8Array.from(truthB, (t, i) => (b[i]![0]?.code === t ? 1 : 0));
  const group = Uint8Array.from(truth, (t) => Number(t.slice(0, 2)) - 1);
  let aOnly = 0;
  let bOnly = 0;
  for (let i = 0; i < n; i++) {
    if (correctA[i] && !correctB[i]) aOnly++;
    else if (!correctA[i] && correctB[i]) bOnly++;
  }
  const boot = bootstrapDelta(correctA, correctB, group, CHAPTERS.length, { seed: options.seed, resamples: options.resamples });
  const name = options.chapterName ?? (() => "");
  const summaryA = summarise(truthA, a, correctA, name, options.matrices?.a, also);
  const summaryB = summarise(truthB, b, correctB, name, options.matrices?.b, also);
  // chapter accuracy here is HS6 top-1 among the lines of that true chapter (the bootstrap's quantity)
  const hitsA = new Int32Array(CHAPTERS.length);
  const hitsB = new Int32Array(CHAPTERS.length);
  for (let i = 0; i < n; i++) {
    hitsA[group[i]!]! += correctA[i]!;
    hitsB[group[i]!]! += correctB[i]!;
  }
  const perChapter: ChapterDelta[] = [];
  boot.groups.forEach((g, i) => {
    if (g) perChapter.push({ chapter: CHAPTERS[i]!, n: g.n, a: hitsA[i]! / g.n, b: hitsB[i]! / g.n, estimate: g.estimate, low: g.low, high: g.high });
  });
  return {
    n,
    a: summaryA,
    b: summaryB,
    difference: differenceMatrix(summaryA.chapterMatrix, summaryB.chapterMatrix),
    mcnemar: mcnemar(aOnly, bOnly),
    delta: { ...boot.overall, resamples: boot.resamples, seed: boot.seed },
    perChapter,
  };
}

export interface Verdict {
  better: "A" | "B" | null;
  headline: string;
  details: string[];
  /** chapters where the better model is significantly worse (95% CI of Δ entirely on the other side of zero) */
  worseChapters: string[];
  betterChapters: string[];
}

const points = (x: number) => (Math.abs(x * 100) < 0.05 ? "0.0" : (x * 100).toFixed(1));
export const formatP = (p: number) => (p < 0.001 ? "p < 0.001" : `p = ${p.toFixed(3)}`);

/** Plain words for managers. Significant only when McNemar p < alpha and the bootstrap interval excludes zero. */
export function verdictOf(
  report: ComparisonReport,
  names: { a: string; b: string },
  options: { alpha?: number; minChapterSupport?: number } = {},
): Verdict {
  const alpha = options.alpha ?? 0.05;
  const minSupport = options.minChapterSupport ?? 20;
  const { delta, mcnemar: test } = report;
  const significant = test.pValue < alpha && (delta.low > 0 || delta.high < 0);
  const better = !significant || report.n === 0 ? null : delta.estimate > 0 ? "B" : "A";
  const label = (x: "A" | "B") => `${x} (${x === "A" ? names.a : names.b})`;
  const sign = better === "A" ? -1 : 1;
  // the interval of the winner's advantage
  const ci = `95% CI ${better === "A" ? `${points(-delta.high)}–${points(-delta.low)}` : `${points(delta.low)}–${points(delta.high)}`}`;
  const chaptersWhere = (direction: number) =>
    report.perChapter.filter((c) => c.n >= minSupport && (direction > 0 ? c.low > 0 : c.high < 0)).map((c) => c.chapter);
  const worseChapters = better ? chaptersWhere(-sign) : [];
  const betterChapters = better ? chaptersWhere(sign) : [];
  let headline: string;
  if (report.n === 0) headline = "No lines to compare.";
  else if (better) {
    headline = `${label(better)} is better by ${points(Math.abs(delta.estimate))} points of HS6 top-1 accuracy (${ci}), McNemar ${formatP(test.pValue)}`;
    headline += worseChapters.length ? `; worse in chapter${worseChapters.length > 1 ? "s" : ""} ${worseChapters.join(", ")}.` : ".";
  } else {
    headline = `No significant difference between ${label("A")} and ${label("B")}: Δ ${points(delta.estimate)} points (95% CI ${points(delta.low)} to ${points(delta.high)}), McNemar ${formatP(test.pValue)}.`;
  }
  const details = [
    `${report.n.toLocaleString("en")} lines; A right and B wrong on ${test.aOnly.toLocaleString("en")}, B right and A wrong on ${test.bOnly.toLocaleString("en")}.`,
    `HS6 top-1: A ${points(report.a.metrics.accuracy.hs6.top1)}%, B ${points(report.b.metrics.accuracy.hs6.top1)}%; chapter top-1: A ${points(report.a.metrics.accuracy.hs2.top1)}%, B ${points(report.b.metrics.accuracy.hs2.top1)}%.`,
  ];
  if (better)
    details.push(
      `Significantly better in ${betterChapters.length} chapter${betterChapters.length === 1 ? "" : "s"} and worse in ${worseChapters.length} (chapters with at least ${minSupport} lines).`,
    );
  return { better, headline, details, worseChapters, betterChapters };
}

/** A compared version as every comparison names it. */
export interface VersionRef {
  name: string;
  version: string;
  sha256: string;
  status: "candidate" | "production" | "archived";
}

/** The lines a comparison ran on: a shipped set, a file (CLI) or "explore:TABLE" (an extract in the browser). */
export interface SetInfo {
  id: string;
  label: string;
  description: string;
  /** setHash of the lines (evaluation-sets.ts): the same lines give the same hash on the server and in the browser */
  hash: string;
  lines: number;
  excluded: number;
}

export interface Comparison {
  a: VersionRef;
  b: VersionRef;
  set: SetInfo;
  report: ComparisonReport;
  verdict: Verdict;
}

export const COMPARISON_SEED = 2022;

/**
 * The one comparison pipeline after predicting: report and verdict for A and B on the same labelled lines. The server
 * (Compare page, promotion requests), the CLI and the browser (an extract on Explore, with its chapter matrices
 * aggregated by DuckDB-WASM) all end here.
 */
export function compareOnLines(
  input: {
    a: VersionRef;
    b: VersionRef;
    set: SetInfo;
    truths: readonly string[];
    alsoAccepted?: readonly (readonly string[] | undefined)[];
    predictions: readonly [readonly Candidate[][], readonly Candidate[][]];
  },
  options: CompareOptions = {},
): Comparison {
  const report = compareModels(input.truths, input.predictions[0], input.predictions[1], {
    seed: COMPARISON_SEED,
    ...(input.alsoAccepted ? { alsoAccepted: input.alsoAccepted } : {}),
    ...options,
  });
  const names = { a: formatModelRef(input.a), b: formatModelRef(input.b) };
  return { a: input.a, b: input.b, set: input.set, report, verdict: verdictOf(report, names) };
}
