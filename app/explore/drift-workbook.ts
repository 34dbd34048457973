// Drift between two extracts as an Excel workbook: the summary in plain words first, then every chapter's share in
// each, every new code (as text: 0101 keeps its zero) and the words used more, for an analyst's own charts.
import type { DriftReport } from "../../workbench/evaluation/drift";
import { aboutSheet, sheetOf, type Sheet } from "../../workbench/extract/xlsx-write";

export function driftWorkbookSheets(report: DriftReport, names: { a: string; b: string }, at: Date): Sheet[] {
  return [
    aboutSheet(
      [
        ["A", names.a],
        ["B", names.b],
        ...report.summary.map((line, i): [string, string] => [i ? "" : "Summary", line]),
        [
          "Chapter PSI",
          report.chapterPsi === null
            ? "not computed (an extract has no codes)"
            : `${report.chapterPsi.toFixed(4)} (below 0.1 stable, 0.1–0.25 moderate, above 0.25 large)`,
        ],
      ],
      at,
    ),
    sheetOf(
      "Chapter mix",
      [
        { name: "chapter", kind: "text" },
        { name: `share of ${names.a}`, kind: "percent" },
        { name: `share of ${names.b}`, kind: "percent" },
        { name: "change (B − A)", kind: "percent" },
      ],
      report.chapterShifts.map((c) => [c.chapter, c.a, c.b, c.b - c.a]),
    ),
    sheetOf(
      `New codes in B`,
      [
        { name: "code", kind: "text" },
        { name: `lines in ${names.b}`, kind: "number" },
      ],
      report.newCodes.map((c) => [c.code, c.lines]),
    ),
    ...(
      [
        ["Description length", "characters", report.lengthBands],
        ["Model confidence", "top confidence", report.confidenceBands],
      ] as const
    )
      .filter(([, , bands]) => bands.length)
      .map(([title, band, bands]) =>
        sheetOf(
          title,
          [
            { name: band, kind: "text" },
            { name: `share of ${names.a}'s lines`, kind: "percent" },
            { name: `share of ${names.b}'s lines`, kind: "percent" },
          ],
          bands.map((x) => [x.band, x.a, x.b]),
        ),
      ),
    sheetOf(
      "Words used more in B",
      [
        { name: "word", kind: "text" },
        { name: `share of ${names.a}'s words`, kind: "percent" },
        { name: `share of ${names.b}'s words`, kind: "percent" },
      ],
      report.risingWords.map((w) => [w.word, w.a, w.b]),
    ),
  ];
}
