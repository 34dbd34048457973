import { json, type ActionFunctionArgs } from "@remix-run/node";
import { methodNotAllowed } from "~/method-not-allowed.server";
import { actorOf, requireApiUserWithRole } from "~/auth/guards.server";
import { removeExtract, ServerExtractError } from "~/extracts/server-extracts.server";

/**
 * DELETE /api/extracts/:name — an admin (bearer token) removes a server-side extract from the registry, with the
 * predictions made for it; the folder of files stays. Audited.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "DELETE") return methodNotAllowed("DELETE");
  const user = await requireApiUserWithRole(request, "admin");
  try {
    await removeExtract(params.name ?? "", user, actorOf(user, context));
    return new Response(null, { status: 204 });
  } catch (error) {
    if (error instanceof ServerExtractError) return json({ error: error.message }, { status: error.status });
    throw error;
  }
}

export const loader = () => methodNotAllowed("DELETE");
