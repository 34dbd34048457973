// The files of a model artifact and their manifest (sha256 of each file, and one over them all: the version's
// identity). Verifying them needs no model code, so the registry, the promotion gates and every loader share this.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { repoRoot } from "../hs/load-fixtures";
import { sha256 } from "../sha256";
import { artifactFilesOf, manifestHashInput, manifestSchema, type Manifest } from "./artifact-manifest";

export const combinedSha256 = (files: Record<string, string>) => sha256(manifestHashInput(files));

export class ArtifactError extends Error {
  override name = "ArtifactError";
}

/** Reads and checks every file against manifest.json; refuses to load anything that does not match. */
export function readVerifiedFiles(dir: string): { manifest: Manifest; files: Record<string, Buffer> } {
  const manifestPath = join(dir, "manifest.json");
  if (!existsSync(manifestPath)) throw new ArtifactError(`${dir}: manifest.json is missing; this is not a model artifact`);
  const manifest = manifestSchema.parse(JSON.parse(readFileSync(manifestPath, "utf8")));
  const files: Record<string, Buffer> = {};
  for (const name of artifactFilesOf(Object.keys(manifest.files))) {
    const path = join(dir, name);
    if (!existsSync(path)) throw new ArtifactError(`${dir}: ${name} is missing`);
    const data = readFileSync(path);
    const actual = sha256(data);
    if (actual !== manifest.files[name]) {
      throw new ArtifactError(
        `${dir}: ${name} does not match its sha256 in manifest.json (expected ${manifest.files[name]}, found ${actual}); refusing to load`,
      );
    }
    files[name] = data;
  }
  if (combinedSha256(manifest.files) !== manifest.sha256)
    throw new ArtifactError(`${dir}: manifest.json's overall sha256 does not match its file hashes`);
  return { manifest, files };
}

/** readVerifiedFiles, and with `expectedSha256` (the registered one) a different manifest is refused too. */
export function readRegisteredFiles(dir: string, expectedSha256?: string): ReturnType<typeof readVerifiedFiles> {
  const verified = readVerifiedFiles(dir);
  const { manifest } = verified;
  if (expectedSha256 !== undefined && manifest.sha256 !== expectedSha256) {
    throw new ArtifactError(
      `${manifest.name}@${manifest.version}: the artifact's sha256 ${manifest.sha256} is not the registered ${expectedSha256}; refusing to load`,
    );
  }
  return verified;
}

/** A registered version's files checked as its load checks them (ArtifactError when they no longer match), without loading it. */
export const checkRegisteredFiles = (version: { artifactDir: string; sha256: string }): void =>
  void readRegisteredFiles(resolve(repoRoot(), version.artifactDir), version.sha256);
