// Comparison reports of large sets off the server's event loop. A report scores every line of every version and draws
// the bootstrap: seconds for two versions on the demo extract (100,000 lines), 13 s on 1,000,000 lines
// (`bench:compare`), during which the server answered nobody; so did the paired lines as CSV (the Compare page's
// drill-down) and each version's scores for the Models table. Sets from OFF_THREAD_FROM_LINES lines up are reported by
// one worker thread (one report at a time: each holds its set's predictions); smaller ones, in milliseconds, in place.
import type { Worker } from "node:worker_threads";
import { loadNomenclature } from "../hs/load-fixtures";
import { typescriptThread } from "../threads/typescript-thread";
import { quoteCsv } from "../csv";
import { useRecent } from "../recently-used";
import { compareOnLines, type Comparison, type SetInfo, type VersionRef } from "./compare";
import { compareManyOnLines, type ManyComparison } from "./compare-many";
import type { EvaluationLine } from "./evaluation-sets";
import { scoreLines } from "./metrics";
import { decodeEncoded, type EncodedPredictions } from "./prediction-cache";

export const OFF_THREAD_FROM_LINES = 5_000;

interface Labels {
  lines: number;
  /** each line's true code (HS 6, no line breaks), joined by "\n": one string crosses threads far faster than an array */
  truths: string;
  alsoAccepted?: readonly (string[] | undefined)[];
}

export type ReportTask =
  | (Labels & { kind: "pair"; a: VersionRef; b: VersionRef; set: SetInfo; predictions: [EncodedPredictions, EncodedPredictions]; seed?: number })
  | (Labels & { kind: "many"; versions: { ref: string; predictions: EncodedPredictions }[]; seed?: number })
  | (Labels & { kind: "rows"; refs: string[]; texts: string[]; predictions: [EncodedPredictions, EncodedPredictions] })
  | (Labels & { kind: "scores"; predictions: [EncodedPredictions] });

export type Scores = ReturnType<typeof scoreLines>;
type Report = Comparison | ManyComparison | string | Scores;
export type ReportOf<T extends ReportTask> = T extends { kind: "pair" }
  ? Comparison
  : T extends { kind: "many" }
    ? ManyComparison
    : T extends { kind: "rows" }
      ? string
      : Scores;

export const labelsOf = (lines: readonly Pick<EvaluationLine, "truth" | "alsoAccepted">[]): Labels => ({
  lines: lines.length,
  truths: lines.map((l) => l.truth).join("\n"),
  ...(lines.some((l) => l.alsoAccepted) ? { alsoAccepted: lines.map((l) => l.alsoAccepted) } : {}),
});

/** The report itself, the same code on either thread. */
export function runReport(task: ReportTask): Report {
  const truths = task.lines === 0 ? [] : task.truths.split("\n");
  const also = task.alsoAccepted;
  const lines = () => truths.map((truth, i) => ({ truth, alsoAccepted: also?.[i] }));
  if (task.kind === "pair") {
    const nomenclature = loadNomenclature();
    return compareOnLines(
      {
        a: task.a,
        b: task.b,
        set: task.set,
        truths,
        ...(also ? { alsoAccepted: also } : {}),
        predictions: [decodeEncoded(task.predictions[0]), decodeEncoded(task.predictions[1])],
      },
      { chapterName: (c) => nomenclature.nameOf(c), ...(task.seed === undefined ? {} : { seed: task.seed }) },
    );
  }
  if (task.kind === "rows") return pairedLinesCsv(task.refs, task.texts, truths, task.predictions);
  if (task.kind === "scores") return scoreLines(lines(), decodeEncoded(task.predictions[0]));
  return compareManyOnLines(
    lines(),
    task.versions.map((v) => ({ ref: v.ref, candidates: decodeEncoded(v.predictions) })),
    task.seed === undefined ? {} : { seed: task.seed },
  );
}

