// A Web Worker that classifies for the page (bundled on its own by scripts/build-workers.js into
// public/workers/classify-worker.js): the same loadBrowserModel, files fetched and checked against their sha256s in
// the worker, so a batch of thousands of descriptions never holds the page, and several workers use several cores.
// Messages: { id, ref } loads a version and answers its identity; { id, ref, texts, k } answers its top k per text.
import { loadBrowserModel } from "./browser-model.client";
import type { WorkerReply, WorkerRequest } from "./classify-workers.client";

const scope = self as unknown as { onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null; postMessage(reply: WorkerReply): void };

scope.onmessage = ({ data }) => {
  void (async () => {
    try {
      const { classifier } = await loadBrowserModel(data.ref);
      const { identity } = classifier;
      scope.postMessage(
        data.texts ? { id: data.id, identity, candidates: await classifier.topK(data.texts, data.k ?? 1) } : { id: data.id, identity },
      );
    } catch (error) {
      scope.postMessage({ id: data.id, error: error instanceof Error ? error.message : String(error) });
    }
  })();
};
