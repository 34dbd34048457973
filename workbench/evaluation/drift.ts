// Drift between two extracts (e.g. two months): how far the chapter mix moved (population stability index), which
// codes are new, whether descriptions got shorter or use other words, and whether the model is less sure — with a
// summary in plain words. Pure: the browser supplies the counts.
import type { Crosswalk } from "../hs/crosswalk";
import { editionReport, type HsEdition } from "../hs/hs-version";
import type { Nomenclature } from "../hs/nomenclature";
import { pct } from "../text/format";

export interface ExtractProfile {
  lines: number;
  /** where its codes come from: declared (commodity_code), predicted, or none (then chapters and codes are empty) */
  codesFrom: "declared" | "predicted" | null;
  /** lines per chapter */
  chapters: ReadonlyMap<string, number>;
  /** lines per six-digit code */
  codes: ReadonlyMap<string, number>;
  /** mean description length in characters; null when the extract has no goods descriptions (then words is empty) */
  meanLength: number | null;
  /** lines per word (lower case, letters only), the most frequent ones */
  words: ReadonlyMap<string, number>;
  /** mean confidence of the top prediction, when the extract has predictions */
  meanConfidence: number | null;
  /** lines per band of CONFIDENCE_BANDS (by index), when the extract has predictions */
  confidenceBands: ReadonlyMap<number, number> | null;
  /** lines per band of LENGTH_BANDS (by index); empty without descriptions */
  lengthBands: ReadonlyMap<number, number>;
  /**
   * its declared codes' edition (readInHs2022): detected from the codes, the one they were compared in (chosen by the
   * analyst or the detected one) and, read as HS 2017 and put in HS 2022, the lines left out
   */
  edition?: { detected: HsEdition; used: HsEdition; chosen: boolean; splitLines: number };
}

export interface DriftReport {
  /** population stability index of the chapter mix (< 0.1 stable, 0.1–0.25 moderate, > 0.25 large); null when an
   * extract has no codes */
  chapterPsi: number | null;
  chapterShifts: { chapter: string; a: number; b: number }[];
  newCodes: { code: string; lines: number }[];
  newCodeLines: number;
  /** null (as the two below) when an extract has no goods descriptions */
  lengthChange: number | null;
  /** share of B's word occurrences (among its frequent words) that A never used */
  unseenWordShare: number | null;
  risingWords: { word: string; a: number; b: number }[];
  confidence: { a: number | null; b: number | null };
  /** each extract's share of lines in each band, side by side (empty when one of them has no predictions / descriptions) */
  confidenceBands: BandShare[];
  lengthBands: BandShare[];
  summary: string[];
}

export interface BandShare {
  band: string;
  a: number;
  b: number;
}

/** The top prediction's confidence in tenths, as the profile counts lines (band i: i/10 ≤ confidence < (i+1)/10). */
export const CONFIDENCE_BANDS = Array.from({ length: 10 }, (_, i) => `${(i / 10).toFixed(1)}–${((i + 1) / 10).toFixed(1)}`);
/** Description lengths in characters, upper ends: the profile counts a line in the first band its length fits. */
export const LENGTH_BAND_ENDS = [10, 20, 40, 80, 160] as const;
export const LENGTH_BANDS = [
  ...LENGTH_BAND_ENDS.map((end, i) => `${i ? LENGTH_BAND_ENDS[i - 1]! + 1 : 1}–${end}`),
  `over ${LENGTH_BAND_ENDS.at(-1)}`,
];

/** Each band's share of its extract's counted lines, A beside B. */
function bandShares(labels: readonly string[], a: ReadonlyMap<number, number>, b: ReadonlyMap<number, number>): BandShare[] {
  const total = (m: ReadonlyMap<number, number>) => [...m.values()].reduce((s, n) => s + n, 0);
  const [aTotal, bTotal] = [total(a), total(b)];
  return labels.map((band, i) => ({ band, a: aTotal ? (a.get(i) ?? 0) / aTotal : 0, b: bTotal ? (b.get(i) ?? 0) / bTotal : 0 }));
}

