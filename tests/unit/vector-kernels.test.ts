// The models' inner loops in WebAssembly (vector-kernels.wat) must give what the JavaScript they replaced gave, bit
// for bit, so a shipped version answers exactly as before: the networks' layers (wasm-layers.ts) against
// vector-math.ts, the retrieval index's walk against the loops it replaced (below), the flat networks' top-k against a
// sort; and the committed module must be the assembled .wat.
import { describe, expect, it } from "vitest";
import { assembleVectorKernels, MODULE_PATH } from "../../scripts/build-vector-kernels";
import { VECTOR_KERNELS_WASM } from "../../models/hs-classifier/vector-kernels-wasm";
import { dot, sparseReluLayer } from "../../models/hs-classifier/vector-math";
import { kernelsWith, topIndices } from "../../models/hs-classifier/vector-kernels";
import { WasmLayers } from "../../models/hs-classifier/wasm-layers";
import { featuriseSparse, type FeaturiserConfig } from "../../workbench/features/hashed-features";
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

describe("the models' loops in WebAssembly", () => {
  it("ships the module assembled from vector-kernels.wat", async () => {
    const assembled = Buffer.from(await assembleVectorKernels()).toString("base64");
    expect(VECTOR_KERNELS_WASM, `${MODULE_PATH} is stale: run npx tsx scripts/build-vector-kernels.ts`).toBe(assembled);
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

  it("takes the k largest values of a row, largest first, equal values by lower index first", () => {
    const rng = createRng(11);
    const reference = (values: Float32Array, k: number) => [...values.keys()].sort((a, b) => values[b]! - values[a]! || a - b).slice(0, k);
    // rows of every length around the four-at-a-time pass, few distinct values (ties everywhere, across lanes too)
    for (let n = 0; n <= 41; n++) {
      for (const k of [1, 3, 5, 8]) {
        const values = Float32Array.from({ length: n }, () => Math.floor(rng.next() * 6) / 4);
        expect(topIndices(values, 0, n, k), `n ${n}, k ${k}`).toEqual(reference(values, k));
      }
    }
    // a row inside a longer array, rising values (every one enters the k best)
    const rising = Float32Array.from({ length: 5700 }, (_, i) => i);
    expect(topIndices(rising, 40, 5612, 5)).toEqual([5611, 5610, 5609, 5608, 5607]);
    const spread = randomArray(rng, 5612);
    expect(topIndices(spread, 0, 5612, 50)).toEqual(reference(spread, 50));
  });

  it("refuses features of another size than its first layer", () => {
    const layers = new WasmLayers({ kernel: new Float32Array(64 * 4), bias: new Float32Array(4) }, [], 4);
    expect(() => layers.sparseRelu("fish", { version: 1, dim: 128, charNgrams: [3], wordNgrams: [1] })).toThrow(/128 dimensions.*64/);
  });

  it("walks retrieval postings and gathers the nearest documents as the JavaScript loops did", () => {
    const rng = createRng(7);
    const documents = 500;
    const codes = 40;
    const postings = 3000;
    const k = 20;
    const layout = {
      docs: ["u32", postings],
      weights: ["f32", postings],
      scores: ["f32", documents],
      // one more than the documents (accumulate_postings writes the slot after the last touched one), then the array
      // the kernels must never write into
      touched: ["i32", documents + 1],
      codeOf: ["u16", documents],
      codeScores: ["f32", codes],
      nearIds: ["i32", k],
      nearScores: ["f32", k],
    } as const;
    const { kernels, arrays: a } = kernelsWith(layout);
    // every document in the first postings, so a query can touch them all
    a.docs.set(Array.from({ length: postings }, (_, p) => (p < documents ? p : Math.floor(rng.next() * documents))));
    // weights from a few positive values (as an index has): equal scores, so the order of ties is checked too
    a.weights.set(Array.from({ length: postings }, () => (1 + Math.floor(rng.next() * 8)) / 8));
    a.codeOf.set(Array.from({ length: documents }, () => Math.floor(rng.next() * codes)));
    // the reference: the loops retrieval-index.ts ran before (scores zero between queries)
    const scores = new Float32Array(documents);
    const codeOf = a.codeOf.slice();
    for (let query = 0; query < 6; query++) {
      // five queries of random terms, then one whose first term touches every document
      const terms = Array.from({ length: 12 }, (_, t) => {
        const from = query === 5 && t === 0 ? 0 : Math.floor(rng.next() * postings);
        const to = query === 5 && t === 0 ? postings : Math.min(postings, from + Math.floor(rng.next() * 400));
        return { from, to, weight: (1 + Math.floor(rng.next() * 4)) / 4 };
      });
      const touched: number[] = [];
      for (const { from, to, weight } of terms) {
        for (let p = from; p < to; p++) {
          const d = a.docs[p]!;
          const before = scores[d]!;
          if (before === 0) touched.push(d);
          scores[d] = before + weight * a.weights[p]!;
        }
      }
      const codeScores = new Float32Array(codes);
      const nearIds = new Int32Array(k);
      const nearScores = new Float32Array(k);
      let kept = 0;
      for (const d of touched) {
        const s = scores[d]!;
        const c = a.codeOf[d]!;
        if (s > codeScores[c]!) codeScores[c] = s;
        if (kept === k && s <= nearScores[k - 1]!) continue;
        let j = kept === k ? k - 1 : kept++;
        for (; j > 0 && nearScores[j - 1]! < s; j--) {
          nearScores[j] = nearScores[j - 1]!;
          nearIds[j] = nearIds[j - 1]!;
        }
        nearScores[j] = s;
        nearIds[j] = d;
      }
      for (const d of touched) scores[d] = 0;

      let count = 0;
      for (const { from, to, weight } of terms) {
        count = kernels.accumulate_postings(
          a.docs.byteOffset,
          a.weights.byteOffset,
          a.scores.byteOffset,
          a.touched.byteOffset,
          from,
          to,
          weight,
          count,
        );
      }
      expect([...a.touched.subarray(0, count)]).toEqual(touched);
      a.codeScores.fill(0);
      const keptByKernel = kernels.gather_nearest(
        a.scores.byteOffset,
        a.touched.byteOffset,
        count,
        a.codeOf.byteOffset,
        a.codeScores.byteOffset,
        a.nearIds.byteOffset,
        a.nearScores.byteOffset,
        k,
      );
      expect(a.codeScores).toEqual(codeScores);
      expect(keptByKernel).toBe(kept);
      expect(kept).toBe(k);
      expect(a.nearIds).toEqual(nearIds);
      expect(a.nearScores).toEqual(nearScores);
      // ready for the next query
      expect(a.scores.every((x) => x === 0)).toBe(true);
      if (query === 5) expect(count).toBe(documents);
    }
    expect(a.codeOf, "nothing written past the touched documents").toEqual(codeOf);
  });
});
