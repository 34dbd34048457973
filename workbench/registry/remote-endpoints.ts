// Remote versions (issue 16): an HTTP endpoint registered as a model version, with how to call it and the answers it
// gave to a fixed probe set when it was registered (the canary checked before a promotion). A token is never stored
// in clear: it is sealed with the data directory's credentials key, or named as an environment variable.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "../store/db";
import type { Actor } from "../store/audit";
import { sha256 } from "../sha256";
import { shippedSet } from "../evaluation/evaluation-sets";
import type { Candidate } from "../evaluation/metrics";
import { registerModelVersion, RegistryError } from "./model-registry";
import type { ModelRef } from "./model-ref";
import type { ModelVersion } from "./model-version";

export const REMOTE_PROTOCOLS = ["workbench", "kserve-v2"] as const;
export type RemoteProtocol = (typeof REMOTE_PROTOCOLS)[number];

export const PROTOCOL_LABELS: Record<RemoteProtocol, string> = {
  workbench: "HS Model Workbench /api/classify",
  "kserve-v2": "Open Inference Protocol (KServe v2)",
};

/** How a remote version is called. */
export interface RemoteEndpoint {
  url: string;
  protocol: RemoteProtocol;
  /** the model's name on a KServe endpoint; for the workbench protocol, the version it is asked for (else its production) */
  remoteModel: string | null;
  /** where the bearer token comes from: an environment variable, a sealed copy in the registry, or none */
  credential: { kind: "env"; name: string } | { kind: "sealed" } | null;
  timeoutMs: number;
  concurrency: number;
  batchSize: number;
}

/** The fixed lines a remote version answers at registration and again before a promotion. */
export interface Probe {
  texts: string[];
  answers: Candidate[][];
}

export const endpointSettingsSchema = z.object({
  url: z
    .string()
    .trim()
    .max(2000)
    .refine((u) => /^https?:\/\/[^\s/]+/i.test(u) && URL.canParse(u), { error: "the endpoint URL must be an http:// or https:// URL" }),
  protocol: z.enum(REMOTE_PROTOCOLS, { error: `the protocol must be ${REMOTE_PROTOCOLS.join(" or ")}` }),
  remoteModel: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$/, { error: "the remote model name may use letters, digits and . _ @ - (at most 128)" })
    .nullable(),
  timeoutMs: z.number().int().min(100).max(600_000),
  concurrency: z.number().int().min(1).max(64),
  batchSize: z.number().int().min(1).max(1000),
});

export const DEFAULT_ENDPOINT_SETTINGS = { timeoutMs: 10_000, concurrency: 4, batchSize: 50 } as const;

/** Ten lines of each real set: what the canary asks (fixed, so a changed answer means a changed model). */
export function probeTexts(): string[] {
  return [...shippedSet("cbp-rulings").lines.slice(0, 10), ...shippedSet("marketplace-listings").lines.slice(0, 10)].map((l) => l.text);
}

export function sealToken(token: string, key: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const sealed = Buffer.concat([cipher.update(token, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]);
}

export function unsealToken(sealed: Buffer, key: Buffer): string {
  const decipher = createDecipheriv("aes-256-gcm", key, sealed.subarray(0, 12));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString("utf8");
}

/** Registers an endpoint that answered the probe as a candidate version (audited; the token sealed, never shown again). */
export async function registerRemoteVersion(
  db: Db,
  input: ModelRef & {
    description: string;
    endpoint: Omit<RemoteEndpoint, "credential">;
    credential: { kind: "env"; name: string } | { kind: "token"; token: string; key: Buffer } | null;
    probe: Probe;
  },
  actor: Actor,
): Promise<ModelVersion> {
  const e = input.endpoint;
  // the identity: where it answers, how it is asked, and what it answered (a changed model is a new version)
  const identity = sha256(JSON.stringify({ url: e.url, protocol: e.protocol, remoteModel: e.remoteModel, probe: input.probe }));
  const card = {
    kind: "remote",
    name: input.name,
    version: input.version,
    description: input.description,
    endpoint: { url: e.url, protocol: e.protocol, remoteModel: e.remoteModel },
  };
  return db.transaction(async (db) => {
    const version = await registerModelVersion(
      db,
      { name: input.name, version: input.version, kind: "remote", artifactDir: "", source: e.url, sha256: identity, card },
      actor,
    );
    const c = input.credential;
    await db.run(
      `INSERT INTO remote_endpoints (version_id, url, protocol, remote_model, credential_env, credential_sealed, timeout_ms, concurrency, batch_size, probe_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        version.id,
        e.url,
        e.protocol,
        e.remoteModel,
        c?.kind === "env" ? c.name : null,
        c?.kind === "token" ? sealToken(c.token, c.key) : null,
        e.timeoutMs,
        e.concurrency,
        e.batchSize,
        JSON.stringify(input.probe),
      ],
    );
    return version;
  });
}

interface EndpointRow {
  url: string;
  protocol: RemoteProtocol;
  remote_model: string | null;
  credential_env: string | null;
  credential_sealed: Buffer | null;
  timeout_ms: number;
  concurrency: number;
  batch_size: number;
  probe_json: string;
}

async function endpointRow(db: Db, versionId: number): Promise<EndpointRow> {
  const row = (await db.get("SELECT * FROM remote_endpoints WHERE version_id = ?", [versionId])) as EndpointRow | undefined;
  if (!row) throw new RegistryError("this version has no registered endpoint");
  return row;
}

/** How to call a remote version (no secret in it: safe to show). */
export async function remoteEndpointOf(db: Db, versionId: number): Promise<RemoteEndpoint & { probe: Probe }> {
  const row = await endpointRow(db, versionId);
  return {
    url: row.url,
    protocol: row.protocol,
    remoteModel: row.remote_model,
    credential: row.credential_env ? { kind: "env", name: row.credential_env } : row.credential_sealed ? { kind: "sealed" } : null,
    timeoutMs: row.timeout_ms,
    concurrency: row.concurrency,
    batchSize: row.batch_size,
    probe: JSON.parse(row.probe_json) as Probe,
  };
}

/** The bearer token of a remote version, for calling it; null when it needs none. */
export async function remoteToken(
  db: Db,
  versionId: number,
  key: Buffer,
  env: Record<string, string | undefined> = process.env,
): Promise<string | null> {
  const row = await endpointRow(db, versionId);
  if (row.credential_env) {
    const token = env[row.credential_env];
    if (!token) throw new RegistryError(`the endpoint's token is read from ${row.credential_env}, which is not set on this server`);
    return token;
  }
  if (!row.credential_sealed) return null;
  try {
    return unsealToken(row.credential_sealed, key);
  } catch {
    throw new RegistryError(
      "the endpoint's stored token cannot be unsealed: the credentials key changed (WORKBENCH_CREDENTIALS_KEY); register the endpoint again",
    );
  }
}
