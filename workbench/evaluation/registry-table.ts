// One table of every registered version on one evaluation set (issue 16): the figures a registry user compares
// versions by, from the predictions already computed (the caller starts the missing ones).
import type { Db } from "../store/db";
import { listModelVersions } from "../registry/model-registry";
import { formatModelRef } from "../registry/model-ref";
import type { ModelVersion } from "../registry/model-version";
import { unavailableOn } from "../registry/prediction-imports";
import type { EvaluationSet } from "./evaluation-sets";
import { cachedEncodedPredictions, hasCachedPredictions } from "./prediction-cache";
import { KeptReports, labelsOf, report, type Scores } from "./report-thread";

export const REGISTRY_COLUMNS = [
  "hs2top1",
  "hs2top3",
  "hs2top5",
  "hs4top1",
  "hs4top3",
  "hs4top5",
  "hs6top1",
  "hs6top3",
  "hs6top5",
  "ece",
  "at95",
] as const;
export type RegistryColumn = (typeof REGISTRY_COLUMNS)[number];

/** Each column's name, as the Models page and its download show it. */
export const REGISTRY_COLUMN_LABELS: Record<RegistryColumn, string> = {
  hs2top1: "Chapter top-1",
  hs2top3: "Chapter top-3",
  hs2top5: "Chapter top-5",
  hs4top1: "Heading top-1",
  hs4top3: "Heading top-3",
  hs4top5: "Heading top-5",
  hs6top1: "HS6 top-1",
  hs6top3: "HS6 top-3",
  hs6top5: "HS6 top-5",
  ece: "Calibration error",
  at95: "Auto-accepted, shown ≥ 95%",
};

/** What the table's figures are and how it is sorted (the page's caption, the download's About sheet). */
export const registryTableNote = (sort: RegistryColumn, descending: boolean) =>
  "accuracy (a top-k prediction counts if it names an accepted code), calibration error of the top suggestion (lower is better) and the " +
  "share that can be accepted without a person with its HS6 accuracy shown to be at least 95% (the lower end of its 95% interval: at least 73 " +
  `accepted lines without a miss, so rarely on a few hundred lines). Sorted by ${REGISTRY_COLUMN_LABELS[sort]}, ${descending ? "best first" : "worst first"}.`;

export interface RegistryRow extends Pick<ModelVersion, "name" | "version" | "status" | "kind" | "sha256"> {
  ref: string;
  /** null while not measured on this set (see `unavailable` for why it cannot be) */
  figures: (Record<RegistryColumn, number | null> & { n: number }) | null;
  unavailable: string | null;
}

// A version's scores on a set, kept: cached predictions (of this code's revision) do not change for its sha256 and the
// set's hash, and scoring them takes about half a second per version on the demo extract, each page view or sort
// (27 versions: over ten seconds, which stood on the server's event loop before the report thread).
const kept = new KeptReports<Scores>(400);

const scoresOf = (db: Db, sha256: string, set: EvaluationSet, labels: () => ReturnType<typeof labelsOf>) =>
  kept.share(`${sha256}:${set.hash}`, async () => {
    const cached = await cachedEncodedPredictions(db, sha256, set);
    if (!cached) throw new Error("not measured"); // gone since it was looked for: not kept, shown as not measured
    return report({ kind: "scores", ...labels(), predictions: [cached] });
  });

export async function registryTable(db: Db, set: EvaluationSet): Promise<RegistryRow[]> {
  const versions = await Promise.all(
    (await listModelVersions(db)).map(async (v) => {
      const unavailable = await unavailableOn(db, v, set.id);
      return { v, unavailable, measured: !unavailable && (await hasCachedPredictions(db, v.sha256, set)) };
    }),
  );
  let labels: ReturnType<typeof labelsOf> | undefined;
  const labelsOnce = () => (labels ??= labelsOf(set.lines));
  const rows: RegistryRow[] = [];
  // one version after another: a large set's predictions are read when the thread is ready for them, not all at once
  for (const { v, unavailable, measured } of versions) {
    const row = { ref: formatModelRef(v), name: v.name, version: v.version, status: v.status, kind: v.kind, sha256: v.sha256 };
    const scores = measured ? await scoresOf(db, v.sha256, set, labelsOnce).catch(() => null) : null;
    if (!scores) {
      rows.push({ ...row, figures: null, unavailable });
      continue;
    }
    const { metrics, calibration, at95 } = scores;
    const a = metrics.accuracy;
    rows.push({
      ...row,
      unavailable: null,
      figures: {
        n: metrics.n,
        hs2top1: a.hs2.top1,
        hs2top3: a.hs2.top3,
        hs2top5: a.hs2.top5,
        hs4top1: a.hs4.top1,
        hs4top3: a.hs4.top3,
        hs4top5: a.hs4.top5,
        hs6top1: a.hs6.top1,
        hs6top3: a.hs6.top3,
        hs6top5: a.hs6.top5,
        ece: calibration.ece,
        at95: at95?.share ?? 0,
      },
    });
  }
  return rows;
}

/** Rows sorted by a column (unmeasured last); calibration error sorts best (lowest) first when descending. */
export function sortRegistry(rows: RegistryRow[], column: RegistryColumn, descending: boolean): RegistryRow[] {
  const better = column === "ece" ? -1 : 1;
  return [...rows].sort((x, y) => {
    const [a, b] = [x.figures?.[column], y.figures?.[column]];
    if (a === undefined || a === null) return b === undefined || b === null ? 0 : 1;
    if (b === undefined || b === null) return -1;
    return (descending ? 1 : -1) * better * (b - a);
  });
}
