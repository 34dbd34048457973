// The hierarchical classifier's model: hashed n-grams → one dense ReLU layer → P(chapter) and, within each chapter,
// P(subheading | chapter); P(subheading) = P(chapter) · P(subheading | chapter) (ADR 0010). The tfjs model is the saved
// format and the reference forward pass; inference (hierarchical-inference.ts) and training (hierarchical-training.ts)
// run over the same parameters in plain typed-array loops.
import type * as tfTypes from "@tensorflow/tfjs";
import { WasmLayers } from "./wasm-layers";

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
export function widestChapter(start: Int32Array): number {
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

/**
 * The parameters of a loaded model, with where each chapter's labels are; the arrays are views of `layers`, which
 * computes the layers in WebAssembly (output 0: chapters, output 1: subheadings).
 */
export interface Weights extends Parameters {
  start: Int32Array;
  chapterOf: Int32Array;
  layers: WasmLayers;
}

const weightsCache = new WeakMap<tfTypes.LayersModel, Weights>();

export function transpose(data: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = data[r * cols + c]!;
  return out;
}

export function weightsOf(model: tfTypes.LayersModel, labels: readonly string[]): Weights {
  let w = weightsCache.get(model);
  if (!w) {
    const read = (name: string) =>
      model
        .getLayer(name)
        .getWeights()
        .map((t) => ({ data: t.dataSync() as Float32Array, shape: t.shape }));
    const [kernel, bias] = read(HIDDEN_LAYER);
    const [chapterKernel, chapterBias] = read(CHAPTER_LAYER);
    const [labelKernel, labelBias] = read(SUBHEADING_LAYER);
    const units = kernel!.shape[1]!;
    const { start, chapterOf } = chapterRanges(labels);
    const layers = new WasmLayers(
      { kernel: kernel!.data, bias: bias!.data },
      [
        { rows: transpose(chapterKernel!.data, units, chapterKernel!.shape[1]!), bias: chapterBias!.data },
        { rows: transpose(labelKernel!.data, units, labels.length), bias: labelBias!.data },
      ],
      units,
    );
    const [chapters, subheadings] = layers.outputs;
    w = {
      dim: kernel!.shape[0]!,
      units,
      kernel: layers.kernel,
      bias: layers.bias,
      chapterRows: chapters!.rows,
      chapterBias: chapters!.bias,
      labelRows: subheadings!.rows,
      labelBias: subheadings!.bias,
      start,
      chapterOf,
      layers,
    };
    weightsCache.set(model, w);
  }
  return w;
}

/** The parameters as the tfjs model (kernels back to [in, out]). */
export function toModel(tf: Tf, p: Parameters, labels: number): tfTypes.LayersModel {
  const chapters = p.chapterBias.length;
  const model = buildHierarchicalModel(tf, p.dim, p.units, chapters, labels);
  tf.tidy(() => {
    model.getLayer(HIDDEN_LAYER).setWeights([tf.tensor2d(p.kernel, [p.dim, p.units]), tf.tensor1d(p.bias)]);
    model
      .getLayer(CHAPTER_LAYER)
      .setWeights([tf.tensor2d(transpose(p.chapterRows, chapters, p.units), [p.units, chapters]), tf.tensor1d(p.chapterBias)]);
    model.getLayer(SUBHEADING_LAYER).setWeights([tf.tensor2d(transpose(p.labelRows, labels, p.units), [p.units, labels]), tf.tensor1d(p.labelBias)]);
  });
  return model;
}
