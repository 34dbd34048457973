// The hierarchical classifier: hashed n-grams → one dense ReLU layer → P(chapter) and, within each chapter,
// P(subheading | chapter). P(subheading) = P(chapter) · P(subheading | chapter). Training and prediction never
// compute a 5,612-way softmax: training touches only the true chapter's subheadings, prediction only the chapters
// that can still hold a top-k code (ADR 0010).
import type * as tfTypes from "@tensorflow/tfjs";
import type { Candidate } from "../../workbench/evaluation/metrics";
import { featuriseSparse, type FeaturiserConfig, type SparseFeatures } from "../../workbench/features/hashed-features";
import { createRng } from "../../workbench/random";

type Tf = typeof tfTypes;

export const HIDDEN_LAYER = "hidden";
export const CHAPTER_LAYER = "chapter";
export const SUBHEADING_LAYER = "subheading";

/** Chapters of a sorted label list and where each chapter's labels start (labels of a chapter are contiguous). */
export function chapterRanges(labels: readonly string[]): { chapters: string[]; start: Int32Array; chapterOf: Int32Array } {
  const chapters: string[] = [];
  const starts: number[] = [];
  const chapterOf = new Int32Array(labels.length);
  labels.forEach((label, i) => {
    if (i > 0 && label <= labels[i - 1]!) throw new Error(`labels must be sorted and unique (${labels[i - 1]} before ${label})`);
    if (chapters.at(-1) !== label.slice(0, 2)) {
      chapters.push(label.slice(0, 2));
      starts.push(i);
    }
    chapterOf[i] = chapters.length - 1;
  });
  starts.push(labels.length);
  return { chapters, start: Int32Array.from(starts), chapterOf };
}

/** The tfjs model the weights live in: the saved format, loadable anywhere tfjs runs, and the reference forward pass. */
export function buildHierarchicalModel(tf: Tf, dim: number, hidden: number, chapters: number, labels: number): tfTypes.LayersModel {
  const input = tf.input({ shape: [dim], name: "features" });
  const h = tf.layers.dense({ units: hidden, activation: "relu", name: HIDDEN_LAYER }).apply(input) as tfTypes.SymbolicTensor;
  const chapter = tf.layers.dense({ units: chapters, activation: "softmax", name: CHAPTER_LAYER }).apply(h) as tfTypes.SymbolicTensor;
  // logits; the softmax is taken within each chapter's range of labels
  const subheading = tf.layers.dense({ units: labels, activation: "linear", name: SUBHEADING_LAYER }).apply(h) as tfTypes.SymbolicTensor;
  return tf.model({ inputs: input, outputs: [chapter, subheading] });
}

export function isHierarchical(model: tfTypes.LayersModel): boolean {
  return model.outputNames.length === 2 && model.layers.some((l) => l.name === CHAPTER_LAYER);
}

/** The weights as plain arrays, output layers transposed so each class is one contiguous row for dot products. */
interface Weights {
  dim: number;
  units: number;
  kernel: Float32Array;
  bias: Float32Array;
  chapterRows: Float32Array;
  chapterBias: Float32Array;
  labelRows: Float32Array;
  labelBias: Float32Array;
  start: Int32Array;
  chapterOf: Int32Array;
}

const weightsCache = new WeakMap<tfTypes.LayersModel, Weights>();

function transpose(data: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = data[r * cols + c]!;
  return out;
}

function weightsOf(model: tfTypes.LayersModel, labels: readonly string[]): Weights {
  let w = weightsCache.get(model);
  if (!w) {
    const read = (name: string) => model.getLayer(name).getWeights().map((t) => ({ data: t.dataSync() as Float32Array, shape: t.shape }));
    const [kernel, bias] = read(HIDDEN_LAYER);
    const [chapterKernel, chapterBias] = read(CHAPTER_LAYER);
    const [labelKernel, labelBias] = read(SUBHEADING_LAYER);
    const units = kernel!.shape[1]!;
    const { start, chapterOf } = chapterRanges(labels);
    w = {
      dim: kernel!.shape[0]!,
      units,
      kernel: kernel!.data,
      bias: bias!.data,
      chapterRows: transpose(chapterKernel!.data, units, chapterKernel!.shape[1]!),
      chapterBias: chapterBias!.data,
      labelRows: transpose(labelKernel!.data, units, labels.length),
      labelBias: labelBias!.data,
      start,
      chapterOf,
    };
    weightsCache.set(model, w);
  }
  return w;
}

