// An inference worker thread: loads registered artifacts (checked against their registered sha256) and answers top-k
// and explanation requests, so a large request never runs on the server's event loop.
import { resolve } from "node:path";
import { parentPort } from "node:worker_threads";
import { repoRoot } from "../../workbench/hs/load-fixtures";
import { loadArtifact, type LoadedModel } from "./artifact";
import type { InferenceRequest, InferenceResponse } from "./inference-pool";
import { nodeTf } from "./tf";

const loaded = new Map<string, Promise<LoadedModel>>();

function modelOf(version: InferenceRequest["version"]): Promise<LoadedModel> {
  let loading = loaded.get(version.sha256);
  if (!loading) {
    loading = nodeTf().then((tf) => loadArtifact(tf, resolve(repoRoot(), version.artifactDir), version.sha256));
    loading.catch(() => loaded.delete(version.sha256));
    loaded.set(version.sha256, loading);
  }
  return loading;
}

parentPort!.on("message", async (request: InferenceRequest) => {
  let response: InferenceResponse;
  try {
    const { classifier } = await modelOf(request.version);
    const result =
      request.op === "explain"
        ? await classifier.explain(request.texts, request.k)
        : { candidates: await classifier.topK(request.texts, request.k), explanations: [] };
    response = { id: request.id, ok: true, result };
  } catch (error) {
    response = { id: request.id, ok: false, error: { name: (error as Error).name, message: (error as Error).message } };
  }
  parentPort!.postMessage(response);
});
