// `npm start` builds again when the build is older than any file it is built from: the app bundles models/ code too
// (a pull that changed only a classifier once served the build before it), never the models' artifacts.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { staleBuildReason } from "../../scripts/build-freshness.js";

let root = "";
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** a file written at `secondsAgo` (mtime) */
function file(path: string, secondsAgo: number) {
  const at = join(root, path);
  mkdirSync(dirname(at), { recursive: true });
  writeFileSync(at, "x");
  const t = Date.now() / 1000 - secondsAgo;
  utimesSync(at, t, t);
}

describe("whether npm start builds first", () => {
  it("builds when the build is missing, not when every source is older", () => {
    root = mkdtempSync(join(tmpdir(), "build-freshness-"));
    file("app/root.tsx", 100);
    expect(staleBuildReason(root)).toBe("the build is missing");
    file("build/index.js", 50);
    file("workbench/hs/codes.ts", 100);
    file("models/hs-classifier/footwear-reading.ts", 100);
    file("package-lock.json", 100);
    // the pages built, the workers not (a build stopped between the two)
    expect(staleBuildReason(root)).toBe("the workers' bundle is missing");
    file("public/workers/classify-worker.js", 50);
    expect(staleBuildReason(root)).toBeNull();
  });

  it("builds when a classifier changed after the build, not when a new model version arrived", () => {
    root = mkdtempSync(join(tmpdir(), "build-freshness-"));
    file("build/index.js", 50);
    file("public/workers/classify-worker.js", 50);
    file("app/root.tsx", 100);
    file("models/artifacts/hs-combined/9.9.9/manifest.json", 10);
    file("models/configs/hs-combined.json", 10);
    expect(staleBuildReason(root)).toBeNull();
    file("models/hs-classifier/footwear-reading.ts", 10);
    expect(staleBuildReason(root)).toBe("models/ changed since the last build");
  });

  it("builds when the dependencies or the build's configuration changed", () => {
    root = mkdtempSync(join(tmpdir(), "build-freshness-"));
    file("build/index.js", 50);
    file("public/workers/classify-worker.js", 50);
    file("app/root.tsx", 100);
    file("package-lock.json", 10);
    expect(staleBuildReason(root)).toBe("package-lock.json changed since the last build");
  });
});