/**
 * A profile whose declared codes read as HS 2017 (more lines valid there than in HS 2022) or that the analyst says are
 * (`chosen`, as on the Views tab), put in HS 2022 as the Views tab reads them: each code with one successor becomes it,
 * codes that split are left out (counted), others stay as they are. Two months across the 2022 change then differ by
 * their goods, not by the edition. Codes chosen to be HS 2022 are compared as they are.
 */
export function readInHs2022(
  profile: ExtractProfile,
  nomenclature: Nomenclature,
  crosswalk: Crosswalk,
  chosen: HsEdition | null = null,
): ExtractProfile {
  if (profile.codesFrom !== "declared") return profile;
  const report = editionReport(
    [...profile.codes].map(([code, lines]) => ({ code, lines })),
    nomenclature,
    crosswalk,
  );
  const edition = { detected: report.suggested, used: chosen ?? report.suggested, chosen: chosen !== null, splitLines: 0 };
  if (edition.used !== "HS2017") return { ...profile, edition };
  const split = new Set(report.split.map((x) => x.code));
  const codes = new Map<string, number>();
  for (const [code, lines] of profile.codes) {
    if (split.has(code)) continue;
    const read = report.mapping.get(code) ?? code;
    codes.set(read, (codes.get(read) ?? 0) + lines);
  }
  const chapters = new Map<string, number>();
  for (const [code, lines] of codes) chapters.set(code.slice(0, 2), (chapters.get(code.slice(0, 2)) ?? 0) + lines);
  const splitLines = report.split.reduce((n, x) => n + x.lines, 0);
  return { ...profile, lines: profile.lines - splitLines, codes, chapters, edition: { ...edition, splitLines } };
}

const EPS = 1e-4;
const share = (m: ReadonlyMap<string, number>, k: string, total: number) => (total ? (m.get(k) ?? 0) / total : 0);

export function psi(a: ReadonlyMap<string, number>, aTotal: number, b: ReadonlyMap<string, number>, bTotal: number): number {
  let sum = 0;
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    const p = Math.max(EPS, share(a, k, aTotal));
    const q = Math.max(EPS, share(b, k, bTotal));
    sum += (q - p) * Math.log(q / p);
  }
  return sum;
}

