import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { methodNotAllowed } from "~/method-not-allowed.server";
import { actorOf, requireApiUserWithRole, requireUser } from "~/auth/guards.server";
import { removeExtract, ServerExtractError, serverTable } from "~/extracts/server-extracts.server";

/** GET /api/extracts/:name — one server-side extract (any signed-in user), as GET /api/extracts lists it; 404 if none. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  try {
    return json({ extract: await serverTable(params.name ?? "") });
  } catch (error) {
    if (error instanceof ServerExtractError) return json({ error: error.message }, { status: error.status });
    throw error;
  }
}

/**
 * DELETE /api/extracts/:name — an admin (bearer token) removes a server-side extract from the registry, with the
 * predictions made for it; the folder of files stays. Audited.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "DELETE") return methodNotAllowed("GET", "DELETE");
  const user = await requireApiUserWithRole(request, "admin");
  try {
    await removeExtract(params.name ?? "", user, actorOf(user, context));
    return new Response(null, { status: 204 });
  } catch (error) {
    if (error instanceof ServerExtractError) return json({ error: error.message }, { status: error.status });
    throw error;
  }
}
