// A minimal .xlsx workbook of one sheet ("Data"), zipped as a spreadsheet program zips it: for tests that need a
// workbook of their own making (the reader's unit tests, an e2e upload).
import { strToU8, zipSync } from "fflate";

/** `sheetXml` is the sheet's rows; `parts` more parts by path (shared strings, styles); `workbookPr` the workbook's properties. */
export function workbook(sheetXml: string, parts: Record<string, string> = {}, workbookPr = ""): Uint8Array {
  return zipSync({
    "xl/workbook.xml": strToU8(`<workbook>${workbookPr}<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    "xl/_rels/workbook.xml.rels": strToU8(`<Relationships><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
    "xl/worksheets/sheet1.xml": strToU8(`<worksheet><sheetData>${sheetXml}</sheetData></worksheet>`),
    ...Object.fromEntries(Object.entries(parts).map(([name, xml]) => [name, strToU8(xml)])),
  });
}
