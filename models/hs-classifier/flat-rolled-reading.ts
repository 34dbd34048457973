// Flat-rolled products of iron or steel are classified by what the steel is (iron or non-alloy, stainless), their
// width (600 mm or more: 72.08, 72.09, 72.10, 72.19; less: 72.11, 72.12, 72.20), how they were rolled (hot, cold),
// whether they are clad, plated or coated (72.10, 72.12: tin, zinc by electrolysis or otherwise, aluminium-zinc,
// painted), whether they are in coils, with patterns in relief or pickled, and their thickness (7208.36 above 10 mm,
// .37 from 4.75 to 10 mm, .38 from 3 to 4.75 mm, .39 below 3 mm; 7209.15 to .18 by 3, 1 and 0.5 mm…). A search reads
// "3MM" as a word and "SHEET" as any sheet, so "HR SHEET 3MM" was a coil below 3 mm (7208.39) and "CR COIL 0.5MM" one of
// less than 0.5 mm. Read here from a line that names a coil, a sheet, a plate or a strip of steel with its thickness (or,
// for coated products and relief patterns, without it); a version applies the reading only where its best code is a
// flat-rolled product's or an article's of iron or steel (the caller's materialFor). A line that does not say how it
// was rolled is read as hot-rolled from 3 mm and cold-rolled below, and agrees with the other's code of the same
// thickness; one that writes no width is 600 mm wide or more, unless it names a strip. Other alloy steel (72.25, 72.26)
// is not read. English words only (a line's trade abbreviations written out: "HR", "CRCA", "GI", "PPGI"). Browser-safe.

export interface FlatRolledReading {
  /** the subheading the line's words give */
  code: string;
  /** what was read, in the nomenclature's words: "stainless steel, cold-rolled, 1.5 mm thick" */
  material: string;
  /** the words of the description that say so, as written, joined by " … " */
  words: string;
  /** codes a version's best code may already be that the words do not contradict */
  agrees: string[];
}

/**
 * The headings a search takes such a product for: flat-rolled products of iron or non-alloy steel, of stainless steel and
 * of other alloy steel (a line that names no alloy is not one), articles of iron or steel ("MS PLATE 20MM" a railway
 * fish-plate, "SS 316L SHEET 0.8MM" a sink, "GI STRIP" wire netting) and tin's ("TIN PLATE SHEET").
 */
export const FLAT_ROLLED_HEADINGS: readonly string[] = [
  ...["7208", "7209", "7210", "7211", "7212", "7219", "7220", "7225", "7226"],
  ...Array.from({ length: 26 }, (_, i) => String(7301 + i)),
  "8007",
];

const FORM = /\b(?:coils?|sheets?|plates?|strips?|hoops?|tinplate)\b/i;
const COILS = /\b(?:in\s+)?coils?\b/i;
// sheets and plates are not in coils unless the line says so ("CRC SHEETS": the abbreviation's coils are not the goods)
const NOT_IN_COILS = /\bnot\s+in\s+coils?\b|\b(?:cut\s+to\s+length|ctl)\b|\b(?:sheets?|plates?)\b(?!.*\bin\s+coils?\b)/i;
const STRIP = /\b(?:strips?|hoops?|slit)\b/i;
// flat-rolled steel, not a sheet of another material, a coil of wire or a spring
const NOT_READ =
  /\b(?:wire|rod|bars?|springs?|pipes?|tubes?|alumini?um\s+(?:sheets?|coils?|plates?|foil)|copper|brass|plastics?|pvc|pc\s+(?:sheets?|plates?)|acrylic|polycarbonate|eva|foam|rubber|paper|glass|wood(?:en)?|plywood|gypsum|cement|magnets?|heating|induction|ignition|electrical\s+steel|silicon|grain[\s-]oriented|(?:licen[cs]e|number|name)\s+plates?|hot\s*plates?|cooking|baking|dinner|serving|steel\s+plates?\s+for|armou?r|body)\b/i;
const STEEL =
  /\b(?:steel|iron|hot[\s-]rolled|cold[\s-]rolled|galvani[sz]ed|galvalume|aluzinc|tinplate|tin\s+plate|(?:pre[\s-]?)?painted|colou?r[\s-]coated|ms|mild|carbon|s235\w*|s275\w*|s355\w*|ss400|a36|q235\w*|q345\w*|spcc|dc01|dx51d\w*)\b/i;
