// Confusion matrices of HS predictions: by chapter (all 97, rows true, columns predicted) and by heading inside one
// or two chapters. Flat row-major counts so they travel as JSON and match what DuckDB aggregates.

/** 01…97, including the reserved chapter 77 (always empty: no valid code lives there). */
export const CHAPTERS: readonly string[] = Array.from({ length: 97 }, (_, i) => String(i + 1).padStart(2, "0"));

export interface ConfusionMatrix {
  /** row and column labels (chapter or heading codes, plus "other" for headings outside the expanded chapters) */
  labels: string[];
  /** labels.length² counts, row-major: counts[row * size + column], rows = true class, columns = predicted */
  counts: number[];
}

export interface LabelledPair {
  truth: string;
  /** top-1 predicted code ("" when the model gave none) */
  predicted: string;
}

export const OTHER = "other";

export const cell = (m: ConfusionMatrix, row: number, column: number) => m.counts[row * m.labels.length + column]!;

/** 97×97 chapter matrix. A pair without a prediction is left out of the matrix (it still counts as wrong elsewhere). */
export function chapterConfusion(pairs: Iterable<LabelledPair>): ConfusionMatrix {
  const size = CHAPTERS.length;
  const counts = new Array<number>(size * size).fill(0);
  for (const p of pairs) {
    const row = Number(p.truth.slice(0, 2)) - 1;
    if (!(row >= 0 && row < size) || !/^\d{2}/.test(p.truth)) throw new Error(`'${p.truth}' is not an HS code with a chapter 01–97`);
    const column = Number(p.predicted.slice(0, 2)) - 1;
    if (p.predicted.length < 2 || !(column >= 0 && column < size)) continue;
    counts[row * size + column]!++;
  }
  return { labels: [...CHAPTERS], counts };
}

/**
 * Heading matrix for lines whose true chapter is one of `chapters`: rows and columns are the given headings of those
 * chapters, plus a last row/column "other" for predictions (or truths) outside them.
 */
export function headingConfusion(pairs: Iterable<LabelledPair>, chapters: readonly string[], headings: readonly string[]): ConfusionMatrix {
  const labels = [...headings.filter((h) => chapters.includes(h.slice(0, 2)))].sort();
  labels.push(OTHER);
  const index = new Map(labels.map((l, i) => [l, i]));
  const size = labels.length;
  const counts = new Array<number>(size * size).fill(0);
  const other = size - 1;
  for (const p of pairs) {
    if (!chapters.includes(p.truth.slice(0, 2))) continue;
    const row = index.get(p.truth.slice(0, 4)) ?? other;
    const column = index.get(p.predicted.slice(0, 4)) ?? other;
    counts[row * size + column]!++;
  }
  return { labels, counts };
}

export function differenceMatrix(a: ConfusionMatrix, b: ConfusionMatrix): ConfusionMatrix {
  if (a.labels.join() !== b.labels.join()) throw new Error("matrices with different labels cannot be subtracted");
  return { labels: [...a.labels], counts: b.counts.map((x, i) => x - a.counts[i]!) };
}

export interface ClassStats {
  label: string;
  support: number;
  predicted: number;
  correct: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

/** Per class: support (row sum), precision (diagonal / column sum), recall (diagonal / row sum), F1. */
export function classStats(m: ConfusionMatrix): ClassStats[] {
  const size = m.labels.length;
  return m.labels.map((label, i) => {
    let support = 0;
    let predicted = 0;
    for (let j = 0; j < size; j++) {
      support += m.counts[i * size + j]!;
      predicted += m.counts[j * size + i]!;
    }
    const correct = m.counts[i * size + i]!;
    const precision = predicted ? correct / predicted : null;
    const recall = support ? correct / support : null;
    const f1 =
      precision !== null && recall !== null && precision + recall > 0
        ? (2 * precision * recall) / (precision + recall)
        : precision === null || recall === null
          ? null
          : 0;
    return { label, support, predicted, correct, precision, recall, f1 };
  });
}

export interface ConfusedPair {
  truth: string;
  predicted: string;
  count: number;
  /** share of the true class's lines that went to this wrong class */
  shareOfTruth: number;
}

/** Off-diagonal cells, largest first (ties by code so the order is stable). */
export function mostConfusedPairs(m: ConfusionMatrix, limit = 10): ConfusedPair[] {
  const size = m.labels.length;
  const rowSums = m.labels.map((_, i) => m.counts.slice(i * size, (i + 1) * size).reduce((s, x) => s + x, 0));
  const pairs: ConfusedPair[] = [];
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      const count = m.counts[i * size + j]!;
      if (i !== j && count > 0) pairs.push({ truth: m.labels[i]!, predicted: m.labels[j]!, count, shareOfTruth: count / rowSums[i]! });
    }
  }
  pairs.sort((x, y) => y.count - x.count || x.truth.localeCompare(y.truth) || x.predicted.localeCompare(y.predicted));
  return pairs.slice(0, limit);
}
