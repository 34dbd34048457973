// The hierarchical classifier: hashed n-grams → one dense ReLU layer → P(chapter) and, within each chapter,
// P(subheading | chapter). P(subheading) = P(chapter) · P(subheading | chapter). Training and prediction never
// compute a 5,612-way softmax: training touches only the true chapter's subheadings, prediction only the chapters
// that can still hold a top-k code. Both run over the sparse features in plain typed-array loops; the tfjs model is
// the saved format and the reference forward pass (ADR 0010).
import type * as tfTypes from "@tensorflow/tfjs";
import type { Candidate } from "../../workbench/evaluation/metrics";
import { featuriseSparse, type FeaturiserConfig } from "../../workbench/features/hashed-features";
import { createRng } from "../../workbench/random";
import { axpy, dot, softmaxInPlace, sparseReluLayer } from "./vector-math";

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

/** The number of labels in the largest chapter (the size of a within-chapter score buffer). */
function widestChapter(start: Int32Array): number {
  let widest = 0;
  for (let c = 0; c + 1 < start.length; c++) widest = Math.max(widest, start[c + 1]! - start[c]!);
  return widest;
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

/** The parameters of a loaded model, with where each chapter's labels are. */
interface Weights extends Parameters {
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

/** Softmax of bias + rows·h for rows [from, to) into out[0 … to-from). */
function softmaxRows(h: Float32Array, rows: Float32Array, bias: Float32Array, from: number, to: number, out: Float32Array): void {
  for (let r = from; r < to; r++) out[r - from] = bias[r]! + dot(h, rows, r * h.length, h.length);
  softmaxInPlace(out, to - from);
}

class Scratch {
  readonly hidden: Float32Array;
  readonly chapter: Float32Array;
  readonly within: Float32Array;
  constructor(w: Weights) {
    this.hidden = new Float32Array(w.units);
    this.chapter = new Float32Array(w.chapterBias.length);
    this.within = new Float32Array(widestChapter(w.start));
  }
}

/**
 * Exact top-k: chapters are visited from the most probable down, and the search stops when the next chapter's
 * probability is below the k-th best code found (no code of that chapter can be more probable than its chapter).
 */
function topKOne(w: Weights, s: Scratch, labels: readonly string[], text: string, features: FeaturiserConfig, k: number): Candidate[] {
  sparseReluLayer(w.kernel, w.bias, w.units, featuriseSparse(text, features), s.hidden);
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

/**
 * P(label) for each (text, label index) pair: the chapter's probability times the label's within its chapter.
 * Pairs are taken chapter by chapter, and each chapter's subheading rows once for all its pairs (rows outer, texts
 * inner): the leave-one-out variants of an explanation all ask for the same chapter, whose rows then stay in cache.
 */
export function hierarchicalProbabilityOf(
  model: tfTypes.LayersModel,
  features: FeaturiserConfig,
  labels: readonly string[],
  texts: readonly string[],
  labelIndex: readonly number[],
): Float32Array {
  const w = weightsOf(model, labels);
  const s = new Scratch(w);
  const { units } = w;
  const hidden = new Float32Array(texts.length * units);
  const out = new Float32Array(texts.length);
  const byChapter = new Map<number, number[]>();
  texts.forEach((text, i) => {
    const h = hidden.subarray(i * units, (i + 1) * units);
    sparseReluLayer(w.kernel, w.bias, w.units, featuriseSparse(text, features), h);
    const c = w.chapterOf[labelIndex[i]!]!;
    softmaxRows(h, w.chapterRows, w.chapterBias, 0, w.chapterBias.length, s.chapter);
    out[i] = s.chapter[c]!;
    const group = byChapter.get(c);
    if (group) group.push(i);
    else byChapter.set(c, [i]);
  });
  for (const [c, members] of byChapter) {
    const from = w.start[c]!;
    const width = w.start[c + 1]! - from;
    const logits = new Float32Array(members.length * width);
    for (let r = 0; r < width; r++) {
      const bias = w.labelBias[from + r]!;
      members.forEach((i, m) => (logits[m * width + r] = bias + dot(hidden.subarray(i * units, (i + 1) * units), w.labelRows, (from + r) * units, units)));
    }
    members.forEach((i, m) => {
      const row = logits.subarray(m * width, (m + 1) * width);
      softmaxInPlace(row, width);
      out[i]! *= row[labelIndex[i]! - from]!;
    });
  }
  return out;
}

/** Every label's probability: the reference the tests hold the top-k search and the tfjs graph to. */
export function hierarchicalProbabilities(model: tfTypes.LayersModel, features: FeaturiserConfig, labels: readonly string[], texts: readonly string[]): Float32Array[] {
  const w = weightsOf(model, labels);
  const s = new Scratch(w);
  return texts.map((text) => {
    sparseReluLayer(w.kernel, w.bias, w.units, featuriseSparse(text, features), s.hidden);
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

/** The sparse features of many texts in three flat arrays (row i: entries offsets[i] … offsets[i+1]). */
export interface PackedFeatures {
  offsets: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

export function packFeatures(texts: readonly string[], features: FeaturiserConfig): PackedFeatures {
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

/**
 * The trainable parameters, laid out for the sparse forward pass: the first layer's kernel as one row per feature,
 * the output layers as one row per class (the transpose of tfjs' [in, out] kernels).
 */
export interface Parameters {
  dim: number;
  units: number;
  kernel: Float32Array;
  bias: Float32Array;
  chapterRows: Float32Array;
  chapterBias: Float32Array;
  labelRows: Float32Array;
  labelBias: Float32Array;
}

const parameterNames = ["kernel", "bias", "chapterRows", "chapterBias", "labelRows", "labelBias"] as const;

function zerosLike(p: Parameters): Parameters {
  const out = { dim: p.dim, units: p.units } as Parameters;
  for (const name of parameterNames) out[name] = new Float32Array(p[name].length);
  return out;
}

/** Rows of the gradient that a batch touched, so the update can be lazy (feature rows, label chapters). */
interface Touched {
  features: Uint8Array;
  featureList: number[];
  chapters: Uint8Array;
  chapterList: number[];
}

/**
 * Classes the model already gives less than this probability are left out of the backward pass: their gradient
 * is at most this small, and once training has converged on a chapter most of its 97 chapters and hundreds of
 * subheadings are such classes (about a third of the training time).
 */
const NEGLIGIBLE = 1e-4;

/**
 * Adds the gradient of the mean loss −log P(chapter) − log P(label | chapter) over the given examples into `grad`
 * (backpropagation written out: two softmax heads, a ReLU and the sparse first layer) and returns the mean loss.
 * Only the true chapter's label rows are computed: that is what makes training cheap. Tested against tfjs autograd.
 */
export function accumulateGradients(
  p: Parameters,
  grad: Parameters,
  touched: Touched,
  ranges: { start: Int32Array; chapterOf: Int32Array },
  sparse: PackedFeatures,
  rows: readonly number[],
  labelOfRow: (row: number) => number,
): number {
  const { units } = p;
  const chapters = p.chapterBias.length;
  const n = rows.length;
  const pre = new Float32Array(units);
  const h = new Float32Array(units);
  const dh = new Float32Array(units);
  const chapterScores = new Float32Array(chapters);
  const labelScores = new Float32Array(widestChapter(ranges.start));
  let loss = 0;
  for (const row of rows) {
    const label = labelOfRow(row);
    const chapter = ranges.chapterOf[label]!;
    const from = ranges.start[chapter]!;
    const to = ranges.start[chapter + 1]!;
    // forward
    pre.set(p.bias);
    for (let k = sparse.offsets[row]!, end = sparse.offsets[row + 1]!; k < end; k++) axpy(pre, 0, sparse.values[k]!, p.kernel, sparse.indices[k]! * units, units);
    for (let u = 0; u < units; u++) h[u] = pre[u]! > 0 ? pre[u]! : 0;
    softmaxRows(h, p.chapterRows, p.chapterBias, 0, chapters, chapterScores);
    softmaxRows(h, p.labelRows, p.labelBias, from, to, labelScores);
    loss -= Math.log(Math.max(chapterScores[chapter]!, 1e-30)) + Math.log(Math.max(labelScores[label - from]!, 1e-30));
    // backward: d(loss)/d(scores) = (softmax − one-hot) / n
    dh.fill(0);
    for (let c = 0; c < chapters; c++) {
      if (c !== chapter && chapterScores[c]! < NEGLIGIBLE) continue;
      const d = (chapterScores[c]! - (c === chapter ? 1 : 0)) / n;
      grad.chapterBias[c]! += d;
      axpy(grad.chapterRows, c * units, d, h, 0, units);
      axpy(dh, 0, d, p.chapterRows, c * units, units);
    }
    if (!touched.chapters[chapter]) {
      touched.chapters[chapter] = 1;
      touched.chapterList.push(chapter);
    }
    for (let j = from; j < to; j++) {
      if (j !== label && labelScores[j - from]! < NEGLIGIBLE) continue;
      const d = (labelScores[j - from]! - (j === label ? 1 : 0)) / n;
      grad.labelBias[j]! += d;
      axpy(grad.labelRows, j * units, d, h, 0, units);
      axpy(dh, 0, d, p.labelRows, j * units, units);
    }
    for (let u = 0; u < units; u++) if (pre[u]! <= 0) dh[u] = 0;
    for (let u = 0; u < units; u++) grad.bias[u]! += dh[u]!;
    for (let k = sparse.offsets[row]!, end = sparse.offsets[row + 1]!; k < end; k++) {
      const index = sparse.indices[k]!;
      if (!touched.features[index]) {
        touched.features[index] = 1;
        touched.featureList.push(index);
      }
      axpy(grad.kernel, index * units, sparse.values[k]!, dh, 0, units);
    }
  }
  return loss / n;
}

const ADAM = { beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };

/** Adam on weights[from … to), reading and then zeroing the gradient there; lr already bias-corrected. */
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

/** Glorot-uniform parameters from a seed (as tfjs' default initializer, but reproducible across runs). */
export function initialParameters(dim: number, units: number, chapters: number, labels: number, seed: number): Parameters {
  const rng = createRng(seed);
  const glorot = (fanIn: number, fanOut: number) => {
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    return Float32Array.from({ length: fanIn * fanOut }, () => (rng.next() * 2 - 1) * limit);
  };
  return {
    dim,
    units,
    kernel: glorot(dim, units),
    bias: new Float32Array(units),
    chapterRows: glorot(units, chapters),
    chapterBias: new Float32Array(chapters),
    labelRows: glorot(units, labels),
    labelBias: new Float32Array(labels),
  };
}

/**
 * Trains with mini-batch Adam, lazily: a batch updates the kernel rows of the features it used and the subheading
 * rows of the chapters it met (plus the small chapter layer and the biases), so a step costs what the batch
 * touches, not the 5,612-way layer. The result goes into the tfjs model (buildHierarchicalModel) for saving.
 */
export async function trainHierarchical(
  tf: Tf,
  features: FeaturiserConfig,
  labels: readonly string[],
  examples: readonly { text: string; label: number }[],
  options: HierarchicalTrainOptions,
): Promise<{ model: tfTypes.LayersModel; secondsPerEpoch: number[] }> {
  const ranges = chapterRanges(labels);
  const chapters = ranges.chapters.length;
  const p = initialParameters(features.dim, options.hidden, chapters, labels.length, options.seed);
  const grad = zerosLike(p);
  const m = zerosLike(p);
  const v = zerosLike(p);
  const touched: Touched = { features: new Uint8Array(p.dim), featureList: [], chapters: new Uint8Array(chapters), chapterList: [] };
  const rng = createRng(options.seed + 1);
  const sparse = packFeatures(examples.map((e) => e.text), features);
  const order = Array.from(examples.keys());
  const batches = Math.ceil(examples.length / options.batchSize);
  const units = p.units;
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
      const rows = order.slice(b * options.batchSize, (b + 1) * options.batchSize);
      lossSum += accumulateGradients(p, grad, touched, ranges, sparse, rows, (row) => examples[row]!.label);
      step++;
      const lr = (options.learningRate * Math.sqrt(1 - ADAM.beta2 ** step)) / (1 - ADAM.beta1 ** step);
      for (const index of touched.featureList) {
        touched.features[index] = 0;
        adamRange(p.kernel, m.kernel, v.kernel, grad.kernel, index * units, (index + 1) * units, lr);
      }
      for (const c of touched.chapterList) {
        touched.chapters[c] = 0;
        adamRange(p.labelRows, m.labelRows, v.labelRows, grad.labelRows, ranges.start[c]! * units, ranges.start[c + 1]! * units, lr);
        adamRange(p.labelBias, m.labelBias, v.labelBias, grad.labelBias, ranges.start[c]!, ranges.start[c + 1]!, lr);
      }
      touched.featureList.length = 0;
      touched.chapterList.length = 0;
      adamRange(p.bias, m.bias, v.bias, grad.bias, 0, units, lr);
      adamRange(p.chapterRows, m.chapterRows, v.chapterRows, grad.chapterRows, 0, p.chapterRows.length, lr);
      adamRange(p.chapterBias, m.chapterBias, v.chapterBias, grad.chapterBias, 0, chapters, lr);
      options.onBatch?.(epoch, b, batches, lossSum / (b + 1));
      if (b % 8 === 0) await new Promise((resolve) => setTimeout(resolve, 0));
    }
    const seconds = (performance.now() - started) / 1000;
    secondsPerEpoch.push(Math.round(seconds * 10) / 10);
    options.onEpoch?.(epoch, seconds, lossSum / batches);
  }
  return { model: toModel(tf, p, labels.length), secondsPerEpoch };
}

/** The parameters as the tfjs model (kernels back to [in, out]). */
export function toModel(tf: Tf, p: Parameters, labels: number): tfTypes.LayersModel {
  const chapters = p.chapterBias.length;
  const model = buildHierarchicalModel(tf, p.dim, p.units, chapters, labels);
  tf.tidy(() => {
    model.getLayer(HIDDEN_LAYER).setWeights([tf.tensor2d(p.kernel, [p.dim, p.units]), tf.tensor1d(p.bias)]);
    model.getLayer(CHAPTER_LAYER).setWeights([tf.tensor2d(transpose(p.chapterRows, chapters, p.units), [p.units, chapters]), tf.tensor1d(p.chapterBias)]);
    model.getLayer(SUBHEADING_LAYER).setWeights([tf.tensor2d(transpose(p.labelRows, labels, p.units), [p.units, labels]), tf.tensor1d(p.labelBias)]);
  });
  return model;
}
