import { resolve } from "node:path";
import { z } from "zod";
import { loadArtifact, type LoadedModel } from "../../models/hs-classifier/artifact";
import { predictTopK } from "../../models/hs-classifier/classifier";
import { predictAndExplain, type TokenWeight } from "../../models/hs-classifier/explain";
import { nodeTf } from "../../models/hs-classifier/tf";
import { loadNomenclature, repoRoot } from "../../workbench/hs/load-fixtures";
import { getDb } from "~/store/context.server";
import { findModelVersion, productionVersion } from "~/store/model-registry.server";

export const LIMITS = { descriptions: 100, characters: 1000, topK: 20, bodyBytes: 256 * 1024 };

export const classifyRequestSchema = z.object({
  descriptions: z
    .array(z.string({ error: "each description must be text" }).max(LIMITS.characters, { error: `a description may have at most ${LIMITS.characters} characters` }), {
      error: "descriptions must be an array of strings",
    })
    .min(1, { error: "descriptions must hold at least one description" })
    .max(LIMITS.descriptions, { error: `at most ${LIMITS.descriptions} descriptions per request` }),
  topK: z.number({ error: "topK must be a number" }).int({ error: "topK must be a whole number" }).min(1).max(LIMITS.topK, { error: `topK may be at most ${LIMITS.topK}` }).default(5),
  model: z.string().regex(/^[a-z][a-z0-9-]*@\d+\.\d+\.\d+$/, { error: "model must be name@version, e.g. hs-standard@1.0.0" }).optional(),
});

export class ModelNotFound extends Error {
  override name = "ModelNotFound";
}

// Loaded models by artifact sha256: a promotion makes a new sha256 the production one; requests already running keep
// the object they resolved at their start.
const cache = new Map<string, Promise<LoadedModel>>();

export async function resolveClassifier(ref?: string): Promise<LoadedModel> {
  const db = getDb();
  let version;
  if (ref) {
    const [name, v] = ref.split("@") as [string, string];
    version = findModelVersion(db, name, v);
    if (!version) throw new ModelNotFound(`no model version ${ref} is registered`);
  } else {
    version = productionVersion(db);
    if (!version) throw new ModelNotFound("no model version is in production");
  }
  const key = version.sha256;
  if (!cache.has(key)) {
    const loading = nodeTf().then((tf) => loadArtifact(tf, resolve(repoRoot(), version.artifactDir)));
    loading.catch(() => cache.delete(key));
    cache.set(key, loading);
  }
  return cache.get(key)!;
}

export interface ClassifyResult {
  description: string;
  candidates: { code: string; probability: number; description: string; heading: string; chapter: string }[];
  explanation: TokenWeight[];
}

export async function classify(loaded: LoadedModel, descriptions: string[], topK: number): Promise<ClassifyResult[]> {
  const tf = await nodeTf();
  const nomenclature = loadNomenclature();
  const { candidates, explanations } = await predictAndExplain(tf, loaded.model, loaded.features, loaded.labels, descriptions, topK);
  return descriptions.map((description, i) => ({
    description,
    candidates: candidates[i]!.map((c) => {
      const info = nomenclature.lookup(c.code);
      return {
        code: c.code,
        probability: Math.round(c.probability * 10_000) / 10_000,
        description: info?.description ?? "",
        heading: info?.heading ? `${info.heading.code} ${info.heading.description}` : "",
        chapter: info ? `${info.chapter.code} ${info.chapter.description}` : "",
      };
    }),
    explanation: explanations[i]!,
  }));
}
