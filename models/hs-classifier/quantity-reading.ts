// Many subheadings are told apart by a number: a motor's output, a transformer's or generating set's kVA, an engine's
// cylinder capacity, a cable's voltage, the content of a retail pack (green tea "not exceeding 3kg"), a wine's
// container, a fabric's or paper's weight per m². A search reads "100 kVA" as a word, not as a value inside a range, so
// "Transformer 100 kVA oil immersed" was a transformer "not exceeding 1kVA" and "Motorcycle 125cc" one of 250–500 cc.
// Read here: the ranges the nomenclature's own subheading texts give (once, when a version is built), and the
// quantities a description writes with their unit; hs-combined from 1.30.0 gives a line whose best code's range holds
// none of its quantities of that kind the best code of the same heading whose range holds one. Lengths (thickness,
// width, diameter) are not read: a description's "3mm" says nothing of which it is. Browser-safe.
import { z } from "zod";

export const QUANTITY_KINDS = ["power", "apparent power", "voltage", "cylinder capacity", "mass", "volume", "weight per m²"] as const;
export type QuantityKind = (typeof QUANTITY_KINDS)[number];

/** One bound-pair a subheading's text gives a quantity, in the kind's base unit (W, VA, V, cm³, g, ml, g/m²). */
export const quantityRangeSchema = z.object({
  kind: z.enum(QUANTITY_KINDS),
  min: z.number().nonnegative().optional(),
  minIncluded: z.boolean(),
  max: z.number().positive().optional(),
  maxIncluded: z.boolean(),
  /** the words of the nomenclature that say so ("not exceeding 650kVA") */
  text: z.string(),
});
export type QuantityRange = z.infer<typeof quantityRangeSchema>;

export const quantitySubheadingSchema = z.object({
  code: z.string().regex(/^\d{6}$/),
  ranges: z.array(quantityRangeSchema).min(1),
  /** its text without its ranges' words, in lower-case words: subheadings told apart by a quantity alone share it */
  stem: z.string(),
});
export type QuantitySubheading = z.infer<typeof quantitySubheadingSchema>;

/**
 * A quantity a description writes, in the kind's base unit: a value (min = max, both included), or a bound where a word
 * says so ("gt 150g/m2", "max 1500W", "not exceeding 1000 V"); with its words as written ("100 kVA").
 */
export interface Quantity extends Omit<QuantityRange, "text"> {
  written: string;
}

/** What a description's quantities say: the quantities, and the subheadings whose ranges hold one of them. */
export interface QuantityReading {
  quantities: Quantity[];
  /** per subheading whose range of a kind holds a quantity: the range's words and the quantity's as written */
  fits: { code: string; range: string; written: string }[];
}

// the nomenclature's units (as its texts write them) and a description's, each in the kind's base unit
const UNITS: Record<string, { kind: QuantityKind; factor: number }> = {
  "g/m2": { kind: "weight per m²", factor: 1 },
  "g/m²": { kind: "weight per m²", factor: 1 },
  gsm: { kind: "weight per m²", factor: 1 },
  kva: { kind: "apparent power", factor: 1000 },
  va: { kind: "apparent power", factor: 1 },
  kw: { kind: "power", factor: 1000 },
  w: { kind: "power", factor: 1 },
  watt: { kind: "power", factor: 1 },
  watts: { kind: "power", factor: 1 },
  // horsepower as a motor or engine is written: mechanical (hp) and metric (PS, CV)
  hp: { kind: "power", factor: 745.7 },
  ps: { kind: "power", factor: 735.5 },
  cv: { kind: "power", factor: 735.5 },
  kv: { kind: "voltage", factor: 1000 },
  v: { kind: "voltage", factor: 1 },
  volt: { kind: "voltage", factor: 1 },
  volts: { kind: "voltage", factor: 1 },
  cc: { kind: "cylinder capacity", factor: 1 },
  cm3: { kind: "cylinder capacity", factor: 1 },
  "cm³": { kind: "cylinder capacity", factor: 1 },
  kg: { kind: "mass", factor: 1000 },
  kgs: { kind: "mass", factor: 1000 },
  g: { kind: "mass", factor: 1 },
  gr: { kind: "mass", factor: 1 },
  grams: { kind: "mass", factor: 1 },
  tonnes: { kind: "mass", factor: 1e6 },
  tonne: { kind: "mass", factor: 1e6 },
  tons: { kind: "mass", factor: 1e6 },
  ton: { kind: "mass", factor: 1e6 },
  l: { kind: "volume", factor: 1000 },
  ltr: { kind: "volume", factor: 1000 },
  litre: { kind: "volume", factor: 1000 },
  litres: { kind: "volume", factor: 1000 },
  liter: { kind: "volume", factor: 1000 },
  liters: { kind: "volume", factor: 1000 },
  cl: { kind: "volume", factor: 10 },
  // pounds and ounces as American listings write them; "ccm" as German writes cm³
  lb: { kind: "mass", factor: 453.59 },
  lbs: { kind: "mass", factor: 453.59 },
  oz: { kind: "mass", factor: 28.35 },
  ccm: { kind: "cylinder capacity", factor: 1 },
  ml: { kind: "volume", factor: 1 },
};

