import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { methodNotAllowed } from "~/method-not-allowed.server";
import { requireUser } from "~/auth/guards.server";
import { getDb } from "~/store/context.server";
import { listPromotionRequests } from "../../workbench/registry/promotion";
import { knownFields, parseQuery } from "../../workbench/json-fields";

/**
 * GET /api/promotions?status=open — promotion requests, newest first, with their gates (read-only: requests and
 * decisions go through the page or the CLI, which check roles and four-eyes).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const query = parseQuery(listQuerySchema, new URL(request.url).searchParams);
  if (!query.ok) return json({ error: query.error }, { status: 400 });
  return json({ requests: await listPromotionRequests(getDb(), { status: query.value.status }) });
}

const listQuerySchema = knownFields(
  { status: z.enum(["open", "approved", "rejected", "withdrawn"], { error: "expected open, approved, rejected or withdrawn" }).optional() },
  "parameter",
);

export const action = () => methodNotAllowed("GET");
