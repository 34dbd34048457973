// Flat inference: the first hidden layer computed sparsely in WebAssembly from the active n-grams, the other layers in
// TensorFlow.js, and top-k or the probabilities of given codes taken inside TensorFlow.js (copying all 5,612
// probabilities per text back to JavaScript cost more than the model).
import type * as tfTypes from "@tensorflow/tfjs";
import type { Candidate } from "../../workbench/evaluation/metrics";
import type { FeaturiserConfig } from "../../workbench/features/hashed-features";
import { WasmLayers } from "./wasm-layers";

type Tf = typeof tfTypes;

const firstLayers = new WeakMap<tfTypes.LayersModel, WasmLayers>();

/** The first dense layer's weights in WebAssembly, read once per model (they never change after training). */
function firstLayerOf(model: tfTypes.LayersModel): WasmLayers {
  let layer = firstLayers.get(model);
  if (!layer) {
    const [kernel, bias] = model.layers[0]!.getWeights() as [tfTypes.Tensor2D, tfTypes.Tensor1D];
    layer = new WasmLayers({ kernel: kernel.dataSync() as Float32Array, bias: bias.dataSync() as Float32Array }, [], kernel.shape[1]);
    firstLayers.set(model, layer);
  }
  return layer;
}

/**
 * The first hidden layer computed sparsely: a text has a few hundred non-zero features out of thousands, so summing
 * their kernel rows (what an embedding bag does) replaces a dense matrix product. Same ReLU(xW + b).
 */
function firstHidden(model: tfTypes.LayersModel, features: FeaturiserConfig, texts: readonly string[]): Float32Array {
  const layer = firstLayerOf(model);
  const hidden = new Float32Array(texts.length * layer.units);
  texts.forEach((text, row) => hidden.set(layer.sparseRelu(text, features), row * layer.units));
  return hidden;
}

/** Class probabilities for texts (call inside tf.tidy): the sparse first layer, then the model's other layers. */
export function probabilities(tf: Tf, model: tfTypes.LayersModel, features: FeaturiserConfig, texts: readonly string[]): tfTypes.Tensor2D {
  let x: tfTypes.Tensor = tf.tensor2d(firstHidden(model, features, texts), [texts.length, firstLayerOf(model).units]);
  for (const layer of model.layers.slice(1)) x = layer.apply(x) as tfTypes.Tensor; // dropout is the identity outside training
  return x as tfTypes.Tensor2D;
}

export async function flatTopK(
  tf: Tf,
  model: tfTypes.LayersModel,
  features: FeaturiserConfig,
  labels: readonly string[],
  texts: readonly string[],
  top: number,
): Promise<Candidate[][]> {
  const { values, indices } = tf.tidy(() => tf.topk(probabilities(tf, model, features, texts), top, true));
  const [p, i] = await Promise.all([values.data(), indices.data()]);
  values.dispose();
  indices.dispose();
  return texts.map((_, row) => Array.from({ length: top }, (__, j) => ({ code: labels[i[row * top + j]!]!, probability: p[row * top + j]! })));
}

/** P(label) for each (text, label index) pair, gathered inside TensorFlow.js. */
export async function flatProbabilityOf(
  tf: Tf,
  model: tfTypes.LayersModel,
  features: FeaturiserConfig,
  texts: readonly string[],
  labelIndex: readonly number[],
): Promise<Float32Array> {
  if (texts.length === 0) return new Float32Array(0);
  const picked = tf.tidy(() =>
    tf.gatherND(
      probabilities(tf, model, features, texts),
      tf.tensor2d(
        texts.flatMap((_, i) => [i, labelIndex[i]!]),
        [texts.length, 2],
        "int32",
      ),
    ),
  );
  const q = (await picked.data()) as Float32Array;
  picked.dispose();
  return q;
}