// longest first, so "kva" is not read as "kv" and "g/m2" not as "g"; a unit ends where no letter, digit, slash or
// superscript follows, so "10000mAh" and "0.8g/cm3" are not read (an engine oil's "5W-30" is, as 5 W: no range of its
// goods' headings is of a power)
const UNIT = Object.keys(UNITS)
  .sort((a, b) => b.length - a.length)
  .map((u) => u.replace(/[/]/g, "\\/"))
  .join("|");
const NUMBER = String.raw`\d+(?:[.,]\d+)*`;
const QUANTITY = new RegExp(String.raw`(?<![\p{L}\p{N}.,/])(${NUMBER})\s?(${UNIT})?(?![\p{L}\p{N}/²³])`, "giu");

/**
 * "1,000" and "1.500" are thousands (the second as most European trade lines write them: "1.500 W"), "1,5", "1.5" and
 * "0.500" are one and a half and a half.
 */
export function parseNumber(written: string): number {
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(written)) return Number(written.replace(/,/g, ""));
  if (/^[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?$/.test(written)) return Number(written.replace(/\./g, "").replace(",", "."));
  return Number(written.replace(",", "."));
}

// a bound as descriptions write it, full or abbreviated as declarations do ("gt 14.92kw but lt= 75 kw", ">100G/M2",
// "nt exc 10 kg", "max 1500W"), nearest the number; "not"/"nt" first, so "not exceeding" is not read as "exceeding"
const WRITTEN_BOUNDS: readonly [RegExp, "min" | "max", boolean][] = [
  [/(?:\b(?:not|nt)\s+(?:exc\w*|more\s+than|over|ov|gt)|\b(?:lt=|le|max(?:imum)?|up\s+to)|<=|=<|≤)\s*$/i, "max", true],
  [/(?:\b(?:not|nt)\s+less\s+than|\b(?:ge|min(?:imum)?|at\s+least)|>=|=>|≥)\s*$/i, "min", true],
  [/(?:\b(?:lt|less\s+than|under|below)|<)\s*$/i, "max", false],
  [/(?:\b(?:gt|ov|over|more\s+than|exceeding|exc|above)|>)\s*$/i, "min", false],
];

/** The quantities a description writes with a unit ("Transformer 100 kVA" → 100,000 VA, "gt 150g/m2" → above 150). */
export function readQuantities(text: string): Quantity[] {
  const found: Quantity[] = [];
  let previousEnd = 0;
  for (const m of text.matchAll(QUANTITY)) {
    const before = text.slice(Math.max(previousEnd, m.index! - 24), m.index);
    previousEnd = m.index! + m[0].length;
    if (!m[2]) continue;
    const unit = UNITS[m[2].toLowerCase()]!;
    const value = parseNumber(m[1]!) * unit.factor;
    if (!Number.isFinite(value) || value <= 0) continue;
    const bound = WRITTEN_BOUNDS.find(([pattern]) => pattern.test(before));
    const written = text.slice(m.index! - (bound ? before.match(bound[0])![0].length : 0), previousEnd);
    if (!bound) found.push({ kind: unit.kind, min: value, minIncluded: true, max: value, maxIncluded: true, written });
    else if (bound[1] === "min") found.push({ kind: unit.kind, min: value, minIncluded: bound[2], maxIncluded: false, written });
    else found.push({ kind: unit.kind, max: value, maxIncluded: bound[2], minIncluded: false, written });
  }
  return found;
}

