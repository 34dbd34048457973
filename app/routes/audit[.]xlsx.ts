import type { LoaderFunctionArgs } from "@remix-run/node";
import { AUDIT_COLUMNS, auditExportRows, auditFileName } from "~/audit/audit-export.server";
import { sheetOf, writeWorkbook, XLSX_MEDIA_TYPE } from "../../workbench/extract/xlsx-write";

/** The audit log (with the page's filters) as an Excel workbook: every text a text cell, times as dates (UTC). */
export async function loader({ request }: LoaderFunctionArgs) {
  const exported = await auditExportRows(request);
  if (exported instanceof Response) return exported;
  const { rows } = exported;
  const { parts } = await writeWorkbook([sheetOf("audit", AUDIT_COLUMNS, rows)]);
  return new Response(new Blob(parts as Uint8Array<ArrayBuffer>[]), {
    headers: {
      "Content-Type": XLSX_MEDIA_TYPE,
      "Content-Disposition": `attachment; filename="${auditFileName("xlsx")}"`,
    },
  });
}
