// The flat classifier's model: dense ReLU layers over hashed n-gram vectors, then one softmax over every label (no
// Embedding layer: it fails on the wasm backend). Trained with tfjs' Adam.
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

/**
 * The last layer and the cross-entropy of the true label, with the gradients written out (dz = softmax − one-hot).
 * tfjs' own path (softmax output, then sparseCategoricalCrossentropy: clip, one-hot, renormalise, log) makes a dozen
 * passes over batch × 5,612 values, and its bias gradient is a column sum that the wasm backend does slowly; here
 * the bias gradient is a product with a row of ones. Held equal to tfjs' loss and gradients by tests/integration/flat-training.test.ts.
 */
export function softmaxCrossEntropyLayer(tf: Tf, labels: tfTypes.Tensor1D) {
  return tf.customGrad((...args: (tfTypes.Tensor | tfTypes.GradSaveFunc)[]) => {
    const [h, kernel, bias, save] = args as [tfTypes.Tensor2D, tfTypes.Tensor2D, tfTypes.Tensor1D, tfTypes.GradSaveFunc];
    const rows = h.shape[0];
    const probabilities = tf.softmax(tf.fused.matMul({ a: h, b: kernel, bias }));
    save([h, kernel, probabilities]);
    const picked = tf.gatherND(probabilities, tf.stack([tf.range(0, rows, 1, "int32"), labels], 1));
    return {
      value: tf.neg(tf.mean(tf.log(tf.maximum(picked, 1e-7)))),
      gradFunc: (dy: tfTypes.Tensor, saved: tfTypes.Tensor[]) => {
        const [h, kernel, probabilities] = saved as [tfTypes.Tensor2D, tfTypes.Tensor2D, tfTypes.Tensor2D];
        // the wasm backend's OneHot writes zeros when asked for float32: build it as int32, then cast
        const oneHot = tf.cast(tf.oneHot(labels, probabilities.shape[1]), "float32");
        const dz = tf.mul(tf.sub(probabilities, oneHot), tf.div(dy, rows)) as tfTypes.Tensor2D;
        return [tf.matMul(dz, kernel, false, true), tf.matMul(h, dz, true, false), tf.matMul(tf.ones([1, rows]), dz).reshape([-1])];
      },
    };
  });
}

/**
 * Trains batch by batch, featurising on the fly so memory stays at one batch of dense vectors. Adam on every
 * trainable weight, dropout active; the loss is taken from the last layer's logits (the saved model keeps its
 * softmax).
 */
export async function train(
  tf: Tf,
  model: tfTypes.LayersModel,
  features: FeaturiserConfig,
  examples: readonly { text: string; label: number }[],
  options: TrainOptions,
): Promise<number[]> {
  const optimizer = tf.train.adam(options.learningRate);
  const layers = model.layers;
  const last = layers[layers.length - 1]!;
  const [kernel, bias] = last.trainableWeights.map((w) => w.read());
  const variables = model.trainableWeights.map((w) => w.read() as tfTypes.Variable);
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
        "int32",
      );
      const crossEntropy = softmaxCrossEntropyLayer(tf, y);
      const cost = optimizer.minimize(
        () => {
          let h: tfTypes.Tensor = x;
          for (const layer of layers.slice(0, -1)) h = layer.apply(h, { training: true }) as tfTypes.Tensor;
          return crossEntropy(h, kernel!, bias!) as tfTypes.Scalar;
        },
        true,
        variables,
      );
      const loss = (await cost!.data())[0]!;
      cost!.dispose();
      x.dispose();
      y.dispose();
      lossSum += loss;
      options.onBatch?.(epoch, b, batches, loss);
    }
    const seconds = (performance.now() - started) / 1000;
    secondsPerEpoch.push(Math.round(seconds * 10) / 10);
    options.onEpoch?.(epoch, seconds, lossSum / batches);
  }
  optimizer.dispose();
  return secondsPerEpoch;
}
