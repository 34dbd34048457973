// A file of another model's predictions on evaluation sets (docs/predictions-format.md), checked line by line
// against the sets before anything is stored: every problem is reported with its row and column, and a file with
// any problem is refused whole.
import { normaliseCode, SAY_CODE_LENGTH } from "../hs/codes";
import { loadNomenclature } from "../hs/load-fixtures";
import { isShippedSet, shippedSet, SHIPPED_SET_IDS, type EvaluationSet } from "./evaluation-sets";
import type { Candidate } from "./metrics";

export const MAX_PREDICTION_RANKS = 20;

/** The predictions of one file for one set, in the set's line order. */
export interface SetPredictions {
  setId: string;
  setHash: string;
  topK: number;
  candidates: Candidate[][];
}

export class PredictionFileError extends Error {
  override name = "PredictionFileError";
  constructor(
    readonly file: string,
    /** each names a row and a column, or the lines concerned; at most MAX_LISTED */
    readonly problems: string[],
    readonly total: number,
  ) {
    super(`${file}: ${total} problem${total === 1 ? "" : "s"}, nothing imported — ${problems.slice(0, 3).join("; ")}${total > 3 ? "; …" : ""}`);
  }
}

const MAX_LISTED = 50;
/** top-k probabilities of one line may sum to a little over 1 from rounding in the file */
const SUM_TOLERANCE = 0.001;

const listed = (items: readonly string[], max = 10) => `${items.slice(0, max).join(", ")}${items.length > max ? `, … (${items.length} in all)` : ""}`;

/**
 * Reads a predictions table (columns as text, rows in file order; `firstRow` is the number of the first data row as
 * the user sees it) into predictions per evaluation set. `defaultSet` applies when the file has no `set` column.
 */
export function readPredictionTable(
  file: string,
  columns: Record<string, readonly (string | null)[]>,
  options: { defaultSet?: string; firstRow: number },
): SetPredictions[] {
  const problems: string[] = [];
  let total = 0;
  const problem = (message: string) => {
    total++;
    if (problems.length < MAX_LISTED) problems.push(message);
  };
  const fail = (message: string): never => {
    throw new PredictionFileError(file, [message], 1);
  };
  const names = Object.keys(columns);
  const rows = columns[names[0] ?? ""]?.length ?? 0;
  const key = names.includes("line_id") ? "line_id" : names.includes("text") ? "text" : null;
  if (!key) fail(`no 'line_id' or 'text' column (the file's columns are ${listed(names)}); see docs/predictions-format.md`);
  if (rows === 0) fail("the file has no rows");
  let ranks = 0;
  while (ranks < MAX_PREDICTION_RANKS && names.includes(`code_${ranks + 1}`)) ranks++;
  if (ranks === 0) fail(`no 'code_1' column (the file's columns are ${listed(names)})`);
  for (let r = 1; r <= ranks; r++) if (!names.includes(`probability_${r}`)) fail(`'code_${r}' has no 'probability_${r}' column beside it`);
  if (names.includes(`code_${MAX_PREDICTION_RANKS + 1}`)) fail(`at most ${MAX_PREDICTION_RANKS} ranks (code_1 … code_${MAX_PREDICTION_RANKS})`);

  const setColumn = columns.set;
  if (!setColumn && !options.defaultSet) fail("the file has no 'set' column: say which evaluation set it predicts (--set)");
  const nomenclature = loadNomenclature();
  const rowNumber = (i: number) => i + options.firstRow;

  // rows grouped by set
  const bySet = new Map<string, number[]>();
  for (let i = 0; i < rows; i++) {
    const id = (setColumn?.[i] ?? "").trim() || options.defaultSet || "";
    if (!isShippedSet(id)) {
      problem(`row ${rowNumber(i)}, set: '${id.slice(0, 40)}' is not an evaluation set (expected ${SHIPPED_SET_IDS.join(", ")})`);
      continue;
    }
    if (!bySet.has(id)) bySet.set(id, []);
    bySet.get(id)!.push(i);
  }

  const result: SetPredictions[] = [];
  for (const [setId, indices] of bySet) {
    const set = shippedSet(setId as Parameters<typeof shippedSet>[0]);
    const positions = linePositions(set, key!);
    const excludedRefs = new Set(set.excluded.map((x) => x.ref));
    const candidates: (Candidate[] | undefined)[] = new Array(set.lines.length);
    const seenAt = new Map<string, number>();
    const duplicates: string[] = [];
    const foreign: string[] = [];
    for (const i of indices) {
      const value = columns[key!]![i] ?? "";
      const at = positions.get(value);
      if (!at) {
        if (key === "line_id" && excludedRefs.has(value)) continue; // a line the set leaves out (its label maps to no code)
        foreign.push(`row ${rowNumber(i)} ('${value.slice(0, 40)}')`);
        continue;
      }
      if (seenAt.has(value)) {
        duplicates.push(`row ${rowNumber(i)} repeats row ${rowNumber(seenAt.get(value)!)} ('${value.slice(0, 40)}')`);
        continue;
      }
      seenAt.set(value, i);
      const line = rankedCandidates(i, ranks, columns, nomenclature, (message) => problem(`row ${rowNumber(i)}, ${message}`));
      if (line) for (const p of at) candidates[p] = line;
    }
    if (foreign.length) {
      const other = otherSetOf(columns[key!]!, indices, key!, setId);
      problem(
        `${foreign.length} row${foreign.length === 1 ? " names no line" : "s name no line"} of ${setId}${other ? ` (they are lines of ${other})` : ""}: ${listed(foreign)}`,
      );
    }
    if (duplicates.length) problem(`${duplicates.length} duplicate line${duplicates.length === 1 ? "" : "s"}: ${listed(duplicates)}`);
    const missing = set.lines.flatMap((l, p) => (candidates[p] === undefined && !seenAt.has(key === "line_id" ? l.ref : l.text) ? [l.ref] : []));
    if (missing.length) problem(`${missing.length} of ${set.lines.length} lines of ${setId} have no row: ${listed(missing)}`);
    result.push({ setId, setHash: set.hash, topK: ranks, candidates: candidates as Candidate[][] });
  }
  if (total) throw new PredictionFileError(file, problems, total);
  return result;
}

