// Where the test runs keep measured predictions (WORKBENCH_PREDICTION_CACHE_DIR) for each other's registries: a folder
// per state of the code and data that make predictions, so a change there is measured afresh even when it forgot to
// change PREDICTIONS_REVISION (a run would otherwise read what the code before it predicted). Artifacts are left out:
// their files are in the key of every kept file (the manifest's sha256).
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const SOURCES = ["models", "workbench", "fixtures"];
const LEFT_OUT = new Set(["models/artifacts"]);

function addFiles(hash: ReturnType<typeof createHash>, dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (LEFT_OUT.has(path)) continue;
    if (entry.isDirectory()) addFiles(hash, path);
    else if (entry.isFile()) hash.update(`${path}\0`).update(readFileSync(path)).update("\0");
  }
}

export function keptPredictionsDir(): string {
  const hash = createHash("sha256");
  for (const source of SOURCES) addFiles(hash, source);
  return join(".cache/test-predictions", hash.digest("hex").slice(0, 16));
}
