// Flat training's two speed-ups (ADR 0006): the wasm matrix product with transpose flags, rewritten as an explicit
// transpose, and the last layer's cross-entropy with its gradients written out. Both must give what tfjs gives.
import type * as tfTypes from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { softmaxCrossEntropyLayer } from "../../models/hs-classifier/flat-model";
import { nodeTf } from "../../models/hs-classifier/tf";
import { createRng } from "../../workbench/random";

let tf: Awaited<ReturnType<typeof nodeTf>>;
beforeAll(async () => {
  tf = await nodeTf();
});

function randomMatrix(rows: number, cols: number, seed: number): number[][] {
  const rng = createRng(seed);
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => rng.next() * 2 - 1));
}

const transposed = (m: number[][]) => m[0]!.map((_, j) => m.map((row) => row[j]!));
const product = (a: number[][], b: number[][]) => a.map((row) => b[0]!.map((_, j) => row.reduce((s, v, k) => s + v * b[k]![j]!, 0)));

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance = 1e-4) {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!));
  expect(worst).toBeLessThan(tolerance);
}

describe("wasm matrix product with transpose flags", () => {
  it("equals the product of the transposed operands, for every flag and for batches, and keeps no memory", () => {
    const a = randomMatrix(7, 5, 1); // used as 7×5, or 5×7 transposed
    const b = randomMatrix(5, 3, 2);
    const backend = tf.backend() as unknown as { numDataIds(): number };
    for (const [transposeA, transposeB] of [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ] as const) {
      const left = transposeA ? transposed(a) : a;
      const right = transposeB ? transposed(b) : b;
      const expected = product(transposeA ? transposed(left) : left, transposeB ? transposed(right) : right).flat();
      const before = backend.numDataIds();
      const result = tf.tidy(() => tf.matMul(tf.tensor2d(left), tf.tensor2d(right), transposeA, transposeB).dataSync());
      expectClose(result, expected);
      expect(backend.numDataIds()).toBe(before);
      // rank 3: a batch of two, the second operand scaled by 2
      const batched = tf.tidy(() =>
        tf.matMul(tf.tensor3d([left, left]), tf.tensor3d([right, right.map((r) => r.map((v) => v * 2))]), transposeA, transposeB).dataSync(),
      );
      expectClose(batched, [...expected, ...expected.map((v) => v * 2)]);
    }
  });
});

describe("the last layer's cross-entropy", () => {
  it("gives tfjs' loss and gradients (softmax cross-entropy by autograd) for inputs, kernel and bias", () => {
    const [rows, units, classes] = [6, 4, 9];
    const labels = [0, 8, 3, 3, 5, 1];
    const h = tf.tensor2d(randomMatrix(rows, units, 3));
    const kernel = tf.tensor2d(randomMatrix(units, classes, 4));
    const bias = tf.tensor1d(randomMatrix(1, classes, 5)[0]!);
    const y = tf.tensor1d(labels, "int32");
    const ours = tf.valueAndGrads(
      (hh: tfTypes.Tensor, k: tfTypes.Tensor, b: tfTypes.Tensor) => softmaxCrossEntropyLayer(tf, y)(hh, k, b) as tfTypes.Scalar,
    )([h, kernel, bias]);
    const reference = tf.valueAndGrads(
      (hh: tfTypes.Tensor, k: tfTypes.Tensor, b: tfTypes.Tensor) =>
        tf.losses.softmaxCrossEntropy(tf.oneHot(y, classes), tf.add(tf.matMul(hh, k), b)) as tfTypes.Scalar,
    )([h, kernel, bias]);
    expectClose(ours.value.dataSync(), reference.value.dataSync(), 1e-5);
    ours.grads.forEach((g, i) => {
      expect(g.shape).toEqual(reference.grads[i]!.shape);
      expectClose(g.dataSync(), reference.grads[i]!.dataSync(), 1e-5);
    });
    // and the loss is the mean of −log p(true label)
    const p = tf.softmax(tf.add(tf.matMul(h, kernel), bias)).arraySync() as number[][];
    expect(ours.value.dataSync()[0]).toBeCloseTo(-labels.reduce((s, l, r) => s + Math.log(p[r]![l]!), 0) / rows, 5);
  });
});
