import { unzipSync, strFromU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { readWorkbook } from "../../workbench/extract/xlsx";
import { cellKindOfSqlType, MAX_SHEET_ROWS, sheetNameOf, writeWorkbook, type SheetColumn } from "../../workbench/extract/xlsx-write";

const joined = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) out.set(p, (at += p.length) - p.length);
  return out;
};

describe("an Excel workbook written for export", () => {
  const columns: SheetColumn[] = [
    { name: "commodity_code", kind: "text" },
    { name: "goods_description", kind: "text" },
    { name: "statistical_value", kind: "number" },
    { name: "acceptance_date", kind: "date" },
    { name: "flagged", kind: "boolean" },
  ];
  const rows: unknown[][] = [
    ["0101210000", 'Horses, live <pure-bred> & "breeding"', 1234.5, Date.UTC(2024, 0, 4), true],
    ["=cmd|' /C calc'!A0", "a line\nbroken, a tab\there, a bell \u0007 and _x0041_ as typed", null, "2024-02-29", false],
    ["8471300000", "x".repeat(40_000), Number.NaN, "not a date", null],
  ];
  const written = writeWorkbook([{ name: "codes: [2024]?", columns, rows: rows.length, valueAt: (r, c) => rows[r]![c] }]);

  it("reads back as the CSV the export would write: codes as text with their zeros, numbers, dates, text as typed", async () => {
    const { parts, cutCells } = await written;
    const read = await readWorkbook(joined(parts), "codes.xlsx");
    expect(read.sheet).toBe("codes   2024");
    const lines = read.csv.split("\r\n");
    expect(lines[0]).toBe("commodity_code,goods_description,statistical_value,acceptance_date,flagged");
    expect(lines[1]).toBe('0101210000,"Horses, live <pure-bred> & ""breeding""",1234.5,2024-01-04,TRUE');
    // a formula-like text stays text (an inline string is never a formula); the characters XML cannot hold come back
    expect(lines[2]).toBe("=cmd|' /C calc'!A0,\"a line\nbroken, a tab\there, a bell \u0007 and _x0041_ as typed\",,2024-02-29,FALSE");
    // longer than a cell holds: cut, and counted; a number that is not finite and a date that is not one, as text
    expect(cutCells).toBe(1);
    expect(lines[3]).toBe(`8471300000,${"x".repeat(32_767)},NaN,not a date,`);
  });

  it("writes the parts Excel needs, with typed cells and the header kept in view", async () => {
    const files = unzipSync(joined((await written).parts));
    expect(Object.keys(files).sort()).toEqual([
      "[Content_Types].xml",
      "_rels/.rels",
      "xl/_rels/workbook.xml.rels",
      "xl/styles.xml",
      "xl/workbook.xml",
      "xl/worksheets/sheet1.xml",
    ]);
    const sheet = strFromU8(files["xl/worksheets/sheet1.xml"]!);
    expect(sheet).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
    // a code is a text cell in the text format; a value a number; a date Excel's day number in the date format
    expect(sheet).toContain('<c r="A2" s="3" t="inlineStr"><is><t xml:space="preserve">0101210000</t></is></c>');
    expect(sheet).toContain('<c r="C2"><v>1234.5</v></c>');
    expect(sheet).toContain('<c r="D2" s="1"><v>45295</v></c>');
    expect(sheet).toContain('<c r="E2" t="b"><v>1</v></c>');
    expect(sheet).toContain("a bell _x0007_ and _x005F_x0041_ as typed");
    // an empty value is no cell
    expect(sheet).not.toContain('r="C3"');
  });

  it("names the sheet as Excel allows, and refuses more rows than a sheet holds before writing any", async () => {
    expect(sheetNameOf("a/b\\c?d*e[f]g:h")).toBe("a b c d e f g h");
    expect(sheetNameOf("  ''  ")).toBe("Sheet1");
    expect(sheetNameOf("x".repeat(40))).toHaveLength(31);
    let asked = 0;
    await expect(
      writeWorkbook([
        {
          name: "big",
          columns,
          rows: MAX_SHEET_ROWS,
          valueAt: () => {
            asked++;
            return null;
          },
        },
      ]),
    ).rejects.toThrow("1,048,576 rows are more than an Excel sheet holds (1,048,575 below its header): filter further, or export CSV or Parquet");
    expect(asked).toBe(0);
  });

  it("writes several sheets in order, with names told apart, widths and shares as percentages", async () => {
    const sheet = (name: string, value: number) => ({
      name,
      columns: [
        { name: "chapter", kind: "text" as const, width: 12 },
        { name: "share", kind: "percent" as const },
      ],
      rows: 1,
      valueAt: (_: number, c: number) => (c === 0 ? "01" : value),
    });
    const { parts } = await writeWorkbook([sheet("About", 0.25), sheet("Matrix: A", 0.5), sheet("matrix  A", 0.75)]);
    const bytes = joined(parts);
    const first = await readWorkbook(bytes, "three.xlsx");
    // Excel tells sheet names apart without their case: the third gets a number
    expect(first.sheets).toEqual(["About", "Matrix  A", "matrix  A (2)"]);
    expect(first.csv).toBe("chapter,share\r\n01,0.25\r\n");
    expect((await readWorkbook(bytes, "three.xlsx", "matrix  A (2)")).csv).toBe("chapter,share\r\n01,0.75\r\n");
    const files = unzipSync(bytes);
    const third = strFromU8(files["xl/worksheets/sheet3.xml"]!);
    expect(third).toContain('<cols><col min="1" max="1" width="12" customWidth="1"/></cols>');
    // a share is a number in Excel's percent format (style 5: numFmtId 10)
    expect(third).toContain('<c r="B2" s="5"><v>0.75</v></c>');
    expect(strFromU8(files["xl/styles.xml"]!)).toMatch(/<cellXfs count="6">(<xf [^>]*\/>){5}<xf numFmtId="10" /);
    expect(strFromU8(files["[Content_Types].xml"]!).match(/worksheets\/sheet\d\.xml/g)).toEqual([
      "worksheets/sheet1.xml",
      "worksheets/sheet2.xml",
      "worksheets/sheet3.xml",
    ]);
  });

  it("names columns past Z as Excel does, and writes dates with their time of day", async () => {
    const wide: SheetColumn[] = Array.from({ length: 28 }, (_, i) => ({ name: `c${i + 1}`, kind: i === 27 ? "datetime" : "number" }));
    const { parts } = await writeWorkbook([{ name: "wide", columns: wide, rows: 1, valueAt: (_, c) => (c === 27 ? "2024-03-01 12:30:00" : c) }]);
    const sheet = strFromU8(unzipSync(joined(parts))["xl/worksheets/sheet1.xml"]!);
    expect(sheet).toContain('<c r="Z2"><v>25</v></c><c r="AA2"><v>26</v></c><c r="AB2" s="2"><v>45352.52083333333</v></c>');
  });

  it("holds each SQL type's values in the cell kind that keeps them (codes and other text as text)", () => {
    const kinds = [
      "VARCHAR",
      "DATE",
      "TIMESTAMP",
      "TIMESTAMP WITH TIME ZONE",
      "BOOLEAN",
      "INTEGER",
      "BIGINT",
      "UTINYINT",
      "HUGEINT",
      "DOUBLE",
      "DECIMAL(18,3)",
      "BLOB",
      "INTERVAL",
      "VARCHAR[]",
    ];
    expect(Object.fromEntries(kinds.map((k) => [k, cellKindOfSqlType(k)]))).toEqual({
      VARCHAR: "text",
      DATE: "date",
      TIMESTAMP: "datetime",
      "TIMESTAMP WITH TIME ZONE": "datetime",
      BOOLEAN: "boolean",
      INTEGER: "number",
      BIGINT: "number",
      UTINYINT: "number",
      HUGEINT: "number",
      DOUBLE: "number",
      "DECIMAL(18,3)": "number",
      BLOB: "text",
      INTERVAL: "text",
      "VARCHAR[]": "text",
    });
  });

  it("reports every few thousand rows, awaiting the caller (a page paints there)", async () => {
    const seen: number[] = [];
    const { parts } = await writeWorkbook(
      [{ name: "long", columns: [{ name: "n", kind: "number" }], rows: 12_000, valueAt: (r) => r }],
      async (rows) => {
        seen.push(rows);
        await new Promise((resolve) => setTimeout(resolve, 0));
      },
    );
    expect(seen).toEqual([5_000, 10_000]);
    expect((await readWorkbook(joined(parts), "long.xlsx")).csv.split("\r\n")).toHaveLength(12_002);
  });
});
