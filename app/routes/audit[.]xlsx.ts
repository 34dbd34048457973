import type { LoaderFunctionArgs } from "@remix-run/node";
import { AUDIT_COLUMNS, auditExportRows, auditFileName } from "~/audit/audit-export.server";
import { workbookResponse } from "~/workbook-response.server";
import { sheetOf } from "../../workbench/extract/xlsx-write";

/** The audit log (with the page's filters) as an Excel workbook: every text a text cell, times as dates (UTC). */
export async function loader({ request }: LoaderFunctionArgs) {
  const exported = await auditExportRows(request);
  if (exported instanceof Response) return exported;
  return workbookResponse([sheetOf("audit", AUDIT_COLUMNS, exported.rows)], auditFileName("xlsx"));
}
