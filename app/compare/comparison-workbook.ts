// A comparison (two versions, or several) as an Excel workbook, for managers who keep figures in spreadsheets: what
// was compared on which set (real or our own generated lines, as the set's label says), accuracy, the per-chapter
// table, the coverage curve and the matrices on screen, with chapter and heading codes as text ("01" stays 01) and
// shares as percentages.
import { formatP, type Comparison } from "../../workbench/evaluation/compare";
import type { ManyComparison } from "../../workbench/evaluation/compare-many";
import type { ConfusionMatrix } from "../../workbench/evaluation/confusion-matrix";
import { aboutSheet, sheetOf, type Sheet, type SheetColumn } from "../../workbench/extract/xlsx-write";
import { formatModelRef } from "../../workbench/registry/model-ref";

/** The matrices on screen: chapters, or the headings of the chapters expanded. */
export interface WorkbookLevel {
  /** "chapters", or "headings of chapter 84" */
  label: string;
  a: ConfusionMatrix;
  b: ConfusionMatrix;
  /** a chapter's or a heading's name ("" when unknown) */
  nameOf: (code: string) => string;
}

const percent = (name: string): SheetColumn => ({ name, kind: "percent" });

/** The per-chapter table of two versions (Compare's CSV and its workbook): HS6 top-1 of each, Δ and its interval, chapter figures. */
export function perChapterTable(comparison: Comparison, chapterNames: Record<string, string>): { columns: SheetColumn[]; rows: unknown[][] } {
  const { report } = comparison;
  const [A, B] = [formatModelRef(comparison.a), formatModelRef(comparison.b)];
  return {
    columns: [
      { name: "chapter", kind: "text" },
      { name: "name", kind: "text", width: 40 },
      { name: "lines", kind: "number" },
      percent(`A ${A} HS6 top-1`),
      percent(`B ${B} HS6 top-1`),
      percent("delta B-A"),
      percent("ci low"),
      percent("ci high"),
      percent("A recall (chapter)"),
      percent("B recall (chapter)"),
      percent("A precision (chapter)"),
      percent("B precision (chapter)"),
      percent("A F1"),
      percent("B F1"),
    ],
    rows: report.perChapter.map((c) => {
      const [sa, sb] = [report.a.chapters[Number(c.chapter) - 1]!, report.b.chapters[Number(c.chapter) - 1]!];
      return [
        c.chapter,
        chapterNames[c.chapter] ?? "",
        c.n,
        c.a,
        c.b,
        c.estimate,
        c.low,
        c.high,
        sa.recall,
        sb.recall,
        sa.precision,
        sb.precision,
        sa.f1,
        sb.f1,
      ];
    }),
  };
}

