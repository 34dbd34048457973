import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { methodNotAllowed } from "~/method-not-allowed.server";
import { requireUser } from "~/auth/guards.server";
import { getDb } from "~/store/context.server";
import { listModelVersions } from "../../workbench/registry/model-registry";
import { formatModelRef } from "../../workbench/registry/model-ref";
import { strongestCandidate } from "~/overview/overview.server";

/**
 * Registered, not archived versions the browser can run (trained here: it loads their files), production first; the
 * strongest candidate on real text (the Overview's challenger) is marked.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const db = getDb();
  const all = await listModelVersions(db);
  const strongest = await strongestCandidate(db, all);
  const versions = all
    .filter((v) => v.status !== "archived" && v.kind === "trained")
    .sort((a, b) => Number(b.status === "production") - Number(a.status === "production"))
    .map((v) => ({ ref: formatModelRef(v), status: v.status, sha256: v.sha256, strongest: formatModelRef(v) === strongest }));
  return json({ versions });
}

export const action = () => methodNotAllowed("GET");
