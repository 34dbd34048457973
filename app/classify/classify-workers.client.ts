// Batch classification in Web Workers (classify-worker.ts): each worker loads the version itself, and a batch is cut
// into contiguous parts, each taken by the next free worker, the answers put back in order. Explore's batch prediction
// ran on the page's own thread: 4,096 descriptions at a time held the page for seconds (Cancel and progress waited).
import type { Candidate } from "../../workbench/evaluation/metrics";
import type { ModelIdentity } from "../../workbench/evaluation/predictor";
import { loadBrowserModel } from "./browser-model.client";

export interface WorkerRequest {
  id: number;
  ref: string;
  texts?: string[];
  k?: number;
}
type Answer = { id: number; identity: ModelIdentity; candidates?: Candidate[][] };
export type WorkerReply = { id: number; error: string } | Answer;

/** where the server serves the worker's bundle (scripts/build-workers.js) */
export const CLASSIFY_WORKER_URL = "/workers/classify-worker.js";

/** At most this many workers: each holds its copy of the version (its retrieval index and network). */
const MOST_WORKERS = 4;
/**
 * A worker per this many descriptions of a batch: each worker loads the version itself, and two loading at once on two
 * cores took 1.5–2 s longer than one, which a batch of up to about 5,000 lines does not win back (ADR 0006, 2026-12-07).
 */
export const LINES_PER_WORKER = 5_000;

/** How many workers a batch of `lines` descriptions gets on a machine of `cores`: one per LINES_PER_WORKER, at least one. */
export const workersFor = (lines: number, cores: number) => Math.max(1, Math.min(MOST_WORKERS, cores, Math.ceil(lines / LINES_PER_WORKER)));

/** A version that classifies batches, and where: in `workers` Web Workers, or on the page (0) where none would start. */
export interface BatchClassifier {
  identity: ModelIdentity;
  workers: number;
  topK(texts: readonly string[], k: number): Promise<Candidate[][]>;
}

/** how many parts a batch is cut into per worker */
const PARTS_PER_WORKER = 4;

/** A batch cut into `n` parts (fewer where it has fewer items): contiguous, in order, their sizes differing by one at most. */
export function batchParts<T>(items: readonly T[], n: number): T[][] {
  const parts: T[][] = [];
  for (let i = 0, from = 0; i < n; i++) {
    const to = from + Math.floor(items.length / n) + (i < items.length % n ? 1 : 0);
    if (to > from) parts.push(items.slice(from, to));
    from = to;
  }
  return parts;
}

/** One worker's calls, each answered by the reply with its id; a worker that fails to start fails them all. */
function workerCalls(worker: Worker) {
  let next = 0;
  const waiting = new Map<number, { resolve: (reply: Answer) => void; reject: (e: Error) => void }>();
  let broken: Error | null = null;
  let answered = false;
  worker.onmessage = ({ data }: MessageEvent<WorkerReply>) => {
    answered = true;
    const call = waiting.get(data.id);
    waiting.delete(data.id);
    if ("error" in data) call?.reject(new Error(data.error));
    else call?.resolve(data);
  };
  // before any answer the script did not load or threw (no bundle built, a browser without workers' features): the
  // page classifies instead; after one, the worker stopped (its memory ran out)
  worker.onerror = (event) => {
    event.preventDefault();
    broken = answered
      ? new Error(`a classification worker stopped${event.message ? `: ${event.message}` : ""}`)
      : new WorkerStartError(event.message || "the classification worker could not start");
    for (const call of waiting.values()) call.reject(broken);
    waiting.clear();
  };
  return (request: Omit<WorkerRequest, "id">) =>
    new Promise<Answer>((resolve, reject) => {
      if (broken) return reject(broken);
      const id = next++;
      waiting.set(id, { resolve, reject });
      worker.postMessage({ ...request, id } satisfies WorkerRequest);
    });
}

class WorkerStartError extends Error {}

/**
 * the workers of the version asked for last, kept for the next batch (loading takes seconds) until another is asked for
 * or none was asked for KEPT_IDLE_MS (each holds its copy of the version: about 240 MB for hs-combined)
 */
let kept: { ref: string; workers: number; classifier: Promise<BatchClassifier>; close(): void } | undefined;
const KEPT_IDLE_MS = 5 * 60_000;
let idle: ReturnType<typeof setTimeout> | undefined;

/**
 * The version `ref` in Web Workers for a batch of `lines` descriptions (workersFor: one per core at most), each loading
 * it (its files checked against their sha256s there); kept for the next batch (`kept`) unless that one wants more
 * workers, started again if let go meanwhile. Where workers cannot start, the page's own classifier (loadBrowserModel)
 * with workers = 0; a version that cannot be loaded is refused as on the page (its message).
 */
export function batchClassifier(ref: string, lines: number): Promise<BatchClassifier> {
  const wanted = workersFor(lines, navigator.hardwareConcurrency || 1);
  if (kept?.ref === ref && kept.workers >= wanted) return kept.classifier;
  clearTimeout(idle);
  kept?.close();
  if (typeof Worker === "undefined") return pageBatchClassifier(ref);
  const workers = Array.from({ length: wanted }, () => new Worker(CLASSIFY_WORKER_URL));
  let closed = false;
  const close = () => {
    closed = true;
    workers.forEach((w) => w.terminate());
  };
  const calls = workers.map(workerCalls);
  const classifier = Promise.all(calls.map((call) => call({ ref }))).then(
    (loaded): BatchClassifier => ({
      identity: loaded[0]!.identity,
      workers: workers.length,
      async topK(texts, k): Promise<Candidate[][]> {
        // let go meanwhile (idle, or another version asked for): new workers answer
        if (closed) return (await batchClassifier(ref, lines)).topK(texts, k);
        // a few parts per worker, each taken by the next free one: one worker's slower part does not leave the others idle
        const parts = batchParts(texts, calls.length * PARTS_PER_WORKER);
        const answered: Candidate[][][] = [];
        let next = 0;
        const work = async (call: (typeof calls)[number]) => {
          for (let i = next++; i < parts.length; i = next++) answered[i] = (await call({ ref, texts: parts[i]!, k })).candidates!;
        };
        clearTimeout(idle);
        try {
          await Promise.all(calls.map(work));
          const answers = answered.flat();
          idle = setTimeout(forget, KEPT_IDLE_MS);
          return answers;
        } catch (error) {
          // a worker that stopped (its memory ran out) is not asked again: the next batch starts new ones
          forget();
          throw error;
        }
      },
    }),
    (error: unknown) => {
      forget();
      if (error instanceof WorkerStartError) return pageBatchClassifier(ref);
      throw error;
    },
  );
  const forget = () => {
    close();
    if (kept?.classifier === classifier) kept = undefined;
  };
  kept = { ref, workers: wanted, classifier, close };
  return classifier;
}

/** The version classifying on the page's own thread: where no worker starts (and the benchmark's other way). */
export async function pageBatchClassifier(ref: string): Promise<BatchClassifier> {
  const { classifier } = await loadBrowserModel(ref);
  return { identity: classifier.identity, workers: 0, topK: (texts, k) => classifier.topK(texts, k) };
}
