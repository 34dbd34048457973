// How far a model's confidence is from its accuracy: a reliability table (confidence bins) and the expected
// calibration error (ECE, the support-weighted gap between confidence and accuracy over the bins).

export interface ReliabilityBin {
  /** lower and upper confidence of the bin */
  from: number;
  to: number;
  n: number;
  /** mean confidence of the top prediction in the bin, and how often it was right; null for an empty bin */
  confidence: number | null;
  accuracy: number | null;
}

export function expectedCalibrationError(confidence: readonly number[], correct: readonly (boolean | number)[], bins = 10) {
  const table: ReliabilityBin[] = Array.from({ length: bins }, (_, i) => ({ from: i / bins, to: (i + 1) / bins, n: 0, confidence: 0, accuracy: 0 }));
  confidence.forEach((c, i) => {
    const bin = table[Math.min(bins - 1, Math.floor(c * bins))]!;
    bin.n++;
    bin.confidence! += c;
    bin.accuracy! += correct[i] ? 1 : 0;
  });
  let ece = 0;
  for (const bin of table) {
    if (!bin.n) {
      bin.confidence = bin.accuracy = null;
      continue;
    }
    bin.confidence! /= bin.n;
    bin.accuracy! /= bin.n;
    ece += (bin.n / Math.max(1, confidence.length)) * Math.abs(bin.confidence! - bin.accuracy!);
  }
  return { ece, bins: table };
}