export function comparisonWorkbookSheets(comparison: Comparison, chapterNames: Record<string, string>, level: WorkbookLevel, at: Date): Sheet[] {
  const { a, b, set, report, verdict } = comparison;
  const [A, B] = [formatModelRef(a), formatModelRef(b)];
  const perChapter = perChapterTable(comparison, chapterNames);
  const about: [string, string][] = [
    ["Evaluation set", set.label],
    ["About the set", set.description],
    ["Lines compared", set.lines.toLocaleString("en")],
    ...(set.excluded ? [["Lines excluded", `${set.excluded.toLocaleString("en")} (an invalid code or no description)`] as [string, string]] : []),
    ["Set sha256", set.hash],
    ["A", `${A} (${a.status}; sha256 ${a.sha256})`],
    ["B", `${B} (${b.status}; sha256 ${b.sha256})`],
    ["Verdict", verdict.headline],
    ...verdict.details.map((d): [string, string] => ["", d]),
    [
      "Statistics",
      `Δ = B − A in HS6 top-1 accuracy, 95% paired bootstrap interval (${report.delta.resamples} resamples, seed ${report.delta.seed}); McNemar ${report.mcnemar.method} ${formatP(report.mcnemar.pValue)}`,
    ],
    ["Matrices", `${level.label}: rows are the true code, columns the predicted one; the Matrix B − A sheet is B's count less A's`],
  ];
  const levels = (["hs2", "hs4", "hs6"] as const).map((l) => [
    l.toUpperCase(),
    ...(["top1", "top3", "top5"] as const).flatMap((k) => [report.a.metrics.accuracy[l][k], report.b.metrics.accuracy[l][k]]),
  ]);
  const coverage = report.a.coverage.map((p, i) => {
    const q = report.b.coverage[i]!;
    return [p.threshold, p.share, p.accuracy, q.share, q.accuracy];
  });
  const matrix = (name: string, m: ConfusionMatrix, counts: readonly number[]) => {
    const size = m.labels.length;
    return sheetOf(
      name,
      [
        { name: "true \\ predicted", kind: "text", width: 16 },
        { name: "name", kind: "text", width: 30 },
        ...m.labels.map((label): SheetColumn => ({ name: label, kind: "number" })),
      ],
      m.labels.map((label, i) => [label, level.nameOf(label), ...counts.slice(i * size, (i + 1) * size)]),
    );
  };
  return [
    aboutSheet(about, at),
    sheetOf(
      "Accuracy",
      [{ name: "level", kind: "text" }, ...["top-1", "top-3", "top-5"].flatMap((k) => [percent(`A ${A} ${k}`), percent(`B ${B} ${k}`)])],
      levels,
    ),
    sheetOf("Per chapter", perChapter.columns, perChapter.rows),
    sheetOf(
      "Coverage",
      [
        { name: "confidence at least", kind: "number" },
        percent(`A ${A} lines accepted`),
        percent(`A ${A} HS6 top-1 of them`),
        percent(`B ${B} lines accepted`),
        percent(`B ${B} HS6 top-1 of them`),
      ],
      coverage,
    ),
    matrix("Matrix A", level.a, level.a.counts),
    matrix("Matrix B", level.b, level.b.counts),
    matrix(
      "Matrix B − A",
      level.a,
      level.b.counts.map((x, i) => x - level.a.counts[i]!),
    ),
  ];
}

/** How every pair of several versions is tested (the page says it above the table, the workbook in its About sheet). */
export const pairTestNote = (comparison: Pick<ManyComparison, "pairs" | "seed" | "alpha">) =>
  `McNemar on the lines where exactly one of the two is right, with p-values adjusted for the ${comparison.pairs.length} pairs tested (Holm); ` +
  `paired bootstrap 95% interval of B − A (seed ${comparison.seed}). Significant when the adjusted p is below ${comparison.alpha} and the interval excludes zero.`;

/** Several versions compared on one set: what and how first, then the versions side by side and every pair's test. */
export function severalVersionsWorkbookSheets(set: { label: string; description: string }, comparison: ManyComparison, at: Date): Sheet[] {
  const about: [string, string][] = [
    ["Evaluation set", set.label],
    ["About the set", set.description],
    ["Lines compared", comparison.n.toLocaleString("en")],
    ["Pairs", pairTestNote(comparison)],
  ];
  const versions = comparison.versions.map((v) => [v.ref, v.hs2top1, v.hs4top1, v.hs6top1, v.hs6top3, v.hs6top5, v.ece, v.at95]);
  const pairs = comparison.pairs.map((p) => [
    p.a,
    p.b,
    p.aOnly,
    p.bOnly,
    p.delta.estimate,
    p.delta.low,
    p.delta.high,
    p.pValue,
    p.adjustedP,
    p.better ? `${p.better} is better` : "no significant difference",
  ]);
  return [
    aboutSheet(about, at),
    sheetOf(
      "Side by side",
      [
        { name: "version", kind: "text", width: 28 },
        percent("Chapter top-1"),
        percent("Heading top-1"),
        percent("HS6 top-1"),
        percent("HS6 top-3"),
        percent("HS6 top-5"),
        { name: "Calibration error", kind: "number" },
        percent("Auto-accepted, shown ≥ 95%"),
      ],
      versions,
    ),
    sheetOf(
      "Every pair",
      [
        { name: "A", kind: "text", width: 28 },
        { name: "B", kind: "text", width: 28 },
        { name: "A right, B wrong", kind: "number" },
        { name: "B right, A wrong", kind: "number" },
        percent("HS6 top-1 B − A"),
        percent("95% interval low"),
        percent("95% interval high"),
        { name: "McNemar p", kind: "number" },
        { name: "McNemar p (Holm-adjusted)", kind: "number" },
        { name: "verdict", kind: "text", width: 36 },
      ],
      pairs,
    ),
  ];
}
