// Classification off the event loop: a fixed pool of worker threads (one per core by default) with a bounded queue.
// A request that finds the queue full is refused at once (the caller answers 503) instead of waiting behind others.
import type { Worker } from "node:worker_threads";
import type { Candidate } from "../../workbench/evaluation/metrics";
import { typescriptThread } from "../../workbench/threads/typescript-thread";
import type { RegisteredVersion } from "../../workbench/registry/model-version";
import type { ModelIdentity, Predictor } from "../../workbench/evaluation/predictor";
import type { Explained } from "./classifier";
import { checkRegisteredFiles } from "../../workbench/registry/artifact-files";
import { useRecent } from "../../workbench/recently-used";

const PREDICTOR_BATCH = 2048;

export interface InferenceRequest {
  id: number;
  /** explain: top-k and word explanations (the API); topK: top-k only (evaluation sets, batch by batch) */
  op: "explain" | "topK";
  version: Pick<RegisteredVersion, "sha256" | "artifactDir">;
  texts: string[];
  k: number;
}

/** explain's answer (Classifier.explain); topK's has no explanations, evidence or translations */
export type InferenceResult = Explained;

export type InferenceResponse =
  { id: number; ok: true; result: InferenceResult } | { id: number; ok: false; error: { name: string; message: string } };

export class QueueFull extends Error {
  override name = "QueueFull";
}

interface Pending {
  request: InferenceRequest;
  resolve: (r: InferenceResult) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  busy: Pending | null;
  /** the models this worker has been given, least recently used first (each worker loads and keeps its own copy of
   * at most `modelsPerWorker`, letting go of the least recently used by the same rule: useRecent) */
  holds: Map<string, true>;
}

/**
 * Which queued request (by model) a free worker takes: the oldest for a model it holds, else the oldest for a model no
 * other worker holds, else the oldest. Loading a model takes seconds (a retrieval index is built) and every worker
 * keeps its own copy, so after a fresh start each version is loaded by one worker rather than by each; a worker never
 * idles while requests wait (a second copy of a busy model beats waiting), and a request for a model another worker
 * holds is served when that worker is free, oldest first.
 */
export function pickRequest(queue: readonly string[], holds: { has(model: string): boolean }, heldElsewhere: ReadonlySet<string>): number {
  const own = queue.findIndex((model) => holds.has(model));
  if (own >= 0) return own;
  const unheld = queue.findIndex((model) => !heldElsewhere.has(model));
  return unheld >= 0 ? unheld : 0;
}

export class InferencePool {
  private readonly workers: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;

  constructor(
    readonly size: number,
    /** requests waiting for a free worker, at most */
    readonly maxQueue: number,
    /** versions each worker keeps loaded, at most */
    readonly modelsPerWorker = Infinity,
  ) {
    for (let i = 0; i < size; i++) this.workers.push(this.spawn());
  }

  private spawn(): Slot {
    const slot: Slot = {
      worker: typescriptThread("models/hs-classifier/inference-worker-main.ts", { modelsPerWorker: this.modelsPerWorker }),
      busy: null,
      holds: new Map(),
    };
    slot.worker.unref();
    slot.worker.on("message", (response: InferenceResponse) => {
      const pending = slot.busy;
      slot.busy = null;
      if (pending) {
        if (response.ok) pending.resolve(response.result);
        else pending.reject(Object.assign(new Error(response.error.message), { name: response.error.name }));
      }
      this.dispatch();
    });
    slot.worker.on("error", (error) => {
      // a crashed worker fails its request and is replaced
      slot.busy?.reject(error);
      slot.busy = null;
      const index = this.workers.indexOf(slot);
      if (index >= 0) this.workers[index] = this.spawn();
      this.dispatch();
    });
    return slot;
  }

  private dispatch(): void {
    for (const slot of this.workers) {
      if (slot.busy || this.queue.length === 0) continue;
      const elsewhere = new Set(this.workers.filter((w) => w !== slot).flatMap((w) => [...w.holds.keys()]));
      const [next] = this.queue.splice(
        pickRequest(
          this.queue.map((p) => p.request.version.sha256),
          slot.holds,
          elsewhere,
        ),
        1,
      );
      slot.busy = next!;
      useRecent(slot.holds, next!.request.version.sha256, () => true, this.modelsPerWorker);
      slot.worker.postMessage(next!.request);
    }
  }

  /** Top-k codes and word explanations, computed in a worker; QueueFull when the queue is at its bound. */
  explain(version: InferenceRequest["version"], texts: string[], k: number): Promise<InferenceResult> {
    const waiting = this.queue.length + this.workers.filter((w) => w.busy).length;
    if (waiting >= this.size + this.maxQueue) return Promise.reject(new QueueFull("the classification queue is full; try again in a moment"));
    return this.run("explain", version, texts, k);
  }

  /**
   * A predictor whose batches run in the workers (evaluation sets for Compare and promotion requests): one batch in
   * flight at a time by default, so a long job never holds more than one worker and the API keeps the others; `inFlight`
   * batches at once where nothing else waits for the pool (the CLI's predict on every core). Background jobs are not
   * refused by the queue bound; they wait their turn. Answers in the order of the texts.
   */
  predictor(version: ModelIdentity & { artifactDir: string }, inFlight = 1): Predictor {
    return {
      identity: { name: version.name, version: version.version, sha256: version.sha256 },
      // as a worker checks them before loading (on this thread: reading and hashing the files, no load)
      verifyFiles: async () => checkRegisteredFiles(version),
      topK: async (texts, k, onProgress) => {
        const batches: Candidate[][][] = [];
        let [next, done] = [0, 0];
        const lane = async () => {
          for (let b = next++; b * PREDICTOR_BATCH < texts.length; b = next++) {
            const batch = texts.slice(b * PREDICTOR_BATCH, (b + 1) * PREDICTOR_BATCH);
            batches[b] = (await this.run("topK", version, batch, k)).candidates;
            onProgress?.((done += batch.length), texts.length);
          }
        };
        await Promise.all(Array.from({ length: inFlight }, lane));
        return batches.flat();
      },
    };
  }

  private run(op: InferenceRequest["op"], version: InferenceRequest["version"], texts: string[], k: number): Promise<InferenceResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({
        request: { id: this.nextId++, op, version: { sha256: version.sha256, artifactDir: version.artifactDir }, texts, k },
        resolve,
        reject,
      });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}
