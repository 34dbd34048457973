import { type LoaderFunctionArgs } from "@remix-run/node";
import { methodNotAllowed } from "~/method-not-allowed.server";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { requireUser } from "~/auth/guards.server";
import { versionFromParams } from "~/store/registered-version.server";
import { ALL_ARTIFACT_FILES, manifestSchema } from "../../workbench/registry/artifact-manifest";
import { formatModelRef } from "../../workbench/registry/model-ref";
import { KIND_LABELS } from "../../workbench/registry/model-version";
import { repoRoot } from "../../workbench/hs/load-fixtures";

const SERVED = new Set<string>([...ALL_ARTIFACT_FILES, "manifest.json"]);

/** The files of a registered model version, for classification in the browser (which checks their sha256s). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const file = params.file!;
  if (!SERVED.has(file)) throw new Response(`A model version has no file named ${file}.`, { status: 404 });
  const version = await versionFromParams(params);
  if (version.kind !== "trained")
    throw new Response(`${formatModelRef(version)} has no model files: it is a ${KIND_LABELS[version.kind]}.`, { status: 404 });
  const path = join(resolve(repoRoot(), version.artifactDir), file);
  if (!existsSync(path)) throw new Response(`${file} of ${params.name}@${params.version} is missing on the server.`, { status: 404 });
  const data = readFileSync(path);
  if (file === "manifest.json") {
    // The browser checks every file against this manifest; the manifest itself must be the registered version's.
    const manifest = manifestSchema.safeParse(JSON.parse(data.toString("utf8")));
    const found = manifest.success ? manifest.data.sha256 : "(unreadable manifest)";
    if (found !== version.sha256) {
      const ref = formatModelRef(version);
      throw new Response(`${ref}: the artifact on the server has sha256 ${found}, not the registered ${version.sha256}; refusing to serve it`, {
        status: 409,
      });
    }
  }
  return new Response(data, {
    headers: {
      "Content-Type": file.endsWith(".json") ? "application/json" : "application/octet-stream",
      // A version's files never change (its sha256 is its identity).
      "Cache-Control": "private, max-age=31536000, immutable",
      "X-Registered-Sha256": version.sha256,
    },
  });
}

export const action = () => methodNotAllowed("GET");