/** ReLU(b + Σ value · kernel row) over the text's non-zero features: the dense layer without the zeros. */
function hiddenOf(w: Weights, sparse: SparseFeatures, out: Float32Array): void {
  const { units, kernel } = w;
  out.set(w.bias);
  const { indices, values } = sparse;
  for (let k = 0; k < indices.length; k++) {
    const value = Math.fround(values[k]!);
    const from = indices[k]! * units;
    for (let u = 0; u < units; u++) out[u]! += value * kernel[from + u]!;
  }
  for (let u = 0; u < units; u++) if (out[u]! < 0) out[u] = 0;
}

/** Softmax of bias + rows·h for rows [from, to) into out[0 … to-from). */
function softmaxRows(h: Float32Array, rows: Float32Array, bias: Float32Array, from: number, to: number, out: Float32Array): void {
  const units = h.length;
  let max = -Infinity;
  for (let r = from; r < to; r++) {
    let a = bias[r]!;
    const o = r * units;
    for (let u = 0; u < units; u++) a += h[u]! * rows[o + u]!;
    out[r - from] = a;
    if (a > max) max = a;
  }
  let sum = 0;
  for (let r = 0; r < to - from; r++) sum += out[r] = Math.exp(out[r]! - max);
  for (let r = 0; r < to - from; r++) out[r]! /= sum;
}

class Scratch {
  readonly hidden: Float32Array;
  readonly chapter: Float32Array;
  readonly within: Float32Array;
  constructor(w: Weights) {
    this.hidden = new Float32Array(w.units);
    this.chapter = new Float32Array(w.chapterBias.length);
    let widest = 0;
    for (let c = 0; c + 1 < w.start.length; c++) widest = Math.max(widest, w.start[c + 1]! - w.start[c]!);
    this.within = new Float32Array(widest);
  }
}

/**
 * Exact top-k: chapters are visited from the most probable down, and the search stops when the next chapter's
 * probability is below the k-th best code found (no code of that chapter can be more probable than its chapter).
 */
function topKOne(w: Weights, s: Scratch, labels: readonly string[], text: string, features: FeaturiserConfig, k: number): Candidate[] {
  hiddenOf(w, featuriseSparse(text, features), s.hidden);
  softmaxRows(s.hidden, w.chapterRows, w.chapterBias, 0, w.chapterBias.length, s.chapter);
  const best: { index: number; probability: number }[] = [];
  const chapters = s.chapter;
  for (;;) {
    let c = -1;
    for (let i = 0; i < chapters.length; i++) if (chapters[i]! >= 0 && (c < 0 || chapters[i]! > chapters[c]!)) c = i;
    if (c < 0) break;
    const pc = chapters[c]!;
    chapters[c] = -1; // visited
    if (best.length === k && pc <= best[k - 1]!.probability) break;
    const from = w.start[c]!;
    const to = w.start[c + 1]!;
    softmaxRows(s.hidden, w.labelRows, w.labelBias, from, to, s.within);
    for (let r = from; r < to; r++) {
      const probability = pc * s.within[r - from]!;
      if (best.length === k && probability <= best[k - 1]!.probability) continue;
      let at = best.length;
      while (at > 0 && best[at - 1]!.probability < probability) at--;
      best.splice(at, 0, { index: r, probability });
      if (best.length > k) best.pop();
    }
  }
  return best.map((b) => ({ code: labels[b.index]!, probability: b.probability }));
}

export function hierarchicalTopK(model: tfTypes.LayersModel, features: FeaturiserConfig, labels: readonly string[], texts: readonly string[], k: number): Candidate[][] {
  const w = weightsOf(model, labels);
  const s = new Scratch(w);
  const top = Math.min(k, labels.length);
  return texts.map((text) => topKOne(w, s, labels, text, features, top));
}

