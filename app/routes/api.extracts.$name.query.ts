import { json, type ActionFunctionArgs } from "@remix-run/node";
import { methodNotAllowed } from "~/method-not-allowed.server";
import { requireUser } from "~/auth/guards.server";
import { queryServerExtract } from "~/extracts/server-extracts.server";
import { ServerExtractError } from "../../workbench/extract/server-extract";

/**
 * POST /api/extracts/:name/query {sql} — one read-only SELECT on a server-side extract (the view `extract`), run by
 * native DuckDB on the server with a time limit and a row cap. JSON only (a cross-site form cannot send it).
 */
export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed("POST");
  await requireUser(request);
  if (!(request.headers.get("Content-Type") ?? "").startsWith("application/json"))
    return json({ error: 'Send the query as JSON: Content-Type: application/json, body {"sql": "SELECT …"}.' }, { status: 415 });
  let sql: unknown;
  try {
    sql = ((await request.json()) as { sql?: unknown }).sql;
  } catch {
    return json({ error: "The body is not valid JSON." }, { status: 400 });
  }
  if (typeof sql !== "string" || !sql.trim()) return json({ error: "sql must be a non-empty string" }, { status: 400 });
  if (sql.length > 20_000) return json({ error: "sql may have at most 20,000 characters" }, { status: 413 });
  try {
    return json(await queryServerExtract(params.name ?? "", sql));
  } catch (error) {
    if (error instanceof ServerExtractError) return json({ error: error.message }, { status: error.status });
    throw error;
  }
}

export const loader = () => methodNotAllowed("POST");