/** line_id or exact text → positions in the set (a text the set holds twice names both lines). */
function linePositions(set: EvaluationSet, key: "line_id" | "text"): Map<string, number[]> {
  const positions = new Map<string, number[]>();
  set.lines.forEach((l, p) => {
    const k = key === "line_id" ? l.ref : l.text;
    if (!positions.has(k)) positions.set(k, []);
    positions.get(k)!.push(p);
  });
  return positions;
}

/** The set whose lines the unmatched rows name, when they all belong to one other set (a file sent for the wrong set). */
function otherSetOf(values: readonly (string | null)[], indices: readonly number[], key: "line_id" | "text", setId: string): string | undefined {
  for (const other of SHIPPED_SET_IDS) {
    if (other === setId || other === "demo-extract") continue;
    const positions = linePositions(shippedSet(other), key);
    if (indices.some((i) => positions.has(values[i] ?? ""))) return other;
  }
  return undefined;
}

function rankedCandidates(
  i: number,
  ranks: number,
  columns: Record<string, readonly (string | null)[]>,
  nomenclature: ReturnType<typeof loadNomenclature>,
  problem: (message: string) => void,
): Candidate[] | undefined {
  const out: Candidate[] = [];
  let ok = true;
  let ended = false;
  let sum = 0;
  for (let r = 1; r <= ranks; r++) {
    const rawCode = (columns[`code_${r}`]![i] ?? "").trim();
    const rawProbability = (columns[`probability_${r}`]![i] ?? "").trim();
    if (!rawCode && !rawProbability) {
      ended = true;
      continue;
    }
    if (ended) {
      problem(`code_${r}: a code after an empty rank (ranks must be filled from code_1 on)`);
      ok = false;
      break;
    }
    const code = normaliseCode(rawCode, { nomenclature: undefined });
    let hs6: string | undefined;
    // a predictions file states its codes: one a spreadsheet may have cut is refused with what to do here, never repaired
    if (!code.ok) problem(`code_${r}: ${code.reason.replace(SAY_CODE_LENGTH, "write the code columns as text")}`);
    else if (code.code.length < 6) problem(`code_${r}: '${rawCode}' has ${code.code.length} digits; an HS subheading has 6`);
    else if (!nomenclature.has(code.code.slice(0, 6))) problem(`code_${r}: '${rawCode}' is not an HS 2022 subheading`);
    else hs6 = code.code.slice(0, 6);
    const probability = rawProbability === "" ? NaN : Number(rawProbability);
    if (!Number.isFinite(probability) || probability < 0 || probability > 1) {
      problem(`probability_${r}: '${rawProbability.slice(0, 20)}' is not a probability between 0 and 1`);
      ok = false;
    } else if (out.length && probability > out[out.length - 1]!.probability) {
      problem(
        `probability_${r}: ${rawProbability} is higher than probability_${r - 1} (${out[out.length - 1]!.probability}); ranks must be best first`,
      );
      ok = false;
    }
    if (!hs6) ok = false;
    if (ok) {
      if (out.some((c) => c.code === hs6)) {
        problem(`code_${r}: ${hs6} is already ranked higher on this line`);
        ok = false;
      }
      out.push({ code: hs6!, probability });
      sum += probability;
    }
  }
  if (ok && out.length === 0) {
    problem("code_1: empty (every line needs at least one code)");
    ok = false;
  }
  if (ok && sum > 1 + SUM_TOLERANCE) {
    problem(`probabilities sum to ${sum.toFixed(3)}; the top-k probabilities of one line can add up to 1 at most`);
    ok = false;
  }
  return ok ? out : undefined;
}
