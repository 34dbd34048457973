import { describe, expect, it } from "vitest";
import { detectEncoding, fileSizeProblem, lastRecordEnd, sniffCsv } from "../../workbench/extract/sniff";

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
      reason: expect.stringMatching(/ZIP archive.*save it as CSV/),
    });
    expect(sniffCsv(new Uint8Array([65, 66, 0, 1, 2, 3]), false, "a.csv")).toMatchObject({
      reason: expect.stringMatching(/binary file.*NUL byte at byte 3/),
    });
    expect(sniffCsv(bytes("just one column\nx\n"), true, "a.csv")).toMatchObject({ reason: expect.stringMatching(/found only one column/) });
  });

  it("reports ragged rows with their row numbers, and bad headers", () => {
    const r = sniffCsv(bytes("a,b,c\n1,2,3\n1,2\n1,2,3,4\n"), true);
    expect(r.ok && r.raggedRows).toEqual([
      { row: 3, fields: 2 },
      { row: 4, fields: 4 },
    ]);
    expect(sniffCsv(bytes("a,,c\n1,2,3\n"), true)).toMatchObject({ reason: expect.stringMatching(/column 2 of the header row has no name/) });
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

describe("file size", () => {
  it("refuses files the browser cannot hold before reading them, naming the size", () => {
    expect(fileSizeProblem("big.csv", 3.2e9)).toMatch(/^big.csv is 3.20 GB; the in-browser engine can hold about 2.15 GB/);
    expect(fileSizeProblem("small.csv", 1e6)).toBeNull();
    expect(fileSizeProblem("none.csv", 0)).toBe("none.csv is empty (0 bytes)");
  });
});
