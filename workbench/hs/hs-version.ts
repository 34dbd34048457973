// Which HS edition a table's declared codes follow, and how its HS 2017 codes read in HS 2022: detected from the
// share of lines whose codes exist in each edition; mapped through the UNSD correlation only where it names a single
// successor. A code that split into several HS 2022 codes is listed and kept apart, never guessed.
import { normaliseCode } from "./codes";
import type { Crosswalk } from "./crosswalk";
import type { Nomenclature } from "./nomenclature";

export type HsEdition = "HS2022" | "HS2017";

export interface EditionReport {
  lines: number;
  /** lines whose first six digits are an HS 2022 subheading, and an HS 2017 one */
  validIn: Record<HsEdition, number>;
  suggested: HsEdition;
  /** HS 2017 subheading → its single HS 2022 successor (itself when unchanged) */
  mapping: Map<string, string>;
  /** HS 2017 codes with several HS 2022 successors: kept apart */
  split: { code: string; lines: number; successors: string[] }[];
}

/** An HS 2017 subheading: one the correlation starts from, or an HS 2022 one the 2022 amendments did not touch. */
const isHs2017 = (code: string, nomenclature: Nomenclature, crosswalk: Crosswalk) =>
  crosswalk.isHs2017(code) || (nomenclature.get(code)?.level === 6 && crosswalk.toHs2017(code).length === 0);

export function editionReport(codes: readonly { code: string; lines: number }[], nomenclature: Nomenclature, crosswalk: Crosswalk): EditionReport {
  const validIn = { HS2022: 0, HS2017: 0 };
  const mapping = new Map<string, string>();
  const split: EditionReport["split"] = [];
  let lines = 0;
  for (const { code, lines: n } of codes) {
    lines += n;
    if (nomenclature.get(code)?.level === 6) validIn.HS2022 += n;
    if (!isHs2017(code, nomenclature, crosswalk)) continue;
    validIn.HS2017 += n;
    const successors = crosswalk.isHs2017(code) ? [...new Set(crosswalk.toHs2022(code))] : [code];
    if (successors.length === 1) mapping.set(code, successors[0]!);
    else split.push({ code, lines: n, successors: successors.sort() });
  }
  split.sort((a, b) => b.lines - a.lines);
  return { lines, validIn, suggested: validIn.HS2017 > validIn.HS2022 ? "HS2017" : "HS2022", mapping, split };
}

/**
 * The edition a column of codes shows, the codes as a file holds them (any writing normaliseCode reads, e.g.
 * "0101.21.00") with their lines: each code's subheading (null when it has fewer than six digits or is not a code),
 * and the report over them.
 */
export function codesEdition(
  codes: readonly { code: string | null; lines: number }[],
  nomenclature: Nomenclature,
  crosswalk: Crosswalk,
): { subheadings: (string | null)[]; report: EditionReport } {
  const subheadings = codes.map(({ code }) => {
    const read = normaliseCode(code);
    return read.ok && read.code.length >= 6 ? read.code.slice(0, 6) : null;
  });
  const counts = new Map<string, number>();
  subheadings.forEach((c, i) => c && counts.set(c, (counts.get(c) ?? 0) + codes[i]!.lines));
  const report = editionReport(
    [...counts].map(([code, lines]) => ({ code, lines })),
    nomenclature,
    crosswalk,
  );
  return { subheadings, report };
}

/** Every HS 2017 subheading with a single HS 2022 successor (itself when unchanged): the mapping for any table. */
export function hs2017Successors(nomenclature: Nomenclature, crosswalk: Crosswalk): Map<string, string> {
  const codes = new Set([...crosswalk.hs2017Codes(), ...nomenclature.subheadings().map((e) => e.code)]);
  return editionReport(
    [...codes].map((code) => ({ code, lines: 1 })),
    nomenclature,
    crosswalk,
  ).mapping;
}
