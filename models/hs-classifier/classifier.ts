import type * as tfTypes from "@tensorflow/tfjs";
import { featuriseBatch, featuriseSparse, type FeaturiserConfig } from "../../workbench/features/hashed-features";
import type { Candidate } from "../../workbench/evaluation/metrics";
import { hierarchicalTopK, isHierarchical } from "./hierarchical";
import { sparseReluLayer } from "./vector-math";

type Tf = typeof tfTypes;

export interface ArchitectureConfig {
  /** flat: one softmax over every label; hierarchical: chapter, then subheading within the chapter (ADR 0010) */
  kind?: "flat" | "hierarchical";
  hidden: number[];
  dropout: number;
}

/** Dense layers over hashed n-gram vectors (no Embedding layer: it fails on the wasm backend). */
export function buildModel(tf: Tf, features: FeaturiserConfig, architecture: ArchitectureConfig, labels: number, seed: number): tfTypes.LayersModel {
  const model = tf.sequential();
  architecture.hidden.forEach((units, i) => {
    model.add(
      tf.layers.dense({
        ...(i === 0 ? { inputShape: [features.dim] } : {}),
        units,
        activation: "relu",
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed + i }),
      }),
    );
    if (architecture.dropout > 0) model.add(tf.layers.dropout({ rate: architecture.dropout, seed: seed + 100 + i }));
  });
  model.add(tf.layers.dense({ units: labels, activation: "softmax", kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 999 }) }));
  return model;
}

export interface TrainOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  onBatch?: (epoch: number, batch: number, batches: number, loss: number) => void;
  onEpoch?: (epoch: number, seconds: number, loss: number) => void;
}

/** Trains batch by batch, featurising on the fly so memory stays at one batch of dense vectors. */
export async function train(
  tf: Tf,
  model: tfTypes.LayersModel,
  features: FeaturiserConfig,
  examples: readonly { text: string; label: number }[],
  options: TrainOptions,
): Promise<number[]> {
  model.compile({ optimizer: tf.train.adam(options.learningRate), loss: "sparseCategoricalCrossentropy" });
  const batches = Math.ceil(examples.length / options.batchSize);
  const secondsPerEpoch: number[] = [];
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const started = performance.now();
    let lossSum = 0;
    for (let b = 0; b < batches; b++) {
      const slice = examples.slice(b * options.batchSize, (b + 1) * options.batchSize);
      const x = tf.tensor2d(featuriseBatch(slice.map((e) => e.text), features), [slice.length, features.dim]);
      const y = tf.tensor1d(slice.map((e) => e.label), "float32");
      const loss = (await model.trainOnBatch(x, y)) as number;
      x.dispose();
      y.dispose();
      lossSum += loss;
      options.onBatch?.(epoch, b, batches, loss);
    }
    const seconds = (performance.now() - started) / 1000;
    secondsPerEpoch.push(Math.round(seconds * 10) / 10);
    options.onEpoch?.(epoch, seconds, lossSum / batches);
  }
  return secondsPerEpoch;
}

interface FirstLayer {
  kernel: Float32Array;
  bias: Float32Array;
  units: number;
}

const firstLayers = new WeakMap<tfTypes.LayersModel, FirstLayer>();

/** The first dense layer's weights, read once per model (they never change after training). */
function firstLayerOf(model: tfTypes.LayersModel): FirstLayer {
  let layer = firstLayers.get(model);
  if (!layer) {
    const [kernel, bias] = model.layers[0]!.getWeights() as [tfTypes.Tensor2D, tfTypes.Tensor1D];
    layer = { kernel: kernel.dataSync() as Float32Array, bias: bias.dataSync() as Float32Array, units: kernel.shape[1] };
    firstLayers.set(model, layer);
  }
  return layer;
}

/**
 * The first hidden layer computed sparsely: a text has a few hundred non-zero features out of thousands, so summing
 * their kernel rows (what an embedding bag does) replaces a dense matrix product. Same ReLU(xW + b).
 */
function firstHidden(model: tfTypes.LayersModel, features: FeaturiserConfig, texts: readonly string[]): Float32Array {
  const { kernel, bias, units } = firstLayerOf(model);
  const hidden = new Float32Array(texts.length * units);
  texts.forEach((text, row) => sparseReluLayer(kernel, bias, units, featuriseSparse(text, features), hidden.subarray(row * units, (row + 1) * units)));
  return hidden;
}

/** Class probabilities for texts (call inside tf.tidy): the sparse first layer, then the model's other layers. */
export function probabilities(tf: Tf, model: tfTypes.LayersModel, features: FeaturiserConfig, texts: readonly string[]): tfTypes.Tensor2D {
  let x: tfTypes.Tensor = tf.tensor2d(firstHidden(model, features, texts), [texts.length, firstLayerOf(model).units]);
  for (const layer of model.layers.slice(1)) x = layer.apply(x) as tfTypes.Tensor; // dropout is the identity outside training
  return x as tfTypes.Tensor2D;
}

/**
 * Top-k HS 6 candidates for each text. Flat models: the first layer is computed sparsely in JavaScript, the rest in
 * TensorFlow.js, and the top-k is taken inside TensorFlow.js (copying all 5,612 probabilities per text back to JS
 * cost more than the model); batches are large: tfjs' default of 32 is far slower. Hierarchical models: an exact
 * top-k search over chapters (hierarchical.ts).
 */
export async function predictTopK(
  tf: Tf,
  model: tfTypes.LayersModel,
  features: FeaturiserConfig,
  labels: readonly string[],
  texts: readonly string[],
  k = 5,
  batchSize = 2048,
  onBatch?: (done: number, total: number) => void,
): Promise<Candidate[][]> {
  const out: Candidate[][] = [];
  const top = Math.min(k, labels.length);
  for (let start = 0; start < texts.length; start += batchSize) {
    const slice = texts.slice(start, start + batchSize);
    out.push(...(isHierarchical(model) ? hierarchicalTopK(model, features, labels, slice, top) : await flatTopK(tf, model, features, labels, slice, top)));
    if (onBatch) {
      onBatch(out.length, texts.length);
      // let a server answer other requests between batches of a long run
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }
  return out;
}

async function flatTopK(tf: Tf, model: tfTypes.LayersModel, features: FeaturiserConfig, labels: readonly string[], texts: readonly string[], top: number): Promise<Candidate[][]> {
  const { values, indices } = tf.tidy(() => tf.topk(probabilities(tf, model, features, texts), top, true));
  const [p, i] = await Promise.all([values.data(), indices.data()]);
  values.dispose();
  indices.dispose();
  return texts.map((_, row) => Array.from({ length: top }, (__, j) => ({ code: labels[i[row * top + j]!]!, probability: p[row * top + j]! })));
}
