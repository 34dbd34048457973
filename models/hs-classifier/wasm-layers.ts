// A network's weights in a WebAssembly memory of their own, with its layers computed there by vector-kernels.wat:
// the same float32 results, bit for bit, as vector-math.ts's loops, 3-4x faster (ADR 0010). Node and browser alike.
import { featuriseSparseInto, HASH_SEEDS, normaliseText, sparseValues, type FeaturiserConfig } from "../../workbench/features/hashed-features";
import { kernelsWith, type VectorKernels } from "./vector-kernels";

/** the longest normalised text featurised in WebAssembly (longer ones in JavaScript: the same features) */
const TEXT_CAPACITY = 1 << 16;
const ENCODER = new TextEncoder();

/** One dense output layer: a row of `units` weights per output, and a bias per output. */
export interface DenseRows {
  rows: Float32Array;
  bias: Float32Array;
}

export class WasmLayers {
  /** the first layer's weights (a row of `units` per feature) and bias, and each output layer's: views of the memory */
  readonly kernel: Float32Array;
  readonly bias: Float32Array;
  readonly outputs: readonly DenseRows[];
  /** the hidden layer: where sparseRelu writes and scoresOf reads */
  private readonly hidden: Float32Array;
  /** per output layer: where scoresOf writes (kept while another layer's scores are computed) */
  private readonly scores: readonly Float32Array[];
  private readonly indices: Int32Array;
  private readonly values: Float32Array;
  /** featurising: counts per feature, the n-gram sizes, the normalised text */
  private readonly counts: Uint32Array;
  private readonly sizes: Int32Array;
  private readonly text: Uint8Array;
  private readonly kernels: VectorKernels;
  /** features in: the first layer's rows */
  readonly dim: number;

  constructor(
    first: { kernel: Float32Array; bias: Float32Array },
    outputs: readonly DenseRows[],
    readonly units: number,
  ) {
    const dim = (this.dim = first.kernel.length / units);
    const layout: Record<string, ["f32" | "i32" | "u32" | "u8", number]> = { kernel: ["f32", first.kernel.length], bias: ["f32", units] };
    outputs.forEach((o, k) => {
      layout[`rows${k}`] = ["f32", o.rows.length];
      layout[`bias${k}`] = ["f32", o.bias.length];
      layout[`scores${k}`] = ["f32", o.bias.length];
    });
    Object.assign(layout, {
      hidden: ["f32", units],
      indices: ["i32", dim],
      values: ["f32", dim],
      counts: ["u32", dim],
      sizes: ["i32", 16],
      text: ["u8", TEXT_CAPACITY],
    });
    const { kernels, arrays } = kernelsWith(layout);
    const f32 = (name: string) => arrays[name] as Float32Array;
    this.kernels = kernels;
    this.kernel = f32("kernel");
    this.kernel.set(first.kernel);
    this.bias = f32("bias");
    this.bias.set(first.bias);
    this.outputs = outputs.map((o, k) => {
      const rows = f32(`rows${k}`);
      const bias = f32(`bias${k}`);
      rows.set(o.rows);
      bias.set(o.bias);
      return { rows, bias };
    });
    this.scores = outputs.map((_, k) => f32(`scores${k}`));
    this.hidden = f32("hidden");
    this.indices = arrays.indices as Int32Array;
    this.values = f32("values");
    this.counts = arrays.counts as Uint32Array;
    this.sizes = arrays.sizes as Int32Array;
    this.text = arrays.text as Uint8Array;
  }

  /**
   * hidden = ReLU(bias + Σ value · kernel row) over the non-zero features of a text (vector-math.ts's sparseReluLayer
   * over featuriseSparse), featurised straight into the memory.
   */
  sparseRelu(text: string, features: FeaturiserConfig): Float32Array {
    if (features.dim !== this.dim) throw new Error(`the features have ${features.dim} dimensions, the first layer ${this.dim}`);
    const n = this.featurise(text, features);
    this.kernels.sparse_relu(
      this.kernel.byteOffset,
      this.bias.byteOffset,
      this.units,
      this.indices.byteOffset,
      this.values.byteOffset,
      n,
      this.hidden.byteOffset,
    );
    return this.hidden;
  }

  /**
   * featuriseSparse's entries of a text into the memory: hashed and counted in WebAssembly (the same features, held
   * equal by a test), or in JavaScript when its normalised text is longer than the memory keeps for it.
   */
  private featurise(text: string, features: FeaturiserConfig): number {
    const normal = normaliseText(text);
    // the normalised text is ASCII (letters, digits, spaces): one byte per character
    if (normal.length > this.text.length || features.wordNgrams.length + features.charNgrams.length > this.sizes.length) {
      return featuriseSparseInto(text, features, this.indices, this.values);
    }
    ENCODER.encodeInto(normal, this.text);
    const { sizes } = this;
    sizes.set(features.wordNgrams);
    sizes.set(features.charNgrams, features.wordNgrams.length);
    const n = this.kernels.hashed_features(
      this.text.byteOffset,
      normal.length,
      features.dim,
      HASH_SEEDS.word,
      HASH_SEEDS.char,
      sizes.byteOffset,
      features.wordNgrams.length,
      sizes.byteOffset + 4 * features.wordNgrams.length,
      features.charNgrams.length,
      this.counts.byteOffset,
      this.indices.byteOffset,
    );
    sparseValues(this.counts, this.indices, n, this.values);
    return n;
  }

  /**
   * bias + hidden · row for the rows [from, to) of output layer `output` (vector-math.ts's softmaxRows before its
   * softmax), into scores[output][0 … to − from), which it returns: scratch, valid until the next call for that layer.
   */
  scoresOf(output: number, from: number, to: number): Float32Array {
    const { rows, bias } = this.outputs[output]!;
    const scores = this.scores[output]!;
    this.kernels.rows(this.hidden.byteOffset, rows.byteOffset, bias.byteOffset, from, to, this.units, scores.byteOffset);
    return scores;
  }
}
