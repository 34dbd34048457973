import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditQueryOf } from "~/audit/audit-query.server";
import { requireUserWithRole } from "~/auth/guards.server";
import { listAudit } from "../../workbench/store/audit";
import { getDb } from "~/store/context.server";
import { toCsv } from "../../workbench/csv";

/** The audit log (with the page's filters) as CSV; cells a spreadsheet would run as formulas are neutralised. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithRole(request, "analyst");
  const { query, errors } = auditQueryOf(new URL(request.url));
  if (errors.length) return new Response(errors.join("; "), { status: 400 });
  const entries = await listAudit(getDb(), { ...query, limit: 1_000_000 });
  const csv = toCsv(
    ["id", "at", "actor", "action", "target_type", "target_id", "before", "after", "client"],
    entries.map((e) => [
      e.id,
      e.at,
      e.actor,
      e.action,
      e.targetType,
      e.targetId,
      e.before === null ? "" : JSON.stringify(e.before),
      e.after === null ? "" : JSON.stringify(e.after),
      e.client,
    ]),
  );
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.csv"`,
    },
  });
}
