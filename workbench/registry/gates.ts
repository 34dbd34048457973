// Promotion gates: the evidence a candidate must show against the production version before an admin approves it
// without an override. Configured in models/promotion-gates.json (validated), evaluated on a frozen comparison.
import { z } from "zod";
import type { ComparisonReport } from "../evaluation/compare";

export const gatesConfigSchema = z
  .object({
    /** the candidate's HS6 top-1 accuracy on the evaluation set must reach this (0–1) */
    minHs6Top1: z.number().min(0).max(1),
    /** per evaluation set, a minimum of its own (real text is harder than generated text); other sets use minHs6Top1 */
    minHs6Top1BySet: z.record(z.string(), z.number().min(0).max(1)).optional(),
    /** no chapter with at least minSupport lines may lose more than maxLossPoints points of HS6 top-1 accuracy */
    chapterRegression: z.object({ minSupport: z.number().int().min(1), maxLossPoints: z.number().min(0).max(100) }).strict(),
    /** the improvement over production must be significant (McNemar p < alpha and a bootstrap interval above zero) */
    significance: z.object({ alpha: z.number().gt(0).lt(1) }).strict(),
    /** every artifact file must match its recorded sha256 */
    verifyArtifacts: z.boolean(),
  })
  .strict();

export type GatesConfig = z.infer<typeof gatesConfigSchema>;

export interface GateResult {
  id: "min-hs6-top1" | "chapter-regression" | "significance" | "other-real-sets" | "artifacts" | "serving";
  label: string;
  passed: boolean;
  /** the numbers behind the outcome, in words */
  detail: string;
}

