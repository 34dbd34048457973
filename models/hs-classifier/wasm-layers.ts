// A network's weights in a WebAssembly memory of their own, with its layers computed there by vector-kernels.wat:
// the same float32 results, bit for bit, as vector-math.ts's loops, 3-4x faster (ADR 0010). Node and browser alike.
import { featuriseSparseInto, type FeaturiserConfig } from "../../workbench/features/hashed-features";
import { VECTOR_KERNELS_WASM } from "./vector-kernels-wasm";

interface Kernels {
  memory: WebAssembly.Memory;
  rows(h: number, rows: number, bias: number, from: number, to: number, units: number, out: number): void;
  sparse_relu(kernel: number, bias: number, units: number, indices: number, values: number, n: number, out: number): void;
}

let compiled: WebAssembly.Module | undefined;
// 1.3 kB: small enough to compile synchronously on a browser's main thread
const kernelsModule = () => (compiled ??= new WebAssembly.Module(Uint8Array.from(atob(VECTOR_KERNELS_WASM), (c) => c.charCodeAt(0))));

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
  readonly hidden: Float32Array;
  /** per output layer: where scoresOf writes (kept while another layer's scores are computed) */
  readonly scores: readonly Float32Array[];
  private readonly indices: Int32Array;
  private readonly values: Float32Array;
  private readonly kernels: Kernels;
  /** features in: the first layer's rows */
  readonly dim: number;

  constructor(
    first: { kernel: Float32Array; bias: Float32Array },
    outputs: readonly DenseRows[],
    readonly units: number,
  ) {
    const dim = (this.dim = first.kernel.length / units);
    // every array of the layout, in order, at 16-byte boundaries: first layer, output layers, hidden, indices and
    // values of the features, each output's scores
    const sizes = [
      first.kernel.length,
      units,
      ...outputs.flatMap((o) => [o.rows.length, o.bias.length]),
      units,
      dim,
      dim,
      ...outputs.map((o) => o.bias.length),
    ];
    const at: number[] = [];
    let bytes = 0;
    for (const size of sizes) {
      at.push(bytes);
      bytes += Math.ceil((size * 4) / 16) * 16;
    }
    this.kernels = new WebAssembly.Instance(kernelsModule()).exports as unknown as Kernels;
    const memory = this.kernels.memory;
    memory.grow(Math.max(0, Math.ceil(bytes / 65536) - memory.buffer.byteLength / 65536));
    // the memory never grows again, so these views stay valid
    const f32 = (i: number) => new Float32Array(memory.buffer, at[i], sizes[i]);
    this.kernel = f32(0);
    this.kernel.set(first.kernel);
    this.bias = f32(1);
    this.bias.set(first.bias);
    this.outputs = outputs.map((o, k) => {
      const rows = f32(2 + 2 * k);
      const bias = f32(3 + 2 * k);
      rows.set(o.rows);
      bias.set(o.bias);
      return { rows, bias };
    });
    const n = 2 + 2 * outputs.length;
    this.hidden = f32(n);
    this.indices = new Int32Array(memory.buffer, at[n + 1], dim);
    this.values = f32(n + 2);
    this.scores = outputs.map((_, k) => f32(n + 3 + k));
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
