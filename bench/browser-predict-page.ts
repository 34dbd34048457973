// Runs inside headless Chromium for `npm run bench:browser-predict`: Explore's batch prediction as the page runs it, in
// the classification workers (batchClassifier) or on the page's own thread (pageBatchClassifier), page by page.
import { batchClassifier, pageBatchClassifier } from "../app/classify/classify-workers.client";
import type { Candidate } from "../workbench/evaluation/metrics";

/** as many texts at a time as Explore's batch prediction classifies (batch-predict-queries.client.ts) */
const PAGE = 4096;

const api = {
  /** `lines`: the batch's size as the workers are chosen for it (workersFor), the texts' number unless given */
  async predict(ref: string, textsUrl: string, where: "workers" | "page", lines?: number) {
    const texts = (await (await fetch(textsUrl)).json()) as string[];
    // the page's long tasks (50 ms or more) while it loads and classifies: how long it could not answer
    const long: number[] = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => long.push(e.duration))).observe({ type: "longtask" });
    // from a task of the page's own, as a click starts it: code run for the harness is not observed as the page's task
    const ownTask = () => new Promise((r) => setTimeout(r, 0));
    await ownTask();
    let t = performance.now();
    const classifier = await (where === "workers" ? batchClassifier(ref, lines ?? texts.length) : pageBatchClassifier(ref));
    const loadMs = Math.round(performance.now() - t);
    await ownTask();
    t = performance.now();
    const answers: Candidate[][] = [];
    for (let at = 0; at < texts.length; at += PAGE) {
      answers.push(...(await classifier.topK(texts.slice(at, at + PAGE), 1)));
      // Explore writes each page into DuckDB (its worker) before the next: the page's thread is free between pages
      await ownTask();
    }
    const predictMs = Math.round(performance.now() - t);
    // the observer reports a task after it ends
    await new Promise((r) => setTimeout(r, 100));
    return {
      workers: classifier.workers,
      loadMs,
      predictMs,
      longestTaskMs: Math.round(Math.max(0, ...long)),
      longTasksMs: Math.round(long.reduce((a, b) => a + b, 0)),
      answers: answers.map((c) => (c[0] ? `${c[0].code}:${c[0].probability}` : "")).join("\n"),
    };
  },
};

(window as unknown as { bench: typeof api }).bench = api;
document.title = "bench ready";
