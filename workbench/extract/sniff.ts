// Looks at the first bytes of an uploaded file and says what it is: encoding, delimiter, header, or why it cannot be read.

export type TextEncodingName = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252" | "iso-8859-2";

/** Encodings a user can pick when the detected one is wrong (Central European files are often ISO-8859-2). */
export const TEXT_ENCODINGS: { id: TextEncodingName; label: string }[] = [
  { id: "utf-8", label: "UTF-8" },
  { id: "windows-1252", label: "Windows-1252 (Western Europe)" },
  { id: "iso-8859-2", label: "ISO-8859-2 (Central Europe)" },
  { id: "utf-16le", label: "UTF-16 LE" },
  { id: "utf-16be", label: "UTF-16 BE" },
];

/** What the user corrected after sniffing; anything left out is detected. */
export interface CsvChoice {
  delimiter?: string;
  encoding?: TextEncodingName;
  /** the row that holds the column names (1 = first); 0 = the file has none (columns are named column_1, column_2, …) */
  headerRow?: number;
  /** the sheet of an Excel workbook to read (its first visible one by default) */
  sheet?: string;
}

export const MAX_HEADER_ROW = 20;

export interface CsvSniff {
  ok: true;
  encoding: TextEncodingName;
  /** bytes to skip at the start (a byte-order mark) */
  bomLength: number;
  delimiter: string;
  /** the row holding the column names (rows before it are skipped), 0 when the file has none */
  headerRow: number;
  header: string[];
  /** field counts of the sampled data rows that differ from the header's, with their row numbers in the file */
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

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** Whether a file starts as a ZIP archive does (an .xlsx workbook is one). */
export const isZip = (head: Uint8Array) => ZIP_MAGIC.every((b, i) => head[i] === b);

const PARQUET_MAGIC = [0x50, 0x41, 0x52, 0x31];
/** Whether a file starts as a Parquet file does ("PAR1"). */
export const isParquet = (head: Uint8Array) => PARQUET_MAGIC.every((b, i) => head[i] === b);

const MAGIC: [number[], string][] = [
  [PARQUET_MAGIC, "a Parquet file"],
  [ZIP_MAGIC, "a ZIP archive that is not an .xlsx workbook: extract the file from it first"],
  [[0xd0, 0xcf, 0x11, 0xe0], "an old Excel (.xls) workbook, or one locked with a password: save it as .xlsx or CSV first"],
  [[0x1f, 0x8b], "a gzip-compressed file: decompress it first"],
  [[0x25, 0x50, 0x44, 0x46], "a PDF document"],
];

export type FileFormat = "csv" | "parquet" | "xlsx" | "json" | "ndjson";

/**
 * What a file holds, the one rule for the Explore page and the CLI: its first bytes say Parquet or a workbook (an .xlsx
 * is a ZIP archive) whatever it is named; text is JSON when named so (an array, or one object per line) and delimited
 * text otherwise — another binary format is then refused by sniffCsv naming what it is.
 */
export function fileFormatOf(name: string, head: Uint8Array): FileFormat {
  if (isParquet(head)) return "parquet";
  if (isZip(head)) return "xlsx";
  const lower = name.toLowerCase();
  if (lower.endsWith(".ndjson") || lower.endsWith(".jsonl")) return "ndjson";
  if (lower.endsWith(".json")) return new TextDecoder().decode(head.subarray(0, 1024)).trimStart().startsWith("[") ? "json" : "ndjson";
  return "csv";
}

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
 * Picks the delimiter that splits the sampled lines into the same number (> 1) of fields most consistently; the
 * user's `choice` (delimiter, encoding, header row) overrides what would be detected.
 */
export function sniffCsv(sample: Uint8Array, complete: boolean, fileName = "the file", choice: CsvChoice = {}): CsvSniff | SniffFailure {
  if (sample.length === 0) return { ok: false, reason: `${fileName} is empty (0 bytes)` };
  const kind = binaryKind(sample);
  if (kind) return { ok: false, reason: `${fileName} is ${kind}, not delimited text` };
  const detected = detectEncoding(sample);
  const encoding = choice.encoding ?? detected.encoding;
  // A byte-order mark is skipped only when it belongs to the encoding the file is read with.
  const bomLength = encoding === detected.encoding ? detected.bomLength : 0;
  const body = sample.subarray(bomLength);
  if (!encoding.startsWith("utf-16")) {
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
  // Title lines above the header (a report name, a date: at most one non-empty field each) are skipped when the user
  // has not said where the header is: the header is the first of the first 11 rows with two or more values.
  const chosenSkip = choice.headerRow === undefined ? 0 : Math.max(0, Math.min(MAX_HEADER_ROW, Math.trunc(choice.headerRow)) - 1);
  let best: { delimiter: string; rows: string[][]; skip: number; score: number } | null = null;
  for (const delimiter of choice.delimiter !== undefined ? [choice.delimiter] : DELIMITERS) {
    const all = sampleRecords(text, delimiter, 61 + chosenSkip, complete);
    const titled = all.findIndex((r) => r.filter((f) => f.trim() !== "").length >= 2);
    const skip = choice.headerRow === undefined && titled > 0 && titled <= 10 ? titled : chosenSkip;
    const rows = all.slice(skip, skip + 50);
    if (rows.length === 0) continue;
    const width = rows[0]!.length;
    const consistent = rows.filter((r) => r.length === width).length / rows.length;
    // One column only when no delimiter splits the rows (a file of descriptions alone); the check says so.
    const score = width < 2 ? 0 : consistent * 1000 + width;
    if (!best || score > best.score) best = { delimiter, rows, skip, score };
  }
  if (!best) return { ok: false, reason: chosenSkip > 0 ? `${fileName}: no rows after row ${chosenSkip}` : `${fileName} holds no rows` };
  const headerRow = choice.headerRow === 0 ? 0 : best.skip + 1;
  const [first, ...rest] = best.rows;
  const header = headerRow === 0 ? first!.map((_, i) => `column_${i + 1}`) : first!.map((h) => h.trim());
  const rows = headerRow === 0 ? best.rows : rest;
  const blank = header.findIndex((h) => h === "");
  if (blank >= 0) return { ok: false, reason: `${fileName}: column ${blank + 1} of the header row (row ${headerRow}) has no name` };
  const duplicate = header.find((h, i) => header.findIndex((o) => o.toLowerCase() === h.toLowerCase()) !== i);
  if (duplicate) return { ok: false, reason: `${fileName}: the header (row ${headerRow}) names column "${duplicate}" twice` };
  const firstDataRow = headerRow + 1;
  return {
    ok: true,
    encoding,
    bomLength,
    delimiter: best.delimiter,
    headerRow,
    header,
    raggedRows: rows.map((r, i) => ({ row: i + firstDataRow, fields: r.length })).filter((r) => r.fields !== header.length),
    sampleRows: rows,
  };
}

/** Byte offset just after the first `n` records of `bytes` (quote-aware), or -1 when it holds fewer. */
export function recordsEnd(bytes: Uint8Array, n: number): number {
  if (n <= 0) return 0;
  let inQuotes = false;
  let records = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x22) inQuotes = !inQuotes;
    else if (b === 0x0a && !inQuotes && ++records === n) return i + 1;
  }
  return -1;
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
