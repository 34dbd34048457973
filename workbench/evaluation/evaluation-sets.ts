// Labelled evaluation sets, defined once for the Compare page, the CLI, the model cards, the Overview and the
// promotion gates: the held-out split shipped with the demo, the demo extract (declared codes as truth), or any
// labelled CSV/Parquet file. Node-only; the browser hashes its lines with the same formula (set-hash.ts).
import { sha256 } from "../sha256";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsvRecords } from "../csv";
import { normaliseCode } from "../hs/codes";
import { fixturesDir, loadCrosswalk, loadNomenclature } from "../hs/load-fixtures";
import { loadSourceLines } from "../data/text-sources";
import { buildHeldOutSet } from "../data/training-set";
import { setHashInput } from "./set-hash";

export interface EvaluationLine {
  /** where the line comes from (row number, declaration/line, source code) */
  ref: string;
  text: string;
  /** HS 2022 subheading */
  truth: string;
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
  /** sha256 of the lines (text and truth, in order): predictions are cached per model sha256 and set hash */
  hash: string;
  lines: EvaluationLine[];
  excluded: ExcludedLine[];
}

export const SHIPPED_SETS = {
  "held-out": {
    label: "Held-out split",
    description: "Held-out Schedule B lines (never trained on) rewritten in trader style, one per line; truth from the tariff.",
  },
  "demo-extract": {
    label: "Demo extract",
    description: "The 100,000 lines of the demo extract with their declared codes as truth (about 5% are wrong on purpose).",
  },
} as const;

export type ShippedSetId = keyof typeof SHIPPED_SETS;
export const SHIPPED_SET_IDS = Object.keys(SHIPPED_SETS) as [ShippedSetId, ...ShippedSetId[]];
export const isShippedSet = (id: string): id is ShippedSetId => Object.hasOwn(SHIPPED_SETS, id);

export const hashLines = (lines: readonly EvaluationLine[]): string => sha256(setHashInput(lines));

/**
 * Labels as HS 2022 subheadings: 6–10 digit codes, HS 2017 converted through the crosswalk. Invalid labels are
 * returned with the reason, never counted.
 */
export function labelledLines(
  texts: readonly (string | null)[],
  labels: readonly (string | null)[],
  options: { hsVersion: "HS2022" | "HS2017"; refOf: (index: number) => string },
): { lines: EvaluationLine[]; excluded: ExcludedLine[] } {
  const nomenclature = loadNomenclature();
  const crosswalk = loadCrosswalk();
  const lines: EvaluationLine[] = [];
  const excluded: ExcludedLine[] = [];
  labels.forEach((label, i) => {
    const ref = options.refOf(i);
    const r = normaliseCode(label, { nomenclature: options.hsVersion === "HS2022" ? nomenclature : undefined });
    if (!r.ok) return excluded.push({ index: i, ref, label, reason: r.reason });
    if (r.code.length < 6) return excluded.push({ index: i, ref, label, reason: `'${label}' has ${r.code.length} digits; a label needs at least 6` });
    let hs6 = r.code.slice(0, 6);
    if (options.hsVersion === "HS2017") {
      const converted = crosswalk.convertToHs2022(hs6);
      if (!converted) return excluded.push({ index: i, ref, label, reason: `'${label}': HS2017 ${hs6} has no single HS2022 successor` });
      hs6 = converted;
    }
    if (!nomenclature.has(hs6)) return excluded.push({ index: i, ref, label, reason: `'${label}': ${hs6} is not an HS 2022 subheading` });
    lines.push({ ref, text: texts[i] ?? "", truth: hs6 });
  });
  return { lines, excluded };
}

const shipped = new Map<ShippedSetId, EvaluationSet>();

/** The shipped sets, built once per process from fixtures/ (deterministic: same lines, same hash). */
export function shippedSet(id: ShippedSetId): EvaluationSet {
  let set = shipped.get(id);
  if (!set) {
    let lines: EvaluationLine[];
    let excluded: ExcludedLine[] = [];
    if (id === "held-out") {
      const { lines: sources } = loadSourceLines(loadCrosswalk());
      lines = buildHeldOutSet(sources, loadNomenclature()).map((l, i) => ({ ref: `held-out #${i + 1}`, text: l.text, truth: l.hs6 }));
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
    set = { id, ...SHIPPED_SETS[id], hash: hashLines(lines), lines, excluded };
    shipped.set(id, set);
  }
  return set;
}
