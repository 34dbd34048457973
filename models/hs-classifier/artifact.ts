// A trained model on disk: model.json + weights.bin (tfjs layers format, written by our own IOHandler since plain
// tfjs has no file:// handler), features.json, labels.json, card.json and manifest.json with the sha256 of each.
import type * as tfTypes from "@tensorflow/tfjs";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { z } from "zod";
import { featuriserConfigSchema, type FeaturiserConfig } from "../../workbench/features/hashed-features";
import { modelCardSchema, type ModelCard } from "./model-card";

type Tf = typeof tfTypes;

export const ARTIFACT_FILES = ["model.json", "weights.bin", "features.json", "labels.json", "card.json"] as const;

const manifestSchema = z.object({
  name: z.string(),
  version: z.string(),
  files: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)),
  /** sha256 over the file hashes: the identity of this version */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type Manifest = z.infer<typeof manifestSchema>;

export const sha256 = (data: Uint8Array | string) => createHash("sha256").update(data).digest("hex");
const combined = (files: Record<string, string>) => sha256(ARTIFACT_FILES.map((f) => `${f}:${files[f]}`).join("\n"));

export class ArtifactError extends Error {
  override name = "ArtifactError";
}

export interface LoadedModel {
  model: tfTypes.LayersModel;
  features: FeaturiserConfig;
  labels: string[];
  card: ModelCard;
  manifest: Manifest;
  dir: string;
}

/** Writes all files to a temporary folder, then renames it into place: a failed save leaves nothing behind. */
export async function saveArtifact(
  tf: Tf,
  dir: string,
  model: tfTypes.LayersModel,
  features: FeaturiserConfig,
  labels: string[],
  card: Omit<ModelCard, "sizeBytes">,
): Promise<{ manifest: Manifest; card: ModelCard }> {
  if (existsSync(dir)) throw new ArtifactError(`${dir} already exists: versions are immutable, choose a new version`);
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
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
  const size = Object.values(contents).reduce((s, c) => s + c.byteLength, 0);
  const fullCard = modelCardSchema.parse({ ...card, sizeBytes: size });
  contents["card.json"] = Buffer.from(JSON.stringify(fullCard, null, 2) + "\n");
  const files: Record<string, string> = {};
  for (const name of ARTIFACT_FILES) {
    writeFileSync(join(tmp, name), contents[name]!);
    files[name] = sha256(contents[name]!);
  }
  const manifest: Manifest = { name: card.name, version: card.version, files, sha256: combined(files) };
  writeFileSync(join(tmp, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
  mkdirSync(dirname(dir), { recursive: true });
  renameSync(tmp, dir);
  return { manifest, card: fullCard };
}

/** Reads and checks every file against manifest.json; refuses to load anything that does not match. */
export function readVerifiedFiles(dir: string): { manifest: Manifest; files: Record<string, Buffer> } {
  const manifestPath = join(dir, "manifest.json");
  if (!existsSync(manifestPath)) throw new ArtifactError(`${dir}: manifest.json is missing; this is not a model artifact`);
  const manifest = manifestSchema.parse(JSON.parse(readFileSync(manifestPath, "utf8")));
  const files: Record<string, Buffer> = {};
  for (const name of ARTIFACT_FILES) {
    const path = join(dir, name);
    if (!existsSync(path)) throw new ArtifactError(`${dir}: ${name} is missing`);
    const data = readFileSync(path);
    const actual = sha256(data);
    if (actual !== manifest.files[name]) {
      throw new ArtifactError(`${dir}: ${name} does not match its sha256 in manifest.json (expected ${manifest.files[name]}, found ${actual}); refusing to load`);
    }
    files[name] = data;
  }
  if (combined(manifest.files) !== manifest.sha256) throw new ArtifactError(`${dir}: manifest.json's overall sha256 does not match its file hashes`);
  return { manifest, files };
}

export async function loadArtifact(tf: Tf, dir: string): Promise<LoadedModel> {
  const { manifest, files } = readVerifiedFiles(dir);
  const modelJson = JSON.parse(files["model.json"]!.toString("utf8"));
  const weights = files["weights.bin"]!;
  const model = await tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: modelJson.modelTopology,
      weightSpecs: modelJson.weightsManifest[0].weights,
      weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
    }),
  );
  return {
    model,
    features: featuriserConfigSchema.parse(JSON.parse(files["features.json"]!.toString("utf8"))),
    labels: z.array(z.string().regex(/^\d{6}$/)).parse(JSON.parse(files["labels.json"]!.toString("utf8"))),
    card: modelCardSchema.parse(JSON.parse(files["card.json"]!.toString("utf8"))),
    manifest,
    dir,
  };
}
