// Real Brazilian invoice lines (DESCMERC) with a coarse category and no HS code: the one real sample here of how
// traders write in another language — upper case, abbreviated, brand names, tax notes. Without codes a version cannot
// be scored right or wrong; it can be scored on whether its code fits the line's category, which bounds its accuracy
// from above (a code that fits may still be the wrong one). Which codes fit a category is read from the HS structure,
// widened once after a first look at the lines (chemicals for cleaning) and fixed before any glossary entry was written
// for them. Evaluation only, never training. Node-only.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsvRecords } from "../csv";
import { fixturesDir } from "../hs/load-fixtures";
import { sha256 } from "../sha256";
import type { Candidate } from "./metrics";
import type { SetRef } from "./prediction-cache";

export const INVOICE_CATEGORIES = ["cosmetics", "cleaning", "food"] as const;
export type InvoiceCategory = (typeof INVOICE_CATEGORIES)[number];

/** The chapters (2 digits) and headings (4 digits) whose subheadings fit a category. */
const FITTING: Record<InvoiceCategory, { chapters: readonly string[]; headings: readonly string[] }> = {
  // perfumery, cosmetics and toilet preparations; soap; what shops sell beside them (brushes, combs, razors, manicure
  // sets, hair dryers, cotton wool, tissues, sanitary pads, wigs)
  cosmetics: {
    chapters: ["33"],
    headings: ["3005", "3401", "4818", "5601", "6704", "8212", "8213", "8214", "8510", "8516", "9603", "9605", "9615", "9616", "9619"],
  },
  // inorganic chemicals (bleach, acids, caustic soda), soaps and washing preparations, chemical products (disinfectants,
  // insecticides); room perfumes, candles, alcohol; bags, buckets and gloves; paper towels; cloths; steel wool; brooms
  cleaning: {
    chapters: ["28", "34", "38"],
    headings: ["2207", "3307", "3406", "3923", "3924", "3926", "4015", "4818", "5603", "6307", "7323", "9603"],
  },
  // sections I–IV (chapters 1–24), salt and gelatin
  food: {
    chapters: Array.from({ length: 24 }, (_, i) => String(i + 1).padStart(2, "0")),
    headings: ["2501", "3503"],
  },
};

/** Whether an HS 6 code fits an invoice category. */
export function fitsCategory(category: InvoiceCategory, hs6: string): boolean {
  const fitting = FITTING[category];
  return fitting.chapters.includes(hs6.slice(0, 2)) || fitting.headings.includes(hs6.slice(0, 4));
}

/** Sorted codes with runs of consecutive ones joined: "1–24", "8212–8214". */
function runs(codes: readonly string[]): string {
  const numbers = codes.map(Number);
  const out: string[] = [];
  for (let i = 0; i < numbers.length; i++) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++;
    out.push(j - i >= 2 ? `${numbers[i]}–${numbers[j]}` : numbers.slice(i, j + 1).join(", "));
    i = j;
  }
  return out.join(", ");
}

/** What fits a category, in words (for reports): "chapter 33, or headings 3005, 3401, …, 8212–8214, …". */
export function fittingCodes(category: InvoiceCategory): string {
  const { chapters, headings } = FITTING[category];
  return `chapter${chapters.length > 1 ? "s" : ""} ${runs(chapters)}, or headings ${runs(headings)}`;
}

export interface InvoiceLine {
  /** row in the upstream sample, from 1 */
  line: number;
  text: string;
  category: InvoiceCategory;
  /** dev: read while writing glossary entries (hs-retrieval@1.6.0); test: never read */
  half: "dev" | "test";
}

const FILE = "real-eval/descmerc-invoice-lines.csv";
let loaded: InvoiceLine[] | undefined;

/** The 15,000 lines, or one half of them. */
export function invoiceLines(half?: InvoiceLine["half"]): InvoiceLine[] {
  loaded ??= parseCsvRecords(readFileSync(join(fixturesDir(), FILE), "utf8"), ["line", "text", "category", "half"], `fixtures/${FILE}`).map(
    (r, i) => {
      const category = r.category as InvoiceCategory;
      if (!INVOICE_CATEGORIES.includes(category)) throw new Error(`fixtures/${FILE} row ${i + 2}: unknown category '${r.category}'`);
      if (r.half !== "dev" && r.half !== "test") throw new Error(`fixtures/${FILE} row ${i + 2}: half must be dev or test, not '${r.half}'`);
      return { line: Number(r.line), text: r.text!, category, half: r.half };
    },
  );
  return half ? loaded.filter((l) => l.half === half) : loaded;
}

/** One half of the lines as a set whose predictions are cached (per version sha256 and this hash of the texts). */
export function invoiceSet(half: InvoiceLine["half"]): Omit<SetRef, "lines"> & { lines: InvoiceLine[] } {
  const lines = invoiceLines(half);
  return { id: `descmerc-invoice-lines-${half}`, hash: sha256(lines.map((l) => `${l.text}\n`).join("")), lines };
}

/** Confidence bands reported apart: is a version as sure of these lines as it is right about them? */
const CONFIDENCE_BANDS = [0.9, 0.6, 0.2, 0] as const;

export interface CategoryAgreement {
  lines: number;
  /** share of lines whose top code fits their category, and how many they are (for the counts and the interval) */
  top1: number;
  top1Fit: number;
  /** share of lines with a fitting code among the top five */
  top5: number;
  byCategory: Record<InvoiceCategory, { lines: number; top1: number }>;
  /** by the top code's probability, highest band first: how many lines, how many and what share of them fit */
  byConfidence: { atLeast: number; below: number; lines: number; fit: number; top1: number }[];
}

/** How often a version's suggestions (best first, per line) fit the lines' categories. */
export function categoryAgreement(lines: readonly InvoiceLine[], candidates: readonly (readonly Candidate[])[]): CategoryAgreement {
  if (candidates.length !== lines.length) throw new RangeError(`${candidates.length} answers for ${lines.length} lines`);
  const count = () => ({ lines: 0, fit: 0 });
  const by = Object.fromEntries(INVOICE_CATEGORIES.map((c) => [c, count()])) as Record<InvoiceCategory, { lines: number; fit: number }>;
  const bands = CONFIDENCE_BANDS.map(count);
  let top1 = 0;
  let top5 = 0;
  lines.forEach((l, i) => {
    const answer = candidates[i]!;
    const fit = answer.length > 0 && fitsCategory(l.category, answer[0]!.code);
    const band = bands[CONFIDENCE_BANDS.findIndex((b) => (answer[0]?.probability ?? 0) >= b)]!;
    by[l.category].lines++;
    band.lines++;
    if (fit) {
      top1++;
      by[l.category].fit++;
      band.fit++;
    }
    if (answer.slice(0, 5).some((c) => fitsCategory(l.category, c.code))) top5++;
  });
  const share = (c: { lines: number; fit: number }) => (c.lines ? c.fit / c.lines : 0);
  const n = lines.length;
  return {
    lines: n,
    top1: n ? top1 / n : 0,
    top1Fit: top1,
    top5: n ? top5 / n : 0,
    byCategory: Object.fromEntries(INVOICE_CATEGORIES.map((c) => [c, { lines: by[c].lines, top1: share(by[c]) }])) as CategoryAgreement["byCategory"],
    byConfidence: bands.map((b, k) => ({
      atLeast: CONFIDENCE_BANDS[k]!,
      below: k ? CONFIDENCE_BANDS[k - 1]! : 1,
      lines: b.lines,
      fit: b.fit,
      top1: share(b),
    })),
  };
}