/** One row per line with the true code and both versions' top prediction (read by the Compare page's DuckDB). */
function pairedLinesCsv(
  refs: readonly string[],
  texts: readonly string[],
  truths: readonly string[],
  predictions: [EncodedPredictions, EncodedPredictions],
): string {
  const [a, b] = [decodeEncoded(predictions[0]), decodeEncoded(predictions[1])];
  const rows = ["line,ref,description,truth,a_code,a_probability,b_code,b_probability"];
  truths.forEach((truth, i) => {
    const x = a[i]![0];
    const y = b[i]![0];
    rows.push(
      [
        i + 1,
        quoteCsv(refs[i]!),
        quoteCsv(texts[i]!),
        truth,
        x?.code ?? "",
        x?.probability.toFixed(4) ?? "",
        y?.code ?? "",
        y?.probability.toFixed(4) ?? "",
      ].join(","),
    );
  });
  return rows.join("\n") + "\n";
}

export type ReportResponse = { ok: true; report: Report } | { ok: false; message: string };

interface Waiting {
  task: ReportTask;
  resolve: (report: Report) => void;
  reject: (error: Error) => void;
}

let thread: Worker | null = null;
let running: Waiting | null = null;
const queue: Waiting[] = [];

function next(): void {
  if (running || queue.length === 0) {
    // an idle thread does not keep a process (the CLI) alive
    if (!running) thread?.unref();
    return;
  }
  running = queue.shift()!;
  if (!thread) {
    const started = typescriptThread("workbench/evaluation/report-thread-main.ts");
    started.on("message", (response: ReportResponse) => {
      const done = running!;
      running = null;
      if (response.ok) done.resolve(response.report);
      else done.reject(new Error(response.message));
      next();
    });
    // a thread that fails (out of memory on a huge set) fails its report; the next report starts a new one
    const fail = (error: Error) => {
      if (thread !== started) return;
      thread = null;
      const failed = running;
      running = null;
      failed?.reject(error);
      next();
    };
    started.on("error", fail);
    started.on("exit", (code) => fail(new Error(`the report thread stopped (exit code ${code})`)));
    thread = started;
  }
  thread.ref();
  // each version's probabilities are copied once, to exactly their bytes, and the copy moves to the thread (the buffer
  // read from the database may be a view into a larger one, and other callers may hold it)
  const task = running.task;
  const own = (p: EncodedPredictions): EncodedPredictions => ({ ...p, probabilities: new Uint8Array(p.probabilities) });
  const sent: ReportTask =
    task.kind === "many"
      ? { ...task, versions: task.versions.map((v) => ({ ref: v.ref, predictions: own(v.predictions) })) }
      : task.kind === "scores"
        ? { ...task, predictions: [own(task.predictions[0])] }
        : { ...task, predictions: [own(task.predictions[0]), own(task.predictions[1])] };
  const buffers = (sent.kind === "many" ? sent.versions.map((v) => v.predictions) : sent.predictions).map(
    (p) => p.probabilities.buffer as ArrayBuffer,
  );
  thread.postMessage(sent, buffers);
}

/**
 * Reports kept by key: one computed however many ask while it runs (requests overlap while the thread works), then
 * kept; past `atMost`, the one asked for least recently goes (a report viewed all day outlives twenty looked at
 * once). A report that failed is not kept.
 */
export class KeptReports<T> {
  private readonly kept = new Map<string, Promise<T>>();

  constructor(private readonly atMost: number) {}

  known(key: string): Promise<T> | undefined {
    const known = this.kept.get(key);
    if (known) useRecent(this.kept, key, () => known, this.atMost);
    return known;
  }

  share(key: string, make: () => Promise<T>): Promise<T> {
    const known = this.known(key);
    if (known) return known;
    const made = make();
    useRecent(this.kept, key, () => made, this.atMost);
    made.catch(() => this.kept.get(key) === made && this.kept.delete(key));
    return made;
  }
}

/** The report of a comparison: in the report thread for a large set, here for a small one. */
export function report<T extends ReportTask>(task: T): Promise<ReportOf<T>> {
  return new Promise((resolve, reject) => {
    if (task.lines < OFF_THREAD_FROM_LINES) return resolve(runReport(task) as ReportOf<T>);
    queue.push({ task, resolve: resolve as Waiting["resolve"], reject });
    next();
  });
}
