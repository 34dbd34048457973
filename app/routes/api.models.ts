import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { methodNotAllowed } from "~/method-not-allowed.server";
import { requireApiUserWithRole, requireUser } from "~/auth/guards.server";
import { registryView } from "~/models/registry.server";
import { importUpload, registerEndpoint, type Outcome } from "~/models/registry-actions.server";
import { getDb } from "~/store/context.server";
import { listModelVersions } from "../../workbench/registry/model-registry";
import { z } from "zod";
import { knownFields, parseQuery } from "../../workbench/json-fields";
import { SHIPPED_SET_IDS } from "../../workbench/evaluation/evaluation-sets";
import { REGISTRY_COLUMNS } from "../../workbench/evaluation/registry-table";

/**
 * GET /api/models?set=cbp-rulings&sort=hs6top1&dir=desc — every version (kind, status, who registered it, source,
 * sha256) and the registry table on one set; `figures: null` with no `unavailable` means "being measured, ask again".
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  // the page falls back to its defaults on a stray parameter; an API client is told what it got wrong
  const params = new URL(request.url).searchParams;
  const parsed = parseQuery(tableQuerySchema, params);
  if (!parsed.ok) return json({ error: parsed.error }, { status: 400 });
  const db = getDb();
  return json({ versions: await listModelVersions(db), table: await registryView(db, params) });
}

const tableQuerySchema = knownFields(
  {
    set: z.enum(SHIPPED_SET_IDS, { error: `expected one of ${SHIPPED_SET_IDS.join(", ")}` }).optional(),
    sort: z.enum(REGISTRY_COLUMNS, { error: `expected one of ${REGISTRY_COLUMNS.join(", ")}` }).optional(),
    dir: z.enum(["asc", "desc"], { error: "expected asc or desc" }).optional(),
  },
  "parameter",
);

/**
 * POST /api/models — multipart (name, version, set?, description?, file): import a predictions file (analyst or
 * admin); JSON {name, version, url, protocol, remoteModel?, token? | tokenEnv?, timeoutSeconds?, concurrency?,
 * batchSize?, description?}: register an endpoint (admin). Bearer token only; 201 with the version, or the problems.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed("GET", "POST");
  let outcome: Outcome;
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    const user = await requireApiUserWithRole(request, "analyst");
    outcome = await importUpload(request, user, context, async () => undefined);
  } else {
    const user = await requireApiUserWithRole(request, "admin");
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      return json({ error: "The body is not valid JSON (or send a predictions file as multipart/form-data)." }, { status: 400 });
    }
    outcome = await registerEndpoint(body, user, context);
  }
  return outcome.ok
    ? json({ version: outcome.version }, { status: 201 })
    : json({ error: outcome.message, ...(outcome.problems ? { problems: outcome.problems, total: outcome.total } : {}) }, { status: outcome.status });
}
