// Paired statistics for comparing two models on the same lines: McNemar's test, a seeded bootstrap of the accuracy
// difference, and coverage against a confidence threshold.
import { createRng } from "../random";

export interface McNemarResult {
  /** A right, B wrong */
  aOnly: number;
  /** A wrong, B right */
  bOnly: number;
  method: "exact" | "chi-square" | "none";
  statistic: number | null;
  pValue: number;
}

/** Below this many discordant pairs the exact binomial test is used. */
export const EXACT_BELOW = 25;

/** Complementary error function (Numerical Recipes erfcc; fractional error < 1.2e-7). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Two-sided McNemar test on the discordant pairs: exact binomial for small counts, else χ² with continuity correction. */
export function mcnemar(aOnly: number, bOnly: number): McNemarResult {
  const n = aOnly + bOnly;
  if (n === 0) return { aOnly, bOnly, method: "none", statistic: null, pValue: 1 };
  if (n < EXACT_BELOW) {
    const k = Math.min(aOnly, bOnly);
    let tail = 0;
    let coefficient = 1; // C(n, i)
    for (let i = 0; i <= k; i++) {
      tail += coefficient;
      coefficient = (coefficient * (n - i)) / (i + 1);
    }
    return { aOnly, bOnly, method: "exact", statistic: null, pValue: Math.min(1, (2 * tail) / 2 ** n) };
  }
  const statistic = (Math.abs(aOnly - bOnly) - 1) ** 2 / n;
  return { aOnly, bOnly, method: "chi-square", statistic, pValue: Math.min(1, erfc(Math.sqrt(statistic / 2))) };
}

export interface Interval {
  estimate: number;
  low: number;
  high: number;
}

export interface BootstrapResult {
  resamples: number;
  seed: number;
  overall: Interval;
  /** by group index (e.g. chapter − 1); null where the group has no lines */
  groups: ((Interval & { n: number }) | null)[];
}

/** Fewer resamples for very large sets keep the work near 2·10⁸ draws (the interval barely moves beyond a few hundred). */
export function resamplesFor(n: number, requested = 1000): number {
  return Math.max(200, Math.min(requested, Math.floor(2e8 / Math.max(1, n))));
}

const quantile = (sorted: Float64Array, q: number) => {
  if (sorted.length === 0) return NaN;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.min(sorted.length - 1, lower + 1);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
};

/**
 * The overall interval of `bootstrapDelta` for every pair (i < j, Δ = accuracy(j) − accuracy(i)) of several versions,
 * equal to it to the last bit: every pair is resampled with the same seeded line draws, so one pass of draws serves them
 * all. A draw only counts which versions got the line right (a bit each, at most 8 versions), so the work no longer
 * grows with the pairs: 8 versions on 99,518 lines took 47 s pair by pair, on the server's event loop.
 */
export function bootstrapPairDeltas(
  corrects: readonly Uint8Array[],
  options: { seed?: number; resamples?: number } = {},
): { resamples: number; seed: number; pairs: { i: number; j: number; overall: Interval }[] } {
  const k = corrects.length;
  if (k > 8) throw new RangeError(`at most 8 versions are resampled together (got ${k})`);
  const n = corrects[0]?.length ?? 0;
  const seed = options.seed ?? 2022;
  const resamples = options.resamples ?? resamplesFor(n);
  const mask = new Uint8Array(n);
  const totals = new Int32Array(k);
  for (let v = 0; v < k; v++)
    for (let line = 0; line < n; line++)
      if (corrects[v]![line]) {
        mask[line]! |= 1 << v;
        totals[v]!++;
      }
  const pairs: { i: number; j: number; overall: Float64Array }[] = [];
  for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) pairs.push({ i, j, overall: new Float64Array(n ? resamples : 0) });
  const rng = createRng(seed);
  const byMask = new Int32Array(256);
  const right = new Int32Array(k);
  for (let r = 0; r < resamples && n > 0; r++) {
    byMask.fill(0);
    for (let d = 0; d < n; d++) byMask[mask[Math.floor(rng.next() * n)]!]!++;
    right.fill(0);
    for (let m = 1; m < 256; m++) if (byMask[m]) for (let v = 0; v < k; v++) if (m & (1 << v)) right[v]! += byMask[m]!;
    for (const p of pairs) p.overall[r] = (right[p.j]! - right[p.i]!) / n;
  }
  return {
    resamples,
    seed,
    pairs: pairs.map(({ i, j, overall }) => {
      if (!n) return { i, j, overall: { estimate: 0, low: 0, high: 0 } };
      overall.sort();
      return { i, j, overall: { estimate: (totals[j]! - totals[i]!) / n, low: quantile(overall, 0.025), high: quantile(overall, 0.975) } };
    }),
  };
}

