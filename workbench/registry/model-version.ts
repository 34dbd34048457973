// A registered model version as the registry stores it (the row shape every registry module reads).

export type ModelStatus = "candidate" | "production" | "archived";

/**
 * trained: an artifact built by this workbench's CLI; predictions: another model's top-k codes imported for
 * evaluation sets (evaluated, compared and promoted on them, never run on new text); remote: an HTTP endpoint.
 */
export const VERSION_KINDS = ["trained", "predictions", "remote"] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];

export const KIND_LABELS: Record<VersionKind, string> = { trained: "trained here", predictions: "predictions file", remote: "remote endpoint" };

export interface ModelVersion {
  id: number;
  name: string;
  version: string;
  status: ModelStatus;
  kind: VersionKind;
  sha256: string;
  /** the artifact folder, or the imported files */
  source: string;
  registeredBy: string;
  registeredAt: string;
  statusChangedAt: string;
}

/** A version with where its artifact lives (relative to the repository root; empty for a predictions version). */
export interface RegisteredVersion extends ModelVersion {
  artifactDir: string;
}

export const VERSION_COLUMNS =
  // quoted aliases keep their case on PostgreSQL (which folds unquoted names to lower case)
  'id, name, version, status, kind, sha256, source, registered_by_name AS "registeredBy", artifact_dir AS "artifactDir", registered_at AS "registeredAt", status_changed_at AS "statusChangedAt"';

/** Why a version cannot classify new text, or null when it can (a predictions file holds answers for its sets only). */
export function cannotClassify(version: Pick<ModelVersion, "name" | "version" | "kind">): string | null {
  return version.kind === "predictions"
    ? `${version.name}@${version.version} is a predictions file: it holds answers for its evaluation sets only and cannot classify new text`
    : null;
}
