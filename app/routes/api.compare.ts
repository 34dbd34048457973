import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { pooledPredictorOf } from "~/classify/inference.server";
import { getDb } from "~/store/context.server";
import { ComparisonError, compareSeveral } from "../../workbench/evaluation/comparison-service";
import { ModelVersionNotFound } from "../../workbench/registry/model-registry";

/**
 * GET /api/compare?versions=a@1.0.0,b@2.0.0[,…]&set=cbp-rulings — each version's figures and every pair's test. 202
 * with progress while predictions are computed (ask again), 200 with the comparison.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const url = new URL(request.url);
  const versions = (url.searchParams.get("versions") ?? "")
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
  try {
    const state = await compareSeveral(getDb(), versions, url.searchParams.get("set") ?? "cbp-rulings", { predictorOf: pooledPredictorOf });
    return json(state, { status: state.status === "ready" ? 200 : 202 });
  } catch (error) {
    if (error instanceof ComparisonError || error instanceof ModelVersionNotFound) return json({ error: error.message }, { status: 400 });
    throw error;
  }
}
