import { describe, expect, it } from "vitest";
import { CsvSyntaxError, csvField, parseCsv, parseCsvRecords, quoteCsv, toCsv } from "../../workbench/csv";

describe("CSV", () => {
  it("parses quotes, doubled quotes, embedded newlines, CRLF and a BOM", () => {
    expect(parseCsv('\ufeffa,b\r\n"x, y","say ""hi"""\n"multi\nline",0101\n')).toEqual([
      ["a", "b"],
      ["x, y", 'say "hi"'],
      ["multi\nline", "0101"],
    ]);
  });
  it("keeps empty trailing fields and leading zeros", () => {
    expect(parseCsv("a,b,c\n0101,,\n")).toEqual([
      ["a", "b", "c"],
      ["0101", "", ""],
    ]);
  });
  it("says where a quote is not closed", () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3\n')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('a\n"x"y\n')).toThrow(/line 2: unexpected character 'y' after a closing quote/);
  });
  it("ends a row at a lone CR, keeps a field after a final delimiter and a quoted empty last field", () => {
    expect(parseCsv('a\rb,\n""')).toEqual([["a"], ["b", ""], [""]]);
    expect(parseCsv("a;b,c\n", { delimiter: ";" })).toEqual([["a", "b,c"]]);
  });
  it("counts the lines inside quoted fields when it names one", () => {
    expect(() => parseCsv('a\n"x\ny\nz"q')).toThrow(/^line 4: unexpected character 'q' after a closing quote$/);
    expect(() => parseCsv('a,b\n"x\n\ny')).toThrow(/^line 4: a quoted field is not closed before the end of the file$/);
  });
  it("reads back every field it writes (random fields with quotes, delimiters and line ends)", () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const pieces = ["a", "0101", ",", '"', "\n", "\r\n", "\r", " ", "é", ""];
    for (let n = 0; n < 2_000; n++) {
      const rows = Array.from({ length: 1 + Math.floor(random() * 4) }, () =>
        Array.from({ length: 1 + Math.floor(random() * 4) }, () =>
          Array.from({ length: Math.floor(random() * 5) }, () => pieces[Math.floor(random() * pieces.length)]).join(""),
        ),
      );
      // a row of one empty field is written as an empty line, which reads as no row at the end of a file
      const text = rows.map((r) => r.map(quoteCsv).join(",")).join(random() < 0.5 ? "\n" : "\r\n");
      expect(parseCsv(text)).toEqual(rows.filter((r, i) => i < rows.length - 1 || !(r.length === 1 && r[0] === "")));
    }
  });
  it("names the row with a wrong number of fields", () => {
    expect(() => parseCsvRecords("a,b\n1,2\n3\n", [], "upload.csv")).toThrow("upload.csv: row 3 has 1 fields, expected 2");
  });
  it("neutralises spreadsheet formulas when writing, but not negative numbers", () => {
    expect(csvField("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
    expect(csvField("+1+1")).toBe("'+1+1");
    expect(csvField("-12.5")).toBe("-12.5");
    expect(csvField(-3)).toBe("-3");
    expect(toCsv(["a", "b"], [["x,y", null]])).toBe('a,b\n"x,y",\n');
  });
});
