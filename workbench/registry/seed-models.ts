import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { z } from "zod";
import { readVerifiedFiles } from "./artifact-files";
import { SYSTEM_ACTOR } from "../store/audit";
import type { Db } from "../store/db";
import { compareVersions, modelRefSchema, type ModelRef } from "./model-ref";
import { findModelVersion, registerModelVersion, type NewModelVersion } from "./model-registry";

const seedSchema = z.object({
  /** name@version of the versions that start in production */
  production: z.array(modelRefSchema),
});

/** The versions models/artifacts/seed.json puts into production. */
export function seededProduction(root: string): ModelRef[] {
  const seedFile = join(root, "models/artifacts/seed.json");
  return existsSync(seedFile) ? seedSchema.parse(JSON.parse(readFileSync(seedFile, "utf8"))).production : [];
}

/**
 * Registers the model artifacts shipped in models/artifacts (each verified against its sha256s) and puts the
 * versions listed in models/artifacts/seed.json into production: the seeded demo state. An artifact that fails
 * verification is refused (and reported), never registered; the valid ones are registered in one transaction.
 */
export async function seedModelVersions(db: Db, root: string): Promise<{ registered: string[]; refused: string[] }> {
  const artifacts = join(root, "models/artifacts");
  if (!existsSync(artifacts)) return { registered: [], refused: [] };
  const production = seededProduction(root);
  const valid: NewModelVersion[] = [];
  const refused: string[] = [];
  const folders = (dir: string) =>
    readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      // versions in their order (1.9.0 before 1.10.0): registration order is the order versions are charted and tie-broken in
      .sort(compareVersions);
  for (const name of folders(artifacts)) {
    for (const version of folders(join(artifacts, name))) {
      if (await findModelVersion(db, { name, version })) continue;
      const dir = join(artifacts, name, version);
      try {
        const { manifest, files } = readVerifiedFiles(dir);
        const status = production.some((r) => r.name === name && r.version === version) ? "production" : "candidate";
        valid.push({
          name,
          version,
          status,
          artifactDir: relative(root, dir),
          sha256: manifest.sha256,
          card: JSON.parse(files["card.json"]!.toString("utf8")),
        });
      } catch (error) {
        refused.push(`${name}@${version}: ${(error as Error).message}`);
      }
    }
  }
  // nothing new: no write (every CLI run seeds, often beside a running server)
  if (valid.length)
    await db.transaction(async (db) => {
      for (const v of valid) await registerModelVersion(db, v, SYSTEM_ACTOR);
    });
  return { registered: valid.map((v) => `${v.name}@${v.version}${v.status === "production" ? " (production)" : ""}`), refused };
}
