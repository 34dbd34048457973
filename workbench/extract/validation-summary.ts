import { normaliseCode, validateCode, type CodeProblem, type CodeLength } from "../hs/codes";
import type { Crosswalk } from "../hs/crosswalk";
import { codesEdition } from "../hs/hs-version";
import { pct } from "../text/format";
import type { Nomenclature } from "../hs/nomenclature";
import type { ColumnPlan } from "./column-mapping";
import type { ExtractColumn } from "./declaration-line";

/** Counts for one distinct value of the code column, as the database returns them. */
export interface CodeCount {
  code: string | null;
  count: number;
  /** row number of its first occurrence (file row with the header as row 1, or record number) */
  firstRow: number;
}

export interface ColumnFailures {
  column: string;
  type: string;
  count: number;
  examples: { row: number; value: string }[];
}

export interface ValidationInput {
  rows: number;
  columns: ColumnPlan[];
  missingRequired: ExtractColumn[];
  codeCounts: CodeCount[] | null;
  emptyDescriptions: { count: number; firstRows: number[] } | null;
  /** values that did not convert to their column's type (dates that did not parse, numbers with text…) */
  failures: ColumnFailures[];
}

export interface CodeRepair {
  expectedLength: CodeLength;
  lines: number;
  mapping: { from: string; to: string }[];
  examples: { row: number; from: string; to: string }[];
}

export interface ValidationSummary {
  rows: number;
  mapped: { source: string; target: string; type: string }[];
  unmapped: { source: string; name: string; type: string; why: string }[];
  missingRequired: ExtractColumn[];
  codes: {
    distinct: number;
    validLines: number;
    invalidLines: number;
    emptyLines: number;
    byProblem: Partial<Record<CodeProblem, number>>;
    examples: { row: number; value: string; reason: string; count: number }[];
    repair: CodeRepair | null;
  } | null;
  emptyDescriptions: { count: number; firstRows: number[] } | null;
  failures: ColumnFailures[];
  /** plain-language lines for the top of the dialog, most important first */
  headlines: string[];
}

const EXAMPLES = 10;

/** Turns what the database counted about a staged file into the summary a user decides on. */
export function summariseValidation(input: ValidationInput, nomenclature: Nomenclature, crosswalk?: Crosswalk): ValidationSummary {
  const mapped = input.columns.filter((c) => c.target).map((c) => ({ source: c.source, target: c.target!, type: c.type }));
  const unmapped = input.columns.filter((c) => !c.target).map((c) => ({ source: c.source, name: c.name, type: c.type, why: c.why }));
  const headlines: string[] = [];
  for (const missing of input.missingRequired) {
    headlines.push(
      missing === "commodity_code"
        ? "No commodity code column was found (expected e.g. commodity_code, hs_code, cn8): code checks and chapter views are not available for this table."
        : "No goods description column was found (expected e.g. goods_description, description): classification is not available for this table.",
    );
  }

  let codes: ValidationSummary["codes"] = null;
  if (input.codeCounts) {
    const byProblem: Partial<Record<CodeProblem, number>> = {};
    const invalid: { row: number; value: string; reason: string; count: number; problem: CodeProblem }[] = [];
    let validLines = 0;
    let emptyLines = 0;
    const lengths = new Map<number, number>();
    for (const { code, count, firstRow } of input.codeCounts) {
      if (code === null || code.trim() === "") {
        emptyLines += count;
        continue;
      }
      const result = /^\d+$/.test(code) ? validateCode(code, nomenclature, crosswalk) : normaliseCode(code, { nomenclature, crosswalk });
      if (result.ok && result.code === code) {
        validLines += count;
        lengths.set(code.length, (lengths.get(code.length) ?? 0) + count);
      } else {
        const problem = result.ok ? "format" : result.problem;
        const reason = result.ok ? `'${code}' is written with separators; stored as ${result.code}` : result.reason;
        byProblem[problem] = (byProblem[problem] ?? 0) + count;
        invalid.push({ row: firstRow, value: code, reason, count, problem });
      }
    }
    const invalidLines = invalid.reduce((s, i) => s + i.count, 0);
    const repair = proposeRepair(input.codeCounts, lengths, nomenclature, crosswalk);
    codes = {
      distinct: input.codeCounts.length,
      validLines,
      invalidLines,
      emptyLines,
      byProblem,
      examples: invalid
        .sort((a, b) => a.row - b.row)
        .slice(0, EXAMPLES)
        .map(({ row, value, reason, count }) => ({ row, value, reason, count })),
      repair,
    };
    if (invalidLines > 0) headlines.push(`${invalidLines.toLocaleString("en")} line(s) have an invalid or unknown HS code.`);
    const edition = crosswalk && invalidLines > 0 ? hs2017Headline(input.codeCounts, nomenclature, crosswalk) : null;
    if (edition) headlines.push(edition);
    if (repair) {
      headlines.push(
        `${repair.lines.toLocaleString("en")} code(s) look like a spreadsheet dropped their leading zero (e.g. row ${repair.examples[0]!.row}: ${repair.examples[0]!.from} → ${repair.examples[0]!.to}); they can be repaired.`,
      );
    }
    if (emptyLines > 0) headlines.push(`${emptyLines.toLocaleString("en")} line(s) have no commodity code.`);
  }
  if (input.emptyDescriptions && input.emptyDescriptions.count > 0) {
    headlines.push(`${input.emptyDescriptions.count.toLocaleString("en")} line(s) have an empty goods description.`);
  }
  for (const f of input.failures) {
    if (f.count > 0) {
      const what = f.type === "DATE" ? "date(s) did not parse" : `value(s) are not of type ${f.type}`;
      headlines.push(
        `${f.count.toLocaleString("en")} ${what} in ${f.column} (e.g. row ${f.examples[0]?.row}: "${f.examples[0]?.value}"); they will be empty.`,
      );
    }
  }
  return {
    rows: input.rows,
    mapped,
    unmapped,
    missingRequired: input.missingRequired,
    codes,
    emptyDescriptions: input.emptyDescriptions,
    failures: input.failures.filter((f) => f.count > 0),
    headlines,
  };
}

