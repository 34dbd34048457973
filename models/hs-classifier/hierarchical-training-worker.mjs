// Entry of the hierarchical training helper thread: TypeScript through tsx (as the CLI runs), then the helper itself.
import { register } from "tsx/esm/api";

register({ tsconfig: new URL("../../tsconfig.json", import.meta.url).pathname });
await import("./hierarchical-training-worker.ts");
