// Versions made of another model's predictions (issue 16): a checked file becomes a candidate version with frozen
// top-k codes per evaluation set, in one transaction. Such a version is evaluated, compared and promoted on the sets
// it has predictions for; asked for any other line it says why it cannot answer.
import type { Db } from "../store/db";
import type { Actor } from "../store/audit";
import { nowIso } from "../clock";
import { sha256 } from "../sha256";
import { isShippedSet, shippedSet, SHIPPED_SETS } from "../evaluation/evaluation-sets";
import type { Candidate } from "../evaluation/metrics";
import { decodePredictions, encodePredictions } from "../evaluation/prediction-cache";
import type { SetPredictions } from "../evaluation/prediction-file";
import type { Predictor, PredictorOf } from "../evaluation/predictor";
import { registerModelVersion, RegistryError } from "./model-registry";
import { formatModelRef, type ModelRef } from "./model-ref";
import type { ModelVersion, RegisteredVersion } from "./model-version";

export interface PredictionFile {
  /** the file's name as the user gave it (no directories) */
  name: string;
  sha256: string;
  sets: SetPredictions[];
}

export interface ImportedSet {
  setId: string;
  setHash: string;
  fileName: string;
  fileSha256: string;
  lines: number;
  topK: number;
  importedAt: string;
}

/** What a predictions version's registry entry (its "card") holds. */
export interface PredictionsCard {
  kind: "predictions";
  name: string;
  version: string;
  description: string;
  sets: Omit<ImportedSet, "importedAt">[];
}

