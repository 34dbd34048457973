// The hierarchical training helper thread: computes the gradient of its part of each batch into its own shared
// gradient, reading the shared parameters, and says which rows it wrote (trainHierarchical adds them in).
import { parentPort } from "node:worker_threads";
import { accumulateGradients, type HelperAnswer, type HelperSetup, type Touched } from "./hierarchical-training";

let setup: HelperSetup | null = null;
let touched: Touched | null = null;

parentPort!.on("message", (message: HelperSetup | { rows: Int32Array; batchSize: number }) => {
  if ("p" in message) {
    setup = message;
    touched = { features: new Uint8Array(message.p.dim), featureList: [], chapters: new Uint8Array(message.p.chapterBias.length), chapterList: [] };
    return;
  }
  let answer: HelperAnswer;
  try {
    const { p, grad, sparse, labels } = setup!;
    const t = touched!;
    const loss = accumulateGradients(p, grad, t, setup!, sparse, message.rows, (row) => labels[row]!, message.batchSize);
    answer = { loss, features: Int32Array.from(t.featureList), chapters: Int32Array.from(t.chapterList) };
    for (const i of t.featureList) t.features[i] = 0;
    for (const c of t.chapterList) t.chapters[c] = 0;
    t.featureList.length = 0;
    t.chapterList.length = 0;
  } catch (error) {
    answer = { error: (error as Error).message };
  }
  parentPort!.postMessage(answer);
});
