// Security suite (issue 14): a self-consistent copy of hs-baseline's files registered as another version answered
// /api/classify under that version's name. Every load checks the artifact against the registered sha256.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "workbench-sha-"));
Object.assign(process.env, { WORKBENCH_DATA_DIR: join(dir, "data"), WORKBENCH_SEED_DEMO: "false" });
const { getDb, openServerStore } = await import("../../app/store/context.server");
await openServerStore();
const { SYSTEM_ACTOR } = await import("../../workbench/store/audit");
const { registerModelVersion } = await import("../../workbench/registry/model-registry");
const { resolveClassifier } = await import("../../models/hs-classifier/registered-classifier");
const { readVerifiedFiles } = await import("../../workbench/registry/artifact-files");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("registered sha256", () => {
  it("refuses to load an artifact whose manifest is not the registered version's, naming both hashes", async () => {
    const baseline = readVerifiedFiles("models/artifacts/hs-baseline/1.0.0").manifest;
    const standard = readVerifiedFiles("models/artifacts/hs-standard/1.0.0").manifest;
    // the registry says hs-standard@1.0.0 is standard's sha256, but its directory holds baseline's (valid) files
    await registerModelVersion(
      getDb(),
      { name: "hs-standard", version: "1.0.0", artifactDir: "models/artifacts/hs-baseline/1.0.0", sha256: standard.sha256, card: {} },
      SYSTEM_ACTOR,
    );
    await expect(resolveClassifier(getDb(), "hs-standard@1.0.0")).rejects.toThrow(
      `hs-baseline@1.0.0: the artifact's sha256 ${baseline.sha256} is not the registered ${standard.sha256}; refusing to load`,
    );
  });
});