// what comes between the bounds of one range ("exceeding 750W but not exceeding 75kW", "over 1500 but not over
// 3000cc", "between 150 and 225g/m2", "40-150g/m2"): a number without a unit there takes the next one's
const JOINS_RANGE = /^\s*(?:but\s+(?:not\s+(?:exceeding|more\s+than|over)?|less\s+than)|and|to|-)\s*$/i;
// the words before a bound, nearest last
const UPPER_INCLUDED =
  /(?:not\s+exceeding|not\s+more\s+than|not\s+over|but\s+not|up\s+to|and|to|-)(?:\s+an?)?(?:\s+(?:net|gross))?(?:\s+(?:weight|content))?(?:\s+of)?\s*$/i;
const UPPER_EXCLUDED = /(?<!not\s)(?:less\s+than|under|below)\s*$/i;
const LOWER_INCLUDED = /(?:not\s+less\s+than|at\s+least|between)\s*$/i;
const LOWER_EXCLUDED = /(?<!not\s)(?:exceeding|more\s+than|over)(?:\s+(?:a\s+)?(?:net\s+)?(?:weight|content)\s+of)?\s*$/i;

/**
 * The ranges of quantities a subheading's text gives, one per kind (a kind whose bounds it gives twice, as a hide's
 * weight "when dried" and "when fresh", is left out: no one range holds).
 */
export function quantityRanges(description: string): QuantityRange[] {
  const matches = [...description.matchAll(QUANTITY)];
  const ranges = new Map<QuantityKind, { range: QuantityRange; from: number; to: number; twice: boolean }>();
  matches.forEach((m, i) => {
    const at = m.index!;
    const end = at + m[0].length;
    const next = matches[i + 1];
    const joined = next?.[2] && !m[2] && JOINS_RANGE.test(description.slice(end, next.index));
    const unitWord = m[2] ?? (joined ? next![2] : undefined);
    if (!unitWord) return;
    const unit = UNITS[unitWord.toLowerCase()]!;
    const value = parseNumber(m[1]!) * unit.factor;
    const previous = matches[i - 1];
    const before = description.slice(previous ? previous.index! + previous[0].length : 0, at);
    const after = description.slice(end, next?.index ?? description.length);
    const suffix = after.match(/^\s*(?:or\s+(?:more|less|greater)|and\s+(?:over|more))\b/i)?.[0];
    const said = (pattern: RegExp) => before.match(pattern)?.[0];
    let bound: Pick<QuantityRange, "min" | "minIncluded"> | Pick<QuantityRange, "max" | "maxIncluded"> | undefined;
    let words: string | undefined;
    if (suffix) bound = /less/i.test(suffix) ? { max: value, maxIncluded: true } : { min: value, minIncluded: true };
    else if ((words = said(LOWER_INCLUDED))) bound = { min: value, minIncluded: true };
    else if ((words = said(UPPER_EXCLUDED))) bound = { max: value, maxIncluded: false };
    else if ((words = said(UPPER_INCLUDED))) bound = { max: value, maxIncluded: true };
    else if ((words = said(LOWER_EXCLUDED))) bound = { min: value, minIncluded: false };
    // "40g/m2 to 150g/m2", "40-150g/m2": the first bound of a range
    else if (next && /^\s*(?:to|-)\s*$/.test(description.slice(end, next.index))) bound = { min: value, minIncluded: true };
    const had = ranges.get(unit.kind);
    // a quantity of a kind already bounded, said without a bound ("not exceeding 8kg when simply dried, 10kg when
    // dry-salted"): no one range holds
    if (!bound) {
      if (had) had.twice = true;
      return;
    }
    const from = at - (words?.length ?? 0);
    const to = end + (suffix?.length ?? 0);
    if (!had) {
      ranges.set(unit.kind, { range: { kind: unit.kind, minIncluded: false, maxIncluded: false, ...bound, text: "" }, from, to, twice: false });
    } else if (("min" in bound && had.range.min !== undefined) || ("max" in bound && had.range.max !== undefined)) {
      had.twice = true;
    } else {
      Object.assign(had.range, bound);
      had.to = to;
    }
  });
  return [...ranges.values()].filter((r) => !r.twice).map(({ range, from, to }) => ({ ...range, text: description.slice(from, to).trim() }));
}

