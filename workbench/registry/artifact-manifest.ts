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

/** The files an artifact must have, told by its manifest. */
export const artifactFilesOf = (files: Record<string, string>): readonly string[] =>
  "combined.json" in files ? COMBINED_ARTIFACT_FILES : "retrieval.json" in files ? RETRIEVAL_ARTIFACT_FILES : ARTIFACT_FILES;

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
  artifactFilesOf(files)
    .map((f) => `${f}:${files[f]}`)
    .join("\n");
