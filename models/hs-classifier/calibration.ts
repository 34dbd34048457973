// Temperature calibration, one rule for every architecture: a version's probabilities are softmax(score / T) over its
// best CANDIDATE_CODES subheadings, where the score is a retrieval similarity or a network's log-probability, and T is
// fitted on the real evaluation sets (least negative log-likelihood of the codes the experts gave). A combined version
// may then rescale its top code's probability (calibrateTopCode, from hs-combined@1.10.0), fitted on the same sets.
import type * as tfTypes from "@tensorflow/tfjs";
import { z } from "zod";
import type { Candidate } from "../../workbench/evaluation/metrics";
import { neuralKernel, type Kernel, type ModelParts } from "./classifier";

/** How many of the best-scoring subheadings share the probability; the others get 0 (their share is negligible). */
export const CANDIDATE_CODES = 50;

/** Temperatures tried: similarities (0–2) need small ones, log-probabilities larger ones. */
const TEMPERATURES = Array.from({ length: 100 }, (_, i) => 0.005 * 1.1 ** i);

/** softmax(scores / temperature). */
export function softmax(scores: readonly number[], temperature: number): number[] {
  const max = Math.max(...scores);
  const e = scores.map((s) => Math.exp((s - max) / temperature));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / sum);
}

/** Per line: the candidates' scores and which of them an expert accepted. */
export interface CalibrationRow {
  scores: readonly number[];
  accepted: readonly boolean[];
}

export function fitTemperature(rows: readonly CalibrationRow[]): number {
  let best = { temperature: TEMPERATURES[0]!, nll: Infinity };
  for (const t of TEMPERATURES) {
    let nll = 0;
    for (const r of rows) {
      const p = softmax(r.scores, t);
      // a code outside the candidates has probability 0: floor it so one miss does not decide the temperature
      nll -= Math.log(
        Math.max(
          1e-4,
          p.reduce((s, x, k) => s + (r.accepted[k] ? x : 0), 0),
        ),
      );
    }
    if (nll < best.nll) best = { temperature: t, nll };
  }
  return best.temperature;
}

/**
 * The top code's confidence rescaled (Platt scaling of its logit, fitted on the real sets): σ(slope · logit p + intercept).
 * A temperature fitted on every candidate's probability (above) left the top code overconfident on both real sets
 * (hs-combined@1.9.0: lines it was 50–90% sure of were right 29–50% of the time), and that probability is the one a
 * threshold, the auto-acceptance figures and "needs a person" read.
 */
export const topCodeCalibrationSchema = z.object({ slope: z.number().positive(), intercept: z.number() });
export type TopCodeCalibration = z.infer<typeof topCodeCalibrationSchema>;

