// The server's inference workers keep a few versions loaded and let the least recently used go: a version let go and
// asked for again answers exactly as before (a network's weights were freed, a retrieval index dropped).
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { InferencePool } from "../../models/hs-classifier/inference-pool";
import { keepAtMost, loadRegistered } from "../../models/hs-classifier/registered-classifier";

const versionOf = (ref: string) => {
  const [name, version] = ref.split("@") as [string, string];
  const artifactDir = `models/artifacts/${name}/${version}`;
  return { name, version, artifactDir, sha256: (JSON.parse(readFileSync(`${artifactDir}/manifest.json`, "utf8")) as { sha256: string }).sha256 };
};
const pool = new InferencePool(1, 8, 1);
afterAll(() => pool.close());

describe("an inference worker that keeps one version", () => {
  it("answers a version it let go exactly as before, network, retrieval and combined alike", async () => {
    const texts = ["frozen shrimp", "laptop computer 16gb", "camisetas de algodón para hombre", "---"];
    const refs = ["hs-hierarchical-glossary@1.1.0", "hs-retrieval-fast@1.6.0", "hs-combined@1.7.0"];
    const answer = (ref: string) => pool.explain(versionOf(ref), texts, 5);
    const first = new Map<string, Awaited<ReturnType<typeof answer>>>();
    for (const ref of refs) first.set(ref, await answer(ref));
    // each is loaded again (the worker kept only the last), in another order
    for (const ref of [...refs].reverse().slice(1)) expect(await answer(ref), ref).toEqual(first.get(ref));
    expect(first.get("hs-combined@1.7.0")!.candidates[0]![0]!.code).toMatch(/^\d{6}$/);
  });
});

describe("a process that keeps one version (what each worker does)", () => {
  it("loads a version again once another was used, and frees the network it let go", async () => {
    keepAtMost(1);
    const network = versionOf("hs-hierarchical-glossary@1.1.0");
    const retrieval = versionOf("hs-retrieval-fast@1.6.0");
    const first = loadRegistered(network);
    expect(loadRegistered(network)).toBe(first); // still the one kept
    const { neural, classifier } = await first;
    const before = await classifier.topK(["frozen shrimp"], 5);
    await loadRegistered(retrieval);
    await new Promise((r) => setTimeout(r, 0));
    for (const weights of neural!.model.weights) expect(() => weights.read()).toThrow(/already disposed/);
    const again = loadRegistered(network);
    expect(again).not.toBe(first);
    expect(await (await again).classifier.topK(["frozen shrimp"], 5)).toEqual(before);
  });
});
