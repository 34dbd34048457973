import type { Db } from "./db.server";

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
