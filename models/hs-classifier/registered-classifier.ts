// The classifier of a registered version, loaded from its artifact only when every file matches and the manifest is
// the sha256 the registry holds. One load per sha256 per process: a promotion makes another sha256 the production
// one, and requests already running keep the classifier they resolved.
import { resolve } from "node:path";
import type { Db } from "../../workbench/store/db";
import { repoRoot } from "../../workbench/hs/load-fixtures";
import type { VersionSelector } from "../../workbench/registry/model-ref";
import { resolveVersion } from "../../workbench/registry/model-registry";
import type { RegisteredVersion } from "../../workbench/registry/model-version";
import { loadArtifact, type LoadedModel } from "./artifact";
import type { Classifier } from "./classifier";
import { nodeTf } from "./tf";

const loaded = new Map<string, Promise<LoadedModel>>();

export function loadRegistered(version: Pick<RegisteredVersion, "sha256" | "artifactDir">): Promise<LoadedModel> {
  const key = version.sha256;
  let loading = loaded.get(key);
  if (!loading) {
    loading = nodeTf().then((tf) => loadArtifact(tf, resolve(repoRoot(), version.artifactDir), version.sha256));
    loading.catch(() => loaded.delete(key));
    loaded.set(key, loading);
  }
  return loading;
}

export const classifierOf = async (version: Pick<RegisteredVersion, "sha256" | "artifactDir">): Promise<Classifier> =>
  (await loadRegistered(version)).classifier;

/** name@version or "production" → its verified classifier (the registry's messages for unknown references). */
export const resolveClassifier = async (db: Db, selector: VersionSelector | string): Promise<Classifier> =>
  classifierOf(await resolveVersion(db, selector));
