// An Excel workbook as a route's download (the audit log, the registry table); pages that hold their figures build
// theirs in the browser (downloadWorkbook).
import { writeWorkbook, XLSX_MEDIA_TYPE, type Sheet } from "../workbench/extract/xlsx-write";

export async function workbookResponse(sheets: readonly Sheet[], fileName: string): Promise<Response> {
  const { parts } = await writeWorkbook(sheets);
  return new Response(new Blob(parts as Uint8Array<ArrayBuffer>[]), {
    headers: { "Content-Type": XLSX_MEDIA_TYPE, "Content-Disposition": `attachment; filename="${fileName}"` },
  });
}