export function driftReport(a: ExtractProfile, b: ExtractProfile, names: { a: string; b: string }): DriftReport {
  const summary: string[] = [];
  const withCodes = a.codesFrom !== null && b.codesFrom !== null;
  const chapterPsi = withCodes ? psi(a.chapters, a.lines, b.chapters, b.lines) : null;
  const chapterShifts = withCodes
    ? [...new Set([...a.chapters.keys(), ...b.chapters.keys()])]
        .map((chapter) => ({ chapter, a: share(a.chapters, chapter, a.lines), b: share(b.chapters, chapter, b.lines) }))
        .sort((x, y) => Math.abs(y.b - y.a) - Math.abs(x.b - x.a))
    : [];
  const newCodes = withCodes
    ? [...b.codes]
        .filter(([code]) => !a.codes.has(code))
        .map(([code, lines]) => ({ code, lines }))
        .sort((x, y) => y.lines - x.lines)
    : [];
  const newCodeLines = newCodes.reduce((s, c) => s + c.lines, 0);
  if (chapterPsi === null) {
    const without = [a.codesFrom === null ? names.a : null, b.codesFrom === null ? names.b : null].filter((n) => n !== null);
    summary.push(`Codes are not compared: ${without.join(" and ")} ${without.length > 1 ? "have" : "has"} no codes, declared or predicted.`);
  } else {
    const size = chapterPsi < 0.1 ? "stable" : chapterPsi < 0.25 ? "moderately shifted" : "strongly shifted";
    const top = chapterShifts[0];
    summary.push(
      `The chapter mix is ${size} from ${names.a} to ${names.b} (PSI ${chapterPsi.toFixed(3)})` +
        (top && Math.abs(top.b - top.a) >= 0.005 ? `; the largest move is chapter ${top.chapter}, ${pct(top.a)} → ${pct(top.b)} of lines.` : "."),
    );
    if (a.codesFrom !== b.codesFrom) {
      summary.push(`${names.a}'s codes are ${a.codesFrom}, ${names.b}'s ${b.codesFrom}: a change may be the model's, not the goods'.`);
    }
    for (const [name, p] of [
      [names.a, a],
      [names.b, b],
    ] as const) {
      const e = p.edition;
      if (e?.used === "HS2017") {
        const left = e.splitLines;
        summary.push(
          `${name}'s declared codes ${e.chosen ? "are read as HS 2017, as chosen," : "read as HS 2017"} and are compared in HS 2022` +
            (left ? `; ${left.toLocaleString("en")} of its lines, whose code split into several HS 2022 codes, are left out.` : "."),
        );
      } else if (e?.chosen && e.detected === "HS2017") {
        summary.push(`${name}'s declared codes are compared as HS 2022, as chosen, although more of its lines are valid HS 2017 codes.`);
      }
    }
    summary.push(
      newCodes.length
        ? `${newCodes.length} codes in ${names.b} never occur in ${names.a} (${pct(b.lines ? newCodeLines / b.lines : 0)} of its lines).`
        : `Every code in ${names.b} also occurs in ${names.a}.`,
    );
  }

  let lengthChange: number | null = null;
  let unseenWordShare: number | null = null;
  let risingWords: DriftReport["risingWords"] = [];
  let lengthBands: BandShare[] = [];
  if (a.meanLength === null || b.meanLength === null) {
    const without = [a.meanLength === null ? names.a : null, b.meanLength === null ? names.b : null].filter((n) => n !== null);
    summary.push(`Descriptions are not compared: ${without.join(" and ")} ${without.length > 1 ? "have" : "has"} no goods descriptions.`);
  } else {
    const bWordTotal = [...b.words.values()].reduce((s, n) => s + n, 0);
    const aWordTotal = [...a.words.values()].reduce((s, n) => s + n, 0);
    const unseen = [...b.words].filter(([w]) => !a.words.has(w)).reduce((s, [, n]) => s + n, 0);
    unseenWordShare = bWordTotal ? unseen / bWordTotal : 0;
    risingWords = [...b.words.keys()]
      .map((word) => ({ word, a: share(a.words, word, aWordTotal), b: share(b.words, word, bWordTotal) }))
      .sort((x, y) => y.b - y.a - (x.b - x.a))
      .slice(0, 10);
    lengthChange = a.meanLength ? b.meanLength / a.meanLength - 1 : 0;
    lengthBands = bandShares(LENGTH_BANDS, a.lengthBands, b.lengthBands);
    summary.push(
      `Descriptions are ${Math.abs(lengthChange) < 0.05 ? "about as long" : lengthChange > 0 ? `${pct(lengthChange)} longer` : `${pct(-lengthChange)} shorter`} on average (${a.meanLength.toFixed(0)} → ${b.meanLength.toFixed(0)} characters); ${pct(unseenWordShare)} of ${names.b}'s frequent words never appear in ${names.a}.`,
    );
  }
  if (a.meanConfidence !== null && b.meanConfidence !== null) {
    const d = b.meanConfidence - a.meanConfidence;
    summary.push(
      `The model is ${Math.abs(d) < 0.02 ? "about as sure" : d < 0 ? "less sure" : "surer"} of ${names.b} (mean top confidence ${a.meanConfidence.toFixed(2)} → ${b.meanConfidence.toFixed(2)})${d < -0.05 ? ": check its accuracy there before trusting it" : ""}.`,
    );
  }
  const confidenceBands = a.confidenceBands && b.confidenceBands ? bandShares(CONFIDENCE_BANDS, a.confidenceBands, b.confidenceBands) : [];
  const top = confidenceBands.at(-1);
  if (top) summary.push(`Lines the model is at least 90% sure of: ${pct(top.a)} of ${names.a}, ${pct(top.b)} of ${names.b}.`);
  return {
    chapterPsi,
    chapterShifts,
    newCodes,
    newCodeLines,
    lengthChange,
    unseenWordShare,
    risingWords,
    confidence: { a: a.meanConfidence, b: b.meanConfidence },
    confidenceBands,
    lengthBands,
    summary,
  };
}
