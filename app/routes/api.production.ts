import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { methodNotAllowed } from "~/method-not-allowed.server";
import { requireUser } from "~/auth/guards.server";
import { productionAt } from "../../workbench/registry/production-state";
import { parseInstant } from "../../workbench/text/instant";
import { getDb } from "~/store/context.server";
import { nowIso } from "../../workbench/clock";
import { knownFields, parseQuery } from "../../workbench/json-fields";
import { z } from "zod";

/** GET /api/production?at=ISO-8601 (default: now): what was in production then, from the production history. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const query = parseQuery(productionQuerySchema, new URL(request.url).searchParams);
  if (!query.ok) return json({ error: query.error }, { status: 400 });
  const raw = query.value.at;
  const at = raw === undefined ? nowIso() : parseInstant(raw);
  if (!at) {
    return json({ error: `at must be an ISO 8601 date or date-time, e.g. 2026-11-25 or 2026-11-25T14:00:00Z (got '${raw}')` }, { status: 400 });
  }
  const rows = await productionAt(getDb(), at);
  return json({
    at,
    production: rows.map((r) => ({
      name: r.name,
      version: r.version,
      sha256: r.sha256,
      since: r.since,
      until: r.until,
      by: r.by,
      reason: r.reason,
      requestId: r.requestId,
    })),
  });
}

const productionQuerySchema = knownFields({ at: z.string().optional() }, "parameter");

export const action = () => methodNotAllowed("GET");
