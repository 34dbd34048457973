import { readFileSync } from "node:fs";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readWorkbook } from "../../workbench/extract/xlsx";
import { workbook } from "../support/workbook";

const fixture = new Uint8Array(readFileSync("fixtures/demo-declarations.xlsx"));
const demoLines = readFileSync("fixtures/demo-extract.csv", "utf8").split("\n");

describe("an Excel workbook read as CSV", () => {
  it("reads the first visible sheet of a workbook written as Excel writes it: text, numbers, dates, blank rows", async () => {
    const read = await readWorkbook(fixture, "demo-declarations.xlsx");
    expect(read.sheet).toBe("Declarations");
    // the hidden lookup sheet is not offered
    expect(read.sheets).toEqual(["Declarations", "Notes"]);
    const lines = read.csv.split("\r\n");
    // the header and the lines before the blank row, as the CSV they were written from (dates shown dd/mm/yyyy come
    // back as ISO dates, 915.57 as 915.57) — but for the code typed as a number, which lost its leading zero
    const expected = demoLines.slice(0, 21).map((l) => l.replace(",0202303550,", ",202303550,"));
    expect(lines.slice(0, 21)).toEqual(expected);
    expect(lines[12]).toContain(",202303550,");
    // row 22 of the sheet is blank, and stays a row so the rows after it keep the sheet's numbers
    expect(lines[21]).toBe(",".repeat(14));
    expect(lines.slice(22, 32)).toEqual(demoLines.slice(21, 31));
  });

  it("reads another sheet by name, and names the file and the sheet it does not have", async () => {
    expect((await readWorkbook(fixture, "demo-declarations.xlsx", "Notes")).csv).toBe(
      "Synthetic lines from the HS Model Workbench demo extract; not real declarations.\r\n",
    );
    await expect(readWorkbook(fixture, "demo-declarations.xlsx", "Lookup")).rejects.toThrow(
      'demo-declarations.xlsx: the workbook has no sheet named "Lookup"',
    );
  });

  it("reads every kind of cell, and quotes what CSV must quote", async () => {
    const strings = `<sst><si><t>0101210000</t></si><si><r><t>Café, </t></r><r><rPr/><t xml:space="preserve">"crème"</t></r><rPh><t>カフェ</t></rPh></si><si><t>line one_x000D_
line two</t></si><si><t>&lt;img src=x onerror=alert(1)&gt; &amp; &#233;&#x20AC;</t></si></sst>`;
    const styles = `<styleSheet><numFmts><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd\\ hh:mm"/><numFmt numFmtId="165" formatCode="&quot;kg&quot;\\ 0.00"/></numFmts>
      <cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs></styleSheet>`;
    const sheet = `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>
      <row r="2"><c t="inlineStr"><is><t>inline</t></is></c><c t="b"><v>1</v></c><c t="e"><v>#N/A</v></c><c t="str"><f>A1&amp;"x"</f><v>formula &amp; text</v></c></row>
      <row r="3"><c r="A3" s="1"><v>45000.5</v></c><c r="B3" s="2"><v>12.5</v></c><c r="D3" t="s"><v>2</v></c><c r="E3" t="s"><v>3</v></c></row>
      <row r="4"><c r="A4"/></row>`;
    const csv = (await readWorkbook(workbook(sheet, { "xl/sharedStrings.xml": strings, "xl/styles.xml": styles }), "cells.xlsx")).csv;
    expect(csv).toBe(
      [
        '0101210000,,"Café, ""crème""",,',
        "inline,TRUE,#N/A,formula & text,",
        // a date-time format gives the time; a number format with quoted letters is not a date
        '2023-03-15 12:00:00,12.5,,"line one\r\nline two",<img src=x onerror=alert(1)> & é€',
        "",
      ].join("\r\n"),
    );
  });

  it("counts dates from 1904 when the workbook says so", async () => {
    const styles = `<styleSheet><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>`;
    const sheet = `<row r="1"><c r="A1" s="1"><v>43538</v></c></row>`;
    expect((await readWorkbook(workbook(sheet, { "xl/styles.xml": styles }), "windows.xlsx")).csv).toBe("2019-03-14\r\n");
    expect((await readWorkbook(workbook(sheet, { "xl/styles.xml": styles }, `<workbookPr date1904="1"/>`), "mac.xlsx")).csv).toBe("2023-03-15\r\n");
  });

  it("says what is wrong with a file that is not a readable workbook", async () => {
    await expect(readWorkbook(zipSync({ "readme.txt": strToU8("hello") }), "archive.zip")).rejects.toThrow(
      "archive.zip: a ZIP archive, but not an Excel workbook (no xl/workbook.xml); only .xlsx workbooks are read",
    );
    await expect(readWorkbook(fixture.subarray(0, 4000), "cut.xlsx")).rejects.toThrow(
      /^cut\.xlsx: not a readable ZIP archive \(.+\); is the workbook complete\?$/,
    );
    await expect(readWorkbook(workbook(`<row r="1"><c r="B1" t="s"><v>7</v></c></row>`), "strings.xlsx")).rejects.toThrow(
      'strings.xlsx: sheet "Data", cell B1: refers to a shared string the workbook does not have',
    );
    await expect(readWorkbook(workbook(`<row r="1"/>`), "empty.xlsx")).rejects.toThrow('empty.xlsx: sheet "Data" has no cells with values');
    // a hostile row or column number does not make a billion blank rows or cells
    await expect(
      readWorkbook(workbook(`<row r="1"><c r="A1"><v>1</v></c></row><row r="999999999"><c r="A999999999"><v>2</v></c></row>`), "rows.xlsx"),
    ).rejects.toThrow(`rows.xlsx: sheet "Data" has a row 999999999, past Excel's last row (1048576)`);
    await expect(readWorkbook(workbook(`<row r="1"><c r="ZZZZ1"><v>1</v></c></row>`), "columns.xlsx")).rejects.toThrow(
      `columns.xlsx: sheet "Data", cell ZZZZ1: past Excel's last column (XFD)`,
    );
    // a sheet that says it inflates to 512 MB is refused before it is inflated (the size in its directory entry)
    const big = workbook(`<row r="1"><c r="A1"><v>1</v></c></row>`);
    const view = new DataView(big.buffer, big.byteOffset);
    for (let at = 0; at < big.length - 46; at++) {
      if (view.getUint32(at, true) !== 0x02014b50) continue;
      const name = new TextDecoder().decode(big.subarray(at + 46, at + 46 + view.getUint16(at + 28, true)));
      if (name === "xl/worksheets/sheet1.xml") view.setUint32(at + 24, 512 * 1024 ** 2, true);
    }
    await expect(readWorkbook(big, "big.xlsx")).rejects.toThrow(
      'big.xlsx: sheet "Data" inflates to 512 MB, more than the 256 MB a workbook may take here: save the sheet as CSV, which is read in slices',
    );
  });

  it("reports how far it has read every few thousand rows, and stops when the caller throws", async () => {
    const sheet = Array.from({ length: 10_000 }, (_, i) => `<row r="${i + 1}"><c t="inlineStr"><is><t>line ${i + 1}</t></is></c></row>`).join("");
    // over 512 KB: fflate inflates it in a worker thread
    expect(sheet.length).toBeGreaterThan(512 * 1024);
    const seen: { share: number; rows: number }[] = [];
    const read = await readWorkbook(workbook(sheet), "long.xlsx", undefined, (p) => {
      seen.push(p);
    });
    expect(read.csv.split("\r\n")).toHaveLength(10_001);
    expect(seen.map((p) => p.rows)).toEqual([1_999, 3_999, 5_999, 7_999, 9_999]);
    expect(seen.map((p) => Math.round(p.share * 10))).toEqual([2, 4, 6, 8, 10]);
    // what a page's Cancel does: the reading stops at the next report, with the caller's error
    const cancelled = new DOMException("The load was cancelled", "AbortError");
    await expect(
      readWorkbook(workbook(sheet), "long.xlsx", undefined, ({ rows }) => {
        if (rows > 4_000) throw cancelled;
      }),
    ).rejects.toBe(cancelled);
  });
});
