// An artifact's manifest: the sha256 of each file and one over them all, which is the version's identity. Browser-safe
// (the browser recomputes the identity from the manifest with SubtleCrypto before it uses a model).
import { z } from "zod";

export const ARTIFACT_FILES = ["model.json", "weights.bin", "features.json", "labels.json", "card.json"] as const;

export const manifestSchema = z.object({
  name: z.string(),
  version: z.string(),
  files: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)),
  /** sha256 over the file hashes: the identity of this version */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** The text whose sha256 is the manifest's overall hash. */
export const manifestHashInput = (files: Record<string, string>) => ARTIFACT_FILES.map((f) => `${f}:${files[f]}`).join("\n");