/** P(label) for each (text, label index) pair: the chapter's probability times the label's within its chapter. */
export function hierarchicalProbabilityOf(
  model: tfTypes.LayersModel,
  features: FeaturiserConfig,
  labels: readonly string[],
  texts: readonly string[],
  labelIndex: readonly number[],
): Float32Array {
  const w = weightsOf(model, labels);
  const s = new Scratch(w);
  return Float32Array.from(texts, (text, i) => {
    const label = labelIndex[i]!;
    const c = w.chapterOf[label]!;
    hiddenOf(w, featuriseSparse(text, features), s.hidden);
    softmaxRows(s.hidden, w.chapterRows, w.chapterBias, 0, w.chapterBias.length, s.chapter);
    softmaxRows(s.hidden, w.labelRows, w.labelBias, w.start[c]!, w.start[c + 1]!, s.within);
    return s.chapter[c]! * s.within[label - w.start[c]!]!;
  });
}

/** Every label's probability (tests and full exports; prediction uses the top-k search). */
export function hierarchicalProbabilities(model: tfTypes.LayersModel, features: FeaturiserConfig, labels: readonly string[], texts: readonly string[]): Float32Array[] {
  const w = weightsOf(model, labels);
  const s = new Scratch(w);
  return texts.map((text) => {
    hiddenOf(w, featuriseSparse(text, features), s.hidden);
    softmaxRows(s.hidden, w.chapterRows, w.chapterBias, 0, w.chapterBias.length, s.chapter);
    const out = new Float32Array(labels.length);
    for (let c = 0; c + 1 < w.start.length; c++) {
      softmaxRows(s.hidden, w.labelRows, w.labelBias, w.start[c]!, w.start[c + 1]!, s.within);
      for (let r = w.start[c]!; r < w.start[c + 1]!; r++) out[r] = s.chapter[c]! * s.within[r - w.start[c]!]!;
    }
    return out;
  });
}

export interface HierarchicalTrainOptions {
  hidden: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  onBatch?: (epoch: number, batch: number, batches: number, loss: number) => void;
  onEpoch?: (epoch: number, seconds: number, loss: number) => void;
}

const ADAM = { beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };
let run = 0;