/** Registers name@version as a predictions version holding the files' predictions (audited; all or nothing). */
export async function importPredictions(
  db: Db,
  input: ModelRef & { description: string; files: PredictionFile[] },
  actor: Actor,
): Promise<{ version: ModelVersion; sets: ImportedSet[] }> {
  const sets = input.files.flatMap((f) => f.sets.map((s) => ({ ...s, fileName: f.name, fileSha256: f.sha256 })));
  if (!sets.length) throw new RegistryError("no predictions to import");
  const seen = new Set<string>();
  for (const s of sets) {
    if (seen.has(s.setId)) throw new RegistryError(`more than one file predicts ${s.setId}: give one file per evaluation set`);
    seen.add(s.setId);
  }
  const encoded = sets.map((s) => {
    const { codes, probabilities } = encodePredictions(s.candidates, s.topK);
    return { ...s, codes, probabilities, contentSha256: contentHash(codes, probabilities) };
  });
  // the version's identity: which predictions it holds, on which version of each set
  const identity = sha256(
    encoded
      .map((s) => `${s.setId} ${s.setHash} ${s.contentSha256}`)
      .sort()
      .join("\n"),
  );
  const card: PredictionsCard = {
    kind: "predictions",
    name: input.name,
    version: input.version,
    description: input.description,
    sets: encoded.map((s) => ({
      setId: s.setId,
      setHash: s.setHash,
      fileName: s.fileName,
      fileSha256: s.fileSha256,
      lines: s.candidates.length,
      topK: s.topK,
    })),
  };
  return db.transaction(async (db) => {
    const version = await registerModelVersion(
      db,
      {
        name: input.name,
        version: input.version,
        kind: "predictions",
        artifactDir: "",
        source: [...new Set(encoded.map((s) => s.fileName))].join(", "),
        sha256: identity,
        card,
      },
      actor,
    );
    const now = nowIso();
    for (const s of encoded)
      await db.run(
        `INSERT INTO imported_predictions (version_id, set_id, set_hash, file_name, file_sha256, lines, top_k, codes, probabilities, content_sha256, imported_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [version.id, s.setId, s.setHash, s.fileName, s.fileSha256, s.candidates.length, s.topK, s.codes, s.probabilities, s.contentSha256, now],
      );
    return { version, sets: await importedSets(db, version.id) };
  });
}

const contentHash = (codes: string, probabilities: Buffer) => sha256(Buffer.concat([Buffer.from(codes, "utf8"), probabilities]));

export async function importedSets(db: Db, versionId: number): Promise<ImportedSet[]> {
  return (await db.all(
    `SELECT set_id AS "setId", set_hash AS "setHash", file_name AS "fileName", file_sha256 AS "fileSha256", lines, top_k AS "topK", imported_at AS "importedAt"
       FROM imported_predictions WHERE version_id = ? ORDER BY set_id`,
    [versionId],
  )) as ImportedSet[];
}

/** Why a version cannot give predictions for a set, or null when it can (every kind; trained versions always can). */
export async function unavailableOn(db: Db, version: Pick<ModelVersion, "id" | "name" | "version" | "kind">, setId: string): Promise<string | null> {
  if (version.kind !== "predictions") return null;
  const sets = await importedSets(db, version.id);
  const mine = sets.find((s) => s.setId === setId);
  const ref = formatModelRef(version);
  const list = sets.map((s) => s.setId).join(", ");
  if (!mine)
    return `${ref} is a predictions file with predictions for ${list} only; it cannot predict other lines (import its predictions for this set as a new version)`;
  if (isShippedSet(setId) && shippedSet(setId).hash !== mine.setHash)
    return `${ref} predicted an earlier version of ${SHIPPED_SETS[setId].label}; import predictions for the current lines as a new version`;
  return null;
}

/** A stored predictions version as a Predictor: it answers exactly the lines of the sets it has predictions for. */
export async function importedPredictor(db: Db, version: ModelVersion): Promise<Predictor> {
  return {
    identity: { name: version.name, version: version.version, sha256: version.sha256 },
    async topK(texts, k) {
      const sets = await importedSets(db, version.id);
      for (const s of sets) {
        // predictions made for the set's current lines (its hash), and these texts are exactly those lines
        if (!isShippedSet(s.setId) || shippedSet(s.setId).hash !== s.setHash) continue;
        const lines = shippedSet(s.setId).lines;
        if (lines.length !== texts.length || lines.some((l, i) => l.text !== texts[i])) continue;
        return (await storedPredictions(db, version.id, s.setId)).map((c) => c.slice(0, k));
      }
      throw new PredictionsUnavailable(
        `${formatModelRef(version)} is a predictions file with predictions for ${sets.map((s) => s.setId).join(", ")} only; it cannot predict other lines`,
      );
    },
  };
}

export class PredictionsUnavailable extends RegistryError {
  override name = "PredictionsUnavailable";
}

async function storedPredictions(db: Db, versionId: number, setId: string): Promise<Candidate[][]> {
  const row = (await db.get("SELECT codes, probabilities, lines, top_k AS k FROM imported_predictions WHERE version_id = ? AND set_id = ?", [
    versionId,
    setId,
  ])) as { codes: string; probabilities: Buffer; lines: number; k: number };
  return decodePredictions(row.codes, row.probabilities, row.lines, row.k);
}

/** Each stored set still holds exactly what was imported (the promotion's "evidence unchanged" check). */
export async function verifyImportedPredictions(db: Db, versionId: number): Promise<{ ok: boolean; message: string }> {
  const rows = (await db.all(
    'SELECT set_id AS "setId", codes, probabilities, content_sha256 AS expected FROM imported_predictions WHERE version_id = ?',
    [versionId],
  )) as { setId: string; codes: string; probabilities: Buffer; expected: string }[];
  if (!rows.length) return { ok: false, message: "no imported predictions are stored" };
  const changed = rows.filter((r) => contentHash(r.codes, r.probabilities) !== r.expected).map((r) => r.setId);
  return changed.length
    ? { ok: false, message: `stored predictions for ${changed.join(", ")} no longer match their sha256` }
    : { ok: true, message: `frozen predictions for ${rows.map((r) => r.setId).join(", ")} match their sha256` };
}

/**
 * The predictor of any registered version: imported predictions are read from the registry, every other kind comes
 * from the caller (which loads and verifies trained artifacts).
 */
export async function predictorFor(db: Db, version: RegisteredVersion, predictorOf: PredictorOf): Promise<Predictor> {
  return version.kind === "predictions" ? await importedPredictor(db, version) : predictorOf(version);
}
