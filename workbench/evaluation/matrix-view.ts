// What a confusion-matrix chart shows: which classes in which order (by code, support or errors), the top N with the
// rest merged into "Other", classes without lines left out or kept, and cell values as counts or shares of the row or
// column.
import type { ConfusionMatrix } from "./confusion-matrix";

export type Normalise = "none" | "row" | "column";
export type SortBy = "code" | "support" | "error";

export interface MatrixViewOptions {
  normalise: Normalise;
  sort: SortBy;
  /** keep the N classes with most lines and merge the rest into "Other"; null keeps all */
  topN: number | null;
  hideDiagonal: boolean;
  /**
   * leave out the classes no line has as true or predicted class in any of the matrices: a real evaluation set of 200
   * lines touches a few dozen of the 97 chapters, and an empty first window of the chart says nothing
   */
  hideEmpty: boolean;
}

/** The view settings in words, stated beside every exported chart so a reader knows what the colours count. */
export function describeMatrixView(options: MatrixViewOptions & { scale?: "linear" | "log" }): string {
  const values = {
    none: "line counts",
    row: "shares of each true class (rows sum to 100%)",
    column: "shares of each predicted class (columns sum to 100%)",
  }[options.normalise];
  const sort = { code: "by code", support: "by number of lines", error: "by error rate" }[options.sort];
  return [
    values,
    options.topN === null
      ? options.hideEmpty
        ? "every class with lines"
        : "every class"
      : `the ${options.topN} largest classes, the rest merged into "Other"`,
    options.hideDiagonal ? "correct predictions (the diagonal) hidden" : "correct predictions shown",
    `sorted ${sort}`,
    ...(options.scale ? [`${options.scale === "log" ? "logarithmic" : "linear"} colour scale`] : []),
  ].join("; ");
}

export interface ViewCell {
  /** column (predicted) and row (true) index in the view */
  x: number;
  y: number;
  count: number;
  rowShare: number;
  columnShare: number;
  /** what the colour encodes: the count or a share, depending on `normalise` */
  value: number;
}

export interface MatrixView {
  labels: string[];
  /** for each view label, the original labels it stands for */
  members: string[][];
  cells: ViewCell[];
  rowSums: number[];
  columnSums: number[];
}

export const OTHER_LABEL = "Other";

/**
 * The display order of classes; `reference` matrices (e.g. A and B) share it so the charts line up. With `hideEmpty`,
 * classes without a line in any of them (as true or predicted class) are left out — unless every class is empty.
 */
export function orderLabels(
  references: readonly ConfusionMatrix[],
  sort: SortBy,
  topN: number | null,
  hideEmpty = false,
): { labels: string[]; members: string[][] } {
  const first = references[0]!;
  const size = first.labels.length;
  const support = first.labels.map((_, i) => first.counts.slice(i * size, (i + 1) * size).reduce((s, x) => s + x, 0));
  const errors = first.labels.map((_, i) => references.reduce((s, m) => s + support[i]! - m.counts[i * size + i]!, 0));
  const all = [...first.labels.keys()];
  const hasLines = new Array<boolean>(size).fill(false);
  for (const m of references) {
    m.counts.forEach((count, at) => {
      if (count > 0) hasLines[Math.floor(at / size)] = hasLines[at % size] = true;
    });
  }
  const withLines = all.filter((i) => hasLines[i]);
  const shown = hideEmpty && withLines.length ? withLines : all;
  let order = [...shown];
  if (sort === "support") order.sort((x, y) => support[y]! - support[x]! || x - y);
  if (sort === "error") order.sort((x, y) => errors[y]! - errors[x]! || x - y);
  if (topN === null || topN >= shown.length) return { labels: order.map((i) => first.labels[i]!), members: order.map((i) => [first.labels[i]!]) };
  const kept = [...shown].sort((x, y) => support[y]! - support[x]! || x - y).slice(0, topN);
  const keptSet = new Set(kept);
  order = order.filter((i) => keptSet.has(i));
  const rest = shown.filter((i) => !keptSet.has(i)).map((i) => first.labels[i]!);
  return { labels: [...order.map((i) => first.labels[i]!), OTHER_LABEL], members: [...order.map((i) => [first.labels[i]!]), rest] };
}

/** Cells of one matrix in a given order (zero cells left out). */
export function matrixView(
  m: ConfusionMatrix,
  order: { labels: string[]; members: string[][] },
  options: Pick<MatrixViewOptions, "normalise" | "hideDiagonal">,
): MatrixView {
  const size = m.labels.length;
  const position = new Map<string, number>();
  order.members.forEach((group, k) => group.forEach((label) => position.set(label, k)));
  const viewSize = order.labels.length;
  const grid = new Array<number>(viewSize * viewSize).fill(0);
  m.labels.forEach((rowLabel, i) => {
    const y = position.get(rowLabel)!;
    m.labels.forEach((columnLabel, j) => {
      const count = m.counts[i * size + j]!;
      if (count) grid[y * viewSize + position.get(columnLabel)!]! += count;
    });
  });
  const rowSums = order.labels.map((_, y) => grid.slice(y * viewSize, (y + 1) * viewSize).reduce((s, x) => s + x, 0));
  const columnSums = order.labels.map((_, x) => order.labels.reduce((s, __, y) => s + grid[y * viewSize + x]!, 0));
  const cells: ViewCell[] = [];
  for (let y = 0; y < viewSize; y++) {
    for (let x = 0; x < viewSize; x++) {
      const count = grid[y * viewSize + x]!;
      if (!count || (options.hideDiagonal && x === y)) continue;
      const rowShare = count / rowSums[y]!;
      const columnShare = count / columnSums[x]!;
      cells.push({
        x,
        y,
        count,
        rowShare,
        columnShare,
        value: options.normalise === "row" ? rowShare : options.normalise === "column" ? columnShare : count,
      });
    }
  }
  return { labels: order.labels, members: order.members, cells, rowSums, columnSums };
}

export interface DifferenceCell {
  x: number;
  y: number;
  a: number;
  b: number;
  /** B − A as counts or as the difference of the normalised values */
  value: number;
}

/** B − A over the same order: cells where either model has lines. */
export function differenceView(a: MatrixView, b: MatrixView, options: Pick<MatrixViewOptions, "hideDiagonal">): DifferenceCell[] {
  const key = (c: { x: number; y: number }) => c.y * a.labels.length + c.x;
  const cells = new Map<number, DifferenceCell>();
  // a cell's value is its count, or its share when normalised: the difference is taken in the same unit
  for (const c of a.cells) cells.set(key(c), { x: c.x, y: c.y, a: c.count, b: 0, value: -c.value });
  for (const c of b.cells) {
    const existing = cells.get(key(c)) ?? { x: c.x, y: c.y, a: 0, b: 0, value: 0 };
    existing.b = c.count;
    existing.value += c.value;
    cells.set(key(c), existing);
  }
  return [...cells.values()].filter((c) => c.a !== c.b && !(options.hideDiagonal && c.x === c.y));
}
