import type { LoaderFunctionArgs } from "@remix-run/node";
import { AUDIT_COLUMNS, auditExportRows, auditFileName } from "~/audit/audit-export.server";
import { toCsv } from "../../workbench/csv";

/** The audit log (with the page's filters) as CSV; cells a spreadsheet would run as formulas are neutralised. */
export async function loader({ request }: LoaderFunctionArgs) {
  const exported = await auditExportRows(request);
  if (exported instanceof Response) return exported;
  const csv = toCsv(
    AUDIT_COLUMNS.map((c) => c.name),
    exported.rows,
  );
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${auditFileName("csv")}"`,
    },
  });
}
