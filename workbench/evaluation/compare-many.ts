// Several versions on the same lines (issue 16): each one's figures side by side, and every pair tested like the
// two-version comparison (McNemar on the lines where exactly one is right, paired bootstrap CI of the HS6 top-1
// difference). With several pairs, the p-values are Holm-adjusted so "significant" keeps its 5% meaning overall.
import type { EvaluationLine } from "./evaluation-sets";
import { effectiveTruth, scoreLines, type Candidate } from "./metrics";
import { bootstrapPairDeltas, mcnemar } from "./statistics";

export const MAX_COMPARED = 8;

export interface ManyVersion {
  ref: string;
  hs2top1: number;
  hs4top1: number;
  hs6top1: number;
  hs6top3: number;
  hs6top5: number;
  ece: number;
  at95: number;
}

export interface PairTest {
  a: string;
  b: string;
  /** lines A got right and B wrong, and the reverse */
  aOnly: number;
  bOnly: number;
  /** HS6 top-1 of B − A with its paired bootstrap 95% interval */
  delta: { estimate: number; low: number; high: number };
  pValue: number;
  /** Holm-adjusted over all pairs of this comparison */
  adjustedP: number;
  /** the better of the two when the difference is significant (adjusted p < alpha and the interval excludes zero) */
  better: string | null;
}

export interface ManyComparison {
  n: number;
  versions: ManyVersion[];
  pairs: PairTest[];
  alpha: number;
  seed: number;
}

export function compareManyOnLines(
  lines: readonly Pick<EvaluationLine, "truth" | "alsoAccepted">[],
  versions: readonly { ref: string; candidates: readonly Candidate[][] }[],
  options: { seed?: number; alpha?: number; resamples?: number } = {},
): ManyComparison {
  const seed = options.seed ?? 2022;
  const alpha = options.alpha ?? 0.05;
  const correct = versions.map((v) =>
    Uint8Array.from(lines, (l, i) => {
      const top = v.candidates[i]![0]?.code;
      return top === effectiveTruth(l.truth, top, l.alsoAccepted) ? 1 : 0;
    }),
  );
  const figures = versions.map((v): ManyVersion => {
    const { metrics, calibration, at95 } = scoreLines(lines, v.candidates as Candidate[][]);
    const a = metrics.accuracy;
    return {
      ref: v.ref,
      hs2top1: a.hs2.top1,
      hs4top1: a.hs4.top1,
      hs6top1: a.hs6.top1,
      hs6top3: a.hs6.top3,
      hs6top5: a.hs6.top5,
      ece: calibration.ece,
      at95: at95?.share ?? 0,
    };
  });
  // every pair's interval from one pass of shared draws (the same intervals as bootstrapDelta pair by pair)
  const boot = bootstrapPairDeltas(correct, { seed, ...(options.resamples ? { resamples: options.resamples } : {}) });
  const raw = boot.pairs.map(({ i, j, overall }): Omit<PairTest, "adjustedP" | "better"> => {
    let aOnly = 0;
    let bOnly = 0;
    for (let k = 0; k < lines.length; k++) {
      if (correct[i]![k] && !correct[j]![k]) aOnly++;
      else if (!correct[i]![k] && correct[j]![k]) bOnly++;
    }
    return { a: versions[i]!.ref, b: versions[j]!.ref, aOnly, bOnly, delta: overall, pValue: mcnemar(aOnly, bOnly).pValue };
  });
  const adjusted = holm(raw.map((p) => p.pValue));
  const pairs = raw.map((p, i): PairTest => {
    const significant = adjusted[i]! < alpha && (p.delta.low > 0 || p.delta.high < 0);
    return { ...p, adjustedP: adjusted[i]!, better: significant ? (p.delta.estimate > 0 ? p.b : p.a) : null };
  });
  return { n: lines.length, versions: figures, pairs, alpha, seed };
}

/** Holm–Bonferroni step-down adjusted p-values (in the input order). */
export function holm(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => [p, i] as const).sort((x, y) => x[0] - y[0]);
  const out = new Array<number>(m);
  let running = 0;
  order.forEach(([p, i], rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    out[i] = running;
  });
  return out;
}
