// The Classify page's suggestions as an Excel workbook, to keep with a case or pass on: for each description the
// decision the page shows (a person decides, or confident at the threshold), the five codes with their probabilities
// (codes as text: 010121 keeps its zero) and what supports the top one.
import type { Evidence, Translation } from "../../models/hs-classifier/classifier";
import { aboutSheet, sheetOf, type Sheet, type SheetColumn } from "../../workbench/extract/xlsx-write";
import { decisionText } from "../../workbench/evaluation/needs-person";
import { translatedWordsText } from "./evidence";

export interface ClassifiedLine {
  description: string;
  candidates: { code: string; probability: number }[];
  matchedWords: string[];
  evidence: Evidence[] | null;
  translated: Translation[];
  /**
   * what the version read a garment as, the material that gave the top code, the state of the fruit, nuts or
   * vegetables whose heading it is in, the fuel that gives its engine's ignition, or the quantity in its range
   * (Explanation), where it did
   */
  garment?: string | null;
  material?: string | null;
  foodState?: string | null;
  ignition?: string | null;
  quantity?: string | null;
  /** why its codes are a guess (NOTHING_READ) */
  note?: string;
}

const TOP = 5;

export function classifyWorkbookSheets(lines: readonly ClassifiedLine[], model: string, threshold: number, at: Date): Sheet[] {
  const columns: SheetColumn[] = [
    { name: "description", kind: "text", width: 48 },
    { name: "decision", kind: "text", width: 34 },
    ...Array.from({ length: TOP }, (_, i): SheetColumn[] => [
      { name: `code ${i + 1}`, kind: "text" },
      { name: `probability ${i + 1}`, kind: "percent" },
    ]).flat(),
    { name: "words found in the top code's texts", kind: "text", width: 36 },
    { name: "read as (foreign words)", kind: "text", width: 30 },
    { name: "subheading by what it says (garment, material, state, fuel, quantity)", kind: "text", width: 40 },
    { name: "nearest tariff line of the top code", kind: "text", width: 60 },
    { name: "note", kind: "text", width: 40 },
  ];
  const rows = lines.map((line) => {
    const top = line.candidates[0]?.code;
    const nearest = line.evidence?.find((e) => e.code === top);
    return [
      line.description,
      decisionText(line.candidates, threshold, line.note),
      ...Array.from({ length: TOP }, (_, i) => [line.candidates[i]?.code, line.candidates[i]?.probability]).flat(),
      line.matchedWords.join(", "),
      translatedWordsText(line.translated),
      [line.garment, line.material, line.foodState, line.ignition, line.quantity].filter(Boolean).join("; ") || null,
      nearest ? `${nearest.text} (${nearest.source}, similarity ${nearest.similarity.toFixed(2)})` : null,
      line.note ?? null,
    ];
  });
  return [
    aboutSheet(
      [
        ["Model", model],
        ["Threshold", `a suggestion below ${(threshold * 100).toFixed(0)}% confidence, or a guess, needs a person`],
        ["What this is", "HS 2022 subheadings suggested for each description, for a person to confirm: not a classification decision"],
      ],
      at,
    ),
    sheetOf("Suggestions", columns, rows),
  ];
}
