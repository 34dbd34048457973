// An inference worker thread: loads registered artifacts (checked against their registered sha256) and answers top-k
// and explanation requests, so a large request never runs on the server's event loop.
import { parentPort, workerData } from "node:worker_threads";
import type { InferenceRequest, InferenceResponse } from "./inference-pool";
import { NOTHING_EXPLAINED } from "./classifier";
import { keepAtMost, loadRegistered } from "./registered-classifier";

// the pool gives one request at a time and mirrors which versions are kept by the same rule
keepAtMost((workerData as { modelsPerWorker: number }).modelsPerWorker);

parentPort!.on("message", async (request: InferenceRequest) => {
  let response: InferenceResponse;
  try {
    const { classifier } = await loadRegistered(request.version);
    const result =
      request.op === "explain"
        ? await classifier.explain(request.texts, request.k)
        : { candidates: await classifier.topK(request.texts, request.k), explanations: [], ...NOTHING_EXPLAINED };
    response = { id: request.id, ok: true, result };
  } catch (error) {
    response = { id: request.id, ok: false, error: { name: (error as Error).name, message: (error as Error).message } };
  }
  parentPort!.postMessage(response);
});
