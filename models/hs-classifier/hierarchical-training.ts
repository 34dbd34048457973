// Hierarchical training in typed-array loops over the sparse features: backpropagation written out (held to tfjs
// autograd by a gradient test) and lazy Adam; only the true chapter's subheadings enter the loss (ADR 0010).
import type * as tfTypes from "@tensorflow/tfjs";
import type { Worker } from "node:worker_threads";
import { featuriseSparse, type FeaturiserConfig } from "../../workbench/features/hashed-features";
import { typescriptThread } from "../../workbench/threads/typescript-thread";
import { createRng } from "../../workbench/random";
import { chapterRanges, toModel, widestChapter, type Parameters } from "./hierarchical-model";
import { axpy, softmaxRows } from "./vector-math";

type Tf = typeof tfTypes;

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

const parameterNames = ["kernel", "bias", "chapterRows", "chapterBias", "labelRows", "labelBias"] as const;

/** A copy in shared memory: a worker thread reads and writes it where it is. */
function shared<T extends Float32Array | Int32Array>(a: T): T {
  const out = new (a.constructor as new (buffer: SharedArrayBuffer) => T)(new SharedArrayBuffer(a.byteLength));
  out.set(a);
  return out;
}

function zerosLike(p: Parameters, inSharedMemory = false): Parameters {
  const out = { dim: p.dim, units: p.units } as Parameters;
  for (const name of parameterNames) out[name] = inSharedMemory ? shared(new Float32Array(p[name].length)) : new Float32Array(p[name].length);
  return out;
}

/** Rows of the gradient that a batch touched, so the update can be lazy (feature rows, label chapters). */
export interface Touched {
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
  rows: ArrayLike<number>,
  labelOfRow: (row: number) => number,
  /** the whole batch's size when `rows` is one part of it (the loss and gradients are means over the batch) */
  batchSize = rows.length,
): number {
  const { units } = p;
  const chapters = p.chapterBias.length;
  const n = batchSize;
  const pre = new Float32Array(units);
  const h = new Float32Array(units);
  const dh = new Float32Array(units);
  const chapterScores = new Float32Array(chapters);
  const labelScores = new Float32Array(widestChapter(ranges.start));
  let loss = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const label = labelOfRow(row);
    const chapter = ranges.chapterOf[label]!;
    const from = ranges.start[chapter]!;
    const to = ranges.start[chapter + 1]!;
    // forward
    pre.set(p.bias);
    for (let k = sparse.offsets[row]!, end = sparse.offsets[row + 1]!; k < end; k++)
      axpy(pre, 0, sparse.values[k]!, p.kernel, sparse.indices[k]! * units, units);
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
  const initial = initialParameters(features.dim, options.hidden, chapters, labels.length, options.seed);
  const p = { ...initial } as Parameters;
  for (const name of parameterNames) p[name] = shared(initial[name]);
  const grad = zerosLike(p);
  const m = zerosLike(p);
  const v = zerosLike(p);
  const touched: Touched = { features: new Uint8Array(p.dim), featureList: [], chapters: new Uint8Array(chapters), chapterList: [] };
  const rng = createRng(options.seed + 1);
  const packed = packFeatures(
    examples.map((e) => e.text),
    features,
  );
  const sparse = { offsets: shared(packed.offsets), indices: shared(packed.indices), values: shared(packed.values) };
  const labelOf = shared(Int32Array.from(examples, (e) => e.label));
  // the second half of every batch is computed by a helper thread into its own gradient, added after the first half's
  const helper = new GradientHelper({ p, grad: zerosLike(p, true), sparse, labels: labelOf, start: ranges.start, chapterOf: ranges.chapterOf });
  const order = Int32Array.from(examples.keys());
  const batches = Math.ceil(examples.length / options.batchSize);
  const units = p.units;
  let step = 0;
  const secondsPerEpoch: number[] = [];
  try {
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      const started = performance.now();
      for (let i = order.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      let lossSum = 0;
      for (let b = 0; b < batches; b++) {
        const rows = order.subarray(b * options.batchSize, (b + 1) * options.batchSize);
        const half = Math.ceil(rows.length / 2);
        const second = helper.run(rows.slice(half), rows.length);
        lossSum += accumulateGradients(p, grad, touched, ranges, sparse, rows.subarray(0, half), (row) => labelOf[row]!, rows.length);
        lossSum += helper.addInto(grad, touched, await second);
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
      }
      const seconds = (performance.now() - started) / 1000;
      secondsPerEpoch.push(Math.round(seconds * 10) / 10);
      options.onEpoch?.(epoch, seconds, lossSum / batches);
    }
  } finally {
    await helper.close();
  }
  return { model: toModel(tf, p, labels.length), secondsPerEpoch };
}

