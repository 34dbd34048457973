import { appendFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadArtifact } from "../../models/hs-classifier/artifact";
import { ArtifactError } from "../../workbench/registry/artifact-files";
import { modelCardSchema } from "../../models/hs-classifier/model-card";
import { nodeTf } from "../../models/hs-classifier/tf";
import { trainFromConfig } from "../../models/hs-classifier/train-pipeline";
import { trainingConfigSchema } from "../../models/hs-classifier/training-config";

const root = mkdtempSync(join(tmpdir(), "workbench-models-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("training a tiny model end to end", () => {
  it("trains, saves with sha256s, loads back and predicts identically; refuses tampered artifacts", async () => {
    const config = trainingConfigSchema.parse(JSON.parse(readFileSync("models/configs/tiny.json", "utf8")));
    const stages: string[] = [];
    const result = await trainFromConfig(config, (p) => stages.push(p.stage), root);
    expect(new Set(stages)).toEqual(new Set(["data", "train", "evaluate", "save"]));
    expect(result.manifest.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(result.manifest.files).sort()).toEqual(["card.json", "features.json", "labels.json", "model.json", "weights.bin"]);
    expect(modelCardSchema.parse(result.card).evaluation["held-out"]!.metrics.n).toBeGreaterThan(100);
    // Chapter-level accuracy of even a tiny model on two chapters is far above chance.
    expect(result.card.evaluation["held-out"]!.metrics.accuracy.hs2!.top1).toBeGreaterThan(0.8);

    const tf = await nodeTf();
    const texts = ["live horses for breeding", "laptop computer 15 inch", "Caballos vivos"];
    const first = await loadArtifact(tf, result.dir);
    const again = await loadArtifact(tf, result.dir);
    const a = await first.classifier.topK(texts, 5);
    const b = await again.classifier.topK(texts, 5);
    expect(b).toEqual(a);
    expect(a[0]![0]!.code.slice(0, 2)).toBe("01");
    expect(a[1]![0]!.code.slice(0, 2)).toBe("84");

    appendFileSync(join(result.dir, "weights.bin"), Buffer.from([0]));
    await expect(loadArtifact(tf, result.dir)).rejects.toThrow(ArtifactError);
    await expect(loadArtifact(tf, result.dir)).rejects.toThrow(/weights.bin does not match its sha256 in manifest.json/);
  });

  it("names the field a bad configuration gets wrong", async () => {
    const bad = trainingConfigSchema.safeParse({ ...JSON.parse(readFileSync("models/configs/tiny.json", "utf8")), version: "one" });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.message).toMatch(/version: like 1.0.0/);
  });
});
