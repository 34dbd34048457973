// Looks at the first bytes of an uploaded file and says what it is: encoding, delimiter, header, or why it cannot be read.

export type TextEncodingName = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

export interface CsvSniff {
  ok: true;
  encoding: TextEncodingName;
  /** bytes to skip at the start (a byte-order mark) */
  bomLength: number;
  delimiter: string;
  header: string[];
  /** field counts of the sampled data rows that differ from the header's, with their row numbers (header = row 1) */
  raggedRows: { row: number; fields: number }[];
  sampleRows: string[][];
}

export interface SniffFailure {
  ok: false;
  reason: string;
}

export const DELIMITERS = [",", ";", "\t", "|"] as const;
const DELIMITER_NAMES: Record<string, string> = { ",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe" };
export const delimiterName = (d: string) => DELIMITER_NAMES[d] ?? JSON.stringify(d);

const MAGIC: [number[], string][] = [
  [[0x50, 0x41, 0x52, 0x31], "a Parquet file"],
  [[0x50, 0x4b, 0x03, 0x04], "a ZIP archive (an .xlsx workbook is one): save it as CSV first"],
  [[0xd0, 0xcf, 0x11, 0xe0], "an old Excel (.xls) workbook: save it as CSV first"],
  [[0x1f, 0x8b], "a gzip-compressed file: decompress it first"],
  [[0x25, 0x50, 0x44, 0x46], "a PDF document"],
];

/** Says what binary format a file is, when its first bytes give it away. */
export function binaryKind(bytes: Uint8Array): string | null {
  for (const [magic, kind] of MAGIC) if (magic.every((b, i) => bytes[i] === b)) return kind;
  return null;
}

export function detectEncoding(bytes: Uint8Array): { encoding: TextEncodingName; bomLength: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: "utf-8", bomLength: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", bomLength: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", bomLength: 2 };
  // A sample may end inside a multi-byte character: drop up to 3 trailing bytes of an incomplete sequence.
  let end = bytes.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = bytes[end - back]!;
    if ((b & 0xc0) === 0xc0) {
      const needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      if (back < needed) end -= back;
      break;
    }
    if ((b & 0x80) === 0) break;
  }
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, end));
    return { encoding: "utf-8", bomLength: 0 };
  } catch {
    return { encoding: "windows-1252", bomLength: 0 };
  }
}

/** Splits text into records (quote-aware) for sniffing; stops after `maxRows`. The last, possibly cut, line is dropped when more text follows. */
export function sampleRecords(text: string, delimiter: string, maxRows: number, complete: boolean): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let inQuotes = false;
  for (let i = 0; i < text.length && rows.length < maxRows; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else field += ch;
    } else if (ch === '"' && field === "") inQuotes = true;
    else if (ch === delimiter) {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (complete && rows.length < maxRows && (field !== "" || row.length)) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ""));
}

/**
 * Sniffs a delimited text file from its first bytes. `complete` says whether the sample is the whole file.
 * Picks the delimiter that splits the sampled lines into the same number (> 1) of fields most consistently.
 */
export function sniffCsv(sample: Uint8Array, complete: boolean, fileName = "the file"): CsvSniff | SniffFailure {
  if (sample.length === 0) return { ok: false, reason: `${fileName} is empty (0 bytes)` };
  const kind = binaryKind(sample);
  if (kind) return { ok: false, reason: `${fileName} is ${kind}, not delimited text` };
  const { encoding, bomLength } = detectEncoding(sample);
  const body = sample.subarray(bomLength);
  if (encoding.startsWith("utf-8") || encoding === "windows-1252") {
    const nul = body.indexOf(0);
    if (nul >= 0) {
      return { ok: false, reason: `${fileName} looks like a binary file, not text (a NUL byte at byte ${nul + bomLength + 1}); is it really CSV?` };
    }
    let control = 0;
    for (const b of body) if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
    if (control > body.length * 0.01) {
      return { ok: false, reason: `${fileName} looks like a binary file, not text (${control} control bytes in the first ${body.length})` };
    }
  }
  const text = new TextDecoder(encoding).decode(body);
  let best: { delimiter: string; rows: string[][]; score: number } | null = null;
  for (const delimiter of DELIMITERS) {
    const rows = sampleRecords(text, delimiter, 50, complete);
    if (rows.length === 0) continue;
    const width = rows[0]!.length;
    if (width < 2) continue;
    const consistent = rows.filter((r) => r.length === width).length / rows.length;
    const score = consistent * 1000 + width;
    if (!best || score > best.score) best = { delimiter, rows, score };
  }
  if (!best) {
    const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
    return {
      ok: false,
      reason:
        `${fileName}: found only one column (first line: "${firstLine.slice(0, 80)}"). ` +
        `Expected values separated by ${DELIMITERS.map(delimiterName).join(", ")}`,
    };
  }
  const [header, ...rows] = best.rows;
  const trimmedHeader = header!.map((h) => h.trim());
  const blank = trimmedHeader.findIndex((h) => h === "");
  if (blank >= 0) return { ok: false, reason: `${fileName}: column ${blank + 1} of the header row has no name` };
  const duplicate = trimmedHeader.find((h, i) => trimmedHeader.findIndex((o) => o.toLowerCase() === h.toLowerCase()) !== i);
  if (duplicate) return { ok: false, reason: `${fileName}: the header names column "${duplicate}" twice` };
  return {
    ok: true,
    encoding,
    bomLength,
    delimiter: best.delimiter,
    header: trimmedHeader,
    raggedRows: rows.map((r, i) => ({ row: i + 2, fields: r.length })).filter((r) => r.fields !== trimmedHeader.length),
    sampleRows: rows,
  };
}

/** Byte offset just after the last record end in `bytes` that is not inside quotes, given the quote state at its start. */
export function lastRecordEnd(bytes: Uint8Array, inQuotesAtStart: boolean): { end: number; inQuotesAtEnd: boolean; records: number } {
  let inQuotes = inQuotesAtStart;
  let end = -1;
  let records = 0;
  let stateAtEnd = inQuotesAtStart;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x22) inQuotes = !inQuotes;
    else if (b === 0x0a && !inQuotes) {
      end = i + 1;
      records++;
      stateAtEnd = inQuotes;
    }
  }
  return { end, inQuotesAtEnd: stateAtEnd, records };
}

/** DuckDB-WASM has a 4 GB address space; beyond ~2 GB of input a load fails late and badly. Say so before reading. */
export const MAX_BROWSER_FILE_BYTES = 2 * 1024 ** 3;

export const formatBytes = (n: number) =>
  n >= 1e9 ? `${(n / 1e9).toFixed(2)} GB` : n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1e3))} kB`;

export function fileSizeProblem(fileName: string, bytes: number): string | null {
  if (bytes === 0) return `${fileName} is empty (0 bytes)`;
  if (bytes > MAX_BROWSER_FILE_BYTES) {
    return (
      `${fileName} is ${formatBytes(bytes)}; the in-browser engine can hold about ${formatBytes(MAX_BROWSER_FILE_BYTES)}. ` +
      "Filter or split the file first, or convert it to Parquet (smaller)."
    );
  }
  return null;
}
