// Entry of a worker thread that runs TypeScript: tsx (as the CLI runs), then the module named by workerData.entry, a
// path from the repository's root (the inference worker, the hierarchical training helper, the comparison reports).
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register({ tsconfig: new URL("../../tsconfig.json", import.meta.url).pathname });
await import(new URL(`../../${workerData.entry}`, import.meta.url).href);
