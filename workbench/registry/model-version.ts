// A registered model version as the registry stores it (the row shape every registry module reads).

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

/** A version with where its artifact lives (relative to the repository root). */
export interface RegisteredVersion extends ModelVersion {
  artifactDir: string;
}

export const VERSION_COLUMNS =
  "id, name, version, status, sha256, artifact_dir AS artifactDir, registered_at AS registeredAt, status_changed_at AS statusChangedAt";
