// Temperature calibration, one rule for every architecture: a version's probabilities are softmax(score / T) over its
// best CANDIDATE_CODES subheadings, where the score is a retrieval similarity or a network's log-probability, and T is
// fitted on the real evaluation sets (least negative log-likelihood of the codes the experts gave).
import type * as tfTypes from "@tensorflow/tfjs";
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