export interface ArtifactCheck {
  ref: string;
  ok: boolean;
  message: string;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const points = (x: number) => (x * 100).toFixed(1);
const pText = (p: number) => (p < 0.001 ? p.toExponential(1) : p.toFixed(3));

const minimumFor = (config: GatesConfig, setId: string | undefined) => (setId !== undefined ? config.minHs6Top1BySet?.[setId] : undefined);

/** The candidate's own accuracy against the configured minimum for the set (`production`: how production did there). */
function minimumGate(top1: number, n: number, config: GatesConfig, setId: string | undefined, production: string): GateResult {
  const own = minimumFor(config, setId);
  const minimum = own ?? config.minHs6Top1;
  return {
    id: "min-hs6-top1",
    label: `Candidate HS6 top-1 accuracy ≥ ${pct(minimum)}${own !== undefined ? ` (the minimum for ${setId})` : ""}`,
    passed: top1 >= minimum,
    detail: `${pct(top1)} on ${n.toLocaleString("en")} lines (production: ${production})`,
  };
}

const artifactsGate = (artifacts: ArtifactCheck[]): GateResult => ({
  id: "artifacts",
  label: "Artifact files (or frozen predictions) match their sha256",
  passed: artifacts.every((a) => a.ok),
  detail: artifacts.map((a) => `${a.ref}: ${a.message}`).join("; "),
});

/** Gates on a comparison where A is the production version and B the candidate. */
export function evaluateGates(
  report: ComparisonReport,
  config: GatesConfig,
  artifacts: ArtifactCheck[],
  setId?: string,
  others: readonly OtherSetEvidence[] = [],
): GateResult[] {
  const { minSupport, maxLossPoints } = config.chapterRegression;
  const losers = report.perChapter.filter((c) => c.n >= minSupport && -c.estimate * 100 > maxLossPoints).sort((x, y) => x.estimate - y.estimate);
  const { delta, mcnemar } = report;
  const significant = delta.estimate > 0 && mcnemar.pValue < config.significance.alpha && delta.low > 0;
  const results: GateResult[] = [
    minimumGate(report.b.metrics.accuracy.hs6.top1, report.n, config, setId, pct(report.a.metrics.accuracy.hs6.top1)),
    {
      id: "chapter-regression",
      label: `No chapter with ≥ ${minSupport} lines loses more than ${maxLossPoints} points`,
      passed: losers.length === 0,
      detail: losers.length
        ? losers.map((c) => `chapter ${c.chapter}: ${points(c.a)}% → ${points(c.b)}% (${points(c.estimate)} points, ${c.n} lines)`).join("; ")
        : `largest loss among ${report.perChapter.filter((c) => c.n >= minSupport).length} chapters with ≥ ${minSupport} lines: ${points(Math.min(0, ...report.perChapter.filter((c) => c.n >= minSupport).map((c) => c.estimate)))} points`,
    },
    {
      id: "significance",
      label: `Improvement is significant (McNemar p < ${config.significance.alpha}, 95% CI above zero)`,
      passed: significant,
      detail: `Δ ${points(delta.estimate)} points (95% CI ${points(delta.low)} to ${points(delta.high)}), McNemar p = ${pText(mcnemar.pValue)}`,
    },
  ];
  if (others.length) results.push(otherRealSetsGate(others, config));
  if (config.verifyArtifacts) results.push(artifactsGate(artifacts));
  return results;
}

/**
 * Gates on a first production (nothing is in production to compare with): the candidate's own accuracy and its files.
 * The gates that compare with production (chapter regression, significance) have nothing to compare and are not run.
 */
export function evaluateFirstGates(
  hs6Top1: number,
  n: number,
  config: GatesConfig,
  artifacts: ArtifactCheck[],
  setId?: string,
  others: readonly OtherSetEvidence[] = [],
): GateResult[] {
  return [
    minimumGate(hs6Top1, n, config, setId, "none yet"),
    ...(others.length ? [otherRealSetsGate(others, config)] : []),
    ...(config.verifyArtifacts ? [artifactsGate(artifacts)] : []),
  ];
}

/**
 * A real set besides the one the request was compared on: production against the candidate there, the candidate's own
 * figures (a first production), or why the candidate has none (a predictions file made for other sets).
 */
export type OtherSetEvidence = { set: { id: string; label: string } } & (
  { report: ComparisonReport } | { hs6Top1: number; n: number } | { unavailable: string }
);

/**
 * A candidate chosen on one real set must hold on the others: there it may not be significantly worse than production
 * (McNemar p < alpha with the whole interval below zero); with nothing in production, it must reach the set's minimum
 * HS6 top-1, the only bar there is. A set it has no predictions for cannot show either, and fails until an approver
 * overrides it knowingly.
 */
export function otherRealSetsGate(others: readonly OtherSetEvidence[], config: GatesConfig): GateResult {
  const alpha = config.significance.alpha;
  const judged = others.map((o) => {
    if ("unavailable" in o) return { ok: false, text: `${o.set.label}: cannot be checked (${o.unavailable})` };
    if ("hs6Top1" in o) {
      const minimum = minimumFor(config, o.set.id) ?? config.minHs6Top1;
      const below = o.hs6Top1 < minimum;
      return {
        ok: !below,
        text: `${o.set.label}: ${pct(o.hs6Top1)} on ${o.n.toLocaleString("en")} lines (production: none yet)${below ? ` — below its minimum ${pct(minimum)}` : ""}`,
      };
    }
    const { a, b, n, delta, mcnemar } = o.report;
    const worse = delta.high < 0 && mcnemar.pValue < alpha;
    return {
      ok: !worse,
      text:
        `${o.set.label}: ${pct(b.metrics.accuracy.hs6.top1)} on ${n.toLocaleString("en")} lines (production ${pct(a.metrics.accuracy.hs6.top1)}; ` +
        `Δ ${points(delta.estimate)} points, 95% CI ${points(delta.low)} to ${points(delta.high)}, McNemar p = ${pText(mcnemar.pValue)})${worse ? " — significantly worse than production" : ""}`,
    };
  });
  return {
    id: "other-real-sets",
    label: `Holds on the real sets besides the request's: not significantly worse than production (McNemar p < ${alpha}; with nothing in production, at least their minimum HS6 top-1)`,
    passed: judged.every((j) => j.ok),
    detail: judged.map((j) => j.text).join("; "),
  };
}
