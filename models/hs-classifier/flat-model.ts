// The flat classifier's model: dense ReLU layers over hashed n-gram vectors, then one softmax over every label (no
// Embedding layer: it fails on the wasm backend). Trained with tfjs' own optimiser.
import type * as tfTypes from "@tensorflow/tfjs";
import { featuriseBatch, type FeaturiserConfig } from "../../workbench/features/hashed-features";

type Tf = typeof tfTypes;

export interface ArchitectureConfig {
  /** flat: one softmax over every label; hierarchical: chapter, then subheading within the chapter (ADR 0010) */
  kind?: "flat" | "hierarchical";
  hidden: number[];
  dropout: number;
}

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
      const x = tf.tensor2d(
        featuriseBatch(
          slice.map((e) => e.text),
          features,
        ),
        [slice.length, features.dim],
      );
      const y = tf.tensor1d(
        slice.map((e) => e.label),
        "float32",
      );
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
