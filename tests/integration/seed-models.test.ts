import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { listAudit } from "../../workbench/store/audit";
import { openDatabase } from "../../workbench/store/db";
import { listModelVersions } from "../../workbench/registry/model-registry";
import { productionVersion } from "../../workbench/registry/production-state";
import { seedModelVersions } from "../../workbench/registry/seed-models";
import { trainFromConfig } from "../../models/hs-classifier/train-pipeline";
import { trainingConfigSchema } from "../../models/hs-classifier/training-config";

const root = mkdtempSync(join(tmpdir(), "workbench-seed-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("seeding shipped model versions", () => {
  it("registers verified artifacts once, with the seeded production version, and refuses tampered ones", async () => {
    const tiny = trainingConfigSchema.parse(JSON.parse(readFileSync("models/configs/tiny.json", "utf8")));
    const artifacts = join(root, "models/artifacts");
    await trainFromConfig({ ...tiny, evaluation: { demoExtractSample: 0 } }, () => undefined, artifacts);
    await trainFromConfig({ ...tiny, version: "0.0.2", evaluation: { demoExtractSample: 0 } }, () => undefined, artifacts);
    writeFileSync(join(artifacts, "seed.json"), JSON.stringify({ production: ["hs-tiny@0.0.1"] }));

    const db = await openDatabase(":memory:");
    expect(await seedModelVersions(db, root)).toEqual({ registered: ["hs-tiny@0.0.1 (production)", "hs-tiny@0.0.2"], refused: [] });
    expect(await seedModelVersions(db, root)).toEqual({ registered: [], refused: [] });
    expect((await listModelVersions(db)).map((v) => `${v.version}:${v.status}`).sort()).toEqual(["0.0.1:production", "0.0.2:candidate"]);
    expect((await productionVersion(db, "hs-tiny"))?.version).toBe("0.0.1");
    expect((await listAudit(db, { action: "model.register" })).map((e) => (e.after as { status: string }).status).sort()).toEqual([
      "candidate",
      "production",
    ]);

    const fresh = await openDatabase(":memory:");
    appendFileSync(join(artifacts, "hs-tiny/0.0.2/labels.json"), " ");
    const seeded = await seedModelVersions(fresh, root);
    expect(seeded.registered).toEqual(["hs-tiny@0.0.1 (production)"]);
    expect(seeded.refused).toEqual([expect.stringMatching(/^hs-tiny@0.0.2: .*labels.json does not match its sha256/)]);
    expect((await listModelVersions(fresh)).map((v) => v.version)).toEqual(["0.0.1"]);
  });
});
