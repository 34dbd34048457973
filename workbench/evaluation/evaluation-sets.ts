// Labelled evaluation sets, defined once for the Compare page, the CLI, the model cards, the Overview and the
// promotion gates: two sets of real text (US customs rulings, marketplace listings: evaluation, selection and
// calibration only, never training), the synthetic held-out split, the synthetic demo extract (declared codes as
// truth), our own lines in five languages and in Chinese, Vietnamese and Thai, or any labelled CSV/Parquet file. Node-only; the browser hashes its lines
// with the same formula (set-hash.ts).
import { sha256 } from "../sha256";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsvRecords } from "../csv";
import { normaliseCode } from "../hs/codes";
import { codesEdition, type EditionReport } from "../hs/hs-version";
import { fixturesDir, loadCrosswalk, loadNomenclature } from "../hs/load-fixtures";
import { loadSourceLines } from "../data/text-sources";
import { buildHeldOutSet } from "../data/training-set";
import { setHashInput } from "./set-hash";
import { hasTextToClassify, NO_DESCRIPTION } from "./predictor";

export interface EvaluationLine {
  /** where the line comes from (row number, declaration/line, source code) */
  ref: string;
  text: string;
  /** HS 2022 subheading */
  truth: string;
  /** other subheadings an expert also gave for the line: a prediction of any of them counts as right */
  alsoAccepted?: string[];
}

/** A label read after a repair the user asked for (NormaliseOptions.expectedLength): counted, and said. */
export interface RepairedLabel {
  ref: string;
  label: string;
  how: string;
}

export interface ExcludedLine {
  /** position in the input, from 0 */
  index: number;
  ref: string;
  label: string | null;
  reason: string;
}

export interface EvaluationSet {
  id: string;
  label: string;
  description: string;
  /** real people's text with expert codes, or text we generated (figures on it are labelled as such everywhere) */
  origin: SetOrigin;
  /** sha256 of the lines (text and truth, in order): predictions are cached per model sha256 and set hash */
  hash: string;
  lines: EvaluationLine[];
  excluded: ExcludedLine[];
  /** alternative codes of kept lines that map to no HS 2022 subheading (listed, not used) */
  unmappedAlternatives: ExcludedLine[];
}

/** extract: an extract's declarations with their declared codes as truth (a trader's code, not an expert's check) */
export type SetOrigin = "real" | "synthetic" | "extract";

/** Real sets first: every list of sets, every default and the promotion gates lead with them. */
export const SHIPPED_SETS = {
  "cbp-rulings": {
    label: "US customs rulings (real)",
    origin: "real",
    description:
      "200 goods descriptions from US Customs (CBP) rulings with the experts' codes (ATLAS benchmark validation split); a prediction counts if it matches any code the ruling gives. Evaluation, selection and calibration only: never trained on.",
  },
  "marketplace-listings": {
    label: "Marketplace listings (real)",
    origin: "real",
    description:
      "319 e-commerce product titles with expert HS codes (HSCodeComp, AIDC-AI); keyword-stuffed titles as sellers write them. Evaluation, selection and calibration only: never trained on.",
  },
  "held-out": {
    label: "Held-out split (synthetic)",
    origin: "synthetic",
    description:
      "Synthetic: held-out Schedule B lines (never trained on) rewritten by our own trader-style generator, the same generator used for training augmentation. It measures the generator, not real text.",
  },
  "demo-extract": {
    label: "Demo extract (synthetic)",
    origin: "synthetic",
    description: "Synthetic: the 100,000 generated lines of the demo extract with their declared codes as truth (about 5% are wrong on purpose).",
  },
  "own-foreign-lines": {
    label: "Our lines in five languages (synthetic)",
    origin: "synthetic",
    description:
      "Synthetic: 540 short goods lines our team wrote in Spanish, Portuguese, Polish, French and German (108 each) with their codes, to check how a version reads other languages. Written by us, not by traders; never trained on. Their English equivalents, written alongside, are classified right more often.",
  },
  "own-asian-lines": {
    label: "Our lines in Chinese, Vietnamese and Thai (synthetic)",
    origin: "synthetic",
    description:
      "Synthetic: 240 short goods lines our team wrote in Chinese, Vietnamese and Thai (80 each) with their codes, to check how a version reads them. Written by us, not by traders; the first 40 of each language helped extend the hand-written glossaries that translate them, the last 40 were written after and changed nothing. Never trained on. Their English equivalents are written alongside.",
  },
} as const satisfies Record<string, { label: string; origin: SetOrigin; description: string }>;

export const REAL_SET_IDS = ["cbp-rulings", "marketplace-listings"] as const;

