// Classification in the browser: TensorFlow.js on its WebAssembly backend (served from /tfjs/, offline), with the
// model files fetched from our server and checked against the version's sha256s before use.
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { createClassifier, type Classifier } from "../../models/hs-classifier/classifier";
import { artifactKernel, KERNEL_FILES } from "../../models/hs-classifier/artifact-kernel";
import { holdsRetrievalIndex } from "../../models/hs-classifier/retrieval-model";
import { artifactKind, manifestHashInput, manifestSchema } from "../../workbench/registry/artifact-manifest";
import { browserPostingsStore } from "./browser-postings-store.client";
import { formatModelRef, MODEL_REF_EXPECTED, parseModelRef, type ModelRef } from "../../workbench/registry/model-ref";

export interface BrowserModel {
  name: string;
  version: string;
  sha256: string;
  /** the model's computations, built once at load (same code as on the server) */
  classifier: Classifier;
}

let backend: Promise<typeof tf> | null = null;

export function browserTf(): Promise<typeof tf> {
  backend ??= (async () => {
    setWasmPaths("/tfjs/");
    await tf.setBackend("wasm");
    await tf.ready();
    return tf;
  })();
  return backend;
}

/** Hex sha256 in the browser (SubtleCrypto), of bytes or of text as UTF-8. */
export async function sha256Hex(data: ArrayBuffer | string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", typeof data === "string" ? new TextEncoder().encode(data) : data);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

const models = new Map<string, Promise<BrowserModel>>();

/** The model of a registered version (name@version), its files checked against their sha256s. */
export function loadBrowserModel(ref: ModelRef | string): Promise<BrowserModel> {
  const parsed = typeof ref === "string" ? parseModelRef(ref) : ref;
  if (!parsed) return Promise.reject(new Error(`'${String(ref).slice(0, 80)}' is not a model version (expected ${MODEL_REF_EXPECTED})`));
  const { name, version } = parsed;
  const key = formatModelRef(parsed);
  if (!models.has(key)) {
    const loading = (async () => {
      const base = `/resources/models/${name}/${version}`;
      const fetchFile = async (file: string) => {
        const response = await fetch(`${base}/${file}`, { credentials: "same-origin" });
        // the server answers with the registry's message (e.g. "no model version … is registered")
        if (!response.ok) throw new Error((await response.text()).slice(0, 200) || `${key}: could not fetch ${file} (HTTP ${response.status})`);
        return response;
      };
      const get = async (file: string) => (await fetchFile(file)).arrayBuffer();
      // The chain of trust: the registered sha256 (from the registry) = the manifest's overall hash = the hash of its
      // file hashes, and each file downloaded = its hash in the manifest.
      const manifestResponse = await fetchFile("manifest.json");
      const registered = manifestResponse.headers.get("X-Registered-Sha256") ?? "(none)";
      const manifest = manifestSchema.parse(JSON.parse(new TextDecoder().decode(await manifestResponse.arrayBuffer())));
      const overall = await sha256Hex(manifestHashInput(manifest.files));
      if (manifest.sha256 !== registered || overall !== registered) {
        throw new Error(`${key}: the artifact's sha256 ${overall} is not the registered ${registered}; refusing to use it`);
      }
      const kind = artifactKind(Object.keys(manifest.files));
      // a retrieval index this browser built before is read back instead of built again (about 2.5 s); read while the
      // files download, unless the page holds it already (another version shares the file)
      const retrievalSha256 = manifest.files["retrieval.json"];
      const postings = retrievalSha256 && !holdsRetrievalIndex(retrievalSha256) ? browserPostingsStore(retrievalSha256) : undefined;
      const files: Record<string, Uint8Array> = {};
      for (const file of KERNEL_FILES[kind]) {
        const bytes = await get(file);
        const actual = await sha256Hex(bytes);
        if (actual !== manifest.files[file])
          throw new Error(`${key}: ${file} does not match its sha256 (expected ${manifest.files[file]}, got ${actual}); refusing to use it`);
        files[file] = new Uint8Array(bytes);
      }
      const identity = { name, version, sha256: manifest.sha256 };
      // a retrieval version (ADR 0013) runs in plain JavaScript: TensorFlow.js is loaded only for a network
      const { kernel } = await artifactKernel(kind, (file) => files[file]!, manifest.files, browserTf, await postings);
      return { ...identity, classifier: createClassifier(kernel, identity) };
    })();
    loading.catch(() => models.delete(key));
    models.set(key, loading);
  }
  return models.get(key)!;
}
