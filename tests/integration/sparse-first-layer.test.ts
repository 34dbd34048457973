// The sparse first layer (kernel rows of the active n-grams summed in JavaScript) must give what the dense model gives.
import { readFileSync } from "node:fs";
import type * as tfTypes from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { loadArtifact } from "../../models/hs-classifier/artifact";
import { probabilities } from "../../models/hs-classifier/flat-inference";
import { nodeTf } from "../../models/hs-classifier/tf";
import { parseCsvRecords } from "../../workbench/csv";
import { featuriseBatch } from "../../workbench/features/hashed-features";

describe("sparse first layer", () => {
  it("equals the dense model's probabilities on 500 demo descriptions (both shipped models)", async () => {
    const tf = await nodeTf();
    const texts = parseCsvRecords(readFileSync("fixtures/demo-extract.csv", "utf8"), ["goods_description"])
      .slice(0, 500)
      .map((r) => r.goods_description!);
    texts.push("", "   ", "12345");
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
  }, 60_000);
});
