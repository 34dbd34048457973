// Registered model versions: registration (audited) and the one resolver from a reference (or "production") to a
// registered version that pages, the API, the CLI and promotion share.
import { audit, type Actor } from "../store/audit";
import { type Db } from "../store/db";
import { nowIso } from "../clock";
import { formatModelRef, MODEL_REF_EXPECTED, parseVersionSelector, type ModelRef, type VersionSelector } from "./model-ref";
import { VERSION_COLUMNS, type ModelVersion, type RegisteredVersion, type VersionKind } from "./model-version";
import { productionVersion, switchProduction } from "./production-state";

export function listModelVersions(db: Db): ModelVersion[] {
  return db
    .prepare(
      `SELECT id, name, version, status, kind, sha256, source, registered_by_name AS registeredBy, registered_at AS registeredAt,
              status_changed_at AS statusChangedAt
       FROM model_versions ORDER BY name, registered_at DESC`,
    )
    .all() as ModelVersion[];
}

export class RegistryError extends Error {
  override name = "RegistryError";
}

/** A reference that names no registered version; `status` is the HTTP status it maps to. */
export class ModelVersionNotFound extends RegistryError {
  constructor(
    message: string,
    /** 400 malformed reference, 404 no such version, 409 nothing in production */
    readonly status: 400 | 404 | 409,
  ) {
    super(message);
  }
}

export interface NewModelVersion {
  /** candidate by default; production only for the seeded demo state (promotion goes through requests) */
  status?: "candidate" | "production";
  name: string;
  version: string;
  /** trained by default */
  kind?: VersionKind;
  /** the artifact folder of a trained version; empty for other kinds */
  artifactDir: string;
  /** shown in the registry; the artifact folder when not given */
  source?: string;
  sha256: string;
  card: unknown;
}

/**
 * Registers a version as a candidate (audited). A name@version is registered once. Runs in the caller's transaction
 * when there is one (an import writes its predictions in the same one).
 */
export function registerModelVersion(db: Db, input: NewModelVersion, actor: Actor): ModelVersion {
  return db.transaction(() => {
    const existing = db.prepare("SELECT sha256 FROM model_versions WHERE name = ? AND version = ?").get(input.name, input.version) as
      { sha256: string } | undefined;
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
          `INSERT INTO model_versions (name, version, status, kind, artifact_dir, source, sha256, card_json, registered_by, registered_by_name, registered_at, status_changed_at)
           VALUES (?, ?, 'candidate', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          input.name,
          input.version,
          input.kind ?? "trained",
          input.artifactDir,
          input.source ?? input.artifactDir,
          input.sha256,
          JSON.stringify(input.card),
          actor.id,
          actor.username,
          now,
          now,
        ).lastInsertRowid,
    );
    if (input.status === "production") switchProduction(db, { name: input.name, current: undefined, nextId: id, reason: "seed" }, actor, now);
    audit(db, {
      actor,
      action: "model.register",
      targetType: "model_version",
      targetId: id,
      after: { name: input.name, version: input.version, kind: input.kind ?? "trained", sha256: input.sha256, status: input.status ?? "candidate" },
    });
    return listModelVersions(db).find((v) => v.id === id)!;
  })();
}

export function findModelVersion(db: Db, ref: ModelRef): RegisteredVersion | undefined {
  return db.prepare(`SELECT ${VERSION_COLUMNS} FROM model_versions WHERE name = ? AND version = ?`).get(ref.name, ref.version) as
    RegisteredVersion | undefined;
}

/**
 * The registered version a reference names: name@version, or "production" for whichever version is in production
 * now. Every caller gets the same messages for a malformed reference, an unknown version and an empty production slot.
 */
export function resolveVersion(db: Db, selector: VersionSelector | string): RegisteredVersion {
  const parsed = typeof selector === "string" ? parseVersionSelector(selector) : selector;
  if (!parsed)
    throw new ModelVersionNotFound(`'${String(selector).slice(0, 80)}' is not a model version (expected ${MODEL_REF_EXPECTED}, or production)`, 400);
  if (parsed === "production") {
    const production = productionVersion(db);
    if (!production) throw new ModelVersionNotFound("no model version is in production", 409);
    return production;
  }
  const version = findModelVersion(db, parsed);
  if (!version) throw new ModelVersionNotFound(`no model version ${formatModelRef(parsed)} is registered`, 404);
  return version;
}

/** The registered model card (stored at registration; the artifact's card.json is the source). */
export function modelCardOf(db: Db, ref: ModelRef): unknown {
  const row = db.prepare("SELECT card_json FROM model_versions WHERE name = ? AND version = ?").get(ref.name, ref.version) as
    { card_json: string } | undefined;
  return row ? JSON.parse(row.card_json) : undefined;
}
