// Registered model versions: registration (audited) and the one resolver from a reference (or "production") to a
// registered version that pages, the API, the CLI and promotion share.
import { nearest } from "../text/nearest";
import { audit, type Actor } from "../store/audit";
import { type Db } from "../store/db";
import { nowIso } from "../clock";
import { formatModelRef, MODEL_REF_EXPECTED, parseVersionSelector, type ModelRef, type VersionSelector } from "./model-ref";
import { VERSION_COLUMNS, type ModelVersion, type RegisteredVersion, type VersionKind } from "./model-version";
import { productionVersion, switchProduction } from "./production-state";

/**
 * By name, the latest registered first; of versions registered in the same millisecond (the seeded ones, registered one
 * after another in version order, often are) the later registration first, so they are listed highest first.
 */
export async function listModelVersions(db: Db): Promise<ModelVersion[]> {
  return (await db.all(`SELECT id, name, version, status, kind, sha256, source, registered_by_name AS "registeredBy", registered_at AS "registeredAt",
              status_changed_at AS "statusChangedAt"
       FROM model_versions ORDER BY name, registered_at DESC, id DESC`)) as ModelVersion[];
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
export async function registerModelVersion(db: Db, input: NewModelVersion, actor: Actor): Promise<ModelVersion> {
  return db.transaction(async (db) => {
    const existing = (await db.get("SELECT sha256 FROM model_versions WHERE name = ? AND version = ?", [input.name, input.version])) as
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
      (await db.value<number>(
        `INSERT INTO model_versions (name, version, status, kind, artifact_dir, source, sha256, card_json, registered_by, registered_by_name, registered_at, status_changed_at)
           VALUES (?, ?, 'candidate', ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        [
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
        ],
      ))!,
    );
    if (input.status === "production") await switchProduction(db, { name: input.name, current: undefined, nextId: id, reason: "seed" }, actor, now);
    await audit(db, {
      actor,
      action: "model.register",
      targetType: "model_version",
      targetId: id,
      after: { name: input.name, version: input.version, kind: input.kind ?? "trained", sha256: input.sha256, status: input.status ?? "candidate" },
    });
    return (await listModelVersions(db)).find((v) => v.id === id)!;
  });
}

export async function findModelVersion(db: Db, ref: ModelRef): Promise<RegisteredVersion | undefined> {
  return (await db.get(`SELECT ${VERSION_COLUMNS} FROM model_versions WHERE name = ? AND version = ?`, [ref.name, ref.version])) as
    RegisteredVersion | undefined;
}

/**
 * The registered version a reference names: name@version, or "production" for whichever version is in production
 * now. Every caller gets the same messages for a malformed reference, an unknown version and an empty production slot.
 */
export async function resolveVersion(db: Db, selector: VersionSelector | string): Promise<RegisteredVersion> {
  const parsed = typeof selector === "string" ? parseVersionSelector(selector) : selector;
  if (!parsed) {
    // "hs-combined" or "hs-combined@latest": the model is known, its version not said
    const name = typeof selector === "string" ? selector.trim().split("@")[0]! : "";
    const newest = (await listModelVersions(db)).find((v) => v.name === name)?.version;
    const hint = newest ? `; the newest of ${name} is ${name}@${newest}` : "";
    throw new ModelVersionNotFound(
      `'${String(selector).slice(0, 80)}' is not a model version (expected ${MODEL_REF_EXPECTED}, or production)${hint}`,
      400,
    );
  }
  if (parsed === "production") {
    const production = await productionVersion(db);
    if (!production) throw new ModelVersionNotFound("no model version is in production", 409);
    return production;
  }
  const version = await findModelVersion(db, parsed);
  if (!version)
    throw new ModelVersionNotFound(`no model version ${formatModelRef(parsed)} is registered${await whatIsRegistered(db, parsed.name)}`, 404);
  return version;
}

/** For a reference to nothing: the versions its model has, or the model name it probably meant. */
async function whatIsRegistered(db: Db, name: string): Promise<string> {
  const registered = await listModelVersions(db); // by name, the latest registered first
  const versions = registered.filter((v) => v.name === name).map((v) => v.version);
  if (versions.length === 1) return ` (${name} has one version: ${versions[0]})`;
  if (versions.length) return ` (${name} has ${versions.length} versions, the newest ${versions[0]})`;
  const meant = nearest(name, [...new Set(registered.map((v) => v.name))]);
  return meant ? ` (no model is named ${name}: did you mean ${meant}?)` : "";
}

/** The registered model card (stored at registration; the artifact's card.json is the source). */
export async function modelCardOf(db: Db, ref: ModelRef): Promise<unknown> {
  const row = (await db.get("SELECT card_json FROM model_versions WHERE name = ? AND version = ?", [ref.name, ref.version])) as
    { card_json: string } | undefined;
  return row ? JSON.parse(row.card_json) : undefined;
}
