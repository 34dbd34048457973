import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { methodNotAllowed } from "~/method-not-allowed.server";
import { actorOf, requireApiUserWithRole, requireUser } from "~/auth/guards.server";
import { getDb } from "~/store/context.server";
import { getEnv } from "../../workbench/config/env";
import { ServerExtractError } from "../../workbench/extract/server-extract";
import { extractsRoot, registerServerExtract } from "../../workbench/registry/server-extracts";
import { serverTables } from "~/extracts/server-extracts.server";

/**
 * GET /api/extracts — the server-side extracts: name, format, files, who registered them and when, their columns and
 * lines (or why the folder cannot be read now), the predictions made for them and this instance's prediction run.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return json({ extracts: await serverTables() });
}

/** POST /api/extracts {name, folder} — an admin registers a folder of the extracts folder (bearer token only). */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed("GET", "POST");
  const user = await requireApiUserWithRole(request, "admin");
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return json({ error: 'The body is not valid JSON: send {"name": …, "folder": …}.' }, { status: 400 });
  }
  try {
    const extract = await registerServerExtract(getDb(), body, user, actorOf(user, context), extractsRoot(getEnv()));
    return json({ extract }, { status: 201 });
  } catch (error) {
    if (error instanceof ServerExtractError) return json({ error: error.message }, { status: error.status });
    throw error;
  }
}
