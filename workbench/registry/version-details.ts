// Everything the registry knows about one version, for the CLI's `models show --json` and the JSON API: the row, where
// it came from (its imported files or its endpoint, never a token) and its notes.
import type { Db } from "../store/db";
import { modelCardOf } from "./model-registry";
import type { RegisteredVersion } from "./model-version";
import { importedSets, type ImportedSet } from "./prediction-imports";
import { remoteEndpointOf, type RemoteEndpoint } from "./remote-endpoints";
import { notesOf, type VersionNote } from "./version-lifecycle";

export interface VersionDetails {
  version: Omit<RegisteredVersion, "artifactDir">;
  /** a trained version's model card; a predictions or remote version's description */
  card: unknown;
  imported?: ImportedSet[];
  endpoint?: Omit<RemoteEndpoint, "credential"> & { credential: "environment" | "sealed" | "none"; probeLines: number };
  notes: VersionNote[];
}

export async function versionDetails(db: Db, version: RegisteredVersion): Promise<VersionDetails> {
  const { artifactDir: _dir, ...row } = version;
  const details: VersionDetails = { version: row, card: await modelCardOf(db, version), notes: await notesOf(db, version.id) };
  if (version.kind === "predictions") details.imported = await importedSets(db, version.id);
  if (version.kind === "remote") {
    const { probe, credential, ...endpoint } = await remoteEndpointOf(db, version.id);
    details.endpoint = {
      ...endpoint,
      credential: credential?.kind === "env" ? "environment" : credential ? "sealed" : "none",
      probeLines: probe.texts.length,
    };
  }
  return details;
}
