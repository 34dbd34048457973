import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { methodNotAllowed } from "~/method-not-allowed.server";
import { requireUser } from "~/auth/guards.server";
import { getDb } from "~/store/context.server";
import { PromotionError, requestSummary } from "../../workbench/registry/promotion";

/**
 * GET /api/promotions/:id — one request as an approver reads it: its gates, the verdict frozen on its set and on each
 * other real set, and the real sets its evidence never checked (`workbench promote show --json` gives the same).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const id = Number(params.id);
  if (!Number.isInteger(id) || id < 1) return json({ error: `no promotion request #${String(params.id).slice(0, 20)}` }, { status: 404 });
  try {
    return json(await requestSummary(getDb(), id));
  } catch (error) {
    if (error instanceof PromotionError) return json({ error: error.message }, { status: error.status });
    throw error;
  }
}

export const action = () => methodNotAllowed("GET");
