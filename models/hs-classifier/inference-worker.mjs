// Entry of an inference worker thread: TypeScript through tsx (as the CLI runs), then the worker itself.
import { register } from "tsx/esm/api";

register({ tsconfig: new URL("../../tsconfig.json", import.meta.url).pathname });
await import("./inference-worker-main.ts");
