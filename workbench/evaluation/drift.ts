// Drift between two extracts (e.g. two months): how far the chapter mix moved (population stability index), which
// codes are new, whether descriptions got shorter or use other words, and whether the model is less sure — with a
// summary in plain words. Pure: the browser supplies the counts.

export interface ExtractProfile {
  lines: number;
  /** lines per chapter */
  chapters: ReadonlyMap<string, number>;
  /** lines per declared six-digit code */
  codes: ReadonlyMap<string, number>;
  /** mean description length in characters */
  meanLength: number;
  /** lines per word (lower case, letters only), the most frequent ones */
  words: ReadonlyMap<string, number>;
  /** mean confidence of the top prediction, when the extract has predictions */
  meanConfidence: number | null;
}

export interface DriftReport {
  /** population stability index of the chapter mix (< 0.1 stable, 0.1–0.25 moderate, > 0.25 large) */
  chapterPsi: number;
  chapterShifts: { chapter: string; a: number; b: number }[];
  newCodes: { code: string; lines: number }[];
  newCodeLines: number;
  lengthChange: number;
  /** share of B's word occurrences (among its frequent words) that A never used */
  unseenWordShare: number;
  risingWords: { word: string; a: number; b: number }[];
  confidence: { a: number | null; b: number | null };
  summary: string[];
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

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function driftReport(a: ExtractProfile, b: ExtractProfile, names: { a: string; b: string }): DriftReport {
  const chapterPsi = psi(a.chapters, a.lines, b.chapters, b.lines);
  const chapterShifts = [...new Set([...a.chapters.keys(), ...b.chapters.keys()])]
    .map((chapter) => ({ chapter, a: share(a.chapters, chapter, a.lines), b: share(b.chapters, chapter, b.lines) }))
    .sort((x, y) => Math.abs(y.b - y.a) - Math.abs(x.b - x.a));
  const newCodes = [...b.codes]
    .filter(([code]) => !a.codes.has(code))
    .map(([code, lines]) => ({ code, lines }))
    .sort((x, y) => y.lines - x.lines);
  const newCodeLines = newCodes.reduce((s, c) => s + c.lines, 0);
  const bWordTotal = [...b.words.values()].reduce((s, n) => s + n, 0);
  const aWordTotal = [...a.words.values()].reduce((s, n) => s + n, 0);
  const unseen = [...b.words].filter(([w]) => !a.words.has(w)).reduce((s, [, n]) => s + n, 0);
  const unseenWordShare = bWordTotal ? unseen / bWordTotal : 0;
  const risingWords = [...b.words.keys()]
    .map((word) => ({ word, a: share(a.words, word, aWordTotal), b: share(b.words, word, bWordTotal) }))
    .sort((x, y) => y.b - y.a - (x.b - x.a))
    .slice(0, 10);
  const lengthChange = a.meanLength ? b.meanLength / a.meanLength - 1 : 0;
  const summary: string[] = [];
  const size = chapterPsi < 0.1 ? "stable" : chapterPsi < 0.25 ? "moderately shifted" : "strongly shifted";
  const top = chapterShifts[0];
  summary.push(
    `The chapter mix is ${size} from ${names.a} to ${names.b} (PSI ${chapterPsi.toFixed(3)})` +
      (top && Math.abs(top.b - top.a) >= 0.005 ? `; the largest move is chapter ${top.chapter}, ${pct(top.a)} → ${pct(top.b)} of lines.` : "."),
  );
  summary.push(
    newCodes.length
      ? `${newCodes.length} codes in ${names.b} never occur in ${names.a} (${pct(b.lines ? newCodeLines / b.lines : 0)} of its lines).`
      : `Every code in ${names.b} also occurs in ${names.a}.`,
  );
  summary.push(
    `Descriptions are ${Math.abs(lengthChange) < 0.05 ? "about as long" : lengthChange > 0 ? `${pct(lengthChange)} longer` : `${pct(-lengthChange)} shorter`} on average (${a.meanLength.toFixed(0)} → ${b.meanLength.toFixed(0)} characters); ${pct(unseenWordShare)} of ${names.b}'s frequent words never appear in ${names.a}.`,
  );
  if (a.meanConfidence !== null && b.meanConfidence !== null) {
    const d = b.meanConfidence - a.meanConfidence;
    summary.push(
      `The model is ${Math.abs(d) < 0.02 ? "about as sure" : d < 0 ? "less sure" : "surer"} of ${names.b} (mean top confidence ${a.meanConfidence.toFixed(2)} → ${b.meanConfidence.toFixed(2)})${d < -0.05 ? ": check its accuracy there before trusting it" : ""}.`,
    );
  }
  return {
    chapterPsi,
    chapterShifts,
    newCodes,
    newCodeLines,
    lengthChange,
    unseenWordShare,
    risingWords,
    confidence: { a: a.meanConfidence, b: b.meanConfidence },
    summary,
  };
}
