// TensorFlow.js on the WebAssembly backend, in Node (training, CLI) — the browser sets its own wasm path.
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { transposeBeforeMatMul } from "./wasm-transposed-matmul";

let ready: Promise<typeof tf> | null = null;

export function nodeTf(): Promise<typeof tf> {
  ready ??= (async () => {
    const require = createRequire(import.meta.url);
    setWasmPaths(`${dirname(require.resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm"))}/`);
    await tf.setBackend("wasm");
    await tf.ready();
    transposeBeforeMatMul(tf);
    return tf;
  })();
  return ready;
}