/** The subheadings whose texts give a range of a quantity (read into a version when it is built). */
export function quantitySubheadings(entries: readonly { code: string; description: string }[]): QuantitySubheading[] {
  return entries.flatMap(({ code, description }) => {
    const ranges = quantityRanges(description);
    if (!ranges.length) return [];
    const stem = ranges
      .reduce((text, r) => text.replace(r.text, " "), description)
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean)
      .join(" ");
    return [{ code, ranges, stem }];
  });
}

type Interval = Pick<QuantityRange, "min" | "minIncluded" | "max" | "maxIncluded">;
/** Whether a range and a quantity (a value or a bound) have a value in common. */
export const holds = (range: Interval, quantity: Interval) => {
  const below = (low: Interval, high: Interval) =>
    low.min === undefined || high.max === undefined || low.min < high.max || (low.min === high.max && low.minIncluded && high.maxIncluded);
  return below(range, quantity) && below(quantity, range);
};

/** What a description's quantities say of the subheadings (null where it writes none the table's ranges read). */
export function readQuantityFits(text: string, table: readonly QuantitySubheading[]): QuantityReading | null {
  const quantities = readQuantities(text);
  if (!quantities.length) return null;
  const fits = table.flatMap(({ code, ranges }) =>
    ranges.flatMap((range) => {
      const q = quantities.find((q) => q.kind === range.kind && holds(range, q));
      return q ? [{ code, range: range.text, written: q.written }] : [];
    }),
  );
  return { quantities, fits };
}

/**
 * Where a description's best code has a range of a kind it writes and holds none of its quantities of that kind, the
 * best of the scored codes (best first) whose range of that kind holds one and that no range of another kind it writes
 * contradicts: of the same heading, else of the same chapter with the same text but for its ranges (cotton fabrics
 * "weighing more than 200g/m2" are 52.09's, "not more than 200g/m2" 52.08's); else undefined.
 */
export function quantityCode(
  quantities: readonly Quantity[],
  ranked: readonly string[],
  table: ReadonlyMap<string, QuantitySubheading>,
): string | undefined {
  const best = ranked[0] === undefined ? undefined : table.get(ranked[0]);
  if (!best || !quantities.length) return undefined;
  const read = (range: QuantityRange) => quantities.filter((q) => q.kind === range.kind);
  const contradicts = (range: QuantityRange) => read(range).length > 0 && !read(range).some((q) => holds(range, q));
  if (!best.ranges.some(contradicts)) return undefined;
  const fits = (code: string) => {
    const ranges = table.get(code)?.ranges ?? [];
    return ranges.some((r) => read(r).some((q) => holds(r, q))) && !ranges.some(contradicts);
  };
  return (
    ranked.find((code) => code.slice(0, 4) === best.code.slice(0, 4) && fits(code)) ??
    ranked.find((code) => code.slice(0, 2) === best.code.slice(0, 2) && table.get(code)?.stem === best.stem && fits(code))
  );
}

/** The quantity that puts a top code in its range, as a person reads it ("“100 kVA” → not exceeding 650kVA"), else null. */
export function describeQuantity(reading: QuantityReading, top: string): string | null {
  const fit = reading.fits.find((f) => f.code === top);
  return fit ? `“${fit.written}” → ${fit.range}` : null;
}