/**
 * A file whose codes are HS 2017 (more lines valid there than in HS 2022) is told so before loading, with what Explore
 * does about it — its lines are not wrong, they are of the earlier edition.
 */
function hs2017Headline(counts: CodeCount[], nomenclature: Nomenclature, crosswalk: Crosswalk): string | null {
  // the codes read as loading stores them (separators dropped), which the page detects the edition from
  const { report } = codesEdition(
    counts.map(({ code, count }) => ({ code, lines: count })),
    nomenclature,
    crosswalk,
  );
  if (report.suggested !== "HS2017") return null;
  const share = (n: number) => pct(n / Math.max(1, report.lines));
  const split = report.split.reduce((n, x) => n + x.lines, 0);
  return (
    `The codes read as HS 2017 (${share(report.validIn.HS2017)} of lines valid in HS 2017, ${share(report.validIn.HS2022)} in HS 2022): ` +
    `after loading, Explore reads them in HS 2022 through the correlation (the choice is above the views)` +
    (split ? `, and keeps apart ${split.toLocaleString("en")} line(s) whose HS 2017 code split into several HS 2022 codes.` : ".")
  );
}

/**
 * When most valid codes have one length (6, 8 or 10) and some codes are exactly one digit shorter, those lost a
 * leading zero in a spreadsheet. Repair only those the HS core can repair unambiguously to a valid code.
 */
function proposeRepair(counts: CodeCount[], lengths: Map<number, number>, nomenclature: Nomenclature, crosswalk?: Crosswalk): CodeRepair | null {
  const dominant = [...lengths.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  // Without valid codes to learn the length from, the odd lengths tell it: 5 → 6, 7 → 8, 9 → 10.
  const oddLengths = new Map<number, number>();
  for (const c of counts)
    if (c.code && /^\d+$/.test(c.code) && c.code.length % 2 === 1) oddLengths.set(c.code.length, (oddLengths.get(c.code.length) ?? 0) + c.count);
  const guessed = [...oddLengths.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const expectedLength = (dominant ?? (guessed ? guessed + 1 : undefined)) as CodeLength | undefined;
  if (!expectedLength || ![6, 8, 10].includes(expectedLength)) return null;
  const mapping: CodeRepair["mapping"] = [];
  const examples: CodeRepair["examples"] = [];
  let lines = 0;
  for (const c of [...counts].sort((a, b) => a.firstRow - b.firstRow)) {
    if (!c.code || !/^\d+$/.test(c.code) || c.code.length !== expectedLength - 1) continue;
    const r = normaliseCode(c.code, { expectedLength, nomenclature, crosswalk });
    if (r.ok) {
      mapping.push({ from: c.code, to: r.code });
      lines += c.count;
      if (examples.length < EXAMPLES) examples.push({ row: c.firstRow, from: c.code, to: r.code });
    }
  }
  return mapping.length ? { expectedLength, lines, mapping, examples } : null;
}
