// tfjs' wasm BatchMatMul runs ~10× slower when asked to transpose an operand (measured: 256×128 by 256×5,612,
// transposeA, 188 ms; transposed first, 14 ms). Every gradient of a dense layer asks for one, so flat training
// spent most of its time there. This wraps the kernel: transpose explicitly, then multiply without flags (the same
// products; tests/integration/flat-training.test.ts holds every flag to a JavaScript reference).
import type * as tfTypes from "@tensorflow/tfjs";

type Tf = typeof tfTypes;
type KernelArgs = Parameters<tfTypes.KernelFunc>[0];
interface Operand {
  dataId: object;
  shape: number[];
}

/** Once per process (nodeTf). */
export function transposeBeforeMatMul(tf: Tf): void {
  const original = tf.getKernel("BatchMatMul", "wasm");
  const transpose = tf.getKernel("Transpose", "wasm");
  if (!original || !transpose) return;
  const multiply = original.kernelFunc;
  const swapLastTwo = (x: Operand, backend: KernelArgs["backend"]): Operand => {
    const perm = x.shape.map((_, i) => i);
    [perm[perm.length - 2], perm[perm.length - 1]] = [perm[perm.length - 1]!, perm[perm.length - 2]!];
    return transpose.kernelFunc({ inputs: { x } as never, backend, attrs: { perm } }) as Operand;
  };
  const config: tfTypes.KernelConfig = {
    ...original,
    kernelFunc: (args: KernelArgs) => {
      const { transposeA, transposeB } = args.attrs as { transposeA: boolean; transposeB: boolean };
      if (!transposeA && !transposeB) return multiply(args);
      const { a, b } = args.inputs as unknown as { a: Operand; b: Operand };
      const backend = args.backend as { disposeData(dataId: object): void };
      const a2 = transposeA ? swapLastTwo(a, args.backend) : a;
      const b2 = transposeB ? swapLastTwo(b, args.backend) : b;
      try {
        return multiply({ ...args, inputs: { a: a2, b: b2 } as never, attrs: { ...args.attrs, transposeA: false, transposeB: false } });
      } finally {
        if (a2 !== a) backend.disposeData(a2.dataId);
        if (b2 !== b) backend.disposeData(b2.dataId);
      }
    },
  };
  tf.unregisterKernel("BatchMatMul", "wasm");
  tf.registerKernel(config);
}
