// The networks' layers in WebAssembly (wasm-layers.ts, vector-kernels.wat) must give vector-math.ts's results bit
// for bit, so a shipped version answers exactly as before; and the committed module must be the assembled .wat.
import { describe, expect, it } from "vitest";
import { assembleVectorKernels, MODULE_PATH } from "../../scripts/build-vector-kernels";
import { VECTOR_KERNELS_WASM } from "../../models/hs-classifier/vector-kernels-wasm";
import { dot, sparseReluLayer } from "../../models/hs-classifier/vector-math";
import { WasmLayers } from "../../models/hs-classifier/wasm-layers";
import { featuriseSparse, featuriseSparseInto, type FeaturiserConfig } from "../../workbench/features/hashed-features";
import { createRng } from "../../workbench/random";

const texts = [
  "live horses for breeding",
  "Samsung Galaxy smartphone 128GB, 6.1 inch",
  "",
  "12 x 500 g",
  "pompe à chaleur air/eau 48V",
  "stainless steel kitchen sink with drainer ".repeat(20),
];

function randomArray(rng: ReturnType<typeof createRng>, n: number): Float32Array {
  return Float32Array.from({ length: n }, () => (rng.next() - 0.5) * 4);
}

describe("network layers in WebAssembly", () => {
  it("ships the module assembled from vector-kernels.wat", async () => {
    const assembled = Buffer.from(await assembleVectorKernels()).toString("base64");
    expect(VECTOR_KERNELS_WASM, `${MODULE_PATH} is stale: run npx tsx scripts/build-vector-kernels.ts`).toBe(assembled);
  });

  it("featurises into typed arrays exactly as featuriseSparse does", () => {
    const config: FeaturiserConfig = { version: 1, dim: 512, charNgrams: [3, 4, 5], wordNgrams: [1, 2] };
    const indices = new Int32Array(config.dim);
    const values = new Float32Array(config.dim);
    for (const text of texts) {
      const reference = featuriseSparse(text, config);
      const n = featuriseSparseInto(text, config, indices, values);
      expect([...indices.subarray(0, n)]).toEqual(reference.indices);
      expect([...values.subarray(0, n)]).toEqual(reference.values.map(Math.fround));
    }
  });

  // 96 units: four rows and four units at a time; 7: the leftover paths only
  for (const units of [96, 7]) {
    it(`computes the sparse layer and output rows bit for bit as vector-math.ts (${units} units)`, () => {
      const rng = createRng(units);
      const features: FeaturiserConfig = { version: 1, dim: 256, charNgrams: [3, 4], wordNgrams: [1, 2] };
      const first = { kernel: randomArray(rng, features.dim * units), bias: randomArray(rng, units) };
      const outputs = [
        { rows: randomArray(rng, 13 * units), bias: randomArray(rng, 13) },
        { rows: randomArray(rng, 30 * units), bias: randomArray(rng, 30) },
      ];
      const layers = new WasmLayers(first, outputs, units);
      const hidden = new Float32Array(units);
      let zeros = 0;
      for (const text of texts) {
        sparseReluLayer(first.kernel, first.bias, units, featuriseSparse(text, features), hidden);
        expect(layers.sparseRelu(text, features)).toEqual(hidden);
        zeros += hidden.filter((x) => x === 0).length;
        // every range shape: whole layers, blocks of four with rows left over, single rows, none
        for (const [output, from, to] of [
          [0, 0, 13],
          [1, 0, 30],
          [1, 3, 18],
          [1, 29, 30],
          [0, 5, 5],
        ] as const) {
          const { rows, bias } = outputs[output]!;
          const expected = Float32Array.from({ length: to - from }, (_, i) => bias[from + i]! + dot(hidden, rows, (from + i) * units, units));
          expect(layers.scoresOf(output, from, to).subarray(0, to - from)).toEqual(expected);
        }
      }
      // the ReLU was exercised
      expect(zeros).toBeGreaterThan(0);
    });
  }

  it("refuses features of another size than its first layer", () => {
    const layers = new WasmLayers({ kernel: new Float32Array(64 * 4), bias: new Float32Array(4) }, [], 4);
    expect(() => layers.sparseRelu("fish", { version: 1, dim: 128, charNgrams: [3], wordNgrams: [1] })).toThrow(/128 dimensions.*64/);
  });
});
