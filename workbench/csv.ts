// RFC 4180 CSV reading/writing shared by the server, the CLI and the browser.
// Fields stay strings: HS codes such as "0101" must never become numbers.

export interface CsvParseOptions {
  delimiter?: string;
}

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = "CsvSyntaxError";
  }
}

/** Parses CSV text into rows of string fields. Accepts \n and \r\n line ends and a UTF-8 BOM. */
export function parseCsv(text: string, options: CsvParseOptions = {}): string[][] {
  const delimiter = options.delimiter ?? ",";
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let inQuotes = false;
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let fieldStarted = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i++;
        const next = text[i];
        if (next !== undefined && next !== delimiter && next !== "\n" && next !== "\r") {
          throw new CsvSyntaxError(`line ${line}: unexpected character '${next}' after a closing quote`, line);
        }
        continue;
      }
      if (ch === "\n") line++;
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === "") {
      inQuotes = true;
      fieldStarted = true;
      i++;
      continue;
    }
    if (ch === delimiter) {
      row.push(field);
      field = "";
      fieldStarted = true;
      i++;
      continue;
    }
    if (ch === "\r" || ch === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      fieldStarted = false;
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
      line++;
      continue;
    }
    field += ch;
    fieldStarted = true;
    i++;
  }
  if (inQuotes) throw new CsvSyntaxError(`line ${line}: a quoted field is not closed before the end of the file`, line);
  if (fieldStarted || field !== "") {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Parses CSV with a header row into records keyed by column name; checks the required columns exist. */
export function parseCsvRecords(text: string, required: readonly string[] = [], source = "CSV"): Record<string, string>[] {
  const [header, ...body] = parseCsv(text);
  if (!header) throw new Error(`${source}: the file is empty (expected a header row)`);
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length) {
    throw new Error(`${source}: missing column(s) ${missing.join(", ")}; found ${header.join(", ")}`);
  }
  return body
    .filter((r) => !(r.length === 1 && r[0] === ""))
    .map((r, index) => {
      if (r.length !== header.length) {
        throw new Error(`${source}: row ${index + 2} has ${r.length} fields, expected ${header.length}`);
      }
      const record: Record<string, string> = {};
      header.forEach((name, j) => (record[name] = r[j]!));
      return record;
    });
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** Quotes one field as is: for CSV that a program reads back (use csvField for files people open). */
export function quoteCsv(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Quotes one field; cells that a spreadsheet would run as a formula are prefixed with an apostrophe. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && FORMULA_START.test(text) && !/^-?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return quoteCsv(text);
}

export function toCsv(header: readonly string[], rows: Iterable<readonly unknown[]>): string {
  const lines = [header.map(csvField).join(",")];
  for (const row of rows) lines.push(row.map(csvField).join(","));
  return lines.join("\n") + "\n";
}
