// Server side of Compare: two registered versions on a shipped evaluation set, with cached predictions, through the
// one comparison core (workbench/evaluation/compare.ts). Also what a promotion request freezes.
import { isShippedSet, shippedSet, SHIPPED_SETS } from "../../models/data/evaluation-sets";
import { quoteCsv } from "../../workbench/csv";
import { compareModels, verdictOf, type ComparisonReport, type Verdict } from "../../workbench/evaluation/compare";
import type { Candidate } from "../../workbench/evaluation/metrics";
import { loadNomenclature } from "../../workbench/hs/load-fixtures";
import { resolveClassifier } from "../classify/classifier.server";
import { findModelVersion, type ModelStatus } from "../store/model-registry.server";
import type { Db } from "../store/db.server";
import { cachedPredictions, predictionProgress, predictionsFor } from "./prediction-cache.server";

export interface VersionRef {
  name: string;
  version: string;
  sha256: string;
  status: ModelStatus;
}

export interface SetInfo {
  /** a shipped set, or "explore:TABLE" for an extract loaded in the browser */
  id: string;
  label: string;
  description: string;
  hash: string;
  lines: number;
  excluded: number;
}

export interface Comparison {
  a: VersionRef;
  b: VersionRef;
  set: SetInfo;
  report: ComparisonReport;
  verdict: Verdict;
}

export type ComparisonState =
  | { status: "ready"; comparison: Comparison }
  | { status: "computing"; progress: { model: string; done: number; total: number }[] };

export class ComparisonError extends Error {
  override name = "ComparisonError";
}

/** Sets small enough to predict while the request waits (the held-out split takes a second or two per model). */
const WAIT_BELOW_LINES = 20_000;
const SEED = 2022;

/** The set id for an extract loaded in the browser's DuckDB (compared there, not on the server). */
export const EXPLORE_SET = "explore";

export const evaluationSets = () => [
  ...Object.entries(SHIPPED_SETS).map(([id, s]) => ({ id, label: s.label, description: s.description })),
  { id: EXPLORE_SET, label: "Extract loaded on Explore (this tab)", description: "An extract you loaded on the Explore page; both models run in your browser." },
];

export function versionOf(db: Db, ref: string): VersionRef {
  const match = /^([a-z][a-z0-9-]*)@(\d+\.\d+\.\d+)$/.exec(ref);
  if (!match) throw new ComparisonError(`'${ref}' is not a model version (expected name@version, e.g. hs-standard@1.0.0)`);
  const v = findModelVersion(db, match[1]!, match[2]!);
  if (!v) throw new ComparisonError(`no model version ${ref} is registered`);
  return { name: v.name, version: v.version, sha256: v.sha256, status: v.status };
}

function setOf(id: string) {
  if (!isShippedSet(id)) throw new ComparisonError(`unknown evaluation set '${id}' (choose ${Object.keys(SHIPPED_SETS).join(" or ")})`);
  return shippedSet(id);
}

const reports = new Map<string, Comparison>();
const failures = new Map<string, string>();

/**
 * The comparison of A and B on a set. Predictions missing from the cache are computed; for a large set that runs in
 * the background and the caller gets progress to poll (unless `wait`).
 */
export async function compareVersions(db: Db, aRef: string, bRef: string, setId: string, options: { wait?: boolean } = {}): Promise<ComparisonState> {
  const a = versionOf(db, aRef);
  const b = versionOf(db, bRef);
  const set = setOf(setId);
  const key = `${a.sha256}:${b.sha256}:${set.hash}`;
  const ready = reports.get(key);
  if (ready) return { status: "ready", comparison: ready };

  const predictions: (Candidate[][] | null)[] = [a, b].map((v) => cachedPredictions(db, v.sha256, set));
  if (predictions.some((p) => !p)) {
    const jobs = [a, b].map(async (v, i) => predictions[i] ?? predictionsFor(db, await resolveClassifier(`${v.name}@${v.version}`), set));
    if (options.wait || set.lines.length < WAIT_BELOW_LINES) {
      const done = await Promise.all(jobs);
      done.forEach((p, i) => (predictions[i] = p));
    } else {
      for (const [i, job] of jobs.entries()) {
        const v = [a, b][i]!;
        job.catch((error: Error) => failures.set(`${v.sha256}:${set.hash}`, `${v.name}@${v.version}: ${error.message}`));
      }
      const failed = [a, b].map((v) => failures.get(`${v.sha256}:${set.hash}`)).find(Boolean);
      if (failed) {
        [a, b].forEach((v) => failures.delete(`${v.sha256}:${set.hash}`));
        throw new ComparisonError(`predicting failed: ${failed}`);
      }
      return {
        status: "computing",
        progress: [a, b].map((v, i) => ({
          model: `${v.name}@${v.version}`,
          done: predictions[i] ? set.lines.length : (predictionProgress(v.sha256, set.hash)?.done ?? 0),
          total: set.lines.length,
        })),
      };
    }
  }
  const nomenclature = loadNomenclature();
  const report = compareModels(
    set.lines.map((l) => l.truth),
    predictions[0]!,
    predictions[1]!,
    { seed: SEED, chapterName: (c) => nomenclature.nameOf(c) },
  );
  const comparison: Comparison = {
    a,
    b,
    set: { id: set.id, label: set.label, description: set.description, hash: set.hash, lines: set.lines.length, excluded: set.excluded.length },
    report,
    verdict: verdictOf(report, { a: `${a.name}@${a.version}`, b: `${b.name}@${b.version}` }),
  };
  if (reports.size > 20) reports.delete(reports.keys().next().value!);
  reports.set(key, comparison);
  return { status: "ready", comparison };
}

/**
 * The paired lines as CSV for the browser's DuckDB (cell drill-down, heading matrices): one row per line with the true
 * code and both models' top prediction. Null when the predictions are not computed yet.
 */
export function comparisonRowsCsv(db: Db, aRef: string, bRef: string, setId: string): string | null {
  const a = versionOf(db, aRef);
  const b = versionOf(db, bRef);
  const set = setOf(setId);
  const pa = cachedPredictions(db, a.sha256, set);
  const pb = cachedPredictions(db, b.sha256, set);
  if (!pa || !pb) return null;
  const lines = ["line,ref,description,truth,a_code,a_probability,b_code,b_probability"];
  set.lines.forEach((l, i) => {
    const x = pa[i]![0];
    const y = pb[i]![0];
    lines.push([i + 1, quoteCsv(l.ref), quoteCsv(l.text), l.truth, x?.code ?? "", x?.probability.toFixed(4) ?? "", y?.code ?? "", y?.probability.toFixed(4) ?? ""].join(","));
  });
  return lines.join("\n") + "\n";
}
