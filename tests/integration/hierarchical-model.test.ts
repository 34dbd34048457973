// The hierarchical model (ADR 0010): its fast JavaScript path must give what its TensorFlow.js graph gives, its top-k
// search must be exact, and it must survive save → load unchanged.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type * as tfTypes from "@tensorflow/tfjs";
import { CANDIDATE_CODES, softmax } from "../../models/hs-classifier/calibration";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadArtifact, type LoadedModel } from "../../models/hs-classifier/artifact";
import { hierarchicalProbabilities } from "../../models/hs-classifier/hierarchical-inference";
import { chapterRanges, isHierarchical } from "../../models/hs-classifier/hierarchical-model";
import { accumulateGradients, initialParameters, packFeatures } from "../../models/hs-classifier/hierarchical-training";
import { nodeTf } from "../../models/hs-classifier/tf";
import { trainFromConfig, type TrainResult } from "../../models/hs-classifier/train-pipeline";
import { trainingConfigSchema } from "../../models/hs-classifier/training-config";
import { featuriseBatch } from "../../workbench/features/hashed-features";
import { createRng } from "../../workbench/random";

const root = mkdtempSync(join(tmpdir(), "workbench-hierarchical-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const texts = [
  "live horses for breeding",
  "frozen cod fillets",
  "laptop computer 15 inch",
  "Caballos vivos",
  "filetes de merluza congelados",
  "",
  "12 x 500 g",
  "pompe à chaleur",
];
let trained: TrainResult;
let loaded: LoadedModel;
let tf: Awaited<ReturnType<typeof nodeTf>>;

beforeAll(async () => {
  tf = await nodeTf();
  const config = trainingConfigSchema.parse(JSON.parse(readFileSync("models/configs/tiny-hierarchical.json", "utf8")));
  trained = await trainFromConfig(config, () => {}, root);
  loaded = await loadArtifact(tf, trained.dir);
});

describe("hierarchical model", () => {
  it("learns chapters and subheadings, and says so in its card", () => {
    expect(isHierarchical(loaded.neural!.model)).toBe(true);
    expect(loaded.classifier.architecture).toBe("hierarchical");
    expect(loaded.card.architecture.kind).toBe("hierarchical");
    const heldOut = trained.card.evaluation["held-out"]!.metrics;
    expect(heldOut.n).toBeGreaterThan(100);
    expect(heldOut.accuracy.hs2!.top1!).toBeGreaterThan(0.85);
    expect(heldOut.accuracy.hs6!.top5!).toBeGreaterThan(heldOut.accuracy.hs6!.top1!);
  });

  it("computes the same probabilities as its TensorFlow.js graph", () => {
    const fast = hierarchicalProbabilities(loaded.neural!.model, loaded.neural!.features, loaded.labels, texts);
    const { start } = chapterRanges(loaded.labels);
    const [chapter, logits] = tf.tidy(() =>
      (
        loaded.neural!.model.predict(
          tf.tensor2d(featuriseBatch(texts, loaded.neural!.features), [texts.length, loaded.neural!.features.dim]),
        ) as tfTypes.Tensor2D[]
      ).map((t) => t.arraySync()),
    );
    let maxDiff = 0;
    texts.forEach((_, row) => {
      let total = 0;
      for (let c = 0; c + 1 < start.length; c++) {
        const range = logits![row]!.slice(start[c]!, start[c + 1]!);
        const max = Math.max(...range);
        const sum = range.reduce((s, x) => s + Math.exp(x - max), 0);
        range.forEach((x, j) => {
          const reference = chapter![row]![c]! * (Math.exp(x - max) / sum);
          maxDiff = Math.max(maxDiff, Math.abs(reference - fast[row]![start[c]! + j]!));
          total += fast[row]![start[c]! + j]!;
        });
      }
      expect(total).toBeCloseTo(1, 4);
    });
    expect(maxDiff).toBeLessThan(1e-5);
  });

  // the full distribution's best 50 codes, recalibrated with the temperature the card records (fitted on real text)
  const calibratedTop = (full: ArrayLike<number>, labels: readonly string[], temperature: number | undefined) => {
    const top = Array.from(full, (p, i) => ({ code: labels[i]!, probability: p }))
      .sort((a, b) => b.probability - a.probability)
      .slice(0, CANDIDATE_CODES);
    if (temperature === undefined) return top;
    const p = softmax(
      top.map((c) => Math.log(Math.max(c.probability, 1e-30))),
      temperature,
    );
    return top.map((c, i) => ({ code: c.code, probability: p[i]! }));
  };

  it("finds exactly the top-k of the full distribution, calibrated as its card says", async () => {
    expect(loaded.card.calibration?.temperature).toBeGreaterThan(0);
    const full = hierarchicalProbabilities(loaded.neural!.model, loaded.neural!.features, loaded.labels, texts);
    const top = await loaded.classifier.topK(texts, 10);
    texts.forEach((text, row) => {
      // an empty text has nothing to classify: no codes, never a guess
      if (!text) return expect(top[row]).toEqual([]);
      const expected = calibratedTop(full[row]!, loaded.labels, loaded.card.calibration?.temperature).slice(0, 10);
      expect(top[row]!.map((c) => c.code)).toEqual(expected.map((c) => c.code));
      top[row]!.forEach((c, j) => expect(c.probability).toBeCloseTo(expected[j]!.probability, 6));
    });
  });

  it("predicts identically after save → load, and explains with leave-one-out probabilities", async () => {
    const again = await loadArtifact(tf, trained.dir);
    const a = await loaded.classifier.topK(texts, 5);
    expect(await again.classifier.topK(texts, 5)).toEqual(a);
    expect(a[0]![0]!.code.slice(0, 2)).toBe("01");
    expect(a[1]![0]!.code.slice(0, 2)).toBe("03");
    expect(a[2]![0]!.code.slice(0, 2)).toBe("84");

    const { candidates, explanations } = await again.classifier.explain(texts.slice(0, 3), 5);
    expect(candidates).toEqual(a.slice(0, 3));
    expect(explanations[0]!.map((w) => w.token)).toEqual(["live", "horses", "for", "breeding"]);
    // leaving out "horses" lowers the probability of a chapter 01 code more than leaving out "for"
    const weight = (token: string) => explanations[0]!.find((w) => w.token === token)!.weight!;
    expect(weight("horses")).toBeGreaterThan(weight("for"));
    const without = hierarchicalProbabilities(again.neural!.model, again.neural!.features, again.labels, ["live for breeding"])[0]!;
    const withoutTop = calibratedTop(without, again.labels, again.card.calibration?.temperature).find((c) => c.code === a[0]![0]!.code);
    expect(weight("horses")).toBeCloseTo(a[0]![0]!.probability - (withoutTop?.probability ?? 0), 4);
  });
});

describe("hierarchical training", () => {
  it("computes the gradients tfjs autograd computes for the same loss", async () => {
    const tf = await nodeTf();
    const labels = ["010110", "010121", "010190", "030111", "030119", "840110", "840120", "840130", "840140"];
    const ranges = chapterRanges(labels);
    const features = { version: 1 as const, dim: 64, charNgrams: [3], wordNgrams: [1] };
    const p = initialParameters(features.dim, 8, ranges.chapters.length, labels.length, 3);
    const rng = createRng(5);
    for (const b of [p.bias, p.chapterBias, p.labelBias]) b.forEach((_, i) => (b[i] = rng.next() - 0.5));
    const texts = ["live horses", "frozen fish fillets", "nuclear reactors", "fuel elements", "pure-bred breeding horses", "tuna"];
    const truth = [1, 4, 5, 6, 0, 3];
    const grad = initialParameters(features.dim, 8, ranges.chapters.length, labels.length, 0);
    for (const name of ["kernel", "bias", "chapterRows", "chapterBias", "labelRows", "labelBias"] as const) grad[name].fill(0);
    const touched = { features: new Uint8Array(features.dim), featureList: [], chapters: new Uint8Array(3), chapterList: [] };
    const loss = accumulateGradients(p, grad, touched, ranges, packFeatures(texts, features), [0, 1, 2, 3, 4, 5], (row) => truth[row]!);

    const transpose = (data: Float32Array, rows: number, cols: number) => tf.tensor2d(data, [rows, cols]).transpose();
    const x = tf.tensor2d(featuriseBatch(texts, features), [texts.length, features.dim]);
    const lossOf = (
      kernel: tfTypes.Tensor,
      bias: tfTypes.Tensor,
      chapterKernel: tfTypes.Tensor,
      chapterBias: tfTypes.Tensor,
      labelKernel: tfTypes.Tensor,
      labelBias: tfTypes.Tensor,
    ) => {
      const h = tf.relu(tf.add(tf.matMul(x, kernel as tfTypes.Tensor2D), bias)) as tfTypes.Tensor2D;
      const chapterLog = tf.logSoftmax(tf.add(tf.matMul(h, chapterKernel as tfTypes.Tensor2D), chapterBias));
      const labelLogits = tf.add(tf.matMul(h, labelKernel as tfTypes.Tensor2D), labelBias) as tfTypes.Tensor2D;
      const terms = truth.map((label, r) => {
        const c = ranges.chapterOf[label]!;
        const from = ranges.start[c]!;
        const within = tf.logSoftmax(tf.slice(labelLogits, [r, from], [1, ranges.start[c + 1]! - from]));
        return tf.add(tf.slice(chapterLog, [r, c], [1, 1]).sum(), tf.slice(within, [0, label - from], [1, 1]).sum());
      });
      return tf.div(tf.neg(tf.addN(terms)), texts.length) as tfTypes.Scalar;
    };
    const args = [
      tf.tensor2d(p.kernel, [features.dim, 8]),
      tf.tensor1d(p.bias),
      transpose(p.chapterRows, 3, 8),
      tf.tensor1d(p.chapterBias),
      transpose(p.labelRows, labels.length, 8),
      tf.tensor1d(p.labelBias),
    ];
    const { value, grads } = tf.valueAndGrads(lossOf)(args);
    expect(loss).toBeCloseTo(value.dataSync()[0]!, 4);
    const near = (a: Float32Array, b: tfTypes.Tensor) => {
      const expected = b.dataSync();
      return Math.max(...Array.from(a, (v, i) => Math.abs(v - expected[i]!)));
    };
    expect(near(grad.kernel, grads[0]!)).toBeLessThan(1e-5);
    expect(near(grad.bias, grads[1]!)).toBeLessThan(1e-5);
    expect(near(grad.chapterRows, grads[2]!.transpose())).toBeLessThan(1e-5);
    expect(near(grad.chapterBias, grads[3]!)).toBeLessThan(1e-5);
    expect(near(grad.labelRows, grads[4]!.transpose())).toBeLessThan(1e-5);
    expect(near(grad.labelBias, grads[5]!)).toBeLessThan(1e-5);
    // the gradient is not trivially zero
    expect(Math.max(...grad.kernel.map(Math.abs))).toBeGreaterThan(1e-3);
    // the lazy bookkeeping names exactly the chapters and feature rows the batch used
    expect([...touched.chapterList].sort()).toEqual([0, 1, 2]);
    expect(touched.featureList.length).toBeGreaterThan(10);

    // a batch in two parts, as training splits it between two threads: the same loss and gradients, summed
    const parts = [0, 1].map(() => {
      const g = initialParameters(features.dim, 8, ranges.chapters.length, labels.length, 0);
      for (const name of ["kernel", "bias", "chapterRows", "chapterBias", "labelRows", "labelBias"] as const) g[name].fill(0);
      return g;
    });
    const partTouched = () => ({ features: new Uint8Array(features.dim), featureList: [], chapters: new Uint8Array(3), chapterList: [] });
    const sparse = packFeatures(texts, features);
    const partLoss =
      accumulateGradients(p, parts[0]!, partTouched(), ranges, sparse, [0, 1, 2], (row) => truth[row]!, 6) +
      accumulateGradients(p, parts[1]!, partTouched(), ranges, sparse, Int32Array.from([3, 4, 5]), (row) => truth[row]!, 6);
    expect(partLoss).toBeCloseTo(loss, 6);
    for (const name of ["kernel", "bias", "chapterRows", "chapterBias", "labelRows", "labelBias"] as const)
      expect(Math.max(...Array.from(grad[name], (v, i) => Math.abs(v - parts[0]![name][i]! - parts[1]![name][i]!)))).toBeLessThan(1e-6);
  });
});
