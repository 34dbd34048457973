// A registered remote version as the rest of the workbench uses it: registration after the endpoint answered the probe,
// a Predictor for evaluation sets, classification of new text, and the canary before a promotion.
import type { Db } from "../../workbench/store/db";
import type { Actor } from "../../workbench/store/audit";
import type { Candidate } from "../../workbench/evaluation/metrics";
import { textsToClassify, type Predictor, type PredictorOf } from "../../workbench/evaluation/predictor";
import { formatModelRef, type ModelRef } from "../../workbench/registry/model-ref";
import type { ModelVersion } from "../../workbench/registry/model-version";
import {
  endpointSettingsSchema,
  probeTexts,
  registerRemoteVersion,
  remoteEndpointOf,
  remoteToken,
  type RemoteEndpoint,
} from "../../workbench/registry/remote-endpoints";
import { completeAnswers, RemoteError, remoteHealth, remoteTopK } from "./remote-client";

export interface Vault {
  db: Db;
  credentialsKey: Buffer;
}

const PROBE_K = 5;

export type RemoteCredential = { kind: "env"; name: string } | { kind: "token"; token: string } | null;

/**
 * Registers an endpoint as a candidate version once it has answered every probe line: settings checked, the token
 * sealed (or read from the named environment variable), the probe's answers frozen as the canary.
 */
export async function registerRemote(
  vault: Vault,
  input: ModelRef & { description: string; settings: unknown; credential: RemoteCredential },
  actor: Actor,
): Promise<ModelVersion> {
  const parsed = endpointSettingsSchema.safeParse(input.settings);
  if (!parsed.success) throw new RemoteError(parsed.error.issues.map((i) => i.message).join("; "));
  const settings = parsed.data;
  if (settings.protocol === "kserve-v2" && !settings.remoteModel) throw new RemoteError("a KServe v2 endpoint needs the model's name on it");
  const c = input.credential;
  if (c?.kind === "env" && !/^[A-Z_][A-Z0-9_]*$/.test(c.name)) throw new RemoteError("the token's environment variable must be named like MY_TOKEN");
  const token = c?.kind === "env" ? (process.env[c.name] ?? null) : (c?.token ?? null);
  if (c?.kind === "env" && !token) throw new RemoteError(`${c.name} is not set in this environment`);
  const endpoint: RemoteEndpoint = { ...settings, credential: null };
  const texts = probeTexts();
  const answers = await remoteTopK(endpoint, token, texts, PROBE_K);
  const probe = { texts, answers: completeAnswers(`the endpoint (probe of ${texts.length} lines)`, answers, texts.length) };
  return await registerRemoteVersion(
    vault.db,
    {
      name: input.name,
      version: input.version,
      description: input.description,
      endpoint: settings,
      credential: c?.kind === "token" ? { kind: "token", token: c.token, key: vault.credentialsKey } : c,
      probe,
    },
    actor,
  );
}

async function connection(vault: Vault, version: Pick<ModelVersion, "id">) {
  return { endpoint: await remoteEndpointOf(vault.db, version.id), token: await remoteToken(vault.db, version.id, vault.credentialsKey) };
}

/** Top-k codes for texts from a remote version; any line sent that failed fails the call (with counts and reasons). */
export async function remoteClassify(
  vault: Vault,
  version: ModelVersion,
  texts: readonly string[],
  k: number,
  onProgress?: (done: number, total: number) => void,
): Promise<Candidate[][]> {
  // a line with nothing to classify is not sent: it gets no codes, as from a local version
  const some = textsToClassify(texts);
  if (!some.texts.length) return some.inPlace([], () => []);
  const { endpoint, token } = await connection(vault, version);
  const answers = await remoteTopK(endpoint, token, some.texts, k, onProgress && ((done) => onProgress(some.skipped + done, texts.length)));
  // a failed line is named by its place among all the texts
  const failures = answers.failures.map((f) => ({ ...f, index: some.at[f.index]! }));
  return some.inPlace(completeAnswers(formatModelRef(version), { ...answers, failures }, texts.length), () => []);
}

export function remotePredictor(vault: Vault, version: ModelVersion): Predictor {
  return {
    identity: { name: version.name, version: version.version, sha256: version.sha256 },
    topK: (texts, k, onProgress) => remoteClassify(vault, version, texts, k, onProgress),
  };
}

/** Whether a remote version's endpoint answers now; a missing or unreadable token is reported as the reason. */
export async function endpointHealth(vault: Vault, version: Pick<ModelVersion, "id">): Promise<{ ok: boolean; message: string }> {
  try {
    const { endpoint, token } = await connection(vault, version);
    return await remoteHealth(endpoint, token);
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

/** The canary: the endpoint still answers the probe lines as it did at registration (same codes, probabilities ±0.001). */
export async function canaryCheck(vault: Vault, version: ModelVersion): Promise<{ ok: boolean; message: string }> {
  const { endpoint, token } = await connection(vault, version);
  const { texts, answers: frozen } = endpoint.probe;
  const now = await remoteTopK(endpoint, token, texts, PROBE_K);
  if (now.failures.length)
    return { ok: false, message: `the endpoint failed ${now.failures.length} of ${texts.length} probe lines (${now.failures[0]!.reason})` };
  const changed = frozen.filter((f, i) => {
    const c = now.candidates[i]!;
    return c.length !== f.length || c.some((x, j) => x.code !== f[j]!.code || Math.abs(x.probability - f[j]!.probability) > 0.001);
  }).length;
  return changed
    ? {
        ok: false,
        message: `the endpoint answers ${changed} of ${texts.length} probe lines differently than when it was registered: it serves another model now`,
      }
    : { ok: true, message: `the endpoint answers all ${texts.length} probe lines as registered` };
}

/** A PredictorOf that calls remote versions' endpoints and leaves every other kind to `local`. */
export const withRemote =
  (vault: Vault, local: PredictorOf): PredictorOf =>
  async (version) =>
    version.kind === "remote" ? remotePredictor(vault, version) : local(version);