/** log(p / (1 − p)), p kept within 10⁻⁶ of 0 and 1 */
function logit(p: number): number {
  const q = Math.min(Math.max(p, 1e-6), 1 - 1e-6);
  return Math.log(q / (1 - q));
}
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * Probabilities in rank order with the first (the top code's) recalibrated; the others share what is left in proportion
 * to theirs, never above the top one (the ranking stays; they may then add up to less than 1).
 */
export function calibrateTopCode(probabilities: readonly number[], c: TopCodeCalibration): number[] {
  if (!probabilities.length) return [];
  const top = probabilities[0]!;
  const calibrated = sigmoid(c.slope * logit(top) + c.intercept);
  const rest = top < 1 ? (1 - calibrated) / (1 - top) : 0;
  return probabilities.map((p, i) => (i === 0 ? calibrated : Math.min(p * rest, calibrated)));
}

/** The slope and intercept with the least log-loss of "the top code is right" over the lines (Newton's method, damped). */
export function fitTopCodeCalibration(lines: readonly { confidence: number; right: boolean }[]): TopCodeCalibration {
  const x = lines.map((l) => logit(l.confidence));
  const loss = (a: number, b: number) =>
    lines.reduce((sum, l, i) => {
      const p = Math.min(Math.max(sigmoid(a * x[i]! + b), 1e-12), 1 - 1e-12);
      return sum - Math.log(l.right ? p : 1 - p);
    }, 0);
  let [slope, intercept] = [1, 0];
  let current = loss(slope, intercept);
  for (let step = 0; step < 100; step++) {
    // gradient and Hessian of the log-loss in (slope, intercept)
    let [ga, gb, haa, hab, hbb] = [0, 0, 0, 0, 0];
    lines.forEach((l, i) => {
      const p = sigmoid(slope * x[i]! + intercept);
      const [r, w] = [p - (l.right ? 1 : 0), p * (1 - p)];
      [ga, gb] = [ga + r * x[i]!, gb + r];
      [haa, hab, hbb] = [haa + w * x[i]! * x[i]!, hab + w * x[i]!, hbb + w];
    });
    const det = haa * hbb - hab * hab;
    if (!(det > 1e-12)) break;
    let [da, db] = [(hbb * ga - hab * gb) / det, (haa * gb - hab * ga) / det];
    // halve the step until the loss goes down (a full step can overshoot far from the optimum)
    while (loss(slope - da, intercept - db) > current && Math.abs(da) + Math.abs(db) > 1e-12) [da, db] = [da / 2, db / 2];
    [slope, intercept] = [slope - da, intercept - db];
    const next = loss(slope, intercept);
    if (current - next < 1e-10 * lines.length) break;
    current = next;
  }
  if (!(slope > 0)) throw new Error("the top code's confidence does not rise with being right on these lines: nothing to calibrate");
  return { slope, intercept };
}

/** A network's first k candidates recalibrated: softmax(log p / T) over its best CANDIDATE_CODES codes. */
function recalibrate(candidates: readonly Candidate[], temperature: number, k = candidates.length): Candidate[] {
  const p = softmax(
    candidates.map((c) => Math.log(Math.max(c.probability, 1e-30))),
    temperature,
  );
  return candidates.slice(0, k).map((c, i) => ({ code: c.code, probability: p[i]! }));
}

/** The rows to fit a network's temperature on: log-probabilities of its best codes for each line. */
export async function networkCalibrationRows(
  kernel: Kernel,
  lines: readonly { text: string; truth: string; alsoAccepted?: readonly string[] }[],
): Promise<CalibrationRow[]> {
  const candidates = await kernel.topK(
    lines.map((l) => l.text),
    CANDIDATE_CODES,
  );
  return lines.map((l, i) => ({
    scores: candidates[i]!.map((c) => Math.log(Math.max(c.probability, 1e-30))),
    accepted: candidates[i]!.map((c) => c.code === l.truth || (l.alsoAccepted ?? []).includes(c.code)),
  }));
}

/** A network's computation with calibrated probabilities (the ranking is unchanged). */
export function calibratedKernel(kernel: Kernel, temperature: number): Kernel {
  return {
    ...kernel,
    async topK(texts, k) {
      const candidates = await kernel.topK(texts, Math.max(k, CANDIDATE_CODES));
      return candidates.map((c) => recalibrate(c, temperature, k));
    },
    async probabilityOf(texts, labelIndex) {
      const candidates = await kernel.topK(texts, CANDIDATE_CODES);
      return Float32Array.from(
        candidates,
        (c, i) => recalibrate(c, temperature).find((x) => x.code === kernel.labels[labelIndex[i]!])?.probability ?? 0,
      );
    },
  };
}

/** A network's computation, with the calibration its card records (versions trained before calibration have none). */
export function networkKernel(tf: typeof tfTypes, parts: ModelParts, card: { calibration?: { temperature: number } }): Kernel {
  const kernel = neuralKernel(tf, parts);
  return card.calibration ? calibratedKernel(kernel, card.calibration.temperature) : kernel;
}
