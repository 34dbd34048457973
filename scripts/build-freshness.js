// Whether `npm start` must build first: the build is missing, or older than a file it is built from. The app bundles
// code from app/, workbench/ and models/ (the classifiers run in the browser too); the models' artifacts and training
// configs are read at run time, never bundled, so a new version does not cost a build.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const SOURCE_DIRS = ["app", "workbench", "models"];
const NOT_BUNDLED = new Set(["models/artifacts", "models/configs"]);
const WORKER_FILE = "public/workers/classify-worker.js";
const SOURCE_FILES = ["remix.config.js", "tsconfig.json", "package.json", "package-lock.json"];

function newestMtime(root, dir) {
  let newest = 0;
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (NOT_BUNDLED.has(path)) continue;
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(root, path) : statSync(join(root, path)).mtimeMs);
  }
  return newest;
}

/** The source the build is older than (a path from the root), "the build is missing", or null when it is fresh. */
export function staleBuildReason(root) {
  const buildFile = join(root, "build/index.js");
  if (!existsSync(buildFile)) return "the build is missing";
  // the workers are bundled after the pages (scripts/build-workers.js), so they are never older than build/index.js
  if (!existsSync(join(root, WORKER_FILE))) return "the workers' bundle is missing";
  const built = statSync(buildFile).mtimeMs;
  for (const dir of SOURCE_DIRS.filter((d) => existsSync(join(root, d)))) {
    if (newestMtime(root, dir) > built) return `${dir}/ changed since the last build`;
  }
  for (const file of SOURCE_FILES.filter((f) => existsSync(join(root, f)))) {
    if (statSync(join(root, file)).mtimeMs > built) return `${file} changed since the last build`;
  }
  return null;
}
