// A trained model on disk: model.json + weights.bin (tfjs layers format, written by our own IOHandler since plain
// tfjs has no file:// handler), features.json, labels.json, card.json and manifest.json with the sha256 of each.
import type * as tfTypes from "@tensorflow/tfjs";
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { ArtifactError, combinedSha256, readRegisteredFiles } from "../../workbench/registry/artifact-files";
import { sha256 } from "../../workbench/sha256";
import { artifactFilesOf, artifactKind, type Manifest } from "../../workbench/registry/artifact-manifest";
import type { FeaturiserConfig } from "../../workbench/features/hashed-features";
import { getEnv } from "../../workbench/config/env";
import { artifactKernel, type ArtifactKernel } from "./artifact-kernel";
import { createClassifier, type Classifier } from "./classifier";
import { modelCardSchema, type ModelCard } from "./model-card";
import { postingsDirectory } from "./retrieval-index-cache";

type Tf = typeof tfTypes;

export interface LoadedModel {
  /** the model's computations, built once at load */
  classifier: Classifier;
  neural: ArtifactKernel["neural"];
  labels: string[];
  card: ModelCard;
  manifest: Manifest;
  dir: string;
}

/**
 * Writes an artifact's files (card last, with the size of the others) and its manifest to a temporary folder, then
 * renames it into place: a failed save leaves nothing behind, and an existing version is never overwritten.
 */
export function writeArtifact(
  dir: string,
  contents: Record<string, Uint8Array>,
  card: Omit<ModelCard, "sizeBytes">,
): { manifest: Manifest; card: ModelCard } {
  if (existsSync(dir)) throw new ArtifactError(`${dir} already exists: versions are immutable, choose a new version`);
  const size = Object.values(contents).reduce((s, c) => s + c.byteLength, 0);
  const fullCard = modelCardSchema.parse({ ...card, sizeBytes: size });
  const all: Record<string, Uint8Array> = { ...contents, "card.json": Buffer.from(JSON.stringify(fullCard, null, 2) + "\n") };
  const files: Record<string, string> = {};
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  for (const name of artifactFilesOf(Object.keys(all))) {
    if (!all[name]) throw new ArtifactError(`${dir}: ${name} was not produced`);
    writeFileSync(join(tmp, name), all[name]);
    files[name] = sha256(all[name]);
  }
  const manifest: Manifest = { name: card.name, version: card.version, files, sha256: combinedSha256(files) };
  writeFileSync(join(tmp, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
  mkdirSync(dirname(dir), { recursive: true });
  renameSync(tmp, dir);
  return { manifest, card: fullCard };
}

/** A trained network as an artifact (tfjs layers format through our own save handler: plain tfjs has no file://). */
export async function saveArtifact(
  tf: Tf,
  dir: string,
  model: tfTypes.LayersModel,
  features: FeaturiserConfig,
  labels: string[],
  card: Omit<ModelCard, "sizeBytes">,
): Promise<{ manifest: Manifest; card: ModelCard }> {
  if (existsSync(dir)) throw new ArtifactError(`${dir} already exists: versions are immutable, choose a new version`);
  const contents: Record<string, Uint8Array> = {};
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = new Uint8Array(artifacts.weightData as ArrayBuffer);
      contents["weights.bin"] = weights;
      contents["model.json"] = Buffer.from(
        JSON.stringify({
          format: "layers-model",
          generatedBy: `TensorFlow.js v${tf.version.tfjs}`,
          modelTopology: artifacts.modelTopology,
          weightsManifest: [{ paths: ["weights.bin"], weights: artifacts.weightSpecs }],
        }),
      );
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON", weightDataBytes: weights.byteLength } };
    }),
  );
  contents["features.json"] = Buffer.from(JSON.stringify(features, null, 2) + "\n");
  contents["labels.json"] = Buffer.from(JSON.stringify(labels) + "\n");
  return writeArtifact(dir, contents, card);
}

/**
 * Loads a verified artifact; with `expectedSha256` (the registered one) a different manifest is refused too. A retrieval
 * index is read from WORKBENCH_INDEX_CACHE_DIR when it was kept there, and kept there once built.
 */
export async function loadArtifact(tf: Tf, dir: string, expectedSha256?: string): Promise<LoadedModel> {
  const { manifest, files } = readRegisteredFiles(dir, expectedSha256);
  const card = modelCardSchema.parse(JSON.parse(files["card.json"]!.toString("utf8")));
  const identity = { name: manifest.name, version: manifest.version, sha256: manifest.sha256 };
  const indexCache = getEnv().WORKBENCH_INDEX_CACHE_DIR;
  let loaded;
  try {
    loaded = await artifactKernel(
      artifactKind(Object.keys(files)),
      (file) => files[file]!,
      manifest.files,
      async () => tf,
      indexCache ? postingsDirectory(indexCache) : undefined,
    );
  } catch (error) {
    throw new ArtifactError(`${dir}: ${(error as Error).message}`);
  }
  const { kernel, labels, neural } = loaded;
  // its files were verified as it loaded: predictions kept for them may stand in for its answers
  const verifyFiles = async () => undefined;
  return { classifier: { ...createClassifier(kernel, identity), verifyFiles }, neural, labels, card, manifest, dir };
}
