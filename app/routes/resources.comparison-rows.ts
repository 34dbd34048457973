import type { LoaderFunctionArgs } from "@remix-run/node";
import { methodNotAllowed } from "~/method-not-allowed.server";
import { requireUser } from "~/auth/guards.server";
import { comparisonRowsCsv, ComparisonError } from "../../workbench/evaluation/comparison-service";
import { getDb } from "~/store/context.server";
import { ModelVersionNotFound } from "../../workbench/registry/model-registry";
import { resolveSetChoice, ServerExtractError } from "~/extracts/server-extracts.server";

/** The compared lines (true code and both models' top prediction) as CSV for the Compare page's DuckDB. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const url = new URL(request.url);
  const [a, b, set] = ["a", "b", "set"].map((k) => url.searchParams.get(k) ?? "");
  try {
    const csv = await comparisonRowsCsv(getDb(), a!, b!, await resolveSetChoice(set!));
    if (csv === null) return new Response("the predictions for this comparison are not computed yet; open the Compare page first", { status: 409 });
    return new Response(csv, { headers: { "Content-Type": "text/csv; charset=utf-8", "Cache-Control": "private, max-age=3600" } });
  } catch (error) {
    if (error instanceof ComparisonError || error instanceof ModelVersionNotFound || error instanceof ServerExtractError)
      return new Response(error.message, { status: 400 });
    throw error;
  }
}

export const action = () => methodNotAllowed("GET");
