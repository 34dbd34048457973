import { describe, expect, it } from "vitest";
import { detectEncoding, fileFormatOf, fileSizeProblem, lastRecordEnd, recordsEnd, sniffCsv } from "../../workbench/extract/sniff";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("sniffing uploaded files", () => {
  it("detects the delimiter and header", () => {
    for (const d of [",", ";", "\t", "|"]) {
      const r = sniffCsv(bytes(`code${d}description${d}value\n0101210000${d}"horses, live"${d}12\n`), true);
      expect(r).toMatchObject({ ok: true, delimiter: d, header: ["code", "description", "value"], raggedRows: [] });
    }
  });

  it("detects UTF-8 (with or without BOM) and Windows-1252", () => {
    expect(detectEncoding(bytes("\ufeffa,b"))).toEqual({ encoding: "utf-8", bomLength: 3 });
    expect(detectEncoding(bytes("café,b"))).toEqual({ encoding: "utf-8", bomLength: 0 });
    expect(detectEncoding(new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x2c, 0x80]))).toEqual({ encoding: "windows-1252", bomLength: 0 });
    // a sample cut inside a multi-byte character is still UTF-8
    const cut = bytes("abc€").subarray(0, 5);
    expect(detectEncoding(cut).encoding).toBe("utf-8");
  });

  it("explains empty, binary and one-column files", () => {
    expect(sniffCsv(new Uint8Array(0), true, "a.csv")).toEqual({ ok: false, reason: "a.csv is empty (0 bytes)" });
    expect(sniffCsv(bytes("PAR1xxxx"), false, "a.csv")).toMatchObject({ ok: false, reason: "a.csv is a Parquet file, not delimited text" });
    expect(sniffCsv(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]), false, "a.csv")).toMatchObject({
      reason: expect.stringMatching(/ZIP archive that is not an \.xlsx workbook: extract the file from it first/),
    });
    expect(sniffCsv(new Uint8Array([65, 66, 0, 1, 2, 3]), false, "a.csv")).toMatchObject({
      reason: expect.stringMatching(/binary file.*NUL byte at byte 3/),
    });
    // no delimiter splits it: one column (a file of descriptions alone), which the load check points out
    expect(sniffCsv(bytes("just one column\nx\n"), true, "a.csv")).toMatchObject({ ok: true, delimiter: ",", header: ["just one column"] });
    expect(sniffCsv(bytes("\n\n"), true, "a.csv")).toMatchObject({ ok: false, reason: "a.csv holds no rows" });
  });

  it("reports ragged rows with their row numbers, and bad headers", () => {
    const r = sniffCsv(bytes("a,b,c\n1,2,3\n1,2\n1,2,3,4\n"), true);
    expect(r.ok && r.raggedRows).toEqual([
      { row: 3, fields: 2 },
      { row: 4, fields: 4 },
    ]);
    expect(sniffCsv(bytes("a,,c\n1,2,3\n"), true)).toMatchObject({
      reason: expect.stringMatching(/column 2 of the header row \(row 1\) has no name/),
    });
    expect(sniffCsv(bytes("a,b,A\n1,2,3\n"), true)).toMatchObject({ reason: expect.stringMatching(/names column "A" twice/) });
  });

  it("finds the last record end outside quotes, across chunks", () => {
    const chunk = bytes('a,"multi\nline"\nb,c\nd,"open\n');
    const r = lastRecordEnd(chunk, false);
    expect(new TextDecoder().decode(chunk.subarray(0, r.end))).toBe('a,"multi\nline"\nb,c\n');
    expect(r.records).toBe(2);
    expect(lastRecordEnd(bytes('still quoted\n" ,x\n'), true)).toMatchObject({ end: 18, records: 1, inQuotesAtEnd: false });
  });
});

describe("what a file holds", () => {
  it("tells Parquet and workbooks by their first bytes, JSON by its name, and takes the rest as delimited text", () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0]);
    expect(fileFormatOf("answers.csv", bytes("PAR1xxxx"))).toBe("parquet");
    expect(fileFormatOf("answers.csv", zip)).toBe("xlsx");
    expect(fileFormatOf("ANSWERS.JSON", zip)).toBe("xlsx");
    // a CSV named .parquet is read as the CSV it is
    expect(fileFormatOf("lines.parquet", bytes("description,code\nhorses,0101\n"))).toBe("csv");
    expect(fileFormatOf("lines.JSON", bytes('\ufeff\n  [{"a": 1}]'))).toBe("json");
    expect(fileFormatOf("lines.json", bytes('{"a": 1}\n{"a": 2}\n'))).toBe("ndjson");
    expect(fileFormatOf("lines.jsonl", bytes("[1]\n"))).toBe("ndjson");
    // other binary formats go to the CSV sniffer, which names them
    expect(fileFormatOf("old.xls", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]))).toBe("csv");
    expect(fileFormatOf("lines.txt", bytes(""))).toBe("csv");
  });
});

