// A network's weights in a WebAssembly memory of their own, with its layers computed there by vector-kernels.wat:
// the same float32 results, bit for bit, as vector-math.ts's loops, 3-4x faster (ADR 0010). Node and browser alike.
import { featuriseSparseInto, type FeaturiserConfig } from "../../workbench/features/hashed-features";
import { kernelsWith, type VectorKernels } from "./vector-kernels";

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
  private readonly kernels: VectorKernels;
  /** features in: the first layer's rows */
  readonly dim: number;

  constructor(
    first: { kernel: Float32Array; bias: Float32Array },
    outputs: readonly DenseRows[],
    readonly units: number,
  ) {
    const dim = (this.dim = first.kernel.length / units);
    const layout: Record<string, ["f32" | "i32", number]> = { kernel: ["f32", first.kernel.length], bias: ["f32", units] };
    outputs.forEach((o, k) => {
      layout[`rows${k}`] = ["f32", o.rows.length];
      layout[`bias${k}`] = ["f32", o.bias.length];
      layout[`scores${k}`] = ["f32", o.bias.length];
    });
    Object.assign(layout, { hidden: ["f32", units], indices: ["i32", dim], values: ["f32", dim] });
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
  }

  /**
   * hidden = ReLU(bias + Σ value · kernel row) over the non-zero features of a text (vector-math.ts's sparseReluLayer
   * over featuriseSparse), featurised straight into the memory.
   */
  sparseRelu(text: string, features: FeaturiserConfig): Float32Array {
    if (features.dim !== this.dim) throw new Error(`the features have ${features.dim} dimensions, the first layer ${this.dim}`);
    const n = featuriseSparseInto(text, features, this.indices, this.values);
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