/** The sparse features of many texts in three flat arrays (row i: entries offsets[i] … offsets[i+1]). */
interface PackedFeatures {
  offsets: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

function packFeatures(texts: readonly string[], features: FeaturiserConfig): PackedFeatures {
  const all = texts.map((t) => featuriseSparse(t, features));
  const offsets = new Int32Array(texts.length + 1);
  all.forEach((f, i) => (offsets[i + 1] = offsets[i]! + f.indices.length));
  const indices = new Int32Array(offsets[texts.length]!);
  const values = new Float32Array(offsets[texts.length]!);
  all.forEach((f, i) => {
    indices.set(f.indices, offsets[i]!);
    values.set(f.values, offsets[i]!);
  });
  return { offsets, indices, values };
}

/** out[at …] = bias + Σ value · kernel row, over one text's features (pre-activation of the first layer). */
function bagForward(f: PackedFeatures, row: number, kernel: Float32Array, bias: Float32Array, units: number, out: Float32Array, at: number): void {
  out.set(bias, at);
  for (let k = f.offsets[row]!, end = f.offsets[row + 1]!; k < end; k++) {
    const value = f.values[k]!;
    const from = f.indices[k]! * units;
    for (let u = 0; u < units; u++) out[at + u]! += value * kernel[from + u]!;
  }
}

/** gradient rows of the text's features += value · dPre row; records which rows were touched. */
function bagBackward(f: PackedFeatures, row: number, dPre: Float32Array, at: number, units: number, gradient: Float32Array, touched: Uint8Array, used: number[]): void {
  for (let k = f.offsets[row]!, end = f.offsets[row + 1]!; k < end; k++) {
    const index = f.indices[k]!;
    if (!touched[index]) {
      touched[index] = 1;
      used.push(index);
    }
    const value = f.values[k]!;
    const to = index * units;
    for (let u = 0; u < units; u++) gradient[to + u]! += value * dPre[at + u]!;
  }
}

/** Adam on weights[from … to) with the gradient there (then zeroed); lr already bias-corrected. */
function adamRange(weights: Float32Array, m: Float32Array, v: Float32Array, gradient: Float32Array, from: number, to: number, lr: number): void {
  const { beta1, beta2, epsilon } = ADAM;
  for (let i = from; i < to; i++) {
    const g = gradient[i]!;
    gradient[i] = 0;
    m[i] = beta1 * m[i]! + (1 - beta1) * g;
    v[i] = beta2 * v[i]! + (1 - beta2) * g * g;
    weights[i]! -= (lr * m[i]!) / (Math.sqrt(v[i]!) + epsilon);
  }
}

/**
 * Trains with Adam. The heads are TensorFlow.js variables trained with its gradients and optimizer; each batch is
 * ordered by chapter and split into one slice per chapter, so each slice meets only its chapter's subheading layer.
 * The first layer is an embedding bag: its forward pass and its (lazy, row-wise) Adam update run over the non-zero
 * features only, with the gradient TensorFlow.js returns for the hidden pre-activations.
 */
export async function trainHierarchical(
  tf: Tf,
  features: FeaturiserConfig,
  labels: readonly string[],
  examples: readonly { text: string; label: number }[],
  options: HierarchicalTrainOptions,
): Promise<{ model: tfTypes.LayersModel; secondsPerEpoch: number[] }> {
  const { chapters, start, chapterOf } = chapterRanges(labels);
  const units = options.hidden;
  const dim = features.dim;
  const rng = createRng(options.seed);
  const glorot = (fanIn: number, fanOut: number) => {
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    return Float32Array.from({ length: fanIn * fanOut }, () => (rng.next() * 2 - 1) * limit);
  };
  const kernel = glorot(dim, units);
  const bias = new Float32Array(units);
  const m = new Float32Array(dim * units);
  const v = new Float32Array(dim * units);
  const mb = new Float32Array(units);
  const vb = new Float32Array(units);

  const prefix = `hier${++run}`;
  const chapterKernel = tf.variable(tf.tensor2d(glorot(units, chapters.length), [units, chapters.length]), true, `${prefix}/chapter/kernel`);
  const chapterBias = tf.variable(tf.zeros([chapters.length]), true, `${prefix}/chapter/bias`);
  const labelKernels = chapters.map((_, c) => {
    const n = start[c + 1]! - start[c]!;
    return tf.variable(tf.tensor2d(glorot(units, n), [units, n]), true, `${prefix}/subheading-${c}/kernel`);
  });
  const labelBiases = chapters.map((_, c) => tf.variable(tf.zeros([start[c + 1]! - start[c]!]), true, `${prefix}/subheading-${c}/bias`));
  // One Adam per head: tfjs' Adam keeps its moments by position in the gradient list, and a batch meets only some
  // chapters' heads (each head's moments and step count then advance only when it is trained: lazy Adam).
  const adamOf = () => tf.train.adam(options.learningRate, ADAM.beta1, ADAM.beta2, ADAM.epsilon);
  const chapterOptimizer = adamOf();
  const labelOptimizers = chapters.map(adamOf);

  const sparse = packFeatures(examples.map((e) => e.text), features);
  const order = Array.from(examples.keys());
  const batches = Math.ceil(examples.length / options.batchSize);
  const gradient = new Float32Array(dim * units);
  const touched = new Uint8Array(dim);
  let step = 0;
  const secondsPerEpoch: number[] = [];

  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const started = performance.now();
    for (let i = order.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let lossSum = 0;
    for (let b = 0; b < batches; b++) {
      const rows = order.slice(b * options.batchSize, (b + 1) * options.batchSize).sort((x, y) => examples[x]!.label - examples[y]!.label);
      const n = rows.length;
      // forward through the first layer, sparsely (pre-activations; the ReLU is in the graph so its gradient is)
      const pre = new Float32Array(n * units);
      rows.forEach((row, r) => bagForward(sparse, row, kernel, bias, units, pre, r * units));
      // one slice per chapter present in the batch
      const groups: { chapter: number; size: number; targets: number[] }[] = [];
      for (const row of rows) {
        const label = examples[row]!.label;
        const c = chapterOf[label]!;
        if (groups.at(-1)?.chapter !== c) groups.push({ chapter: c, size: 0, targets: [] });
        const g = groups.at(-1)!;
        g.size++;
        g.targets.push(label - start[c]!);
      }
      const trained = groups.filter((g) => start[g.chapter + 1]! - start[g.chapter]! > 1);
      const headVariables = [chapterKernel, chapterBias, ...trained.flatMap((g) => [labelKernels[g.chapter]!, labelBiases[g.chapter]!])];
      const preTensor = tf.tensor2d(pre, [n, units]);
      const oneHot = (indices: number[], depth: number) => tf.tidy(() => tf.oneHot(tf.tensor1d(indices, "int32"), depth));
      const chapterTargets = oneHot(rows.map((row) => chapterOf[examples[row]!.label]!), chapters.length);
      const labelTargets = trained.map((g) => oneHot(g.targets, start[g.chapter + 1]! - start[g.chapter]!));
      const { value, grads } = tf.valueAndGrads((preActivation: tfTypes.Tensor, chapterW: tfTypes.Tensor, chapterB: tfTypes.Tensor, ...heads: tfTypes.Tensor[]) => {
        const h = tf.relu(preActivation) as tfTypes.Tensor2D;
        const crossEntropy = (logits: tfTypes.Tensor, targets: tfTypes.Tensor) => tf.neg(tf.sum(tf.mul(targets, tf.logSoftmax(logits))));
        let loss = crossEntropy(tf.add(tf.matMul(h, chapterW as tfTypes.Tensor2D), chapterB), chapterTargets);
        const slices = tf.split(h, groups.map((g) => g.size), 0);
        trained.forEach((g, t) => {
          const slice = slices[groups.indexOf(g)]!;
          const logits = tf.add(tf.matMul(slice, heads[2 * t] as tfTypes.Tensor2D), heads[2 * t + 1]!);
          loss = tf.add(loss, crossEntropy(logits, labelTargets[t]!));
        });
        return tf.div(loss, n) as tfTypes.Scalar;
      })([preTensor, ...headVariables]);
      step++;
      chapterOptimizer.applyGradients([
        { name: chapterKernel.name, tensor: grads[1]! },
        { name: chapterBias.name, tensor: grads[2]! },
      ]);
      trained.forEach((g, t) =>
        labelOptimizers[g.chapter]!.applyGradients([
          { name: labelKernels[g.chapter]!.name, tensor: grads[3 + 2 * t]! },
          { name: labelBiases[g.chapter]!.name, tensor: grads[4 + 2 * t]! },
        ]),
      );
      const dPre = grads[0]!.dataSync() as Float32Array;
      lossSum += value.dataSync()[0]!;
      tf.dispose([preTensor, chapterTargets, ...labelTargets, value, ...grads]);

      // lazy Adam on the kernel rows of the features this batch used, and on the bias
      const used: number[] = [];
      rows.forEach((row, r) => bagBackward(sparse, row, dPre, r * units, units, gradient, touched, used));
      const lr = (options.learningRate * Math.sqrt(1 - ADAM.beta2 ** step)) / (1 - ADAM.beta1 ** step);
      for (const index of used) {
        touched[index] = 0;
        adamRange(kernel, m, v, gradient, index * units, (index + 1) * units, lr);
      }
      const biasGradient = new Float32Array(units);
      for (let r = 0; r < n; r++) for (let u = 0; u < units; u++) biasGradient[u]! += dPre[r * units + u]!;
      adamRange(bias, mb, vb, biasGradient, 0, units, lr);
      options.onBatch?.(epoch, b, batches, lossSum / (b + 1));
      if (b % 8 === 0) await new Promise((resolve) => setTimeout(resolve, 0));
    }
    const seconds = (performance.now() - started) / 1000;
    secondsPerEpoch.push(Math.round(seconds * 10) / 10);
    options.onEpoch?.(epoch, seconds, lossSum / batches);
  }

  // Into the tfjs model: one subheading layer whose columns are the chapters' heads side by side.
  const model = buildHierarchicalModel(tf, dim, units, chapters.length, labels.length);
  tf.tidy(() => {
    model.getLayer(HIDDEN_LAYER).setWeights([tf.tensor2d(kernel, [dim, units]), tf.tensor1d(bias)]);
    model.getLayer(CHAPTER_LAYER).setWeights([chapterKernel, chapterBias]);
    model.getLayer(SUBHEADING_LAYER).setWeights([tf.concat(labelKernels, 1), tf.concat(labelBiases, 0)]);
  });
  tf.dispose([chapterKernel, chapterBias, ...labelKernels, ...labelBiases]);
  [chapterOptimizer, ...labelOptimizers].forEach((o) => o.dispose());
  return { model, secondsPerEpoch };
}
