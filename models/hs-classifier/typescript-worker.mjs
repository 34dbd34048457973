// Entry of a worker thread that runs TypeScript: tsx (as the CLI runs), then the module of this folder named by
// workerData.entry (the inference worker, the hierarchical training helper).
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register({ tsconfig: new URL("../../tsconfig.json", import.meta.url).pathname });
await import(new URL(`./${workerData.entry}`, import.meta.url).href);
