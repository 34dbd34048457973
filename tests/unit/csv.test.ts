import { describe, expect, it } from "vitest";
import { CsvSyntaxError, csvField, parseCsv, parseCsvRecords, toCsv } from "../../workbench/csv";

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
