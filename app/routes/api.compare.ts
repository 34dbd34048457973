import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { methodNotAllowed } from "~/method-not-allowed.server";
import { requireUser } from "~/auth/guards.server";
import { pooledPredictorOf } from "~/classify/inference.server";
import { getDb } from "~/store/context.server";
import { ComparisonError, compareSeveral } from "../../workbench/evaluation/comparison-service";
import { ModelVersionNotFound } from "../../workbench/registry/model-registry";
import { resolveSetChoice, ServerExtractError } from "~/extracts/server-extracts.server";
import { DEFAULT_SET_ID } from "../../workbench/evaluation/evaluation-sets";
import { knownFields, parseQuery } from "../../workbench/json-fields";
import { z } from "zod";

/**
 * GET /api/compare?versions=a@1.0.0,b@2.0.0[,…]&set=cbp-rulings (or extract:NAME, a server extract) — each version's figures and every pair's test. 202
 * with progress while predictions are computed (ask again), 200 with the comparison.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const query = parseQuery(compareQuerySchema, new URL(request.url).searchParams);
  if (!query.ok) return json({ error: query.error }, { status: 400 });
  if (query.value.versions === undefined)
    return json({ error: "versions: give the versions to compare as versions=name@version,name@version (2 to 8)" }, { status: 400 });
  const versions = query.value.versions
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
  try {
    const set = await resolveSetChoice(query.value.set ?? DEFAULT_SET_ID);
    const state = await compareSeveral(getDb(), versions, set, { predictorOf: pooledPredictorOf });
    return json(state, { status: state.status === "ready" ? 200 : 202 });
  } catch (error) {
    if (error instanceof ModelVersionNotFound || error instanceof ServerExtractError) return json({ error: error.message }, { status: error.status });
    if (error instanceof ComparisonError) return json({ error: error.message }, { status: 400 });
    throw error;
  }
}

// the Compare page's a= and b= are unknown here, and said so: they would otherwise be ignored in silence
const compareQuerySchema = knownFields({ versions: z.string().optional(), set: z.string().optional() }, "parameter");

export const action = () => methodNotAllowed("GET");
