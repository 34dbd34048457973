import { audit, type Actor } from "./audit.server";
import { nowIso, type Db } from "./db.server";

export type ModelStatus = "candidate" | "production" | "archived";

export interface ModelVersion {
  id: number;
  name: string;
  version: string;
  status: ModelStatus;
  sha256: string;
  registeredAt: string;
  statusChangedAt: string;
}

export function listModelVersions(db: Db): ModelVersion[] {
  return db
    .prepare(
      `SELECT id, name, version, status, sha256, registered_at AS registeredAt, status_changed_at AS statusChangedAt
       FROM model_versions ORDER BY name, registered_at DESC`,
    )
    .all() as ModelVersion[];
}

export class RegistryError extends Error {
  override name = "RegistryError";
}

export interface NewModelVersion {
  /** candidate by default; production only for the seeded demo state (promotion goes through requests) */
  status?: "candidate" | "production";
  name: string;
  version: string;
  artifactDir: string;
  sha256: string;
  card: unknown;
}

/** Registers a trained artifact as a candidate version (audited). A name@version is registered once. */
export function registerModelVersion(db: Db, input: NewModelVersion, actor: Actor): ModelVersion {
  return db.transaction(() => {
    const existing = db.prepare("SELECT sha256 FROM model_versions WHERE name = ? AND version = ?").get(input.name, input.version) as
      | { sha256: string }
      | undefined;
    if (existing) {
      throw new RegistryError(
        existing.sha256 === input.sha256
          ? `${input.name}@${input.version} is already registered`
          : `${input.name}@${input.version} is already registered with different artifacts (sha256 ${existing.sha256.slice(0, 12)}…); use a new version`,
      );
    }
    const now = nowIso();
    const id = Number(
      db
        .prepare(
          `INSERT INTO model_versions (name, version, status, artifact_dir, sha256, card_json, registered_by, registered_at, status_changed_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(input.name, input.version, input.status ?? "candidate", input.artifactDir, input.sha256, JSON.stringify(input.card), actor.id, now, now).lastInsertRowid,
    );
    if (input.status === "production") {
      db.prepare("INSERT INTO production_history (model_name, model_version_id, started_at, started_by, reason) VALUES (?, ?, ?, ?, 'seed')").run(input.name, id, now, actor.username);
    }
    audit(db, { actor, action: "model.register", targetType: "model_version", targetId: id, after: { name: input.name, version: input.version, sha256: input.sha256, status: input.status ?? "candidate" } });
    return listModelVersions(db).find((v) => v.id === id)!;
  })();
}

export function findModelVersion(db: Db, name: string, version: string): (ModelVersion & { artifactDir: string }) | undefined {
  return db
    .prepare(
      `SELECT id, name, version, status, sha256, artifact_dir AS artifactDir, registered_at AS registeredAt, status_changed_at AS statusChangedAt
       FROM model_versions WHERE name = ? AND version = ?`,
    )
    .get(name, version) as (ModelVersion & { artifactDir: string }) | undefined;
}

export function productionVersion(db: Db, name?: string): (ModelVersion & { artifactDir: string }) | undefined {
  return db
    .prepare(
      `SELECT id, name, version, status, sha256, artifact_dir AS artifactDir, registered_at AS registeredAt, status_changed_at AS statusChangedAt
       FROM model_versions WHERE status = 'production' ${name ? "AND name = ?" : ""} ORDER BY status_changed_at DESC LIMIT 1`,
    )
    .get(...(name ? [name] : [])) as (ModelVersion & { artifactDir: string }) | undefined;
}

/** The registered model card (stored at registration; the artifact's card.json is the source). */
export function modelCardOf(db: Db, name: string, version: string): unknown {
  const row = db.prepare("SELECT card_json FROM model_versions WHERE name = ? AND version = ?").get(name, version) as { card_json: string } | undefined;
  return row ? JSON.parse(row.card_json) : undefined;
}