describe("the user's corrections to what was sniffed", () => {
  it("reads with the chosen delimiter, even one that leaves a single column", () => {
    const file = bytes('description;note\n"steel, bolts";x\n');
    expect(sniffCsv(file, true)).toMatchObject({ delimiter: ";", header: ["description", "note"] });
    expect(sniffCsv(file, true, "a.csv", { delimiter: "," })).toMatchObject({ ok: true, delimiter: ",", header: ["description;note"] });
    expect(sniffCsv(bytes("description\ncotton shirts\n"), true, "a.csv", { delimiter: "," })).toMatchObject({ ok: true, header: ["description"] });
  });

  it("takes the header from a later row, or names the columns when the file has none", () => {
    const titled = bytes("Imports report\ngenerated 2024-05-01\ncode,description\n0101,horses\n8471,laptops,extra\n");
    const r = sniffCsv(titled, true, "a.csv", { headerRow: 3 });
    expect(r).toMatchObject({ ok: true, headerRow: 3, header: ["code", "description"], raggedRows: [{ row: 5, fields: 3 }] });
    // found without being told: title lines have fewer fields than the header under them
    expect(sniffCsv(titled, true)).toMatchObject({ ok: true, headerRow: 3, header: ["code", "description"] });
    // a short row in the middle of the data is a ragged row, not a title
    expect(sniffCsv(bytes("a,b\n1,2\n3\n4,5\n"), true)).toMatchObject({ headerRow: 1, raggedRows: [{ row: 3, fields: 1 }] });
    const none = sniffCsv(bytes("0101,horses\n8471,laptops\n"), true, "a.csv", { headerRow: 0 });
    expect(none).toMatchObject({
      ok: true,
      headerRow: 0,
      header: ["column_1", "column_2"],
      sampleRows: [
        ["0101", "horses"],
        ["8471", "laptops"],
      ],
    });
    expect(sniffCsv(bytes("a,b\n"), true, "a.csv", { headerRow: 5 })).toMatchObject({ ok: false, reason: "a.csv: no rows after row 4" });
  });

  it("reads with the chosen encoding (ISO-8859-2 for Polish) and skips only its own byte-order mark", () => {
    const polish = new Uint8Array([...bytes("opis,kod\n"), 0xbf, 0xf3, 0xb3, 0x74, 0x79, ...bytes(",1\n")]); // "żółty" in ISO-8859-2
    expect(sniffCsv(polish, true).ok && (sniffCsv(polish, true) as { encoding: string }).encoding).toBe("windows-1252");
    expect(sniffCsv(polish, true, "a.csv", { encoding: "iso-8859-2" })).toMatchObject({ encoding: "iso-8859-2", sampleRows: [["żółty", "1"]] });
    expect(sniffCsv(bytes("\ufeffa,b\n1,2\n"), true, "a.csv", { encoding: "windows-1252" })).toMatchObject({ bomLength: 0, header: ["ï»¿a", "b"] });
  });

  it("finds where the first n records end, outside quotes", () => {
    const text = bytes('title\n"a\nb",c\nd\n');
    expect(recordsEnd(text, 0)).toBe(0);
    expect(new TextDecoder().decode(text.subarray(recordsEnd(text, 2)))).toBe("d\n");
    expect(recordsEnd(text, 4)).toBe(-1);
  });
});

describe("file size", () => {
  it("refuses files the browser cannot hold before reading them, naming the size", () => {
    expect(fileSizeProblem("big.csv", 3.2e9)).toMatch(/^big.csv is 3.20 GB; the in-browser engine can hold about 2.15 GB/);
    expect(fileSizeProblem("small.csv", 1e6)).toBeNull();
    expect(fileSizeProblem("none.csv", 0)).toBe("none.csv is empty (0 bytes)");
  });
});