/**
 * Paired percentile bootstrap of Δ = accuracy(B) − accuracy(A), overall and per group, with a seeded generator:
 * the same inputs and seed give the same interval. `correctA/B[i]` is 1 when the model got line i right.
 */
export function bootstrapDelta(
  correctA: Uint8Array,
  correctB: Uint8Array,
  group: Uint8Array,
  groupCount: number,
  options: { seed?: number; resamples?: number } = {},
): BootstrapResult {
  const n = correctA.length;
  const seed = options.seed ?? 2022;
  const resamples = options.resamples ?? resamplesFor(n);
  const d = new Int8Array(n);
  const groupSum = new Int32Array(groupCount);
  const groupN = new Int32Array(groupCount);
  let total = 0;
  for (let i = 0; i < n; i++) {
    d[i] = correctB[i]! - correctA[i]!;
    total += d[i]!;
    groupSum[group[i]!]! += d[i]!;
    groupN[group[i]!]!++;
  }
  const overall = new Float64Array(n ? resamples : 0);
  const perGroup: number[][] = Array.from({ length: groupCount }, () => []);
  const rng = createRng(seed);
  const sums = new Int32Array(groupCount);
  const counts = new Int32Array(groupCount);
  for (let r = 0; r < resamples && n > 0; r++) {
    sums.fill(0);
    counts.fill(0);
    let s = 0;
    for (let k = 0; k < n; k++) {
      const i = Math.floor(rng.next() * n);
      s += d[i]!;
      sums[group[i]!]! += d[i]!;
      counts[group[i]!]!++;
    }
    overall[r] = s / n;
    for (let g = 0; g < groupCount; g++) if (counts[g]) perGroup[g]!.push(sums[g]! / counts[g]!);
  }
  overall.sort();
  return {
    resamples,
    seed,
    overall: n ? { estimate: total / n, low: quantile(overall, 0.025), high: quantile(overall, 0.975) } : { estimate: 0, low: 0, high: 0 },
    groups: perGroup.map((values, g) => {
      if (!groupN[g]) return null;
      const sorted = Float64Array.from(values).sort();
      return { n: groupN[g]!, estimate: groupSum[g]! / groupN[g]!, low: quantile(sorted, 0.025), high: quantile(sorted, 0.975) };
    }),
  };
}

export interface CoveragePoint {
  threshold: number;
  /** share of lines whose top confidence is ≥ threshold (auto-accepted) */
  share: number;
  /** accuracy among the accepted lines; null when none is accepted */
  accuracy: number | null;
  accepted: number;
  /** of them, those whose top suggestion is right */
  right: number;
}

/** Thresholds 0.00, 0.01, … 1.00. */
export const CURVE_THRESHOLDS: readonly number[] = Array.from({ length: 101 }, (_, i) => i / 100);

export function coverageCurve(confidence: Float64Array | number[], correct: Uint8Array | number[], thresholds = CURVE_THRESHOLDS): CoveragePoint[] {
  const n = confidence.length;
  // Sort once by confidence, descending; then each threshold is a prefix.
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => confidence[y]! - confidence[x]!);
  const prefixRight = new Int32Array(n + 1);
  order.forEach((i, k) => (prefixRight[k + 1] = prefixRight[k]! + (correct[i] ? 1 : 0)));
  return thresholds.map((threshold) => {
    // number of lines with confidence ≥ threshold (binary search in the descending order)
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (confidence[order[mid]!]! >= threshold - 1e-12) lo = mid + 1;
      else hi = mid;
    }
    return { threshold, accepted: lo, right: prefixRight[lo]!, share: n ? lo / n : 0, accuracy: lo ? prefixRight[lo]! / lo : null };
  });
}

/**
 * The lowest threshold whose accepted lines are shown to reach the target accuracy — the lower end of the Wilson 95%
 * interval of the accuracy among them at or above it — and so the largest share that can be auto-accepted. Two
 * lines both right do not show 95% (their interval reaches down to 34%): at 95% it takes at least 73 accepted lines
 * without a miss.
 */
export function thresholdFor(curve: readonly CoveragePoint[], targetAccuracy: number): CoveragePoint | null {
  return curve.find((p) => p.accepted > 0 && wilsonInterval(p.right, p.accepted).low >= targetAccuracy) ?? null;
}

/**
 * Wilson score interval of a proportion (k of n), 95% by default: honest for small slices, where k/n alone would put
 * a 2-line office at 0% or 100%.
 */
export function wilsonInterval(k: number, n: number, z = 1.959964): { low: number; high: number } {
  if (n === 0) return { low: 0, high: 1 };
  const p = k / n;
  const denominator = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denominator;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
