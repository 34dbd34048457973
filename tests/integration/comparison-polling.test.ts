// A comparison on a large set runs in the background while its page polls: a poll keeps nothing once it has answered.
// (Each poll used to read the versions already predicted and hold them until the slowest version was done: eight
// versions on the demo extract, polled every few seconds, ran the server out of memory.) Once ready, a report is shared
// by the requests that overlap it and kept; the Models table scores a large set in the report thread too.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Candidate } from "../../workbench/evaluation/metrics";
import type { Predictor } from "../../workbench/evaluation/predictor";
import { eventLoopWhile } from "../support/event-loop";

const dir = mkdtempSync(join(tmpdir(), "workbench-comparison-polling-"));
Object.assign(process.env, { WORKBENCH_DATA_DIR: dir, WORKBENCH_DEMO_PASSWORD: "polling-password-2026" });
const { getEnv } = await import("../../workbench/config/env");
const { getStore, getDb, openServerStore } = await import("../../app/store/context.server");
await openServerStore();
const { seedDemo } = await import("../../workbench/store/boot");
const { compareSeveral, compareVersions, evaluateVersion } = await import("../../workbench/evaluation/comparison-service");
const { shippedSet } = await import("../../workbench/evaluation/evaluation-sets");
const { resolveVersion } = await import("../../workbench/registry/model-registry");
const { registryTable } = await import("../../workbench/evaluation/registry-table");
const { scoreLines } = await import("../../workbench/evaluation/metrics");
const { cachedPredictions, hasCachedPredictions } = await import("../../workbench/evaluation/prediction-cache");
beforeAll(() => seedDemo(getStore(), getEnv()));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const heapAfterGc = () => {
  gc();
  return process.memoryUsage().heapUsed;
};

describe("a comparison polled while it is computed", () => {
  it("holds nothing per poll: the memory after twelve polls is what it was after one", async () => {
    const set = shippedSet("demo-extract");
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    // A answers at once; B answers when released (a version still being predicted)
    const predictorOf = async (v: { name: string; version: string; sha256: string }): Promise<Predictor> => ({
      identity: { name: v.name, version: v.version, sha256: v.sha256 },
      topK: async (texts) => {
        if (v.name === "hs-standard") await slow;
        return texts.map((_, i): Candidate[] => [{ code: i % 2 ? "010121" : "847130", probability: 0.5 }]);
      },
    });
    const poll = () => compareVersions(getDb(), "hs-baseline@1.0.0", "hs-standard@1.0.0", "demo-extract", { predictorOf });
    expect((await poll()).status).toBe("computing");
    const a = await resolveVersion(getDb(), "hs-baseline@1.0.0");
    await expect.poll(() => hasCachedPredictions(getDb(), a.sha256, set), { timeout: 30_000 }).toBe(true);

    const first = await poll();
    expect(first).toMatchObject({ status: "computing", progress: [{ done: set.lines.length }, { done: 0 }] });
    const before = heapAfterGc();
    for (let i = 0; i < 12; i++) expect((await poll()).status).toBe("computing");
    // the set's 99,518 lines read back from the cache are about 40 MB each time
    expect((heapAfterGc() - before) / 1e6).toBeLessThan(40);

    release();
    await expect.poll(async () => (await poll()).status, { timeout: 30_000 }).toBe("ready");
    const ready = await poll();
    expect(ready.status === "ready" && ready.comparison.set.lines).toBe(set.lines.length);
    // once both are cached, neither version's predictor is asked for (the CLI's loads the model)
    const unasked = () => Promise.reject(new Error("a cached version's predictor was asked for"));
    const reversed = () => compareVersions(getDb(), "hs-standard@1.0.0", "hs-baseline@1.0.0", "demo-extract", { predictorOf: unasked });
    // asked again while its report is computed (in the report thread): both get the one report
    const [again, alongside] = await Promise.all([reversed(), reversed()]);
    expect(again.status).toBe("ready");
    expect(alongside.status === "ready" && alongside.comparison).toBe(again.status === "ready" && again.comparison);
    // several versions: a ready comparison is kept, so a poll or a page view after it does not score it again
    const several = () => compareSeveral(getDb(), ["hs-baseline@1.0.0", "hs-standard@1.0.0"], "demo-extract", { predictorOf: unasked });
    const [once, together] = await Promise.all([several(), several()]);
    expect(together.status === "ready" && together.comparison).toBe(once.status === "ready" && once.comparison);
    const twice = await several();
    expect(once.status === "ready" && once.comparison.n).toBe(set.lines.length);
    expect(twice.status === "ready" && twice.comparison).toBe(once.status === "ready" && once.comparison);

    // the Models table on the same set: each version's figures are scored in the report thread (in place, scoring both
    // is one wait of the event loop) and equal the in-place ones
    const scoredHere = async () => {
      const started = performance.now();
      const scores = [];
      for (const ref of ["hs-baseline@1.0.0", "hs-standard@1.0.0"])
        scores.push(scoreLines(set.lines, (await cachedPredictions(getDb(), (await resolveVersion(getDb(), ref)).sha256, set))!));
      return { scores, took: performance.now() - started };
    };
    const here = await scoredHere();
    const { longest, value: table } = await eventLoopWhile(() => registryTable(getDb(), set));
    expect(longest).toBeLessThan(here.took / 4);
    const figures = ["hs-baseline@1.0.0", "hs-standard@1.0.0"].map((ref) => table.find((r) => r.ref === ref)!.figures!);
    figures.forEach((f, i) => {
      const { metrics, calibration, at95 } = here.scores[i]!;
      expect(f).toMatchObject({ n: metrics.n, hs6top1: metrics.accuracy.hs6.top1, hs2top5: metrics.accuracy.hs2.top5, ece: calibration.ece });
      expect(f.at95).toBe(at95?.share ?? 0);
    });
    expect((await registryTable(getDb(), set)).map((r) => r.figures)).toEqual(table.map((r) => r.figures));
  });

  it("one version's evaluation reports its progress while it is predicted, and none once its predictions are kept", async () => {
    const set = shippedSet("cbp-rulings");
    const predictorOf = async (v: { name: string; version: string; sha256: string }): Promise<Predictor> => ({
      identity: { name: v.name, version: v.version, sha256: v.sha256 },
      topK: async (texts, _k, onProgress) => {
        onProgress?.(Math.floor(texts.length / 2), texts.length);
        onProgress?.(texts.length, texts.length);
        return texts.map((): Candidate[] => [{ code: "847130", probability: 0.5 }]);
      },
    });
    const seen: string[] = [];
    const onProgress = (model: string, p: { done: number; total: number }) => seen.push(`${model} ${p.done}/${p.total}`);
    const first = await evaluateVersion(getDb(), "hs-hierarchical@1.0.0", "cbp-rulings", { predictorOf, onProgress });
    const n = set.lines.length;
    expect(seen).toEqual([`hs-hierarchical@1.0.0 ${Math.floor(n / 2)}/${n}`, `hs-hierarchical@1.0.0 ${n}/${n}`]);
    expect(first.scores.metrics.n).toBe(n);
    seen.length = 0;
    const again = await evaluateVersion(getDb(), "hs-hierarchical@1.0.0", "cbp-rulings", { predictorOf, onProgress });
    expect(seen).toEqual([]);
    expect(again.scores.metrics).toEqual(first.scores.metrics);
  });
});
