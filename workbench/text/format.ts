// Formatting shared by pages and the exported HTML reports.
import { wilsonInterval } from "../evaluation/statistics";

/** A share (0–1) as a percentage with one decimal; "—" when there is none. */
export const pct = (x: number | null | undefined, digits = 1) => (x === null || x === undefined ? "—" : `${(x * 100).toFixed(digits)}%`);

/** k of n lines as a share with its counts: "0.4% (2 of 518)". */
export const shareText = (k: number, n: number) => `${pct(n ? k / n : null)} (${k.toLocaleString("en")} of ${n.toLocaleString("en")})`;

/** k of n with the 95% (Wilson) interval of k / n: "0 of 2; 95% interval 0.0–65.8%". */
export const countsWithInterval = (k: number, n: number) => {
  const { low, high } = wilsonInterval(k, n);
  return `${k.toLocaleString("en")} of ${n.toLocaleString("en")}; 95% interval ${(low * 100).toFixed(1)}–${pct(high)}`;
};

/**
 * A proportion with its counts and interval, for figures measured on few lines: "0.0% (0 of 2; 95% interval
 * 0.0–65.8%)" says what a bare "0.0%" hides. None measured: "— (no line)".
 */
export const proportionText = (k: number, n: number) => (n ? `${pct(k / n)} (${countsWithInterval(k, n)})` : "— (no line)");

/** HS6 top-1 of measured figures as a proportion of their lines (share × lines gives back the count: shares are k / n). */
export const hs6Top1Text = (m: { n: number; accuracy: Record<string, Record<string, number>> }) =>
  proportionText(Math.round((m.accuracy.hs6?.top1 ?? 0) * m.n), m.n);

/** One set's figures in a line, as the Overview gives the real sets beside its headline: chapter, HS6 top-1 (counted), HS6 top-5. */
export const realSetFiguresText = (m: { n: number; accuracy: Record<string, Record<string, number>> }) =>
  `chapter ${pct(m.accuracy.hs2?.top1)}, HS6 top-1 ${hs6Top1Text(m)}, HS6 top-5 ${pct(m.accuracy.hs6?.top5)}`;

/**
 * A number as the rows grid shows it: integers as they are (ids and years ungrouped, as a spreadsheet's General
 * format), fractions to 15 significant digits as a spreadsheet keeps them — the 16th and 17th digits of a DOUBLE sum
 * (1552061111.1900032) are the arithmetic's, not the data's. The cell's title and the exports keep every digit.
 */
export const gridNumber = (x: number) => (Number.isInteger(x) || !Number.isFinite(x) ? String(x) : String(Number(x.toPrecision(15))));

/** An ISO timestamp as "YYYY-MM-DD HH:MM UTC" (or to the second): the one way every page and report shows a time. */
export const utcText = (iso: string, to: "second" | "minute" = "minute") => `${iso.replace("T", " ").slice(0, to === "minute" ? 16 : 19)} UTC`;

/** Text made safe for HTML built as a string (the self-contained reports). */
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/**
 * Markup from a template whose every interpolated value is escaped (ECharts tooltips render HTML): values from files,
 * model cards or users never become markup. Results may be concatenated; never interpolate one safeHtml`` into another. (Not named html``: Prettier would
 * reformat the template as an HTML document.)
 */
export const safeHtml = (strings: TemplateStringsArray, ...values: unknown[]): string =>
  strings.reduce((out, text, i) => out + text + (i < values.length ? escapeHtml(String(values[i] ?? "")) : ""), "");
