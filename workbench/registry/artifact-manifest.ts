// An artifact's manifest: the sha256 of each file and one over them all, which is the version's identity. Browser-safe
// (the browser recomputes the identity from the manifest with SubtleCrypto before it uses a model).
import { z } from "zod";

/** The files of a neural model's artifact, in the order their hashes enter the overall hash. */
export const ARTIFACT_FILES = ["model.json", "weights.bin", "features.json", "labels.json", "card.json"] as const;
/** The files of a retrieval model's artifact (ADR 0013). */
export const RETRIEVAL_ARTIFACT_FILES = ["retrieval.json", "labels.json", "card.json"] as const;
/** The files of a combined version's artifact: how it combines, then both members' files (ADR 0013). */
export const COMBINED_ARTIFACT_FILES = [
  "combined.json",
  "retrieval.json",
  "model.json",
  "weights.bin",
  "features.json",
  "labels.json",
  "card.json",
] as const;
/** Every file name an artifact may hold (what the server serves to the browser). */
export const ALL_ARTIFACT_FILES: readonly string[] = [...new Set([...ARTIFACT_FILES, ...RETRIEVAL_ARTIFACT_FILES, ...COMBINED_ARTIFACT_FILES])];

/** What an artifact holds, told by its file names: a network, a retrieval model (ADR 0013) or a combined version. */
export type ArtifactKind = "network" | "retrieval" | "combined";
export const artifactKind = (fileNames: readonly string[]): ArtifactKind =>
  fileNames.includes("combined.json") ? "combined" : fileNames.includes("retrieval.json") ? "retrieval" : "network";

const FILES_OF: Record<ArtifactKind, readonly string[]> = {
  network: ARTIFACT_FILES,
  retrieval: RETRIEVAL_ARTIFACT_FILES,
  combined: COMBINED_ARTIFACT_FILES,
};

/** The files an artifact must have, told by the names its manifest lists. */
export const artifactFilesOf = (fileNames: readonly string[]): readonly string[] => FILES_OF[artifactKind(fileNames)];

export const manifestSchema = z.object({
  name: z.string(),
  version: z.string(),
  files: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)),
  /** sha256 over the file hashes: the identity of this version */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** The text whose sha256 is the manifest's overall hash. */
export const manifestHashInput = (files: Record<string, string>) =>
  artifactFilesOf(Object.keys(files))
    .map((f) => `${f}:${files[f]}`)
    .join("\n");
