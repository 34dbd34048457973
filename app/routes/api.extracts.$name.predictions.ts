import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { methodNotAllowed } from "~/method-not-allowed.server";
import { actorOf, requireUser } from "~/auth/guards.server";
import { serverTable, startServerPredictions } from "~/extracts/server-extracts.server";
import { ServerExtractError } from "../../workbench/extract/server-extract";

/** GET /api/extracts/:name/predictions — the extract's predictions and this instance's run for it (progress). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  try {
    const table = await serverTable(params.name ?? "");
    return json({ predictions: table.predictions, job: table.job });
  } catch (error) {
    if (error instanceof ServerExtractError) return json({ error: error.message }, { status: error.status });
    throw error;
  }
}

/**
 * POST /api/extracts/:name/predictions {model, slot?, column?} — analysts and admins start predicting the extract's
 * texts on the server (202, then poll GET). JSON only (a cross-site form cannot send it).
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed("GET", "POST");
  const user = await requireUser(request);
  if (!(request.headers.get("Content-Type") ?? "").startsWith("application/json"))
    return json(
      { error: 'Send JSON: Content-Type: application/json, body {"model": "name@version", "slot": "a", "column": "goods_description"}.' },
      { status: 415 },
    );
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return json({ error: "The body is not valid JSON." }, { status: 400 });
  }
  try {
    return json({ job: await startServerPredictions(params.name ?? "", body, user, actorOf(user, context)) }, { status: 202 });
  } catch (error) {
    if (error instanceof ServerExtractError) return json({ error: error.message }, { status: error.status });
    throw error;
  }
}