export type ShippedSetId = keyof typeof SHIPPED_SETS;
export const SHIPPED_SET_IDS = Object.keys(SHIPPED_SETS) as [ShippedSetId, ...ShippedSetId[]];
/** The set a comparison, a promotion request or a table is made on unless another is chosen: real text first. */
export const DEFAULT_SET_ID: (typeof REAL_SET_IDS)[number] = "cbp-rulings";
export const isShippedSet = (id: string): id is ShippedSetId => Object.hasOwn(SHIPPED_SETS, id);
export const isRealSet = (id: string): id is (typeof REAL_SET_IDS)[number] => (REAL_SET_IDS as readonly string[]).includes(id);

export const hashLines = (lines: readonly EvaluationLine[]): string => sha256(setHashInput(lines));

/**
 * One label as an HS 2022 subheading: its first 6 digits when they are one (HTS 2022–2025 lines), else through the
 * HS 2017 → 2022 correlation when that gives a single successor (older rulings). Null with the reason otherwise.
 */
function realLabel(label: string): { hs6: string } | { reason: string } {
  const nomenclature = loadNomenclature();
  const digits = label.trim();
  if (!/^\d{6,10}$/.test(digits)) return { reason: `'${label}' is not a 6–10 digit code` };
  const hs6 = digits.slice(0, 6);
  if (nomenclature.has(hs6)) return { hs6 };
  const converted = loadCrosswalk().convertToHs2022(hs6);
  if (converted && nomenclature.has(converted)) return { hs6: converted };
  return { reason: `'${label}': ${hs6} is neither an HS 2022 subheading nor an HS 2017 one with a single HS 2022 successor` };
}

/** A real set: text column, primary code column and (optionally) a ';'-separated column of every valid code. */
function realSet(file: string, columns: { text: string; code: string; all?: string }) {
  const path = join(fixturesDir(), "real-eval", file);
  const rows = parseCsvRecords(readFileSync(path, "utf8"), ["id", columns.text, columns.code], `fixtures/real-eval/${file}`);
  const lines: EvaluationLine[] = [];
  const excluded: ExcludedLine[] = [];
  const unmappedAlternatives: ExcludedLine[] = [];
  rows.forEach((row, index) => {
    const ref = row.id!;
    const primary = realLabel(row[columns.code]!);
    const all = columns.all ? labelCodes(row[columns.all]!) : [];
    const accepted: string[] = [];
    for (const label of all) {
      const r = realLabel(label);
      if ("reason" in r) unmappedAlternatives.push({ index, ref, label, reason: r.reason });
      else accepted.push(r.hs6);
    }
    const truth = "hs6" in primary ? primary.hs6 : accepted[0];
    if (!truth) return excluded.push({ index, ref, label: row[columns.code]!, reason: "reason" in primary ? primary.reason : "no code" });
    const alsoAccepted = [...new Set(accepted)].filter((c) => c !== truth);
    lines.push({ ref, text: row[columns.text]!, truth, ...(alsoAccepted.length ? { alsoAccepted } : {}) });
  });
  return { lines, excluded, unmappedAlternatives };
}

/**
 * The codes of one label: a line several codes are right for names them all, separated by ';', '|' or ',' (as the
 * rulings' all_hts_codes does); a code itself never holds one of these.
 */
export const labelCodes = (label: string | null): string[] =>
  (label ?? "")
    .split(/[;|,]/)
    .map((code) => code.trim())
    .filter(Boolean);

/** The HS edition a column of labels shows, detected as Explore detects a table's (more lines valid in HS 2017: HS 2017). */
export const labelsEdition = (labels: readonly (string | null)[]): EditionReport =>
  codesEdition(
    labels.map((label) => ({ code: labelCodes(label)[0] ?? label, lines: 1 })),
    loadNomenclature(),
    loadCrosswalk(),
  ).report;

/**
 * Labels as HS 2022 subheadings: 6–10 digit codes, HS 2017 converted through the crosswalk. Invalid labels and lines
 * without a description are returned with the reason, never counted. A label of several codes counts a prediction that
 * matches any of them (its first valid code is the line's truth); an alternative that is not valid is listed with its
 * reason, and the line stands on the others.
 */
