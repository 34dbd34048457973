// How an artifact's files become its computation, one owner for the server (artifact.ts, files read from disk) and the
// browser (app/classify/browser-model.client.ts, files fetched): which of them each kind's computation reads (the kind
// is told by artifact-manifest.ts), and the kernel built from them. Browser-safe; the caller verifies the files' sha256s first.
import type * as tfTypes from "@tensorflow/tfjs";
import { z } from "zod";
import { featuriserConfigSchema, type FeaturiserConfig } from "../../workbench/features/hashed-features";
import type { ArtifactKind } from "../../workbench/registry/artifact-manifest";
import { networkKernel } from "./calibration";
import type { Kernel } from "./classifier";
import { loadedCombinedKernel } from "./combined-model";
import { modelCardSchema } from "./model-card";
import { loadedRetrievalKernel, type PostingsStore } from "./retrieval-model";

type Tf = typeof tfTypes;

/** The files each kind's computation reads (a network's card holds its calibration). */
export const KERNEL_FILES: Record<ArtifactKind, readonly string[]> = {
  network: ["model.json", "weights.bin", "features.json", "labels.json", "card.json"],
  retrieval: ["retrieval.json", "labels.json"],
  combined: ["combined.json", "retrieval.json", "model.json", "weights.bin", "features.json", "labels.json"],
};

export interface ArtifactKernel {
  kernel: Kernel;
  labels: string[];
  /** the network and its features (network and combined versions); null for a retrieval version */
  neural: { model: tfTypes.LayersModel; features: FeaturiserConfig } | null;
}

const labelsSchema = z.array(z.string().regex(/^\d{6}$/));

/**
 * The computation of an artifact of the given kind from its files (`read` gives a file's bytes, `sha256` the verified
 * hashes from its manifest). TensorFlow.js is asked for only when the kind has a network: a retrieval version runs in
 * plain JavaScript. `postingsStore` keeps built retrieval indexes between processes (Node).
 */
export async function artifactKernel(
  kind: ArtifactKind,
  read: (file: string) => Uint8Array,
  sha256: Readonly<Record<string, string>>,
  tf: () => Promise<Tf>,
  postingsStore?: PostingsStore,
): Promise<ArtifactKernel> {
  const json = (file: string): unknown => JSON.parse(new TextDecoder().decode(read(file)));
  const labels = labelsSchema.parse(json("labels.json"));
  const retrievalFile = { sha256: sha256["retrieval.json"]!, json: () => json("retrieval.json"), store: postingsStore };
  if (kind === "retrieval") return { kernel: loadedRetrievalKernel(retrievalFile, labels), labels, neural: null };
  const t = await tf();
  const modelJson = json("model.json") as { modelTopology: object; weightsManifest: [{ weights: tfTypes.io.WeightsManifestEntry[] }] };
  const weights = read("weights.bin");
  const model = await t.loadLayersModel(
    t.io.fromMemory({
      modelTopology: modelJson.modelTopology,
      weightSpecs: modelJson.weightsManifest[0].weights,
      weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer,
    }),
  );
  const neural = { model, features: featuriserConfigSchema.parse(json("features.json")) };
  const parts = { ...neural, labels };
  const kernel =
    kind === "combined"
      ? // the retrieval member and the network, with the network's own calibration (recorded in combined.json)
        loadedCombinedKernel(json("combined.json"), retrievalFile, labels, (calibration) => networkKernel(t, parts, { calibration }))
      : // the card records the calibration fitted on real text (versions trained before it have none)
        networkKernel(t, parts, modelCardSchema.pick({ calibration: true }).parse(json("card.json")));
  return { kernel, labels, neural };
}
