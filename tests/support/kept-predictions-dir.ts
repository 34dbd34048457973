// Where the test runs keep measured predictions (WORKBENCH_PREDICTION_CACHE_DIR) for each other's registries: a folder
// per state of the code and data that make predictions, so a change there is measured afresh even when it forgot to
// change PREDICTIONS_REVISION (a run would otherwise read what the code before it predicted). Artifacts are left out:
// their files are in the key of every kept file (the manifest's sha256).
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";

const ROOT = ".cache/test-predictions";
const SOURCES = ["models", "workbench", "fixtures"];
/** folders of earlier states kept besides the current one (switching branches back reuses them); older ones are removed */
const EARLIER_KEPT = 4;
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
  const current = hash.digest("hex").slice(0, 16);
  pruneEarlier(current);
  return join(ROOT, current);
}

/** Each state of the code leaves a folder of a few MB: all but the EARLIER_KEPT last written go. */
function pruneEarlier(current: string): void {
  let earlier: { path: string; written: number }[];
  try {
    earlier = readdirSync(ROOT, { withFileTypes: true })
      .filter((e) => e.isDirectory() && e.name !== current)
      .map((e) => ({ path: join(ROOT, e.name), written: statSync(join(ROOT, e.name)).mtimeMs }));
  } catch {
    return; // none yet
  }
  earlier.sort((a, b) => b.written - a.written);
  for (const { path } of earlier.slice(EARLIER_KEPT)) rmSync(path, { recursive: true, force: true });
}
