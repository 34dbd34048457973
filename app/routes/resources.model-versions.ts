import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { getDb } from "~/store/context.server";
import { listModelVersions } from "../../workbench/registry/model-registry";
import { formatModelRef } from "../../workbench/registry/model-ref";
import { cannotClassify } from "../../workbench/registry/model-version";

/** Registered, not archived model versions that run on new text, production first: for choosing a model on the client. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const versions = listModelVersions(getDb())
    .filter((v) => v.status !== "archived" && !cannotClassify(v))
    .sort((a, b) => Number(b.status === "production") - Number(a.status === "production"))
    .map((v) => ({ ref: formatModelRef(v), status: v.status, sha256: v.sha256 }));
  return json({ versions });
}