/** What the helper thread is given once: the shared parameters, its own gradient, the examples. */
export interface HelperSetup {
  p: Parameters;
  grad: Parameters;
  sparse: PackedFeatures;
  labels: Int32Array;
  start: Int32Array;
  chapterOf: Int32Array;
}

/** Its answer for one part of a batch: the loss and the gradient rows it wrote. */
export type HelperAnswer = { loss: number; features: Int32Array; chapters: Int32Array } | { error: string };

/**
 * A worker thread computing the gradient of part of each batch (models/hs-classifier/hierarchical-training-worker.ts)
 * while the caller computes the rest: training uses two cores. The split is fixed (second half of every batch), so
 * a configuration trains to the same weights on any machine.
 */
class GradientHelper {
  private readonly worker: Worker;
  private pending: { resolve: (a: HelperAnswer) => void; reject: (e: Error) => void } | null = null;
  private failure: Error | null = null;
  private readonly grad: Parameters;
  private readonly start: Int32Array;

  constructor(setup: HelperSetup) {
    this.grad = setup.grad;
    this.start = setup.start;
    this.worker = typescriptThread("models/hs-classifier/hierarchical-training-worker.ts");
    this.worker.on("message", (answer: HelperAnswer) => this.settle((p) => p.resolve(answer)));
    this.worker.on("error", (error) => this.fail(error));
    this.worker.on("exit", (code) => this.fail(new Error(`the training helper thread stopped (exit code ${code})`)));
    this.worker.postMessage(setup);
  }

  private settle(how: (p: NonNullable<GradientHelper["pending"]>) => void): void {
    const pending = this.pending;
    this.pending = null;
    if (pending) how(pending);
  }

  /** A thread that failed fails the batch it was computing, or the next one asked of it. */
  private fail(error: Error): void {
    this.failure ??= error;
    this.settle((p) => p.reject(error));
  }

  run(rows: Int32Array, batchSize: number): Promise<HelperAnswer> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage({ rows, batchSize });
    });
  }

  /** Adds the helper's gradient rows into `grad` (zeroing its own), marks them touched; returns its loss. */
  addInto(grad: Parameters, touched: Touched, answer: HelperAnswer): number {
    if ("error" in answer) throw new Error(`the training helper thread failed: ${answer.error}`);
    const { units } = grad;
    const h = this.grad;
    for (const index of answer.features) {
      if (!touched.features[index]) {
        touched.features[index] = 1;
        touched.featureList.push(index);
      }
      moveInto(grad.kernel, h.kernel, index * units, (index + 1) * units);
    }
    for (const c of answer.chapters) {
      if (!touched.chapters[c]) {
        touched.chapters[c] = 1;
        touched.chapterList.push(c);
      }
      const [from, to] = [this.start[c]!, this.start[c + 1]!];
      moveInto(grad.labelRows, h.labelRows, from * units, to * units);
      moveInto(grad.labelBias, h.labelBias, from, to);
    }
    moveInto(grad.bias, h.bias, 0, units);
    moveInto(grad.chapterRows, h.chapterRows, 0, h.chapterRows.length);
    moveInto(grad.chapterBias, h.chapterBias, 0, h.chapterBias.length);
    return answer.loss;
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners("exit");
    await this.worker.terminate();
  }
}

/** target[from … to) += source[from … to), and source there is zeroed for the next batch. */
function moveInto(target: Float32Array, source: Float32Array, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    target[i]! += source[i]!;
    source[i] = 0;
  }
}
