// Flat inference: the first hidden layer computed sparsely in WebAssembly from the active n-grams, the other layers in
// TensorFlow.js; top-k read from the probabilities where the WebAssembly backend keeps them, a row at a time through
// our WebAssembly module (topIndices: copying all 5,612 per text to JavaScript first cost more than the model, and
// TensorFlow.js's own TopK took a quarter of the time), the probabilities of given codes gathered inside TensorFlow.js.
import type * as tfTypes from "@tensorflow/tfjs";
import type { Candidate } from "../../workbench/evaluation/metrics";
import type { FeaturiserConfig } from "../../workbench/features/hashed-features";
import { topIndices } from "./vector-kernels";
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

/**
 * A float32 tensor's values where the WebAssembly backend keeps them: a view of its memory, valid only until the next
 * TensorFlow.js operation or the tensor's disposal (either may move or free it), so it is read at once, without an
 * await in between. Null on other backends.
 */
function inPlace(tf: Tf, tensor: tfTypes.Tensor): Float32Array | null {
  const backend = tf.backend() as Partial<{ wasm: { HEAPU8: Uint8Array }; getMemoryOffset(dataId: object): number }>;
  if (!backend.wasm || !backend.getMemoryOffset) return null;
  return new Float32Array(backend.wasm.HEAPU8.buffer, backend.getMemoryOffset(tensor.dataId), tensor.size);
}

export async function flatTopK(
  tf: Tf,
  model: tfTypes.LayersModel,
  features: FeaturiserConfig,
  labels: readonly string[],
  texts: readonly string[],
  top: number,
): Promise<Candidate[][]> {
  const p = tf.tidy(() => probabilities(tf, model, features, texts));
  try {
    const values = inPlace(tf, p) ?? ((await p.data()) as Float32Array);
    const n = labels.length;
    const k = Math.min(top, n);
    return texts.map((_, row) => topIndices(values, row * n, n, k).map((i) => ({ code: labels[i]!, probability: values[row * n + i]! })));
  } finally {
    p.dispose();
  }
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
