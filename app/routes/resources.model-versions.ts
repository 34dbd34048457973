import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { getDb } from "~/store/context.server";
import { listModelVersions } from "../../workbench/registry/model-registry";
import { formatModelRef } from "../../workbench/registry/model-ref";

/** Registered, not archived versions the browser can run (trained here: it loads their files), production first. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const versions = (await listModelVersions(getDb()))
    .filter((v) => v.status !== "archived" && v.kind === "trained")
    .sort((a, b) => Number(b.status === "production") - Number(a.status === "production"))
    .map((v) => ({ ref: formatModelRef(v), status: v.status, sha256: v.sha256 }));
  return json({ versions });
}
