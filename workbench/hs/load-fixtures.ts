// Node-only: reads the HS reference data shipped in fixtures/hs (see fixtures/README.md for provenance).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Crosswalk } from "./crosswalk";
import { Nomenclature } from "./nomenclature";

function findRepoRoot(): string {
  // Works from the source tree (tsx, vitest) and from the bundled server build alike.
  const candidates = [process.env.WORKBENCH_ROOT, process.cwd()];
  try {
    candidates.push(resolve(dirname(fileURLToPath(import.meta.url)), "../.."));
  } catch {
    /* bundled as CommonJS: import.meta.url is not available */
  }
  for (const c of candidates) {
    if (c && existsSync(join(c, "fixtures/hs/hs2022-nomenclature.csv"))) return c;
  }
  throw new Error("fixtures/hs/hs2022-nomenclature.csv not found: run from the repository root or set WORKBENCH_ROOT");
}

export const repoRoot = () => findRepoRoot();
export const fixturesDir = () => join(findRepoRoot(), "fixtures");

let nomenclature: Nomenclature | undefined;
let crosswalk: Crosswalk | undefined;

export function loadNomenclature(): Nomenclature {
  if (!nomenclature) {
    const dir = join(fixturesDir(), "hs");
    nomenclature = Nomenclature.fromCsv(
      readFileSync(join(dir, "hs2022-nomenclature.csv"), "utf8"),
      readFileSync(join(dir, "hs2022-sections.csv"), "utf8"),
    );
  }
  return nomenclature;
}

export function loadCrosswalk(): Crosswalk {
  crosswalk ??= Crosswalk.fromCsv(readFileSync(join(fixturesDir(), "hs/hs2017-hs2022-correlation.csv"), "utf8"));
  return crosswalk;
}
