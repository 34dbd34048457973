// The sparse first layer (kernel rows of the active n-grams summed in JavaScript) must give what the dense model gives,
// and the top-k read from the probabilities what TensorFlow.js's own tf.topk gives.
import { readFileSync } from "node:fs";
import type * as tfTypes from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { loadArtifact } from "../../models/hs-classifier/artifact";
import { flatTopK, probabilities } from "../../models/hs-classifier/flat-inference";
import { topIndices } from "../../models/hs-classifier/vector-kernels";
import { nodeTf } from "../../models/hs-classifier/tf";
import { parseCsvRecords } from "../../workbench/csv";
import { featuriseBatch } from "../../workbench/features/hashed-features";

/** 500 demo descriptions and three without words */
function demoTexts(): string[] {
  const texts = parseCsvRecords(readFileSync("fixtures/demo-extract.csv", "utf8"), ["goods_description"])
    .slice(0, 500)
    .map((r) => r.goods_description!);
  return [...texts, "", "   ", "12345"];
}

describe("sparse first layer", () => {
  it("equals the dense model's probabilities on 500 demo descriptions (both shipped models)", async () => {
    const tf = await nodeTf();
    const texts = demoTexts();
    for (const name of ["hs-baseline", "hs-standard"]) {
      const { model, features } = (await loadArtifact(tf, `models/artifacts/${name}/1.0.0`)).neural!;
      const [sparse, dense] = tf.tidy(() => [
        probabilities(tf, model, features, texts).arraySync(),
        (
          model.predict(tf.tensor2d(featuriseBatch(texts, features), [texts.length, features.dim]), { batchSize: texts.length }) as tfTypes.Tensor2D
        ).arraySync(),
      ]);
      let maxDiff = 0;
      sparse.forEach((row, r) => row.forEach((p, c) => (maxDiff = Math.max(maxDiff, Math.abs(p - dense[r]![c]!)))));
      expect(maxDiff, name).toBeLessThan(1e-5);
    }
  });

  it("takes the top k as tf.topk does: the same codes, order and probabilities, equal values by lower index first", async () => {
    const tf = await nodeTf();
    // rows full of ties, and k larger than a row
    const rows = 64;
    const n = 300;
    const values = Float32Array.from({ length: rows * n }, (_, i) => Math.floor(((i * 7919) % 97) / 10) / 10);
    const reference = tf.tidy(() => tf.topk(tf.tensor2d(values, [rows, n]), 7, true).indices.arraySync());
    for (let r = 0; r < rows; r++) expect(topIndices(values, r * n, n, 7)).toEqual(reference[r]);
    expect(topIndices(Float32Array.of(0.2, 0.5, 0.2), 0, 3, 5)).toEqual([1, 0, 2]);

    const texts = demoTexts();
    for (const name of ["hs-baseline", "hs-standard"]) {
      const { model, features } = (await loadArtifact(tf, `models/artifacts/${name}/1.0.0`)).neural!;
      const labels = Array.from({ length: model.outputs[0]!.shape[1]! }, (_, i) => String(i));
      const tensors = tf.memory().numTensors;
      const top = await flatTopK(tf, model, features, labels, texts, 5);
      expect(tf.memory().numTensors, "no tensor left behind").toBe(tensors);
      const expected = tf.tidy(() => {
        const { values: p, indices } = tf.topk(probabilities(tf, model, features, texts), 5, true);
        return { p: p.arraySync(), indices: indices.arraySync() };
      });
      expect(
        top.map((row) => row.map((c) => c.code)),
        name,
      ).toEqual(expected.indices.map((row) => row.map(String)));
      expect(
        top.map((row) => row.map((c) => c.probability)),
        name,
      ).toEqual(expected.p);
    }
  });
});
