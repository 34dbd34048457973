// The classifier of a registered version, loaded from its artifact only when every file matches and the manifest is
// the sha256 the registry holds. One load per sha256 per process (in a worker, of the few it keeps): a promotion makes
// another sha256 the production one, and requests already running keep the classifier they resolved.
import { resolve } from "node:path";
import type { Db } from "../../workbench/store/db";
import { repoRoot } from "../../workbench/hs/load-fixtures";
import type { VersionSelector } from "../../workbench/registry/model-ref";
import { resolveVersion } from "../../workbench/registry/model-registry";
import type { RegisteredVersion } from "../../workbench/registry/model-version";
import { loadArtifact, type LoadedModel } from "./artifact";
import type { Classifier } from "./classifier";
import { useRecent } from "../../workbench/recently-used";
import { nodeTf } from "./tf";

const loaded = new Map<string, Promise<LoadedModel>>();
let kept = Infinity;

/**
 * At most `n` versions stay loaded in this process, the least recently used let go (an inference worker: a retrieval
 * index is about 100 MB, and a fresh server measures every registered version). Only for a process that uses one
 * version at a time: a version let go has its network's weights freed.
 */
export function keepAtMost(n: number): void {
  kept = n;
}

export function loadRegistered(version: Pick<RegisteredVersion, "sha256" | "artifactDir">): Promise<LoadedModel> {
  const key = version.sha256;
  const { value: loading, dropped } = useRecent(
    loaded,
    key,
    () => {
      const loading = nodeTf().then((tf) => loadArtifact(tf, resolve(repoRoot(), version.artifactDir), version.sha256));
      loading.catch(() => loaded.get(key) === loading && loaded.delete(key));
      return loading;
    },
    kept,
  );
  for (const gone of dropped)
    gone.then(
      (model) => model.neural?.model.dispose(),
      () => undefined,
    );
  return loading;
}

export const classifierOf = async (version: Pick<RegisteredVersion, "sha256" | "artifactDir">): Promise<Classifier> =>
  (await loadRegistered(version)).classifier;

/** name@version or "production" → its verified classifier (the registry's messages for unknown references). */
export const resolveClassifier = async (db: Db, selector: VersionSelector | string): Promise<Classifier> =>
  classifierOf(await resolveVersion(db, selector));