const STAINLESS = /\b(?:stainless(?:[\s-]+steel)?|inox|(?:aisi\s*)?(?:201|202|304l?|316l?|321|409|410|430)\b(?![\s-]*(?:mm|cm|m|kg|g)\b))/i;
const ALLOY = /\b(?:alloy\s+steel|electrical\s+steel|high[\s-]speed|tool\s+steel|manganese|boron|chrome[\s-]moly|42crmo4|weathering|corten)\b/i;
const HOT = /\bhot[\s-]*rolled\b|\bhrp?o?\b|\bhrc\b/i;
const COLD = /\bcold[\s-]*(?:rolled|reduced)\b|\bcrca?\b|\bcrc\b|\bspcc\b|\bdc0[1-6]\b|\b2b\b|\bba\s+finish\b/i;
const PICKLED = /\bpickled\b|\bp\s*&\s*o\b|\bhrpo\b/i;
const RELIEF = /\b(?:che(?:ck|qu)ered|checker|chequer|tread|diamond|floor)\s+(?:plates?|sheets?|coils?)\b|\bpatterns?\s+in\s+relief\b/i;
const TIN = /\b(?:tin[\s-]?plated?|tinplate|electrolytic\s+tin|etp)\b/i;
const PAINTED = /\b(?:pre[\s-]?painted|painted|colou?r[\s-]coated|ppgi|ppgl|varnished|plastic[\s-]coated|pvc[\s-]coated|laminated)\b/i;
const ALUMINIUM_ZINC = /\b(?:galvalume|aluzinc|alu[\s-]?zinc|alumini?um[\s-]zinc|zincalume|az\s?\d{2,3})\b/i;
const ELECTRO = /\b(?:electro[\s-]?galvani[sz]ed|electrolytic(?:ally)?\s+(?:zinc|galvani[sz]ed)|eg\s+(?:sheets?|coils?))\b/i;
const ZINC = /\b(?:galvani[sz]ed|galvani[sz]ing|zinc[\s-]coated|hot[\s-]dip(?:ped)?|hdg|gi|gp|z\s?\d{2,3})\b/i;
const CORRUGATED = /\b(?:corrugated|roofing|trapezoidal)\b/i;
// a thickness: "3MM", "0.5 mm", "2.0MM X 1250MM" (the smaller of two lengths), never a width alone
const LENGTH = /(?<![\d.])(\d+(?:[.,]\d+)?)\s*mm\b/gi;
const BY = /(?<![\d.])(\d+(?:[.,]\d+)?)\s*(?:mm)?\s*[x×*]\s*(\d+(?:[.,]\d+)?)\s*mm\b/i;

const number = (s: string) => Number(s.replace(",", "."));
// a bound written before a length, as tariff-like lines write it ("a thickness less than 3mm", "ovr 0.5 mm"): just
// below or above it, so the range it says holds the thickness read
const BELOW = /(?:less\s+than|lt|under|below|<)\s*$/i;
const ABOVE = /(?:exceeding|over|ovr|more\s+than|gt|>)\s*$/i;
const bounded = (before: string, value: number) =>
  BELOW.test(before)
    ? { value: value - 0.001, said: `under ${value} mm` }
    : ABOVE.test(before)
      ? { value: value + 0.001, said: `over ${value} mm` }
      : { value, said: `${value} mm` };

/** The thickness and width a line writes, in mm (a width where it writes two lengths or one of 100 mm or more), and the thickness as told. */
function dimensions(text: string): { thickness?: number; width?: number; written?: string; said?: string } {
  const by = text.match(BY);
  if (by) {
    const [a, b] = [number(by[1]!), number(by[2]!)];
    return { thickness: Math.min(a, b), width: Math.max(a, b), written: by[0], said: `${Math.min(a, b)} mm` };
  }
  const lengths = [...text.matchAll(LENGTH)].map((m) => ({ ...bounded(text.slice(0, m.index), number(m[1]!)), written: m[0] }));
  // a thickness is under 100 mm; a line's larger lengths are widths or lengths of cut sheets
  const thin = lengths.filter((l) => l.value > 0 && l.value < 100);
  if (!thin.length) return {};
  const first = thin[0]!;
  const wide = lengths.find((l) => l.value >= 100);
  return { thickness: first.value, width: wide?.value, written: first.written, said: first.said };
}

/** A subheading by thickness: `bounds` are [lower bound, code] from the thickest, each lower bound included unless `above`. */
function byThickness(thickness: number, bounds: readonly (readonly [number, string, "above"?])[]): string {
  for (const [min, code, above] of bounds) if (above ? thickness > min : thickness >= min) return code;
  return bounds[bounds.length - 1]![1];
}

type Rolled = "hot" | "cold";

/**
 * The subheading of a flat-rolled product of iron or non-alloy steel, or of stainless steel, a line gives; undefined
 * where it names no such product, another material, alloy steel, or not enough to choose (an uncoated product without
 * its thickness).
 */
