// A worker thread running one of the project's TypeScript modules (tsx registers in the thread, as in the CLI).
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { repoRoot } from "../hs/load-fixtures";

/** `entry`: the module's path from the repository's root; `data` joins workerData. */
export const typescriptThread = (entry: string, data: Record<string, unknown> = {}): Worker =>
  new Worker(join(repoRoot(), "workbench/threads/typescript-worker.mjs"), { workerData: { ...data, entry } });