export function labelledLines(
  texts: readonly (string | null)[],
  labels: readonly (string | null)[],
  options: {
    hsVersion: "HS2022" | "HS2017";
    refOf: (index: number) => string;
    /** the length the label column holds: a label one digit short (a spreadsheet's number) gets its leading zero back */
    codeLength?: 6 | 8 | 10;
  },
): { lines: EvaluationLine[]; excluded: ExcludedLine[]; repaired: RepairedLabel[]; unmappedAlternatives: ExcludedLine[] } {
  const nomenclature = loadNomenclature();
  const crosswalk = loadCrosswalk();
  const lines: EvaluationLine[] = [];
  const excluded: ExcludedLine[] = [];
  const repaired: RepairedLabel[] = [];
  const unmappedAlternatives: ExcludedLine[] = [];
  const read = (label: string | null): { hs6: string; fixed?: string } | { reason: string } => {
    const r = normaliseCode(label, {
      // read as HS 2022, an HS 2017 label's reason names its successors
      ...(options.hsVersion === "HS2022" ? { nomenclature, crosswalk } : {}),
      ...(options.codeLength ? { expectedLength: options.codeLength } : {}),
    });
    if (!r.ok) return { reason: r.reason };
    if (r.code.length < 6) return { reason: `'${label}' has ${r.code.length} digits; a label needs at least 6` };
    let hs6 = r.code.slice(0, 6);
    if (options.hsVersion === "HS2017") {
      const converted = crosswalk.convertToHs2022(hs6);
      if (!converted) return { reason: `'${label}': HS2017 ${hs6} has no single HS2022 successor` };
      hs6 = converted;
    }
    if (!nomenclature.has(hs6)) return { reason: `'${label}': ${hs6} is not an HS 2022 subheading` };
    return { hs6, ...(r.fixed ? { fixed: r.fixed } : {}) };
  };
  labels.forEach((label, i) => {
    const ref = options.refOf(i);
    const codes = labelCodes(label);
    const readings = codes.length > 1 ? codes.map((code) => ({ code, r: read(code) })) : [{ code: label, r: read(label) }];
    const valid = readings.flatMap(({ code, r }) => ("hs6" in r ? [{ code, ...r }] : []));
    if (!valid.length) {
      const others = readings.length > 1 ? ` (none of its ${readings.length} codes is valid)` : "";
      return excluded.push({ index: i, ref, label, reason: `${(readings[0]!.r as { reason: string }).reason}${others}` });
    }
    if (!hasTextToClassify(texts[i] ?? "")) return excluded.push({ index: i, ref, label, reason: NO_DESCRIPTION });
    for (const { code, r } of readings) if ("reason" in r) unmappedAlternatives.push({ index: i, ref, label: code, reason: r.reason });
    for (const v of valid) if (v.fixed) repaired.push({ ref, label: v.code!, how: v.fixed });
    const [truth, ...others] = [...new Set(valid.map((v) => v.hs6))];
    lines.push({ ref, text: texts[i] ?? "", truth: truth!, ...(others.length ? { alsoAccepted: others } : {}) });
  });
  return { lines, excluded, repaired, unmappedAlternatives };
}

const shipped = new Map<ShippedSetId, EvaluationSet>();

/** The shipped sets, built once per process from fixtures/ (deterministic: same lines, same hash). */
export function shippedSet(id: ShippedSetId): EvaluationSet {
  let set = shipped.get(id);
  if (!set) {
    let lines: EvaluationLine[];
    let excluded: ExcludedLine[] = [];
    let unmappedAlternatives: ExcludedLine[] = [];
    if (id === "cbp-rulings") {
      ({ lines, excluded, unmappedAlternatives } = realSet("cbp-rulings-dev.csv", { text: "description", code: "hts10", all: "all_hts_codes" }));
    } else if (id === "marketplace-listings") {
      ({ lines, excluded, unmappedAlternatives } = realSet("marketplace-listings-dev.csv", { text: "product_name", code: "hts10" }));
    } else if (id === "held-out") {
      const { lines: sources } = loadSourceLines(loadCrosswalk());
      lines = buildHeldOutSet(sources, loadNomenclature()).map((l, i) => ({ ref: `held-out #${i + 1}`, text: l.text, truth: l.hs6 }));
    } else if (id === "own-foreign-lines" || id === "own-asian-lines") {
      const file = id === "own-foreign-lines" ? "multilingual-lines.csv" : "asian-language-lines.csv";
      const rows = parseCsvRecords(readFileSync(join(fixturesDir(), file), "utf8"), ["language", "text", "hs6"], `fixtures/${file}`);
      ({ lines, excluded } = labelledLines(
        rows.map((r) => r.text ?? ""),
        rows.map((r) => r.hs6 ?? null),
        { hsVersion: "HS2022", refOf: (i) => `${rows[i]!.language} #${i + 1}` },
      ));
    } else {
      const rows = parseCsvRecords(readFileSync(join(fixturesDir(), "demo-extract.csv"), "utf8"), [
        "declaration_id",
        "line_number",
        "goods_description",
        "commodity_code",
      ]);
      ({ lines, excluded } = labelledLines(
        rows.map((r) => r.goods_description ?? ""),
        rows.map((r) => r.commodity_code ?? null),
        { hsVersion: "HS2022", refOf: (i) => `${rows[i]!.declaration_id}/${rows[i]!.line_number}` },
      ));
    }
    set = { id, ...SHIPPED_SETS[id], hash: hashLines(lines), lines, excluded, unmappedAlternatives };
    shipped.set(id, set);
  }
  return set;
}