export function readFlatRolled(text: string): FlatRolledReading | undefined {
  const form = text.match(FORM);
  if (!form || NOT_READ.test(text) || ALLOY.test(text)) return undefined;
  const stainless = text.match(STAINLESS);
  if (!stainless && !STEEL.test(text)) return undefined;
  const { thickness, width, written, said } = dimensions(text);
  const narrow = width !== undefined ? width < 600 : STRIP.test(text);
  const cold = text.match(COLD)?.[0];
  const hot = cold ? undefined : text.match(HOT)?.[0];
  // not said: hot-rolled from 3 mm, cold-rolled below, and the other's code agrees
  const rolledAs = (thickness: number): Rolled => (hot ? "hot" : cold ? "cold" : thickness >= 3 ? "hot" : "cold");
  const coils = COILS.test(text) && !NOT_IN_COILS.test(text);
  const words = (...parts: (string | undefined)[]) => [...new Set([stainless?.[0], hot ?? cold, form[0], ...parts].filter(Boolean))].join(" … ");
  const mm = said ? `, ${said} thick` : "";
  const wide = narrow ? "less than 600 mm wide" : "600 mm wide or more";

  if (stainless) {
    if (thickness === undefined) return undefined;
    const codeOf = (rolled: Rolled) =>
      narrow
        ? rolled === "cold"
          ? "722020"
          : thickness >= 4.75
            ? "722011"
            : "722012"
        : rolled === "cold"
          ? byThickness(thickness, [
              [4.75, "721931"],
              [3, "721932"],
              [1, "721933", "above"],
              [0.5, "721934"],
              [0, "721935"],
            ])
          : byThickness(thickness, [
              [10, coils ? "721911" : "721921", "above"],
              [4.75, coils ? "721912" : "721922"],
              [3, coils ? "721913" : "721923"],
              [0, coils ? "721914" : "721924"],
            ]);
    const rolled = rolledAs(thickness);
    const code = codeOf(rolled);
    const agrees = hot || cold ? [code] : [code, codeOf(rolled === "hot" ? "cold" : "hot")];
    return { code, material: `stainless steel, ${rolled}-rolled, ${wide}${mm}`, words: words(written), agrees };
  }

  // clad, plated or coated: tin, painted, aluminium-zinc, zinc (by electrolysis or otherwise)
  const tin = text.match(TIN);
  const painted = text.match(PAINTED);
  const aluZinc = text.match(ALUMINIUM_ZINC);
  const electro = text.match(ELECTRO);
  const zinc = text.match(ZINC);
  const coating = tin ?? painted ?? aluZinc ?? electro ?? zinc;
  if (coating) {
    const [code, what] = narrow
      ? tin
        ? ["721210", "plated with tin"]
        : painted
          ? ["721240", "painted, varnished or coated with plastics"]
          : aluZinc
            ? ["721250", "coated with aluminium-zinc"]
            : electro
              ? ["721220", "electrolytically plated with zinc"]
              : ["721230", "plated or coated with zinc"]
      : tin
        ? thickness === undefined
          ? [undefined, ""]
          : [thickness >= 0.5 ? "721011" : "721012", "plated with tin"]
        : painted
          ? ["721070", "painted, varnished or coated with plastics"]
          : aluZinc
            ? ["721061", "coated with aluminium-zinc"]
            : electro
              ? ["721030", "electrolytically plated with zinc"]
              : [CORRUGATED.test(text) ? "721041" : "721049", "plated or coated with zinc"];
    if (!code) return undefined;
    return { code, material: `iron or non-alloy steel, ${what}, ${wide}${mm}`, words: words(coating[0], written), agrees: [code] };
  }

  const relief = text.match(RELIEF);
  if (relief && !cold && !narrow) {
    const code = coils ? "720810" : "720840";
    return { code, material: `iron or non-alloy steel, hot-rolled, with patterns in relief, ${wide}`, words: words(relief[0]), agrees: [code] };
  }
  if (thickness === undefined) return undefined;
  const codeOf = (rolled: Rolled) => {
    if (narrow) return rolled === "hot" ? (thickness >= 4.75 ? "721114" : "721119") : "721123";
    if (rolled === "cold")
      return byThickness(thickness, [
        [3, coils ? "720915" : "720925"],
        [1, coils ? "720916" : "720926", "above"],
        [0.5, coils ? "720917" : "720927"],
        [0, coils ? "720918" : "720928"],
      ]);
    if (coils && PICKLED.test(text))
      return byThickness(thickness, [
        [4.75, "720825"],
        [3, "720826"],
        [0, "720827"],
      ]);
    return byThickness(thickness, [
      [10, coils ? "720836" : "720851", "above"],
      [4.75, coils ? "720837" : "720852"],
      [3, coils ? "720838" : "720853"],
      [0, coils ? "720839" : "720854"],
    ]);
  };
  const rolled = rolledAs(thickness);
  const code = codeOf(rolled);
  // a narrow cold-rolled strip's carbon content (7211.23, .29) is not read: either agrees
  const agrees = [code, ...(hot || cold ? [] : [codeOf(rolled === "hot" ? "cold" : "hot")]), ...(code === "721123" ? ["721129"] : [])];
  return {
    code,
    material: `iron or non-alloy steel, ${rolled}-rolled, ${coils ? "in coils" : "not in coils"}, ${wide}${mm}`,
    words: words(written),
    agrees,
  };
}
